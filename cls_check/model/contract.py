"""The contract record, format ``cls/1``, as a pydantic model.

Input: a mapping read from YAML or JSON (see :mod:`cls_check.model.loader`), or keyword
arguments from Python code. Output: a frozen :class:`Contract`.

Invariants (``format-contrat.md``):

* every field at every level is optional and defaults to ``None``: absent or ``null`` means
  *unknown*; a list is ``None`` (unknown) or a list, ``[]`` meaning *known: none*; ``False``
  and ``0`` are known values;
* a date, a free text, an enumerated value or a nested object also accepts ``False``: *known,
  the contract has none* (``X | Literal[False] | None``; ``""`` is read as ``False`` for a
  text). Not ``format``, nor identifiers (``id``, INSEE and département codes, whose
  pattern would refuse ``False``), nor numbers (but the quantities of the diagnostic), nor
  list items (a list says "none" with ``[]``);
* annotations stay plain (``X | None``, ``list[X] | None``, ``Literal[...] | None``, nested
  model classes, ``datetime.date``, ``int``, ``float``, ``bool``, ``str``) so that the rule
  checker can introspect ``model_fields`` and ``typing.get_args``; enumerations are the
  module-level ``Literal`` aliases below;
* every string (in lists too) is NFC-normalised; enumerated values are compared as given
  (lower-case ASCII), never folded: ``Prefet`` is an error, with a suggestion from the loader;
* unknown keys are ignored by the model; the loader reports them as warnings.

Validation is *strict* (pydantic strict mode) with two deliberate relaxations:

* dates: a ``datetime.date`` (what YAML gives for ``1998-05-14``) or a string ``AAAA-MM-JJ``
  (what JSON gives). A datetime (a date with a time), a timestamp number, ``14/05/1998`` or
  ``"12"`` are rejected;
* lists: a tuple given from Python code is accepted as a list.

Both relaxations, NFC, ``""`` as ``False`` and the refusal of ``0`` as ``False`` are applied
by :func:`cls_check.model.prepare.prepare` to the input of each object just before pydantic
validates it. The fields are read with :mod:`cls_check.model.introspect`. (The loader
validates the usual record, which needs none of this, without the per-object call:
:mod:`cls_check.model.validation`.)

Everything else is strict: ``true`` is not the number 1 nor ``"36"`` the number 36 (a numeric
string for ``duree_mois`` is rejected, the author must write the number), ``1`` is not
``true``, ``59991`` (a number) is not the INSEE code ``"59991"`` (a string), ``36.0`` is not
an integer. A number field declared ``float`` accepts integers; the quantitative data of the
diagnostic keep integers as integers (``4120`` stays ``4120``). NaN and infinities are refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cls_check.model.prepare import prepare

__all__ = [
    "PREVENTION_THEMES",
    "SUPPORTED_FORMAT",
    "Action",
    "Affectation",
    "CaracteristiqueDominante",
    "Ccpd",
    "Cible",
    "ComitePilotage",
    "Commune",
    "Contract",
    "Diagnostic",
    "DomaineProximite",
    "DomaineQuantitatif",
    "DonneesQuantitatives",
    "Evaluation",
    "FormatVersion",
    "IndicateurEvaluation",
    "InterlocuteurCommune",
    "Justice",
    "MaisonJusticeDroit",
    "MembreCcpd",
    "Moyens",
    "ObjectifPoliceProximite",
    "Partenaire",
    "Pilote",
    "Priorite",
    "QuartierPrioritaire",
    "ReseauTransport",
    "Role",
    "Signataire",
    "SourceSentiment",
    "Statut",
    "Suivi",
    "Territoire",
    "Theme",
    "TypeTerritoire",
    "Volets",
    "json_schema",
]

# --------------------------------------------------------------------------- enumerations

FormatVersion = Literal["cls/1"]
SUPPORTED_FORMAT: FormatVersion = "cls/1"

Statut = Literal["projet", "signe"]

TypeTerritoire = Literal[
    "commune", "agglomeration", "quartiers", "reseau_transport", "arrondissement"
]

Role = Literal[
    "prefet",
    "prefet_de_police",
    "ministre_interieur",
    "procureur",
    "maire",
    "president_epci",
    "recteur",
    "inspecteur_academie",
    "conseil_general",
    "conseil_regional",
    "bailleur_social",
    "organisme_social",
    "transporteur",
    "association",
    "chambre_consulaire",
    "autre",
]

Theme = Literal[
    "education_citoyennete",
    "prevention_jeunes",
    "solidarite_voisinage",
    "toxicomanie",
    "violences_urbaines",
    "securite_scolaire",
    "prevention_recidive",
    "aide_victimes",
    "mediation",
    "soutien_parents",
    "urbanisme",
    "police_proximite",
    "reponse_judiciaire",
    "transports",
    "autre",
]

#: Every theme but police_proximite, reponse_judiciaire and transports is a prevention theme.
PREVENTION_THEMES: frozenset[str] = frozenset(get_args(Theme)) - {
    "police_proximite",
    "reponse_judiciaire",
    "transports",
}

Pilote = Literal[
    "police",
    "gendarmerie",
    "justice",
    "education_nationale",
    "emploi_solidarite",
    "jeunesse_sports",
    "commune",
    "conseil_general",
    "bailleur_social",
    "transporteur",
    "association",
    "autre",
]

MembreCcpd = Literal[
    "police",
    "gendarmerie",
    "education_nationale",
    "emploi_solidarite",
    "jeunesse_sports",
    "justice",
    "commune",
    "association",
    "autre",
]

#: The keys of ``diagnostic.donnees_quantitatives`` (the fields of DonneesQuantitatives).
DomaineQuantitatif = Literal["delinquance", "incidents_scolaires", "population_exposee", "victimes"]

CaracteristiqueDominante = Literal["lieux", "horaires", "profil_auteurs"]

SourceSentiment = Literal[
    "enquete_population", "reunions_publiques", "acteurs_terrain", "institutions"
]

DomaineProximite = Literal["presence", "accueil", "plaintes", "techniques_proximite"]

# --------------------------------------------------------------------------- value formats

#: INSEE code of a commune: five digits, or 2A/2B and three digits in Corsica.
INSEE_PATTERN = r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
#: Code of a département: two or three digits (01…95, 971…976), or 2A/2B.
DEPARTEMENT_PATTERN = r"^(?:[0-9]{2,3}|2[AB])$"

#: Upper bound of counts (people, meetings, months): beyond it a figure is a typo, not a
#: count, and arithmetic on it would only carry the mistake into the report.
MAX_COUNT = 1_000_000_000

_INSEE_DOC = " Code INSEE (texte de 5 caractères, par exemple « 59991 » ; Corse : « 2A004 »)."


# --------------------------------------------------------------------------- base


class _Record(BaseModel):
    """Common configuration and input preparation of every object of the record."""

    model_config = ConfigDict(
        frozen=True,
        extra="ignore",
        strict=True,
        allow_inf_nan=False,
    )

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        """See :func:`cls_check.model.prepare.prepare`: one call per object of the record."""
        return prepare(cls, data)


#: The function behind every model's ``_prepare`` (the core schemas hold it bound to each
#: class): the validator of usual records takes it out (:mod:`cls_check.model.validation`).
PREPARE_HOOK: Any = vars(_Record)["_prepare"].__func__


# --------------------------------------------------------------------------- objects


class Commune(_Record):
    """Une commune couverte par le contrat."""

    insee: str | None = Field(
        default=None,
        pattern=INSEE_PATTERN,
        description="Code INSEE de la commune." + _INSEE_DOC + " Paris 75056 "
        "(arrondissements 75101 à 75120), Marseille 13055, Lyon 69123.",
    )
    nom: str | Literal[False] | None = Field(default=None, description="Nom de la commune.")


class QuartierPrioritaire(_Record):
    """Un quartier prioritaire (quartier sensible) désigné par le contrat."""

    nom: str | Literal[False] | None = Field(
        default=None,
        description="Nom du quartier, tel que les actions le citent dans actions[].quartiers.",
    )
    commune: str | None = Field(
        default=None,
        pattern=INSEE_PATTERN,
        description="Commune du quartier." + _INSEE_DOC,
    )


class ReseauTransport(_Record):
    """Un réseau de transport couvert par le contrat."""

    nom: str | Literal[False] | None = Field(
        default=None, description="Nom du réseau de transport."
    )
    exploitant: str | Literal[False] | None = Field(
        default=None, description="Exploitant du réseau."
    )


def _names_accepted(schema: dict[str, Any]) -> None:
    """The JSON Schema of ``reseaux_transport``: its items are objects or names."""
    for option in schema.get("anyOf", ()):
        if option.get("type") == "array":
            option["items"] = {"anyOf": [option["items"], {"type": "string"}]}


class Territoire(_Record):
    """Le territoire couvert par le contrat."""

    type: TypeTerritoire | Literal[False] | None = Field(
        default=None,
        description="Nature du territoire : commune, agglomeration (groupe de communes), "
        "quartiers (quartiers déterminés), reseau_transport, arrondissement (Paris, Marseille, "
        "Lyon).",
    )
    departement: str | None = Field(
        default=None,
        pattern=DEPARTEMENT_PATTERN,
        description="Code du département, en texte : « 59 », « 971 », « 2A ».",
    )
    communes: list[Commune] | None = Field(
        default=None,
        description="Communes couvertes par le contrat. [] : aucune commune (par exemple un "
        "contrat de réseau de transport).",
    )
    reseaux_transport: list[ReseauTransport] | None = Field(
        default=None,
        description="Réseaux de transport couverts. [] : aucun réseau de transport. Un texte "
        "seul est le nom d'un réseau : « RER D » vaut {nom: RER D}.",
        json_schema_extra=_names_accepted,
    )
    quartiers_prioritaires: list[QuartierPrioritaire] | None = Field(
        default=None,
        description="Quartiers prioritaires (quartiers sensibles) désignés par le contrat. "
        "[] : le contrat n'en désigne aucun.",
    )
    aucun_quartier_sensible: bool | None = Field(
        default=None,
        description="true : le contrat déclare explicitement qu'il n'y a pas de quartier "
        "sensible sur son territoire ; false : il ne le déclare pas.",
    )

    @field_validator("reseaux_transport", mode="before")
    @classmethod
    def _network_names(cls, value: Any) -> Any:
        """A bare string is short for ``{nom: "…"}``: ``reseaux_transport: [RER D, Tram T1]``."""
        if type(value) is list and any(isinstance(item, str) for item in value):
            return [{"nom": item} if isinstance(item, str) else item for item in value]
        return value


class Signataire(_Record):
    """Une autorité ou un organisme signataire du contrat."""

    role: Role | Literal[False] | None = Field(
        default=None,
        description="Qualité du signataire. president_epci : président d'un groupement de "
        "communes, d'un SAN ou d'une communauté ; inspecteur_academie : inspecteur d'académie.",
    )
    nom: str | Literal[False] | None = Field(
        default=None, description="Nom ou intitulé du signataire."
    )
    commune: str | None = Field(
        default=None,
        pattern=INSEE_PATTERN,
        description="Pour un maire : la commune dont il est maire." + _INSEE_DOC,
    )


class Partenaire(_Record):
    """Un partenaire associé au contrat sans en être signataire."""

    role: Role | Literal[False] | None = Field(
        default=None, description="Qualité du partenaire (mêmes valeurs que signataires[].role)."
    )
    nom: str | Literal[False] | None = Field(
        default=None, description="Nom ou intitulé du partenaire."
    )
    commune: str | None = Field(
        default=None,
        pattern=INSEE_PATTERN,
        description="Pour un maire : la commune dont il est maire." + _INSEE_DOC,
    )


class Ccpd(_Record):
    """Le conseil communal (ou intercommunal) de prévention de la délinquance."""

    existe: bool | None = Field(
        default=None, description="true : un CCPD existe sur le territoire ; false : aucun."
    )
    associe_elaboration: bool | None = Field(
        default=None, description="true : le CCPD a été associé à l'élaboration du contrat."
    )
    creation_prevue: bool | None = Field(
        default=None,
        description="S'il n'existe pas de CCPD : true si le contrat en prévoit la création.",
    )
    composition: list[MembreCcpd] | None = Field(
        default=None, description="Services et institutions représentés au CCPD."
    )


class Volets(_Record):
    """Les trois volets du diagnostic local de sécurité."""

    constat_delinquance: bool | None = Field(
        default=None, description="Le diagnostic dresse l'état de la délinquance."
    )
    sentiment_insecurite: bool | None = Field(
        default=None, description="Le diagnostic analyse le sentiment d'insécurité."
    )
    adequation_reponses: bool | None = Field(
        default=None,
        description="Le diagnostic évalue l'adéquation des réponses existantes (police, "
        "justice, prévention).",
    )


_QUANTITY_DOC = (
    " Un nombre (le domaine est chiffré ; 0 est un chiffre), false (le diagnostic ne chiffre "
    "pas ce domaine) ou null/absent (on ne sait pas)."
)


class DonneesQuantitatives(_Record):
    """Le chiffre principal retenu par le diagnostic pour chaque domaine."""

    delinquance: int | float | Literal[False] | None = Field(
        default=None, description="Délinquance (faits constatés)." + _QUANTITY_DOC
    )
    incidents_scolaires: int | float | Literal[False] | None = Field(
        default=None, description="Incidents en milieu scolaire." + _QUANTITY_DOC
    )
    population_exposee: int | float | Literal[False] | None = Field(
        default=None, description="Population exposée." + _QUANTITY_DOC
    )
    victimes: int | float | Literal[False] | None = Field(
        default=None, description="Victimes." + _QUANTITY_DOC
    )

    @field_validator("*", mode="after")
    @classmethod
    def _not_negative(cls, value: Any) -> Any:
        if value is not False and isinstance(value, int | float) and value < 0:
            raise PydanticCustomError(
                "nombre_negatif",
                "valeur « {value} » incorrecte ; attendu : un nombre positif ou nul, ou false",
                {"value": value},
            )
        return value


class Diagnostic(_Record):
    """Le diagnostic local de sécurité préalable au contrat."""

    date: dt.date | Literal[False] | None = Field(
        default=None, description="Date du diagnostic (AAAA-MM-JJ)."
    )
    auteur: str | Literal[False] | None = Field(default=None, description="Auteur du diagnostic.")
    volets: Volets | Literal[False] | None = Field(
        default=None, description="Volets traités par le diagnostic."
    )
    donnees_quantitatives: DonneesQuantitatives | Literal[False] | None = Field(
        default=None,
        description="Domaine → chiffre principal retenu (delinquance, incidents_scolaires, "
        "population_exposee, victimes).",
    )
    caracteristiques_dominantes: list[CaracteristiqueDominante] | None = Field(
        default=None,
        description="Caractéristiques dominantes de la délinquance que le diagnostic décrit : "
        "lieux, horaires, profil_auteurs.",
    )
    sources_sentiment_insecurite: list[SourceSentiment] | None = Field(
        default=None,
        description="Sources utilisées pour mesurer le sentiment d'insécurité.",
    )
    travaux_existants: list[str] | None = Field(
        default=None,
        description="Travaux déjà existants dont le diagnostic tient compte (textes libres).",
    )
    cartographie: bool | None = Field(
        default=None, description="Le diagnostic comporte une cartographie de la délinquance."
    )
    mains_courantes: bool | None = Field(
        default=None, description="Le diagnostic exploite les mains courantes."
    )
    phenomenes_intercommunaux: bool | None = Field(
        default=None,
        description="Le diagnostic relève des phénomènes de délinquance communs à plusieurs "
        "communes.",
    )


class Priorite(_Record):
    """Une priorité d'action retenue par le contrat."""

    code: str | Literal[False] | None = Field(
        default=None, description="Code de la priorité, cité par actions[].priorites (« P1 »)."
    )
    intitule: str | Literal[False] | None = Field(
        default=None, description="Intitulé de la priorité."
    )
    constat: str | Literal[False] | None = Field(
        default=None, description="Constat du diagnostic qui justifie la priorité."
    )


