"""Which verdicts the French specifications assert, requirement by requirement.

Input: the ``*.feature`` files of a folder (Gherkin, ``# language: fr`` or English keywords),
read by the official Gherkin parser (``gherkin-official``, the one pytest-bdd uses).
Output: the scenarios with their steps (:func:`feature_scenarios`, run by
``cls-check rules test``); every step ``l'exigence <ID> est <verdict>`` of every scenario,
as a :class:`VerdictAssertion`, and from them the number of scenarios per requirement
(:func:`scenario_counts`, shown by ``cls-check rules list``) and the verdicts each
requirement has a scenario for (:func:`covered_verdicts`, used by the coverage checks).
A file Gherkin cannot read raises :class:`FeatureFileError`, each problem in French with
its file and line.

Invariants (Gherkin's, as pytest-bdd runs the scenarios): a scenario outline counts once per
row of its examples, with ``<name>`` placeholders replaced; a background's steps belong to
every scenario after it (in its feature, or in its rule); a step « Et », « Mais » or « * »
is of the kind of the step before it; comments, tables and doc strings are never steps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from gherkin.errors import (
    AstBuilderException,
    CompositeParserException,
    NoSuchLanguageException,
    ParserError,
    ParserException,
    UnexpectedEOFException,
    UnexpectedTokenException,
)
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler, GherkinDocumentWithURI

from cls_check.errors import ClsError
from cls_check.vocab import SPECIFICATION_WORDS, Verdict

__all__ = [
    "FeatureFileError",
    "FeatureScenario",
    "ScenarioStep",
    "StepKind",
    "VerdictAssertion",
    "covered_verdicts",
    "feature_assertions",
    "feature_scenarios",
    "find_features_dir",
    "parse_feature",
    "read_scenarios",
    "scenario_counts",
]

#: What a step does: set the scene, change it, or check the result.
StepKind = Literal["given", "when", "then"]

_ASSERTION = re.compile(
    r"l'exigence (?P<requirement>\S+) est (?P<verdict>" + "|".join(SPECIFICATION_WORDS) + r")\s*$"
)
_PACKAGE = Path(__file__).resolve().parent

# Gherkin's kinds of step: « Et » already resolved to the kind before it; a first « * » is
# Unknown (None in an outline), read as setting the scene.
_KINDS: Mapping[str | None, StepKind] = {"Context": "given", "Action": "when", "Outcome": "then"}

# What Gherkin expected instead of a line, in French.
_EXPECTED = {
    "#EOF": "la fin du fichier",
    "#Language": "« # language: fr »",
    "#TagLine": "des étiquettes (@…)",
    "#FeatureLine": "« Fonctionnalité: »",
    "#RuleLine": "une règle (« Règle: »)",
    "#BackgroundLine": "un contexte (« Contexte: »)",
    "#ScenarioLine": "un scénario (« Scénario: », « Plan du scénario: »)",
    "#ExamplesLine": "des exemples (« Exemples: »)",
    "#StepLine": "une étape (Soit, Quand, Alors, Et…)",
    "#DocStringSeparator": 'un texte entre « """ »',
    "#TableRow": "une ligne de tableau (| … |)",
    "#Comment": "un commentaire (# …)",
    "#Empty": "une ligne vide",
    "#Other": "du texte",
}


class FeatureFileError(ClsError):
    """A feature file Gherkin cannot read; ``problems`` are French, ``fichier:ligne : …``."""

    def __init__(self, file: str, problems: tuple[str, ...]):
        self.file = file
        self.problems = problems
        super().__init__("\n".join(problems))


def _french(error: ParserError) -> str:
    """What Gherkin says of a line, in French (its English kept where not foreseen)."""
    english = error.args[0].split("): ", 1)[-1] if error.args else ""
    if isinstance(error, UnexpectedTokenException):
        found = re.search(r"got '(.*)'$", english)
        text = f"ligne inattendue « {found.group(1)} »" if found else "ligne inattendue"
        return f"{text} ; attendu : {_expected(english)}"
    if isinstance(error, UnexpectedEOFException):
        return f"fin de fichier inattendue ; attendu : {_expected(english)}"
    if isinstance(error, NoSuchLanguageException):
        language = english.rsplit(": ", 1)[-1]
        return f"langue inconnue « {language} » (« # language: fr » pour le français)"
    if isinstance(error, AstBuilderException) and "cell count" in english:
        return "les lignes du tableau n'ont pas toutes le même nombre de cellules"
    return f"syntaxe Gherkin invalide ({english})"


def _expected(english: str) -> str:
    listed = re.search(r"expected: ([#\w, ]+?)(?:, got '|$)", english)
    kinds = [k.strip() for k in listed.group(1).split(",")] if listed else []
    return ", ".join(_EXPECTED.get(k, k) for k in kinds) or "autre chose"


def _document(text: str, file: str) -> GherkinDocumentWithURI:
    """Gherkin's syntax tree of a feature text; :class:`FeatureFileError` if it has none."""
    try:
        parsed = Parser().parse(text)
    except ParserError as error:
        errors: list[ParserError] = (
            list(error.errors) if isinstance(error, CompositeParserException) else [error]
        )
        problems = tuple(
            f"{file}:{e.location['line']} : {_french(e)}"
            if isinstance(e, ParserException)
            else f"{file} : {_french(e)}"
            for e in errors
        )
        raise FeatureFileError(file, problems) from None
    return {**parsed, "uri": file}


