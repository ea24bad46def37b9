"""Which verdicts the French specifications assert, requirement by requirement.

Input: the ``*.feature`` files of a folder (Gherkin, ``# language: fr`` or English keywords).
Output: the scenarios with their steps (:func:`feature_scenarios`, run by
``cls-check rules test``); every step ``l'exigence <ID> est <verdict>`` of every scenario,
as a :class:`VerdictAssertion`, and from them the number of scenarios per requirement
(:func:`scenario_counts`, shown by ``cls-check rules list``) and the verdicts each
requirement has a scenario for (:func:`covered_verdicts`, used by the coverage checks).

Invariants: a scenario outline counts once per row of its examples, with ``<name>``
placeholders replaced, as pytest-bdd runs it; a background's steps belong to every
scenario after it (in its feature, or in its rule); a step « Et », « Mais » or « * » is of
the kind of the step before it, as pytest-bdd reads it; comments, tables outside examples
and doc strings are never read as steps. Only the standard library is used, so that the
command line does not need the test dependencies; ``tests/test_coverage.py`` checks this
reader against the official Gherkin parser on the project's feature files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cls_check.vocab import SPECIFICATION_WORDS, Verdict

__all__ = [
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
_LANGUAGE = re.compile(r"^#\s*language\s*:\s*(?P<language>[\w-]+)\s*$")


@dataclass(frozen=True, slots=True)
class _Keywords:
    feature: tuple[str, ...]
    rule: tuple[str, ...]
    background: tuple[str, ...]
    scenario: tuple[str, ...]
    outline: tuple[str, ...]
    examples: tuple[str, ...]
    # The step keywords of each kind, longest first where one begins another…
    given: tuple[str, ...]
    when: tuple[str, ...]
    then: tuple[str, ...]
    # …and those that continue the step before (« Et », « Mais », « * »).
    continuation: tuple[str, ...]

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step keyword."""
        return (*self.given, *self.when, *self.then, *self.continuation)


# The keywords of gherkin-languages.json for the languages the project writes in.
_KEYWORDS = {
    "fr": _Keywords(
        feature=("Fonctionnalité",),
        rule=("Règle",),
        background=("Contexte",),
        scenario=("Exemple", "Scénario"),
        outline=("Plan du scénario", "Plan du Scénario"),
        examples=("Exemples",),
        given=(
            "Soit ",
            "Sachant que ",
            "Sachant qu'",
            "Sachant ",
            "Etant donné que ",
            "Etant donné qu'",
            "Etant donné ",
            "Etant donnée ",
            "Etant donnés ",
            "Etant données ",
            "Étant donné que ",
            "Étant donné qu'",
            "Étant donné ",
            "Étant donnée ",
            "Étant donnés ",
            "Étant données ",
        ),
        when=("Quand ", "Lorsque ", "Lorsqu'"),
        then=("Alors ", "Donc "),
        continuation=("* ", "Et que ", "Et qu'", "Et ", "Mais que ", "Mais qu'", "Mais "),
    ),
    "en": _Keywords(
        feature=("Feature", "Business Need", "Ability"),
        rule=("Rule",),
        background=("Background",),
        scenario=("Example", "Scenario"),
        outline=("Scenario Outline", "Scenario Template"),
        examples=("Examples", "Scenarios"),
        given=("Given ",),
        when=("When ",),
        then=("Then ",),
        continuation=("* ", "And ", "But "),
    ),
}


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


# A step as read: (line, keyword as in _Keywords, text).
_Step = tuple[int, str, str]


@dataclass(slots=True)
class _Scenario:
    name: str
    line: int
    tags: tuple[str, ...]
    background: tuple[_Step, ...]
    outline: bool
    steps: list[_Step] = field(default_factory=list)
    # For an outline: (tags, header, rows) per examples block; a row is (line, cells).
    examples: list[tuple[tuple[str, ...], list[str], list[tuple[int, list[str]]]]] = field(
        default_factory=list
    )


def _keyword(text: str, keywords: Iterable[str]) -> bool:
    return any(text.startswith(f"{k}:") for k in keywords)


def _after_colon(text: str) -> str:
    return text.split(":", 1)[1].strip()


def _cells(row: str) -> list[str]:
    inner = row.strip()[1:]
    inner = inner[:-1] if inner.endswith("|") else inner
    # Gherkin escapes: « \| » is a bar inside a cell, « \\ » a backslash.
    cells = re.split(r"(?<!\\)\|", inner)
    return [c.strip().replace("\\|", "|").replace("\\\\", "\\") for c in cells]