class Action(_Record):
    """Une action du contrat (fiche action)."""

    code: str | Literal[False] | None = Field(
        default=None, description="Code de l'action (« A1 »)."
    )
    intitule: str | Literal[False] | None = Field(default=None, description="Intitulé de l'action.")
    theme: Theme | Literal[False] | None = Field(
        default=None,
        description="Thème de l'action. Tous les thèmes sauf police_proximite, "
        "reponse_judiciaire et transports sont des thèmes de prévention.",
    )
    priorites: list[str] | None = Field(
        default=None, description="Codes des priorités (priorites[].code) que l'action sert."
    )
    quartiers: list[str] | None = Field(
        default=None,
        description="Quartiers ciblés, par leur nom (territoire.quartiers_prioritaires[].nom).",
    )
    pilote: Pilote | Literal[False] | None = Field(
        default=None, description="Service ou institution pilote."
    )
    partenaires: list[Pilote] | None = Field(
        default=None, description="Services et institutions partenaires de l'action."
    )
    echeance: dt.date | Literal[False] | None = Field(
        default=None, description="Échéance (AAAA-MM-JJ)."
    )
    indicateurs: list[str] | None = Field(
        default=None, description="Indicateurs de suivi de l'action (textes libres)."
    )


class Cible(_Record):
    """Une cible chiffrée."""

    valeur: int | float | None = Field(default=None, description="Valeur de la cible.")
    unite: str | Literal[False] | None = Field(
        default=None, description="Unité de la valeur (« heures par semaine »)."
    )


