"""What ``cls-check rules test`` prints: each failure, a summary, the verdicts left
uncovered — all in French, for legal staff who write scenarios, not Python.

Exit codes: 0 every scenario passes (and, with ``--coverage``, every reachable verdict has
a scenario); 1 otherwise; 2 when there is nothing to run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from cls_check.report.labels import plural
from cls_check.ruleset import RuleSet
from cls_check.scenarios.coverage import catalogue_ids, coverage_gaps
from cls_check.scenarios.runner import (
    Failure,
    RunResult,
    fixture_folders,
    mentions,
    run_scenarios,
)
from cls_check.scenarios.steps import step_definitions
from cls_check.specs import covered_verdicts, read_scenarios

__all__ = ["format_failure", "run_command", "summary"]

EXIT_OK, EXIT_FAILED, EXIT_NOTHING = 0, 1, 2


def _shown(path: Path) -> str:
    """A folder as a person would type it: relative to the working directory if inside."""
    absolute = path.resolve()
    cwd = Path.cwd().resolve()
    return os.path.relpath(absolute, cwd) if absolute.is_relative_to(cwd) else str(path)


def format_failure(failure: Failure, features: str) -> str:
    scenario = failure.scenario
    lines = [f"ÉCHEC {os.path.join(features, scenario.file)}:{scenario.line} — {scenario.name}"]
    if failure.step is not None:
        step = failure.step
        lines.append(f"  ligne {step.line} : {step.keyword} {step.text}")
    lines.append(f"  {failure.message}")
    if failure.expected is not None:
        lines.append(f"  attendu : {failure.expected} ; obtenu : {failure.actual}")
    if failure.detail:
        lines.extend(f"  {line}" for line in failure.detail.splitlines())
    if failure.suggestions:
        lines.append("  étapes proches :")
        lines.extend(f"    {s}" for s in failure.suggestions)
    if failure.suggestions or failure.message == "étape inconnue":
        lines.append("  la liste des étapes : cls-check rules test --etapes")
    return "\n".join(lines)


def summary(result: RunResult) -> str:
    """« 245 scénarios, 245 réussis, 0 en échec » (and the divergences, if any)."""
    parts = [
        plural(result.scenarios, "scénario", "scénarios"),
        plural(result.passed, "réussi", "réussis"),
        f"{len(result.failures)} en échec",
    ]
    if result.divergences:
        parts.append(
            plural(result.divergences, "divergence attendue", "divergences attendues")
            + " (@divergence)"
        )
    return ", ".join(parts)


def run_command(
    rules: RuleSet,
    rules_folder: Path | None,
    features: Path,
    requirements: Sequence[str],
    coverage: bool,
    echo: Callable[[str], None],
) -> int:
    """Run the scenarios (of ``requirements`` only, if any named) and print the outcome."""
    scenarios = read_scenarios(features)
    if requirements:
        scenarios = tuple(s for s in scenarios if any(mentions(s, r) for r in requirements))
    shown = _shown(features)
    result = run_scenarios(scenarios, rules, fixture_folders(features), step_definitions())
    for failure in result.failures:
        echo(format_failure(failure, shown) + "\n")
    echo(summary(result))
    code = EXIT_OK if result.ok else EXIT_FAILED
    if not result.scenarios:
        which = ", ".join(requirements) if requirements else "ces règles"
        echo(f"aucun scénario pour {which} dans {shown}")
        code = EXIT_FAILED if requirements else EXIT_NOTHING
    if coverage:
        wanted = set(requirements) if requirements else None
        catalogue = [r for r in catalogue_ids(rules_folder) if wanted is None or r in wanted]
        chosen = [r for r in rules.rules if wanted is None or r.requirement in wanted]
        gaps = coverage_gaps(catalogue, chosen, covered_verdicts(features))
        if gaps:
            echo("\nverdicts qu'aucun scénario n'atteint :")
            echo("\n".join(f"  {gap}" for gap in gaps))
            code = code or EXIT_FAILED
        else:
            echo("\nchaque verdict que les règles peuvent donner a son scénario.")
    return code
