"""A small record model of our own, shaped like the contract (``cls/1`` conventions: every
field ``X | None``, lists ``list[X] | None``, enumerations as ``Literal``), so that the rule
front end is tested independently of ``cls_check.model.contract``."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel

Role = Literal["prefet", "prefet_de_police", "ministre_interieur", "procureur", "maire"]
Theme = Literal["education_citoyennete", "police_proximite", "reponse_judiciaire", "autre"]


class Commune(BaseModel):
    insee: str | None = None
    nom: str | None = None


class Quartier(BaseModel):
    nom: str | None = None
    commune: str | None = None


class Territoire(BaseModel):
    type: Literal["commune", "agglomeration"] | None = None
    communes: list[Commune] | None = None
    quartiers_prioritaires: list[Quartier] | None = None


class Signataire(BaseModel):
    role: Role | None = None
    nom: str | None = None
    commune: str | None = None


class Volets(BaseModel):
    constat_delinquance: bool | None = None
    sentiment_insecurite: bool | None = None
    adequation_reponses: bool | None = None


class DonneesQuantitatives(BaseModel):
    delinquance: int | float | Literal[False] | None = None
    victimes: int | float | Literal[False] | None = None


class Diagnostic(BaseModel):
    date: datetime.date | None = None
    auteur: str | None = None
    volets: Volets | None = None
    donnees_quantitatives: DonneesQuantitatives | None = None


class Action(BaseModel):
    code: str | None = None
    theme: Theme | None = None
    quartiers: list[str] | None = None
    echeance: datetime.date | None = None


class Affectation(BaseModel):
    nombre: int | None = None
    quartier: str | None = None


class Moyens(BaseModel):
    adjoints_securite: list[Affectation] | None = None
    agents_mediation: list[Affectation] | None = None
    effectifs_redeployes: list[Affectation] | None = None


class Contrat(BaseModel):
    date_signature: datetime.date | None = None
    duree_mois: int | None = None
    territoire: Territoire | None = None
    signataires: list[Signataire] | None = None
    diagnostic: Diagnostic | None = None
    actions: list[Action] | None = None
    moyens: Moyens | None = None