class ObjectifPoliceProximite(_Record):
    """Un objectif de police de proximité."""

    domaine: DomaineProximite | Literal[False] | None = Field(
        default=None,
        description="Domaine : presence (sur la voie publique), accueil (du public), plaintes "
        "(traitement et suites), techniques_proximite (îlotage, référents…).",
    )
    intitule: str | Literal[False] | None = Field(
        default=None, description="Intitulé de l'objectif."
    )
    cible: Cible | Literal[False] | None = Field(
        default=None,
        description="Cible chiffrée de l'objectif ; false : l'objectif n'en a pas ; null : on ne "
        "sait pas.",
    )


class Affectation(_Record):
    """Des personnes affectées à un quartier pour une mission."""

    nombre: int | None = Field(default=None, ge=0, le=MAX_COUNT, description="Nombre de personnes.")
    quartier: str | Literal[False] | None = Field(
        default=None,
        description="Quartier d'affectation (territoire.quartiers_prioritaires[].nom).",
    )
    mission: str | Literal[False] | None = Field(default=None, description="Mission confiée.")


class Moyens(_Record):
    """Les moyens nouveaux mobilisés par le contrat et leur affectation."""

    adjoints_securite: list[Affectation] | None = Field(
        default=None, description="Adjoints de sécurité recrutés et leur affectation."
    )
    agents_mediation: list[Affectation] | None = Field(
        default=None,
        description="Agents locaux de médiation sociale (emplois-jeunes) et leur affectation.",
    )
    effectifs_redeployes: list[Affectation] | None = Field(
        default=None, description="Policiers ou gendarmes redéployés et leur affectation."
    )