def _steps(node: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every step of a feature, rule, background or scenario, at any depth."""
    yield from node.get("steps", ())
    for child in node.get("children", ()):
        for kind in ("background", "scenario", "rule"):
            if kind in child:
                yield from _steps(child[kind])


@dataclass(frozen=True, slots=True)
class VerdictAssertion:
    """One step ``l'exigence <requirement> est <verdict>`` of one scenario."""

    file: str
    line: int  # of the step
    scenario: str  # its name, placeholders of an outline replaced
    scenario_line: int  # of the scenario, or of the examples row for an outline
    requirement: str
    verdict: Verdict
    tags: tuple[str, ...]  # of the feature, rule, scenario and examples, without « @ »


@dataclass(frozen=True, slots=True)
class ScenarioStep:
    """One step of a scenario as it runs (placeholders of an outline replaced)."""

    line: int
    keyword: str  # as written: « Soit », « Et »…
    kind: StepKind  # « Et » takes the kind of the step before it
    text: str  # after the keyword


@dataclass(frozen=True, slots=True)
class FeatureScenario:
    """One scenario as it runs: an outline gives one per row of its examples."""

    file: str
    name: str  # placeholders of an outline replaced
    line: int  # of the scenario, or of the examples row for an outline
    tags: tuple[str, ...]  # of the feature, rule, scenario and examples, without « @ »
    steps: tuple[ScenarioStep, ...]  # the background's first


def feature_scenarios(text: str, file: str = "<texte>") -> tuple[FeatureScenario, ...]:
    """Every scenario of one feature text as it runs, in the order of the file.

    Raises :class:`FeatureFileError` when Gherkin cannot read the text.
    """
    document = _document(text, file)
    feature = document.get("feature") or {}
    written = {step["id"]: step for step in _steps(feature)}
    found = []
    for pickle in Compiler().compile(document):
        steps = []
        for step in pickle["steps"]:
            source = written[step["astNodeIds"][0]]
            steps.append(
                ScenarioStep(
                    line=source["location"]["line"],
                    keyword=source["keyword"].strip(),
                    kind=_KINDS.get(step.get("type"), "given"),
                    text=step["text"],
                )
            )
        found.append(
            FeatureScenario(
                file=file,
                name=pickle["name"],
                line=pickle["location"]["line"],
                tags=tuple(tag["name"].removeprefix("@") for tag in pickle["tags"]),
                steps=tuple(steps),
            )
        )
    return tuple(found)


def read_scenarios(features_dir: Path) -> tuple[FeatureScenario, ...]:
    """The scenarios of every ``*.feature`` file under ``features_dir``, by file name then
    line; files are named relative to ``features_dir``."""
    found: list[FeatureScenario] = []
    for path in sorted(features_dir.rglob("*.feature")):
        text = path.read_text(encoding="utf-8")
        found.extend(feature_scenarios(text, str(path.relative_to(features_dir))))
    return tuple(found)


def parse_feature(text: str, file: str = "<texte>") -> tuple[VerdictAssertion, ...]:
    """Every verdict assertion of one feature text, in the order of the file.

    >>> text = '''# language: fr
    ... Fonctionnalité: exemple
    ...   Scénario: SIG-02 violée — le procureur n'a pas signé
    ...     Soit le contrat de référence
    ...     Quand le procureur n'a pas signé
    ...     Alors l'exigence SIG-02 est violée
    ... '''
    >>> [(a.requirement, a.verdict) for a in parse_feature(text)]
    [('SIG-02', 'violated')]
    """
    return _assertions(feature_scenarios(text, file))


def _assertions(scenarios: Iterable[FeatureScenario]) -> tuple[VerdictAssertion, ...]:
    found: list[VerdictAssertion] = []
    for scenario in scenarios:
        for step in scenario.steps:
            match = _ASSERTION.match(step.text)
            if match:
                found.append(
                    VerdictAssertion(
                        file=scenario.file,
                        line=step.line,
                        scenario=scenario.name,
                        scenario_line=scenario.line,
                        requirement=match.group("requirement"),
                        verdict=SPECIFICATION_WORDS[match.group("verdict")],
                        tags=scenario.tags,
                    )
                )
    return tuple(found)


def feature_assertions(features_dir: Path) -> tuple[VerdictAssertion, ...]:
    """The verdict assertions of every ``*.feature`` file under ``features_dir``, by file
    name then line."""
    return _assertions(read_scenarios(features_dir))


def scenario_counts(features_dir: Path) -> dict[str, int]:
    """Number of scenarios (outline rows counted one by one) that assert a verdict of each
    requirement, by requirement id in sorted order; a requirement no scenario names is
    absent."""
    scenarios = {(a.requirement, a.file, a.scenario_line) for a in feature_assertions(features_dir)}
    counts = Counter(requirement for requirement, _, _ in scenarios)
    return dict(sorted(counts.items()))


def covered_verdicts(features_dir: Path) -> dict[str, frozenset[Verdict]]:
    """The verdicts each requirement has at least one scenario for, by requirement id."""
    covered: dict[str, set[Verdict]] = {}
    for a in feature_assertions(features_dir):
        covered.setdefault(a.requirement, set()).add(a.verdict)
    return {requirement: frozenset(v) for requirement, v in sorted(covered.items())}


def find_features_dir() -> Path | None:
    """The project's ``features/`` folder, beside the package in a source checkout or an
    editable install; ``None`` for an installed wheel, which carries no specifications."""
    candidate = _PACKAGE.parent / "features"
    return candidate if candidate.is_dir() else None
