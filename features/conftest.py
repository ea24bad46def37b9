"""Steps of the French specifications (``features/*.feature``).

The steps are written so that legal staff can add scenarios without code: start from a
named fixture, change it in plain words (or with the generic « le champ … » steps), and
assert the verdict of a requirement and a fragment of its message.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, then, when

from cls_check import load_rules
from cls_check.report.model import ContractReport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VERDICTS = {
    "satisfaite": "satisfied",
    "violée": "violated",
    "inconnue": "unknown",
    "non applicable": "not_applicable",
}
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
        self.at: datetime.date | None = None
        self._report: ContractReport | None = None

    @property
    def report(self) -> ContractReport:
        if self._report is None:
            self._report = load_rules().check(self.record, at=self.at)
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
    scenario.at = datetime.date.fromisoformat(date)


# ---------------------------------------------------------------- Quand : mots du domaine


@when(parsers.re(r"(?P<role>le préfet|le procureur|le recteur) n'a pas signé"))
def not_signed(scenario: Scenario, role: str) -> None:
    roles = {"le préfet": "prefet", "le procureur": "procureur", "le recteur": "recteur"}
    scenario.record["signataires"] = [
        s for s in scenario.record["signataires"] if s.get("role") != roles[role]
    ]


@when(parsers.parse("le maire de la commune {insee} n'a pas signé"))
def mayor_not_signed(scenario: Scenario, insee: str) -> None:
    scenario.record["signataires"] = [
        s
        for s in scenario.record["signataires"]
        if not (s.get("role") == "maire" and s.get("commune") == insee)
    ]


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


@pytest.fixture
def scenario() -> Scenario:
    """Replaced by a « Soit » step; a scenario without one fails clearly."""
    raise AssertionError("le scénario doit commencer par « Soit … »")
