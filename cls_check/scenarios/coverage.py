"""Which verdicts the rules can give that no scenario asserts.

Every requirement of the catalogue needs a rule, and every verdict its rules can reach
needs at least one scenario that asserts it: « satisfaite », « violée » and « inconnue » for
every rule, and « non applicable » when the rule has an ``applicable si`` clause or comes
into force after the earliest rule (the texts of 1999). A scenario tagged ``@divergence``
counts: it specifies the verdict the catalogue wants, even while the rule does not give it
yet. Used by ``cls-check rules test --coverage`` and by ``tests/test_coverage.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from cls_check.dsl.catalogue import CATALOGUE_FILE
from cls_check.dsl.compiler import load_catalogue
from cls_check.ir.nodes import Rule
from cls_check.resources import rules_dir
from cls_check.vocab import VERDICT_LABELS, Verdict

__all__ = ["ALWAYS", "catalogue_ids", "coverage_gaps", "reachable_verdicts"]

#: The verdicts every rule can give.
ALWAYS: frozenset[Verdict] = frozenset({"satisfied", "violated", "unknown"})


def reachable_verdicts(rules: Iterable[Rule]) -> dict[str, frozenset[Verdict]]:
    """The verdicts each requirement's rules can give, by requirement id."""
    rules = tuple(rules)
    dates = [r.in_force_from for r in rules if r.in_force_from is not None]
    earliest = min(dates, default=None)
    reachable: dict[str, set[Verdict]] = {}
    for rule in rules:
        verdicts = reachable.setdefault(rule.requirement, set(ALWAYS))
        later = (
            rule.in_force_from is not None
            and earliest is not None
            and rule.in_force_from > earliest
        )
        if rule.applicable is not None or later:
            verdicts.add("not_applicable")
    return {requirement: frozenset(v) for requirement, v in reachable.items()}


def coverage_gaps(
    catalogue: Iterable[str],
    rules: Iterable[Rule],
    covered: Mapping[str, frozenset[Verdict]],
) -> list[str]:
    """What is missing, one French line each, in catalogue order (empty: all covered)."""
    catalogue = tuple(catalogue)
    rules = tuple(rules)
    reachable = reachable_verdicts(rules)
    gaps = [
        f"{r} : aucune règle ne met en oeuvre cette exigence"
        for r in catalogue
        if r not in reachable
    ]
    gaps += [
        f"{rule.requirement} : la règle {rule.id} nomme une exigence absente du catalogue"
        for rule in rules
        if rule.requirement not in catalogue
    ]
    for requirement in catalogue:
        missing = reachable.get(requirement, frozenset()) - covered.get(requirement, frozenset())
        gaps += [
            f"{requirement} : aucun scénario « l'exigence {requirement} est {VERDICT_LABELS[v]} »"
            for v in sorted(missing)
        ]
    return gaps


def catalogue_ids(folder: Path | None = None) -> tuple[str, ...]:
    """The requirement ids of a rule folder's catalogue (its own, else the bundled one)."""
    path = folder / CATALOGUE_FILE if folder is not None else None
    if path is None or not path.is_file():
        path = rules_dir() / CATALOGUE_FILE
    return load_catalogue(path).ids()
