"""The French steps: each defined once, matched without ambiguity, documented as defined."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cls_check import load_rules
from cls_check.scenarios.doc import steps_markdown
from cls_check.scenarios.steps import (
    StepDefinition,
    StepError,
    StepFailure,
    World,
    step_definitions,
)
from cls_check.specs import find_features_dir, read_scenarios

ROOT = Path(__file__).resolve().parent.parent
DEFINITIONS = step_definitions()


def world() -> World:
    started = World(load_rules(), (ROOT / "fixtures",))
    started.start(started.fixture("contrat-exemple"))
    return started


def test_the_list_of_steps_in_the_docs_is_the_one_defined() -> None:
    written = (ROOT / "docs" / "etapes.md").read_text(encoding="utf-8")
    assert written == steps_markdown(), (
        "docs/etapes.md est en retard : cls-check rules test --etapes > docs/etapes.md"
    )


def test_the_list_of_steps_names_every_step_with_its_example() -> None:
    text = steps_markdown()
    for d in DEFINITIONS:
        assert d.example.replace("|", "\\|") in text
        assert d.doc.replace("|", "\\|") in text


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.pattern)
def test_each_example_is_its_own_step_and_no_other(definition: StepDefinition) -> None:
    matching = [
        d
        for d in DEFINITIONS
        if d.kind == definition.kind and d.match(definition.example) is not None
    ]
    assert matching == [definition]


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.pattern)
def test_each_example_runs_on_the_reference_contract(definition: StepDefinition) -> None:
    arguments = definition.match(definition.example)
    assert arguments is not None
    with contextlib.suppress(StepFailure):  # an assertion may not hold here; it ran
        definition.run(world(), arguments)


def test_every_step_of_the_project_scenarios_is_defined_once() -> None:
    features = find_features_dir()
    assert features is not None
    for scenario in read_scenarios(features):
        for step in scenario.steps:
            found = [
                d for d in DEFINITIONS if d.kind == step.kind and d.match(step.text) is not None
            ]
            assert len(found) == 1, f"{scenario.file}:{step.line} {step.text}: {found}"


def test_a_choice_accepts_only_its_words() -> None:
    (verdict,) = [d for d in DEFINITIONS if d.pattern == "l'exigence {requirement} est {verdict}"]
    assert verdict.match("l'exigence SIG-02 est non applicable") == {
        "requirement": "SIG-02",
        "verdict": "non applicable",
    }
    assert verdict.match("l'exigence SIG-02 est violé") is None
    assert verdict.shown == "l'exigence … est (satisfaite | violée | inconnue | non applicable)"


def test_a_verdict_failure_says_expected_and_actual_in_french() -> None:
    (verdict,) = [d for d in DEFINITIONS if d.pattern == "l'exigence {requirement} est {verdict}"]
    with pytest.raises(StepFailure) as caught:
        verdict.run(world(), {"requirement": "SIG-02", "verdict": "violée"})
    assert (caught.value.expected, caught.value.actual) == ("violée", "satisfaite")
    assert "attendu : violée ; obtenu : satisfaite" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("le champ « signataires[99].role » vaut maire", "n'existe pas dans ce contrat"),
        ("le champ « diagnostic.date » vaut [1,", "valeur illisible"),
        ("on retire l'action « Z9 »", "pas exactement une action « Z9 »"),
        ("la date du contrôle est le 01/02/2003", "n'est pas une date AAAA-MM-JJ"),
        ("on ajoute à « statut » maire", "n'est pas une liste"),
    ],
)
def test_a_step_that_cannot_apply_says_why_in_french(text: str, message: str) -> None:
    found = [d for d in DEFINITIONS if d.kind == "when" and d.match(text) is not None]
    assert len(found) == 1
    arguments = found[0].match(text)
    assert arguments is not None
    with pytest.raises(StepError, match=message):
        found[0].run(world(), arguments)


def test_a_missing_fixture_is_named_with_where_it_was_looked_for() -> None:
    with pytest.raises(StepError, match="« absent » est introuvable"):
        world().fixture("absent")


def test_a_change_after_a_check_is_seen_by_the_next_check() -> None:
    w = world()
    assert w.finding("SIG-02").verdict == "satisfied"
    (not_signed,) = [d for d in DEFINITIONS if d.pattern == "{role} n'a pas signé"]
    not_signed.run(w, {"role": "le procureur"})
    assert w.finding("SIG-02").verdict == "violated"


_PART = st.text(
    alphabet=st.characters(blacklist_categories=("Zs", "Cc", "Cs"), blacklist_characters="«»"),
    min_size=1,
)


@given(data=st.data())
def test_a_step_written_from_its_pattern_gives_back_its_parts(data: st.DataObject) -> None:
    """Whatever a person puts in the free parts (a word, a path, a YAML value), the step is
    recognised and each part read back as written."""
    definition = data.draw(st.sampled_from(DEFINITIONS))
    parts = {
        name: data.draw(
            st.sampled_from(definition.choices[name]) if name in definition.choices else _PART
        )
        for name in re.findall(r"\{(\w+)\}", definition.pattern)
    }
    text = definition.pattern.format(**parts)
    assert definition.match(text) == parts
    others = [d for d in DEFINITIONS if d.kind == definition.kind and d is not definition]
    assert all(other.match(text) is None for other in others), text
