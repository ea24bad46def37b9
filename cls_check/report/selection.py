"""Which findings a reviewer asked for: some requirements, some themes, some verdicts.

Input: a contract's check (plain data) and a :class:`Selection` (``--requirement``, ``--theme``,
``--only`` of ``cls-check check``). Output: the same report, narrowed.

Two kinds of narrowing, as Checkov's ``--check`` and its output filters differ:

* requirements and themes choose *what is checked*: the findings of other requirements are
  dropped, and the status, the counts and the questions are those of the selection — so
  ``--requirement SIG-02`` exits 1 only if SIG-02 is violated;
* verdicts (``--only violated``) choose *what is shown*: the status and the counts stay
  those of the whole check, only the findings listed are narrowed (and the questions kept
  only when unknown findings are shown).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cls_check.report.questions import questions
from cls_check.report.result import ContractResult, status_of, summary_of
from cls_check.vocab import Verdict

__all__ = ["Selection", "select"]


@dataclass(frozen=True, slots=True)
class Selection:
    """Empty sets select everything."""

    requirements: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    verdicts: frozenset[Verdict] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.requirements or self.themes or self.verdicts)


def select(contract: ContractResult, selection: Selection) -> ContractResult:
    """``contract`` narrowed to ``selection`` (itself when nothing is selected)."""
    if not selection:
        return contract
    findings = contract.findings
    update: dict[str, Any] = {}
    if selection.requirements or selection.themes:
        findings = tuple(
            f
            for f in findings
            if (not selection.requirements or f.requirement in selection.requirements)
            and (not selection.themes or f.theme in selection.themes)
        )
        update.update(
            status=status_of(findings),
            summary=summary_of(findings),
            questions=questions(findings),
        )
    if selection.verdicts:
        findings = tuple(f for f in findings if f.verdict in selection.verdicts)
        if "unknown" not in selection.verdicts:
            update["questions"] = ()
    return replace(contract, **update, findings=findings)
