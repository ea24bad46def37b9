"""The French steps of the specifications, handed to pytest-bdd.

Every step is defined once, in :mod:`cls_check.scenarios.steps` (what it matches, what it
does), and ``cls-check rules test`` runs the same definitions without pytest. Here each one
becomes a pytest-bdd step whose parser is the definition's own matcher, so that both read a
scenario the same way. The list of steps for legal staff is ``docs/etapes.md``.

A scenario tagged ``@divergence`` states what the catalogue requires where the rule
currently disagrees: it is expected to fail (``xfail(strict=True)``) until the rule is
fixed, and then fails as a reminder to remove the tag.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from cls_check import load_rules
from cls_check.scenarios.steps import StepDefinition, World, step_definitions

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_DECORATORS = {"given": given, "when": when, "then": then}


class _Matcher(parsers.StepParser):
    """A step definition's matcher, with its parts handed over as one ``arguments`` dict."""

    def __init__(self, definition: StepDefinition):
        super().__init__(definition.pattern)
        self.definition = definition

    def parse_arguments(self, name: str) -> dict[str, Any] | None:
        arguments = self.definition.match(name)
        return None if arguments is None else {"arguments": arguments}

    def is_matching(self, name: str) -> bool:
        return self.definition.match(name) is not None


def _register(definition: StepDefinition) -> None:
    def run(scenario: World, arguments: dict[str, str]) -> None:
        definition.run(scenario, arguments)

    # stacklevel 2: the step fixture goes into this module, the caller of _register.
    _DECORATORS[definition.kind](_Matcher(definition), stacklevel=2)(run)


for _definition in step_definitions():
    _register(_definition)


@pytest.fixture
def scenario() -> World:
    """The record under test; a « Soit … » step gives it its starting contract."""
    return World(load_rules(), (FIXTURES,))


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
