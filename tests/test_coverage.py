"""The whole circular is encoded and specified.

Every requirement of the bundled catalogue (``rules/exigences.yaml``) has a rule in the
bundled rule set, every rule names a catalogued requirement, and every verdict a rule can
reach has at least one French scenario (``features/*.feature``) that asserts it — as
:mod:`cls_check.scenarios.coverage` defines it, for ``cls-check rules test --coverage``.

The reader of the feature files (:mod:`cls_check.specs`) is itself tested here, on small
texts and against the official Gherkin parser on the project's own feature files.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import pytest
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler

from cls_check import load_rules
from cls_check.dsl import load_catalogue
from cls_check.dsl.catalogue import CATALOGUE_FILE
from cls_check.ir.nodes import Rule
from cls_check.model import load_record
from cls_check.report.model import Verdict
from cls_check.resources import rules_dir
from cls_check.scenarios.coverage import ALWAYS, coverage_gaps, reachable_verdicts
from cls_check.specs import (
    FeatureFileError,
    covered_verdicts,
    feature_assertions,
    find_features_dir,
    parse_feature,
    scenario_counts,
)
from cls_check.vocab import SPECIFICATION_WORDS

FEATURES = Path(__file__).resolve().parent.parent / "features"
WORDS: dict[Verdict, str] = {verdict: word for word, verdict in SPECIFICATION_WORDS.items()}


# ---------------------------------------------------------------- the project


@pytest.fixture(scope="module")
def catalogue_ids() -> tuple[str, ...]:
    return load_catalogue(rules_dir() / CATALOGUE_FILE).ids()


@pytest.fixture(scope="module")
def rules() -> tuple[Rule, ...]:
    return load_rules().rules


def test_the_whole_circular_is_encoded_and_specified(
    catalogue_ids: tuple[str, ...], rules: tuple[Rule, ...]
) -> None:
    gaps = coverage_gaps(catalogue_ids, rules, covered_verdicts(FEATURES))
    assert not gaps, "ce qui manque :\n" + "\n".join(gaps)


def test_scenarios_name_only_catalogued_requirements(catalogue_ids: tuple[str, ...]) -> None:
    stray = [
        f"{a.file}:{a.line} {a.requirement}"
        for a in feature_assertions(FEATURES)
        if a.requirement not in catalogue_ids
    ]
    assert not stray, "scénarios sur une exigence inconnue : " + ", ".join(stray)


def test_scenario_titles_name_the_requirement_and_verdict_they_assert() -> None:
    """« SIG-03 violée — … » asserts « l'exigence SIG-03 est violée »."""
    wrong = []
    for a in feature_assertions(FEATURES):
        head, sep, _ = a.scenario.partition(" — ")
        requirement, _, word = head.partition(" ")
        if sep and requirement == a.requirement and SPECIFICATION_WORDS.get(word) != a.verdict:
            wrong.append(f"{a.file}:{a.line} « {a.scenario} » affirme {WORDS[a.verdict]}")
    assert not wrong, "\n".join(wrong)


def _pickles(path: Path) -> list[dict[str, Any]]:
    """The scenarios of a feature file as the official Gherkin parser expands them."""
    document = Parser().parse(path.read_text(encoding="utf-8"))
    document["uri"] = str(path)
    pickles: list[dict[str, Any]] = Compiler().compile(document)
    return pickles


FEATURE_FILES = sorted(FEATURES.glob("*.feature"))


@pytest.mark.parametrize("path", FEATURE_FILES, ids=lambda p: p.name)
def test_each_violation_is_shown_with_its_message(path: Path) -> None:
    """A scenario that asserts « violée » also checks a fragment of the message."""
    silent = []
    for pickle in _pickles(path):
        texts = [step["text"] for step in pickle["steps"]]
        for text in texts:
            head, _, verdict = text.partition(" est ")
            if head.startswith("l'exigence ") and verdict == "violée":
                requirement = head.split()[1]
                if not any(t.startswith(f"le message de {requirement} mentionne") for t in texts):
                    silent.append(f"« {pickle['name']} » : {requirement}")
    assert not silent, "\n".join(silent)


FIXTURES = FEATURES.parent / "fixtures"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.name)
def test_each_fixture_loads_cleanly_and_is_used(path: Path) -> None:
    loaded = load_record(path)
    assert loaded.warnings == ()
    assert path.read_text(encoding="utf-8").startswith("# "), "un commentaire dit ce qu'il illustre"
    named = "le contrat de référence" if path.stem == "contrat-exemple" else f"« {path.stem} »"
    assert any(named in f.read_text(encoding="utf-8") for f in FEATURE_FILES), (
        f"aucun scénario ne part de {path.name}"
    )


# ---------------------------------------------------------------- the test itself

SMALL = """\
# language: fr
@thème
Fonctionnalité: exemple
  Une description qui parle de l'exigence SIG-09 est violée, sans être une étape.

  Contexte:
    Soit le contrat de référence

  Scénario: SIG-02 violée — le procureur n'a pas signé
    Quand le procureur n'a pas signé
    Alors l'exigence SIG-02 est violée
    Et le message de SIG-02 mentionne « procureur »
    # Alors l'exigence SIG-07 est satisfaite
    Et l'exigence SIG-01 est satisfaite

  @divergence
  Scénario: TER-02 inconnue — avec un texte
    Quand le champ « intitule » vaut ceci :
      \"\"\"
      Alors l'exigence TER-09 est inconnue
      \"\"\"
    Alors l'exigence TER-02 est inconnue

  Plan du scénario: <id> <mot> — <cas>
    Alors l'exigence <id> est <mot>

    Exemples:
      | id     | mot            | cas    |
      | PRX-03 | non applicable | un     |
      | PRX-05 | satisfaite     | deux   |
"""