def _keywords(text: str) -> _Keywords:
    """The keywords of the language the feature text declares (English by default)."""
    language = "en"
    for raw in text.removeprefix("\ufeff").splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        match = _LANGUAGE.match(stripped)
        if match:
            language = match.group("language")
        if not stripped.startswith("#"):
            break
    return _KEYWORDS.get(language, _KEYWORDS["en"])


def _scenarios(text: str, kw: _Keywords) -> Iterator[_Scenario]:
    """The scenarios of one feature text, with their steps and examples, in order."""
    lines = text.removeprefix("\ufeff").splitlines()

    pending_tags: list[str] = []
    feature_tags: tuple[str, ...] = ()
    rule_tags: tuple[str, ...] = ()
    feature_background: list[_Step] = []
    rule_background: list[_Step] = []
    in_rule = False
    # What the step lines read now belong to: a background, a scenario, or nothing.
    target: list[_Step] | None = None
    current: _Scenario | None = None
    # The header and the rows of the examples block being read, if any.
    block: tuple[list[str], list[tuple[int, list[str]]]] | None = None
    docstring: str | None = None

    def finish() -> Iterator[_Scenario]:
        if current is not None:
            yield current

    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if docstring is not None:
            if stripped.startswith(docstring):
                docstring = None
            continue
        if stripped.startswith(('"""', "```")):
            docstring = stripped[:3]
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("@"):
            pending_tags.extend(
                t[1:] for t in stripped.split("#", 1)[0].split() if t.startswith("@")
            )
            continue
        if stripped.startswith("|"):
            if block is not None:
                header, rows = block
                if header:
                    rows.append((number, _cells(stripped)))
                else:
                    header.extend(_cells(stripped))
            continue
        tags, pending_tags = tuple(pending_tags), []
        if _keyword(stripped, kw.feature):
            feature_tags, target = tags, None
            continue
        if _keyword(stripped, kw.rule):
            yield from finish()
            current, block, target = None, None, None
            in_rule, rule_tags, rule_background = True, tags, []
            continue
        if _keyword(stripped, kw.background):
            yield from finish()
            current, block = None, None
            target = rule_background if in_rule else feature_background
            continue
        if _keyword(stripped, kw.examples):
            block = None
            if current is not None and current.outline:
                block = ([], [])
                current.examples.append((tags, *block))
            target = None
            continue
        outline = _keyword(stripped, kw.outline)
        if outline or _keyword(stripped, kw.scenario):
            yield from finish()
            background = tuple(feature_background) + (tuple(rule_background) if in_rule else ())
            current = _Scenario(
                name=_after_colon(stripped),
                line=number,
                tags=feature_tags + (rule_tags if in_rule else ()) + tags,
                background=background,
                outline=outline,
            )
            block, target = None, current.steps
            continue
        step = next((k for k in kw.steps if stripped.startswith(k)), None)
        if step is not None and target is not None:
            target.append((number, step, stripped[len(step) :].strip()))
        # Anything else is the free description of a feature, rule or scenario.
    yield from finish()


def _substitute(text: str, values: Mapping[str, str]) -> str:
    for name, value in values.items():
        text = text.replace(f"<{name}>", value)
    return text


def _kinds(steps: Iterable[_Step], kw: _Keywords) -> Iterator[ScenarioStep]:
    kind: StepKind = "given"
    for line, keyword, text in steps:
        if keyword in kw.given:
            kind = "given"
        elif keyword in kw.when:
            kind = "when"
        elif keyword in kw.then:
            kind = "then"
        yield ScenarioStep(line, keyword.strip(), kind, text)


def feature_scenarios(text: str, file: str = "<texte>") -> tuple[FeatureScenario, ...]:
    """Every scenario of one feature text as it runs, in the order of the file."""
    kw = _keywords(text)
    found: list[FeatureScenario] = []
    for scenario in _scenarios(text, kw):
        steps = list(scenario.background) + scenario.steps
        if not scenario.outline:
            found.append(
                FeatureScenario(
                    file, scenario.name, scenario.line, scenario.tags, tuple(_kinds(steps, kw))
                )
            )
            continue
        for tags, header, rows in scenario.examples:
            for line, cells in rows:
                values = dict(zip(header, cells, strict=False))
                instance = [(n, k, _substitute(s, values)) for n, k, s in steps]
                found.append(
                    FeatureScenario(
                        file,
                        _substitute(scenario.name, values),
                        line,
                        scenario.tags + tags,
                        tuple(_kinds(instance, kw)),
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
