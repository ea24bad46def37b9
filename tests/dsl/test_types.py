"""Types read from pydantic models, and the type algebra."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from cls_check.dsl import types as T
from cls_check.model.contract import Contract
from tests.dsl.models import Contrat


class Node(BaseModel):
    """A model that refers to itself."""

    name: str | None = None
    children: list[Node] | None = None


class Odd(BaseModel):
    mapping: dict[str, int] | None = None
    mixed: str | int | None = None
    annotated: Annotated[int | None, Field(ge=0)] = None
    flag: Literal[True, False] | None = None
    days: tuple[datetime.date, ...] | None = None


def test_own_model_fields_become_rule_types() -> None:
    record = T.record_type(Contrat)
    assert record.name == "Contrat"
    assert record.fields["date_signature"] == T.DATE
    assert record.fields["duree_mois"] == T.NUMBER
    territoire = record.fields["territoire"]
    assert isinstance(territoire, T.RecordType)
    communes = territoire.fields["communes"]
    assert isinstance(communes, T.ListType)
    assert isinstance(communes.element, T.RecordType)
    assert communes.element.fields["insee"] == T.TEXT
    signataires = record.fields["signataires"]
    assert isinstance(signataires, T.ListType) and isinstance(signataires.element, T.RecordType)
    assert signataires.element.fields["role"] == T.EnumType(
        ("prefet", "prefet_de_police", "ministre_interieur", "procureur", "maire")
    )
    diagnostic = record.fields["diagnostic"]
    assert isinstance(diagnostic, T.RecordType)
    volets = diagnostic.fields["volets"]
    assert isinstance(volets, T.RecordType) and volets.fields["constat_delinquance"] == T.BOOL
    quantities = diagnostic.fields["donnees_quantitatives"]
    assert isinstance(quantities, T.RecordType)
    assert quantities.fields["delinquance"] == T.NUMBER_OR_FALSE


def test_recursive_and_unusual_annotations() -> None:
    node = T.record_type(Node)
    children = node.fields["children"]
    assert isinstance(children, T.ListType) and children.element is node
    odd = T.record_type(Odd)
    assert isinstance(odd.fields["mapping"], T.OpaqueType)
    assert isinstance(odd.fields["mixed"], T.OpaqueType)
    assert odd.fields["annotated"] == T.NUMBER
    assert odd.fields["flag"] == T.BOOL
    assert odd.fields["days"] == T.ListType(T.DATE)


def test_the_contract_model_as_rules_see_it() -> None:
    contract = T.contract_type()
    assert contract is T.contract_type()  # introspected once
    assert contract.model is Contract
    territoire = contract.fields["territoire"]
    assert isinstance(territoire, T.RecordType)
    communes = territoire.fields["communes"]
    assert isinstance(communes, T.ListType) and isinstance(communes.element, T.RecordType)
    assert communes.element.fields["insee"] == T.TEXT
    diagnostic = contract.fields["diagnostic"]
    assert isinstance(diagnostic, T.RecordType)
    quantities = diagnostic.fields["donnees_quantitatives"]
    assert isinstance(quantities, T.RecordType)
    for domain in ("delinquance", "incidents_scolaires", "population_exposee", "victimes"):
        assert quantities.fields[domain] == T.NUMBER_OR_FALSE
    signataires = contract.fields["signataires"]
    assert isinstance(signataires, T.ListType) and isinstance(signataires.element, T.RecordType)
    role = signataires.element.fields["role"]
    assert isinstance(role, T.EnumType) and "prefet_de_police" in role.values
    assert contract.fields["date_signature"] == T.DateType(none=True)
    suivi = contract.fields["suivi"]
    assert isinstance(suivi, T.RecordType)
    comite = suivi.fields["comite_pilotage"]
    assert isinstance(comite, T.RecordType)
    assert comite.fields["reunions"] == T.ListType(T.DATE)
    # No field of the contract is beyond what rules can use.
    assert not [path for path, t in _walk(contract) if isinstance(t, T.OpaqueType)]


def _walk(record: T.RecordType, prefix: str = "") -> list[tuple[str, T.Type]]:
    found: list[tuple[str, T.Type]] = []
    for name, t in record.fields.items():
        found.append((prefix + name, t))
        inner = t.element if isinstance(t, T.ListType) else t
        if isinstance(inner, T.RecordType):
            found.extend(_walk(inner, f"{prefix}{name}."))
    return found


def test_unify() -> None:
    assert T.unify(T.ANY, T.DATE) == T.DATE
    assert T.unify(T.TEXT, T.EnumType(("a",))) == T.TEXT
    assert T.unify(T.EnumType(("a",)), T.EnumType(("b",))) == T.EnumType(("a", "b"))
    assert T.unify(T.NUMBER, T.NUMBER_OR_FALSE) == T.NUMBER_OR_FALSE
    assert T.unify(T.TEXT, T.NUMBER) is None
    assert T.unify(T.ListType(T.ANY), T.ListType(T.NUMBER)) == T.ListType(T.NUMBER)
    commune = T.record_type(Contrat).fields["territoire"]
    assert isinstance(commune, T.RecordType)
    quartier = commune.fields["quartiers_prioritaires"]
    communes = commune.fields["communes"]
    assert isinstance(quartier, T.ListType) and isinstance(communes, T.ListType)
    # Different records unify to their common fields.
    joined = T.unify(quartier.element, communes.element)
    assert isinstance(joined, T.RecordType) and set(joined.fields) == {"nom"}


def test_describe_in_french() -> None:
    assert T.describe(T.DATE) == "une date"
    assert T.describe(T.ListType(T.TEXT)) == "une liste (de textes)"
    assert T.describe(T.record_type(Contrat)) == "un enregistrement Contrat"
    assert T.describe(T.NUMBER_OR_FALSE) == "un nombre ou faux"


def test_fields_that_accept_false_admit_none() -> None:
    contract = T.contract_type()
    actions = contract.fields["actions"]
    assert isinstance(actions, T.ListType) and isinstance(actions.element, T.RecordType)
    action = actions.element
    assert T.admits_none(action.fields["echeance"]) and action.fields["echeance"] == T.DateType(
        none=True
    )
    assert T.admits_none(action.fields["pilote"]) and isinstance(
        action.fields["pilote"], T.EnumType
    )
    assert action.fields["intitule"] == T.TextType(none=True)
    assert not T.admits_none(action.fields["indicateurs"])  # a list says none with []
    assert not T.admits_none(actions)  # a list item is never false
    diagnostic = contract.fields["diagnostic"]
    assert isinstance(diagnostic, T.RecordType) and diagnostic.none
    assert not T.admits_none(contract.fields["duree_mois"])  # a number: 0 is a figure
    assert not T.admits_none(contract.fields["contrat_de_ville"])  # false is « non »
    assert not T.admits_none(contract.fields["format"])
    territoire = contract.fields["territoire"]
    assert isinstance(territoire, T.RecordType)
    assert territoire.fields["departement"] == T.TEXT  # a code: its pattern refuses false


def test_with_none_and_unify_keep_what_may_be_none() -> None:
    assert T.with_none(T.DATE) == T.DateType(none=True)
    assert T.with_none(T.BOOL) == T.BOOL
    assert T.with_none(T.ListType(T.TEXT)) == T.ListType(T.TEXT)
    assert T.unify(T.TEXT, T.TextType(none=True)) == T.TextType(none=True)
    assert T.unify(T.TextType(none=True), T.BOOL) is None
    assert T.describe(T.DateType(none=True)) == "une date ou aucune"
    assert T.describe(T.TextType(none=True)) == "un texte ou aucun"
    assert not T.is_numeric(T.NUMBER_OR_FALSE)