class InterlocuteurCommune(_Record):
    """L'interlocuteur permanent désigné dans une commune."""

    commune: str | None = Field(
        default=None, pattern=INSEE_PATTERN, description="Commune." + _INSEE_DOC
    )
    nom: str | Literal[False] | None = Field(
        default=None, description="Nom et fonction de l'interlocuteur."
    )


class MaisonJusticeDroit(_Record):
    """La maison de justice et du droit (MJD)."""

    mentionnee: bool | None = Field(
        default=None, description="Le contrat mentionne une maison de justice et du droit."
    )
    convention_integree: bool | None = Field(
        default=None,
        description="La convention de fonctionnement de la MJD est incluse dans le contrat.",
    )


class Justice(_Record):
    """Le volet justice du contrat."""

    magistrat_referent: str | Literal[False] | None = Field(
        default=None, description="Magistrat du parquet désigné comme interlocuteur permanent."
    )
    interlocuteurs_communes: list[InterlocuteurCommune] | None = Field(
        default=None,
        description="Interlocuteurs permanents désignés au sein des communes.",
    )
    maison_justice_droit: MaisonJusticeDroit | Literal[False] | None = Field(
        default=None, description="Maison de justice et du droit."
    )


class ComitePilotage(_Record):
    """Le comité de pilotage du contrat."""

    existe: bool | None = Field(
        default=None, description="true : le contrat institue un comité de pilotage."
    )
    composition: list[Role] | None = Field(
        default=None,
        description="Qualités des membres du comité (mêmes valeurs que signataires[].role).",
    )
    reunions_par_an: int | None = Field(
        default=None, ge=0, le=MAX_COUNT, description="Nombre de réunions prévues par an."
    )
    reunions: list[dt.date] | None = Field(
        default=None, description="Dates des réunions tenues (AAAA-MM-JJ)."
    )