def test_the_reader_finds_exactly_the_assertions_of_a_small_feature() -> None:
    found = [(a.requirement, a.verdict) for a in parse_feature(SMALL)]
    assert found == [
        ("SIG-02", "violated"),
        ("SIG-01", "satisfied"),
        ("TER-02", "unknown"),
        ("PRX-03", "not_applicable"),
        ("PRX-05", "satisfied"),
    ]


def test_the_reader_keeps_names_lines_and_tags() -> None:
    by_requirement = {a.requirement: a for a in parse_feature(SMALL, "petit.feature")}
    ter = by_requirement["TER-02"]
    assert ter.scenario == "TER-02 inconnue — avec un texte"
    assert ter.tags == ("thème", "divergence")
    assert ter.file == "petit.feature"
    assert SMALL.splitlines()[ter.line - 1].strip() == "Alors l'exigence TER-02 est inconnue"
    assert by_requirement["PRX-03"].scenario == "PRX-03 non applicable — un"


def test_the_reader_reads_english_keywords_too() -> None:
    text = "Feature: f\n  Scenario: s\n    Given x\n    Then l'exigence SUI-01 est satisfaite\n"
    assert [(a.requirement, a.verdict) for a in parse_feature(text)] == [("SUI-01", "satisfied")]


def test_a_feature_in_an_unknown_language_is_refused_in_french() -> None:
    with pytest.raises(FeatureFileError) as raised:
        parse_feature("# language: xx\nFeature: f\n", "essai.feature")
    assert raised.value.problems == (
        "essai.feature:1 : langue inconnue « xx » (« # language: fr » pour le français)",
    )


def test_scenario_counts_counts_scenarios_not_steps(tmp_path: Path) -> None:
    (tmp_path / "a.feature").write_text(SMALL, encoding="utf-8")
    (tmp_path / "b.feature").write_text(
        "# language: fr\nFonctionnalité: b\n  Scénario: deux fois\n"
        "    Alors l'exigence SIG-02 est violée\n    Et l'exigence SIG-02 est inconnue\n",
        encoding="utf-8",
    )
    assert scenario_counts(tmp_path) == {
        "PRX-03": 1,
        "PRX-05": 1,
        "SIG-01": 1,
        "SIG-02": 2,
        "TER-02": 1,
    }
    assert covered_verdicts(tmp_path)["SIG-02"] == {"violated", "unknown"}


def _gherkin_assertions(path: Path) -> list[tuple[str, str, Verdict]]:
    found = []
    for pickle in _pickles(path):
        for step in pickle["steps"]:
            head, _, verdict = step["text"].partition(" est ")
            if head.startswith("l'exigence ") and verdict in SPECIFICATION_WORDS:
                found.append((pickle["name"], head.split()[1], SPECIFICATION_WORDS[verdict]))
    return found


@pytest.mark.parametrize("path", FEATURE_FILES, ids=lambda p: p.name)
def test_the_reader_agrees_with_the_gherkin_parser(path: Path) -> None:
    ours = [
        (a.scenario, a.requirement, a.verdict)
        for a in parse_feature(path.read_text(encoding="utf-8"), path.name)
    ]
    assert ours == _gherkin_assertions(path)


def test_the_command_line_finds_these_features() -> None:
    assert find_features_dir() == FEATURES


def test_gaps_are_listed_by_name() -> None:
    rules = load_rules().rules
    sig01 = next(r for r in rules if r.requirement == "SIG-01")
    sig05 = next(r for r in rules if r.requirement == "SIG-05")
    stray = dataclasses.replace(sig01, id="signataires.XXX-01", requirement="XXX-01")
    covered: dict[str, frozenset[Verdict]] = {
        "SIG-01": frozenset({"satisfied", "violated"}),
        "SIG-05": frozenset({"satisfied", "violated", "unknown", "not_applicable"}),
    }
    gaps = coverage_gaps(["SIG-01", "SIG-05", "SIG-02"], [sig01, sig05, stray], covered)
    assert gaps == [
        "SIG-02 : aucune règle ne met en oeuvre cette exigence",
        "XXX-01 : la règle signataires.XXX-01 nomme une exigence absente du catalogue",
        "SIG-01 : aucun scénario « l'exigence SIG-01 est inconnue »",
    ]


def test_not_applicable_is_reachable_only_through_a_condition_or_a_later_date() -> None:
    rules = load_rules().rules
    sig01 = next(r for r in rules if r.requirement == "SIG-01")
    sig03 = next(r for r in rules if r.requirement == "SIG-03")
    sig05 = next(r for r in rules if r.requirement == "SIG-05")
    reachable = reachable_verdicts([sig01, sig03, sig05])
    assert reachable["SIG-01"] == ALWAYS
    assert reachable["SIG-03"] == ALWAYS | {"not_applicable"}  # applicable si …
    assert reachable["SIG-05"] == ALWAYS | {"not_applicable"}  # en vigueur le 1999-06-15
    assert sig05.in_force_from == datetime.date(1999, 6, 15)
