"""Steps of the French specifications (``features/*.feature``).

The steps are written so that legal staff can add scenarios without code: start from a
named fixture, change it in plain words (or with the generic « le champ … » steps), and
assert the verdict of a requirement and a fragment of its message.

« la date du contrôle est le AAAA-MM-JJ » fixes the day the review is made (what a rule
calls « date du contrôle », by default today), so that a scenario does not change with
time. It does not change which texts apply: as in the catalogue, that is decided by the
contract's signature date (today for an undated draft).

A scenario tagged ``@divergence`` states what the catalogue requires where the rule
currently disagrees: it is expected to fail (``xfail(strict=True)``) until the rule is
fixed, and then fails as a reminder to remove the tag.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, then, when

from cls_check import load_rules
from cls_check.report.model import ContractReport
from cls_check.specs import VERDICT_WORDS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VERDICTS = VERDICT_WORDS
STATUSES = {
    "conforme": "conforme",
    "non conforme": "non_conforme",
    "incomplet": "incomplet",
}
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class Scenario:
    """The record under test, the options of the check, and its report once made."""

    def __init__(self, record: dict[str, Any]):
        self.record = record
        self.today: datetime.date | None = None
        self._report: ContractReport | None = None

    @property
    def report(self) -> ContractReport:
        if self._report is None:
            self._report = load_rules().check(self.record, today=self.today)
        return self._report


def _steps(path: str) -> list[str | int]:
    return [int(index) if index else name for name, index in _STEP.findall(path)]


def _parent(record: dict[str, Any], path: str) -> tuple[Any, str | int]:
    *parents, last = _steps(path)
    node: Any = record
    for step in parents:
        if isinstance(step, str) and node.get(step) is None:
            node[step] = {}
        node = node[step]
    return node, last


def _load(name: str) -> dict[str, Any]:
    with (FIXTURES / f"{name}.yaml").open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return data


# ---------------------------------------------------------------- Soit


@given("le contrat de référence", target_fixture="scenario")
def reference_contract() -> Scenario:
    return Scenario(_load("contrat-exemple"))


@given(parsers.parse("le contrat « {name} »"), target_fixture="scenario")
def named_contract(name: str) -> Scenario:
    return Scenario(_load(name))


@given("un contrat vide", target_fixture="scenario")
def empty_contract() -> Scenario:
    return Scenario({})


# ---------------------------------------------------------------- Quand : mots généraux


@when(parsers.parse("le champ « {path} » est absent"))
def field_absent(scenario: Scenario, path: str) -> None:
    parent, last = _parent(scenario.record, path)
    if isinstance(last, int):
        del parent[last]
    else:
        parent.pop(last, None)


@when(parsers.parse("le champ « {path} » est vide"))
def field_empty(scenario: Scenario, path: str) -> None:
    parent, last = _parent(scenario.record, path)
    parent[last] = []


@when(parsers.parse("le champ « {path} » vaut {value}"))
def field_set(scenario: Scenario, path: str, value: str) -> None:
    parent, last = _parent(scenario.record, path)
    parent[last] = yaml.safe_load(value)


@when(parsers.parse("on ajoute à « {path} » {value}"))
def field_append(scenario: Scenario, path: str, value: str) -> None:
    parent, last = _parent(scenario.record, path)
    if parent.get(last) is None:
        parent[last] = []
    parent[last].append(yaml.safe_load(value))


@when(parsers.parse("on retire de « {path} » les éléments dont « {field} » vaut {value}"))
def field_remove(scenario: Scenario, path: str, field: str, value: str) -> None:
    parent, last = _parent(scenario.record, path)
    wanted = yaml.safe_load(value)
    parent[last] = [e for e in parent[last] if e.get(field) != wanted]


@when(parsers.parse("la date du contrôle est le {date}"))
def check_date(scenario: Scenario, date: str) -> None:
    scenario.today = datetime.date.fromisoformat(date)


# ---------------------------------------------------------------- Quand : mots du domaine


SIGNATORIES = {
    "le préfet": "prefet",
    "le préfet de police": "prefet_de_police",
    "le procureur": "procureur",
    "le recteur": "recteur",
    "l'inspecteur d'académie": "inspecteur_academie",
}


@when(parsers.re(r"(?P<role>" + "|".join(SIGNATORIES) + r") n'a pas signé"))
def not_signed(scenario: Scenario, role: str) -> None:
    scenario.record["signataires"] = [
        s for s in scenario.record["signataires"] if s.get("role") != SIGNATORIES[role]
    ]


@when(parsers.parse("le maire de la commune {insee} n'a pas signé"))
def mayor_not_signed(scenario: Scenario, insee: str) -> None:
    scenario.record["signataires"] = [
        s
        for s in scenario.record["signataires"]
        if not (s.get("role") == "maire" and s.get("commune") == insee)
    ]


@when(parsers.parse("le contrat a été signé le {date}"))
def signed_on(scenario: Scenario, date: str) -> None:
    scenario.record["statut"] = "signe"
    scenario.record["date_signature"] = date


@when("le contrat est un projet non signé")
def draft(scenario: Scenario) -> None:
    scenario.record["statut"] = "projet"
    scenario.record.pop("date_signature", None)


@when("il n'existe pas de CCPD")
def no_ccpd(scenario: Scenario) -> None:
    scenario.record["ccpd"] = {"existe": False}


def _action(scenario: Scenario, code: str) -> dict[str, Any]:
    actions = [a for a in scenario.record["actions"] if a.get("code") == code]
    assert len(actions) == 1, f"le contrat n'a pas exactement une action « {code} »"
    action: dict[str, Any] = actions[0]
    return action


@when(parsers.parse("on retire l'action « {code} »"))
def remove_action(scenario: Scenario, code: str) -> None:
    scenario.record["actions"].remove(_action(scenario, code))


@when(parsers.parse("pour l'action « {code} », le champ « {name} » vaut {value}"))
def action_field_set(scenario: Scenario, code: str, name: str, value: str) -> None:
    _action(scenario, code)[name] = yaml.safe_load(value)


@when(parsers.parse("pour l'action « {code} », le champ « {name} » est absent"))
def action_field_absent(scenario: Scenario, code: str, name: str) -> None:
    _action(scenario, code).pop(name, None)


@when(
    parsers.re(r"pour l'action « (?P<code>[^»]+) », le contrat n'a pas (de |d')« (?P<name>\w+) »")
)
def action_has_none(scenario: Scenario, code: str, name: str) -> None:
    """``false``: the contract states that the action has none (no pilot, no deadline)."""
    _action(scenario, code)[name] = False


@when(parsers.parse("pour l'action « {code} », le champ « {name} » est vide"))
def action_field_empty(scenario: Scenario, code: str, name: str) -> None:
    _action(scenario, code)[name] = []


# ---------------------------------------------------------------- Alors


@then(parsers.parse("l'exigence {requirement} est {verdict}"))
def requirement_verdict(scenario: Scenario, requirement: str, verdict: str) -> None:
    finding = scenario.report.finding(requirement)
    assert finding.verdict == VERDICTS[verdict], (
        f"{requirement} : {finding.verdict} ({finding.message})"
    )


@then(parsers.parse("le message de {requirement} mentionne « {fragment} »"))
def message_mentions(scenario: Scenario, requirement: str, fragment: str) -> None:
    message = scenario.report.finding(requirement).message
    assert fragment in message, message


@then(parsers.parse("le contrat est {status}"))
def contract_status(scenario: Scenario, status: str) -> None:
    assert scenario.report.status == STATUSES[status], scenario.report.status


def _verdicts(scenario: Scenario) -> str:
    return "\n".join(
        f"{f.requirement} : {f.verdict} ({f.message})" for f in scenario.report.findings
    )


@then("aucune exigence n'est violée")
def nothing_violated(scenario: Scenario) -> None:
    violated = [f.requirement for f in scenario.report.findings if f.verdict == "violated"]
    assert not violated, _verdicts(scenario)


@then("chaque exigence est satisfaite ou non applicable")
def everything_met(scenario: Scenario) -> None:
    verdicts = {f.verdict for f in scenario.report.findings}
    assert verdicts <= {"satisfied", "not_applicable"}, _verdicts(scenario)


@then(parsers.parse("seules des exigences du thème « {theme} » sont violées"))
def only_theme_violated(scenario: Scenario, theme: str) -> None:
    themes = {f.theme for f in scenario.report.findings if f.verdict == "violated"}
    assert themes == {theme}, _verdicts(scenario)


def pytest_bdd_apply_tag(tag: str, function: Callable[..., object]) -> bool | None:
    """``@divergence``: the scenario says what the catalogue requires and the rule does not
    do yet; it must fail until the rule is fixed (then the tag is removed)."""
    if tag != "divergence":
        return None
    pytest.mark.xfail(
        strict=True,
        raises=AssertionError,  # a missing step or a broken fixture is still an error
        reason="divergence entre la règle et le catalogue (exigences.yaml) : "
        "le scénario dit ce que le catalogue exige, la règle reste à corriger",
    )(function)
    return True


@pytest.fixture
def scenario() -> Scenario:
    """Replaced by a « Soit » step; a scenario without one fails clearly."""
    raise AssertionError("le scénario doit commencer par « Soit … »")
