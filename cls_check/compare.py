"""``cls-check diff``: the two sides to compare, each a record to check or a JSON report.

Input: two paths, the rule set and the date of the check. Output: the
:class:`~cls_check.report.diff.ContractDiff` of each pair of contracts.

A record is checked with the rules given (the same rules and date for both sides, so that
only the record's changes show); a JSON report written by ``cls-check check -f json`` is
read back as it is — comparing two reports also shows what a change of rules did. Two
reports of several contracts are paired by file, else file name, else contract id; a
contract left without a pair is an error that names it, never silently dropped.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from pydantic import ValidationError

from cls_check.errors import ClsError
from cls_check.report.diff import ContractDiff, compare
from cls_check.report.model import ContractReport, Report
from cls_check.ruleset import RuleSet

__all__ = ["DiffError", "diff_paths"]


class DiffError(ClsError):
    """A side of the comparison could not be read or paired."""


def _json_report(path: Path) -> Report | None:
    """The report in ``path`` if it is a cls-check JSON report, else None (a record)."""
    if path.suffix.lower() != ".json":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # the record loader reports what is wrong with it
    if not (isinstance(data, dict) and "tool" in data and "contracts" in data):
        return None
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        raise DiffError(
            f"{path} : rapport JSON illisible ({error.error_count()} erreurs)"
        ) from None


def _contracts(path: Path, rule_set: RuleSet, at: datetime.date | None) -> list[ContractReport]:
    report = _json_report(path)
    if report is None:
        return [rule_set.check(path, at=at)]
    if report.errors:
        names = ", ".join(error.file for error in report.errors)
        raise DiffError(f"{path} : le rapport contient des entrées non vérifiées ({names})")
    return list(report.contracts)


_KEYS = (
    lambda contract: contract.file,
    lambda contract: Path(contract.file).name,
    lambda contract: contract.id,
)


def _pair(before: list[ContractReport], after: list[ContractReport]) -> list[tuple[int, int]]:
    """Pairs (old index, new index): same file, else same file name, else same contract id,
    each only where it designates one contract on each side."""
    pairs: list[tuple[int, int]] = []
    left, right = set(range(len(before))), set(range(len(after)))
    for key in _KEYS:
        old_keys: dict[object, list[int]] = {}
        for i in sorted(left):
            old_keys.setdefault(key(before[i]), []).append(i)
        new_keys: dict[object, list[int]] = {}
        for j in sorted(right):
            new_keys.setdefault(key(after[j]), []).append(j)
        for value, js in new_keys.items():
            olds = old_keys.get(value, [])
            if value is not None and len(js) == 1 and len(olds) == 1:
                pairs.append((olds[0], js[0]))
                left.discard(olds[0])
                right.discard(js[0])
    if left or right:
        alone = [before[i].file for i in sorted(left)] + [after[j].file for j in sorted(right)]
        raise DiffError(
            "contrats présents d'un seul côté, ou impossibles à apparier : " + ", ".join(alone)
        )
    return sorted(pairs, key=lambda pair: pair[1])


def diff_paths(
    old: Path, new: Path, rule_set: RuleSet, at: datetime.date | None
) -> tuple[ContractDiff, ...]:
    """Compare ``old`` and ``new``; :class:`~cls_check.errors.RecordError` if a record
    does not fit the format, :class:`DiffError` if the sides cannot be paired."""
    before, after = _contracts(old, rule_set, at), _contracts(new, rule_set, at)
    if len(before) == 1 and len(after) == 1:
        return (compare(before[0], after[0]),)
    return tuple(compare(before[i], after[j]) for i, j in _pair(before, after))
