"""What changed between two checks of a contract: the requirements whose verdict moved.

Input: two :class:`~cls_check.report.model.ContractReport` (a record checked twice — an
earlier and a later draft — or two contracts read back from JSON reports). Output: a
:class:`ContractDiff`, and its French text (:func:`render_text`) or JSON (:func:`to_json`);
:func:`render` gives either for several.

A reviewer who receives a new version of a draft wants to see, in a few lines, which gaps
were closed and which appeared, not two reports of forty findings. Requirements are matched
by id; one that only one side knows (the rules changed between the two reports) is shown as
appearing or disappearing. The order is the rule files' (the new report's, then what only
the old one had).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from cls_check import vocab
from cls_check.report import labels
from cls_check.report.model import ContractReport
from cls_check.vocab import Status, Verdict

__all__ = [
    "FORMATS",
    "ContractDiff",
    "VerdictChange",
    "compare",
    "render",
    "render_text",
    "to_json",
]


@dataclass(frozen=True, slots=True)
class VerdictChange:
    """One requirement whose verdict differs (``None``: no finding on that side)."""

    requirement: str
    title: str
    force: str
    before: Verdict | None
    after: Verdict | None
    message: str
    """The new finding's message (the old one's when the requirement disappeared)."""


@dataclass(frozen=True, slots=True)
class ContractDiff:
    old_file: str
    new_file: str
    old_status: Status
    new_status: Status
    changes: tuple[VerdictChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.old_status != self.new_status


def to_json(diffs: Iterable[ContractDiff]) -> str:
    """The comparisons as a JSON list, one object per pair of contracts."""
    return json.dumps([asdict(d) for d in diffs], ensure_ascii=False, indent=2) + "\n"


def compare(old: ContractReport, new: ContractReport) -> ContractDiff:
    """The requirements whose verdict differs between ``old`` and ``new``."""
    before = {finding.requirement: finding for finding in old.findings}
    after = {finding.requirement: finding for finding in new.findings}
    order = [*after, *(requirement for requirement in before if requirement not in after)]
    changes = []
    for requirement in order:
        was, now = before.get(requirement), after.get(requirement)
        if was is not None and now is not None and was.verdict == now.verdict:
            continue
        shown = now or was
        assert shown is not None  # one side at least has it: it is in ``order``
        changes.append(
            VerdictChange(
                requirement=requirement,
                title=shown.title,
                force=shown.force,
                before=was.verdict if was is not None else None,
                after=now.verdict if now is not None else None,
                message=shown.message,
            )
        )
    return ContractDiff(old.file, new.file, old.status, new.status, tuple(changes))


def _verdict(verdict: Verdict | None) -> str:
    return vocab.VERDICT_LABELS[verdict] if verdict is not None else "absente"


def render_text(diff: ContractDiff) -> str:
    """A few French lines: the status, then one line per requirement that moved."""
    lines = [f"{labels.clean(diff.old_file)} → {labels.clean(diff.new_file)}"]
    if diff.old_status == diff.new_status:
        lines.append(f"statut : {labels.status_label(diff.new_status)} (inchangé)")
    else:
        lines.append(
            f"statut : {labels.status_label(diff.old_status)} → "
            f"{labels.status_label(diff.new_status)}"
        )
    if not diff.changes:
        lines.append("aucune exigence n'a changé de verdict.")
    for change in diff.changes:
        lines.append(
            f"{change.requirement} ({change.force}) : {_verdict(change.before)} → "
            f"{_verdict(change.after)} — {labels.clean(change.title)}"
        )
        if change.message and change.after in {"violated", "unknown"}:
            lines.append(f"    {labels.clean(change.message)}")
    return "\n".join(lines) + "\n"


#: The formats of :func:`render`, the first the default.
FORMATS = ("text", "json")


def render(diffs: Iterable[ContractDiff], format: str) -> str:
    """The comparisons in ``format`` (one of :data:`FORMATS`): the text of each one after
    the other, or one JSON list."""
    return to_json(diffs) if format == "json" else "\n".join(render_text(one) for one in diffs)