class IndicateurEvaluation(_Record):
    """Un indicateur de l'évaluation du contrat."""

    intitule: str | Literal[False] | None = Field(
        default=None, description="Intitulé de l'indicateur."
    )
    sentiment_insecurite: bool | None = Field(
        default=None,
        description="true : l'indicateur mesure le sentiment d'insécurité.",
    )


class Evaluation(_Record):
    """L'évaluation du contrat."""

    prevue: bool | None = Field(default=None, description="Une évaluation est prévue.")
    periodicite_mois: int | None = Field(
        default=None, ge=1, le=MAX_COUNT, description="Périodicité de l'évaluation, en mois."
    )
    evaluateur: str | Literal[False] | None = Field(default=None, description="Qui évalue.")
    indicateurs: list[IndicateurEvaluation] | None = Field(
        default=None, description="Indicateurs de l'évaluation."
    )


class Suivi(_Record):
    """Le suivi et l'évaluation du contrat."""

    comite_pilotage: ComitePilotage | Literal[False] | None = Field(
        default=None, description="Comité de pilotage."
    )
    evaluation: Evaluation | Literal[False] | None = Field(default=None, description="Évaluation.")


# --------------------------------------------------------------------------- root


class Contract(_Record):
    """Contrat local de sécurité, format d'échange « cls/1 ».

    Tout champ est facultatif : absent ou null, il est inconnu ; une liste vide [] signifie
    « aucun » ; false signifie « non », ou pour une date, un texte, une valeur énumérée ou un
    objet « le contrat n'en a pas » ("" se lit comme false pour un texte). Les dates
    s'écrivent AAAA-MM-JJ, les communes par leur code INSEE (texte), les valeurs énumérées en
    minuscules sans accents. Les clés inconnues
    sont signalées comme avertissements et ignorées.
    """

    format: FormatVersion | None = Field(
        default=SUPPORTED_FORMAT,
        description="Version du format ; seule « cls/1 » existe. Absent : cls/1.",
    )
    id: str | None = Field(
        default=None, description="Identifiant stable du contrat (« cls-1998-val-de-lys »)."
    )
    intitule: str | Literal[False] | None = Field(default=None, description="Intitulé du contrat.")
    statut: Statut | Literal[False] | None = Field(
        default=None, description="projet (en cours d'élaboration) ou signe."
    )
    date_signature: dt.date | Literal[False] | None = Field(
        default=None, description="Date de signature (AAAA-MM-JJ)."
    )
    duree_mois: int | None = Field(
        default=None,
        ge=1,
        le=MAX_COUNT,
        description="Durée du contrat, en mois (un nombre entier).",
    )
    contrat_de_ville: bool | None = Field(
        default=None, description="true : un contrat de ville existe sur ce territoire."
    )
    contrat_commune_reference: str | Literal[False] | None = Field(
        default=None,
        description="Pour un contrat d'arrondissement : id du contrat portant sur l'ensemble "
        "de la commune.",
    )
    territoire: Territoire | Literal[False] | None = Field(
        default=None, description="Territoire couvert."
    )
    signataires: list[Signataire] | None = Field(
        default=None,
        description="Signataires du contrat. Un maire porte sa commune (code INSEE).",
    )
    partenaires_associes: list[Partenaire] | None = Field(
        default=None, description="Partenaires associés au contrat sans le signer."
    )
    ccpd: Ccpd | Literal[False] | None = Field(
        default=None, description="Conseil communal de prévention de la délinquance (CCPD)."
    )
    diagnostic: Diagnostic | Literal[False] | None = Field(
        default=None, description="Diagnostic local de sécurité."
    )
    priorites: list[Priorite] | None = Field(
        default=None, description="Priorités retenues à partir du diagnostic."
    )
    actions: list[Action] | None = Field(default=None, description="Actions (fiches actions).")
    objectifs_police_proximite: list[ObjectifPoliceProximite] | None = Field(
        default=None, description="Objectifs de police de proximité."
    )
    moyens: Moyens | Literal[False] | None = Field(
        default=None, description="Moyens nouveaux et leur affectation."
    )
    justice: Justice | Literal[False] | None = Field(default=None, description="Volet justice.")
    suivi: Suivi | Literal[False] | None = Field(
        default=None, description="Suivi et évaluation du contrat."
    )

    @field_validator("format", mode="before")
    @classmethod
    def _format_default(cls, value: Any) -> Any:
        # A record without format is read as cls/1, and so is an explicit null.
        return SUPPORTED_FORMAT if value is None else value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of format ``cls/1`` (printed by ``cls-check schema``)."""
    schema = Contract.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:cls-check:format:cls/1",
        **schema,
        "title": "Contrat local de sécurité — format cls/1",
    }
