"""``false`` for a date, a text, an enumerated value or an object: the contract has none;
``""`` reads like ``false`` for a text; absent or ``null`` stays unknown."""

from __future__ import annotations

import json

import pytest

from cls_check.errors import RecordError
from cls_check.model import record_from_text
from cls_check.model.contract import json_schema

RECORD = """\
diagnostic: false
priorites:
  - code: P1
    constat: ""
  - code: P2
actions:
  - code: A1
    pilote: false
    echeance: false
    intitule: ""
  - code: A2
    pilote: null
objectifs_police_proximite:
  - domaine: presence
    cible: false
"""


def test_false_and_empty_text_are_known_none_absent_is_unknown() -> None:
    contract = record_from_text(RECORD, "contrat.yaml").contract
    assert contract.diagnostic is False
    assert contract.priorites is not None and contract.actions is not None
    assert contract.priorites[0].constat is False  # "" reads like false
    assert contract.priorites[1].constat is None  # absent: unknown
    first, second = contract.actions
    assert (first.pilote, first.echeance, first.intitule) == (False, False, False)
    assert (second.pilote, second.echeance) == (None, None)
    assert contract.objectifs_police_proximite is not None
    assert contract.objectifs_police_proximite[0].cible is False


def problem(text: str) -> tuple[str | None, str, str | None]:
    with pytest.raises(RecordError) as caught:
        record_from_text(text, "contrat.yaml")
    (found,) = caught.value.problems
    return found.path, found.message, found.hint


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("actions: [{echeance: 0}]", "actions[0].echeance", "une date au format AAAA-MM-JJ"),
        ("actions: [{intitule: 0}]", "actions[0].intitule", "un texte"),
        ("actions: [{pilote: 0.0}]", "actions[0].pilote", "valeurs attendues"),
        ("diagnostic: 0", "diagnostic", "une table"),
    ],
)
def test_zero_is_not_false(text: str, path: str, expected: str) -> None:
    """0 == False in Python: the loader still refuses a zero where no number is expected."""
    found_path, message, _ = problem(text)
    assert found_path == path
    assert message.startswith("valeur « 0") and expected in message


def test_the_expected_value_says_false_is_accepted() -> None:
    _, message, _ = problem("actions: [{echeance: 1998}]")
    assert message.endswith("une date au format AAAA-MM-JJ, ou false si le contrat n'en a pas")
    _, message, _ = problem("duree_mois: douze")
    assert "false" not in message


def test_problems_inside_an_object_that_may_be_false_keep_their_path() -> None:
    path, message, _ = problem("objectifs_police_proximite: [{cible: {valeur: dix}}]")
    assert path == "objectifs_police_proximite[0].cible.valeur"
    assert "attendu : un nombre" in message
    path, _, hint = problem("actions: [{pilote: gendarmrie}]")
    assert (path, hint) == ("actions[0].pilote", "Vouliez-vous dire « gendarmerie » ?")


@pytest.mark.parametrize(
    "text",
    [
        "id: false",  # an identifier, not a fact
        "territoire: {departement: false}",  # a code: its pattern refuses false
        "actions: [{indicateurs: [false]}]",  # a list says none with []
        "duree_mois: false",  # a number: 0 is a figure
    ],
)
def test_false_is_refused_where_it_says_nothing(text: str) -> None:
    problem(text)


def test_the_schema_documents_false() -> None:
    schema = json_schema()
    action = schema["$defs"]["Action"]["properties"]
    assert {"const": False, "type": "boolean"} in action["echeance"]["anyOf"]
    assert {"const": False, "type": "boolean"} in action["pilote"]["anyOf"]
    duree = json.dumps(schema["properties"]["duree_mois"])
    assert '"const": false' not in duree
