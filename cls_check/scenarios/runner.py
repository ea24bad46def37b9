"""Runs French scenarios against a rule set, without a test framework.

Input: the scenarios read by :func:`cls_check.specs.read_scenarios`, a compiled
:class:`~cls_check.ruleset.RuleSet` and the folders of the contracts they start from. Output: a
:class:`RunResult` — how many passed, and each failure with the step, what was expected and
what the rules gave, in French.

Each scenario runs on a fresh :class:`~cls_check.scenarios.steps.World`; its steps are
matched against the definitions of their kind (« Soit », « Quand », « Alors »; « Et » takes
the kind of the step before), as pytest-bdd matches them. A scenario tagged ``@divergence``
is expected to fail on an assertion — what the catalogue requires and the rule does not do
yet — and is counted apart; if it passes, or fails for another reason, it is a failure.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cls_check.ruleset import RuleSet
from cls_check.scenarios.steps import StepDefinition, StepError, StepFailure, World
from cls_check.specs import FeatureScenario, ScenarioStep, StepKind, find_features_dir

__all__ = [
    "KIND_WORDS",
    "Failure",
    "RunResult",
    "default_features_dir",
    "fixture_folders",
    "mentions",
    "run_scenarios",
]

#: The keyword that introduces each kind of step.
KIND_WORDS: dict[StepKind, str] = {"given": "Soit", "when": "Quand", "then": "Alors"}
DIVERGENCE = "divergence"


@dataclass(frozen=True, slots=True)
class Failure:
    """A scenario that did not give what it says, and why, in French."""

    scenario: FeatureScenario
    step: ScenarioStep | None  # None: the scenario as a whole (a divergence that passes)
    message: str
    expected: str | None = None
    actual: str | None = None
    detail: str | None = None
    suggestions: tuple[str, ...] = ()  # known steps close to an unknown one


@dataclass(frozen=True, slots=True)
class RunResult:
    scenarios: int
    passed: int
    divergences: int  # @divergence scenarios that fail as expected
    failures: tuple[Failure, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


class _UnknownStep(StepError):
    def __init__(self, message: str, suggestions: tuple[str, ...]):
        super().__init__(message)
        self.suggestions = suggestions


def _similarity(text: str, definition: StepDefinition) -> float:
    return max(
        difflib.SequenceMatcher(None, text, candidate).ratio()
        for candidate in (definition.example, definition.shown)
    )


def _resolve(
    step: ScenarioStep, definitions: Sequence[StepDefinition]
) -> tuple[StepDefinition, dict[str, str]]:
    for definition in definitions:
        if definition.kind == step.kind:
            arguments = definition.match(step.text)
            if arguments is not None:
                return definition, arguments
    for definition in definitions:
        if definition.match(step.text) is not None:
            raise _UnknownStep(
                f"cette étape est une étape « {KIND_WORDS[definition.kind]} » : elle ne peut "
                f"pas suivre « {KIND_WORDS[step.kind]} »",
                (),
            )
    same_kind = [d for d in definitions if d.kind == step.kind]
    scored = sorted(same_kind, key=lambda d: -_similarity(step.text, d))
    close = tuple(
        f"{KIND_WORDS[d.kind]} {d.shown}" for d in scored[:3] if _similarity(step.text, d) >= 0.5
    )
    raise _UnknownStep("étape inconnue", close)


def _run_one(
    scenario: FeatureScenario, world: World, definitions: Sequence[StepDefinition]
) -> tuple[ScenarioStep, Exception] | None:
    """The step that failed and why, or None if every step passed."""
    for step in scenario.steps:
        try:
            definition, arguments = _resolve(step, definitions)
            definition.run(world, arguments)
        except (StepFailure, StepError) as error:
            return step, error
        except Exception as error:  # a bug in a step: reported, never a traceback
            return step, StepError(f"erreur interne de l'étape ({type(error).__name__} : {error})")
    return None


def _failure(scenario: FeatureScenario, step: ScenarioStep, error: Exception) -> Failure:
    if isinstance(error, StepFailure):
        return Failure(scenario, step, error.message, error.expected, error.actual, error.detail)
    suggestions = error.suggestions if isinstance(error, _UnknownStep) else ()
    return Failure(scenario, step, str(error), suggestions=suggestions)


def run_scenarios(
    scenarios: Iterable[FeatureScenario],
    rules: RuleSet,
    fixtures: tuple[Path, ...],
    definitions: Sequence[StepDefinition],
) -> RunResult:
    count = passed = divergences = 0
    failures: list[Failure] = []
    for scenario in scenarios:
        count += 1
        outcome = _run_one(scenario, World(rules, fixtures), definitions)
        divergent = DIVERGENCE in scenario.tags
        if outcome is None and not divergent:
            passed += 1
        elif outcome is None:
            failures.append(
                Failure(
                    scenario,
                    None,
                    "le scénario marqué @divergence réussit : la règle suit maintenant le "
                    "catalogue, retirez l'étiquette @divergence",
                )
            )
        elif divergent and isinstance(outcome[1], StepFailure):
            divergences += 1
        else:
            failures.append(_failure(scenario, *outcome))
    return RunResult(count, passed, divergences, tuple(failures))


def mentions(scenario: FeatureScenario, requirement: str) -> bool:
    """Whether a scenario is about a requirement: its name or one of its steps names it."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(requirement)}(?![\w-])")
    return any(pattern.search(text) for text in (scenario.name, *(s.text for s in scenario.steps)))


def default_features_dir(rules_folder: Path | None) -> Path | None:
    """Where the scenarios of a rule folder are: ``*.feature`` files in the folder itself,
    else a ``features/`` folder beside it, else the project's own (None in a wheel)."""
    if rules_folder is not None:
        if any(rules_folder.glob("*.feature")):
            return rules_folder
        beside = rules_folder.parent / "features"
        if beside.is_dir():
            return beside
    return find_features_dir()


def fixture_folders(features: Path) -> tuple[Path, ...]:
    """Where « le contrat « nom » » looks: ``fixtures/`` in or beside the scenarios' folder,
    then the project's own fixtures."""
    candidates = [features / "fixtures", features.parent / "fixtures"]
    bundled = find_features_dir()
    if bundled is not None:
        candidates.append(bundled.parent / "fixtures")
    found: dict[str, Path] = {}
    for candidate in candidates:
        if candidate.is_dir():
            found.setdefault(os.path.realpath(candidate), candidate)
    return tuple(found.values())
