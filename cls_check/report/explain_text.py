"""What ``cls-check explain`` prints: one requirement's verdict on one contract, as French
text or as JSON.

Input: an :class:`Explanation`, assembled by :mod:`cls_check.explain` (the finding, the
contract's report, the trace and the line of each record path read), the rule and its text
as written in its file.
Output: text — the verdict, the evidence, the questions the finding asks, the trace
(:mod:`cls_check.report.trace_text`), the citation, then the rule — or the same as JSON
(the finding as the JSON report has it, its questions, the trace as data).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from cls_check.findings import RuleTrace
from cls_check.ir.nodes import Rule
from cls_check.report.labels import source_label
from cls_check.report.model import ContractReport, Finding, Question
from cls_check.report.trace_text import render_trace, trace_data
from cls_check.values import format_value
from cls_check.vocab import VERDICT_LABELS

__all__ = ["Explanation", "render", "render_json"]


@dataclass(frozen=True, slots=True)
class Explanation:
    """What ``explain`` found: the finding, its contract's report, the trace of the rule
    and the line of each record path the trace read."""

    finding: Finding
    report: ContractReport
    trace: RuleTrace
    lines: Mapping[str, int]  # record path → line in the file


def _questions(found: Explanation) -> list[Question]:
    """The questions whose answer would settle this requirement."""
    requirement = found.finding.requirement
    return [q for q in found.report.questions if requirement in q.requirements]


def render(found: Explanation, rule: Rule, written: str) -> str:
    """The explanation as text, ``written`` being the rule as its file has it."""
    finding = found.finding
    out = [
        f"{finding.requirement} — {finding.title}",
        f"verdict : {VERDICT_LABELS[finding.verdict]} ({finding.force})",
        f"message : {finding.message or '—'}",
        "preuves :",
    ]
    out.extend(f"  {item.path} = {format_value(item.value)}" for item in finding.evidence)
    if not finding.evidence:
        out.append("  (aucune)")
    asked = _questions(found)
    if asked:
        out.append("questions :")
        out.extend(f"  ? {question.question} ({question.path})" for question in asked)
    out.append(render_trace(found.trace, found.lines))
    out.append(f"source : {source_label(finding.source)}")
    out.append(f"  « {finding.source.quote} »")
    out.append(f"règle : {rule.span}")
    out.append(written)
    return "\n".join(out) + "\n"


def render_json(found: Explanation) -> str:
    """The finding (as the JSON report has it), the questions it asks, and the trace."""
    data = {
        "finding": found.finding.model_dump(mode="json", exclude_none=True),
        "questions": [q.model_dump(mode="json", exclude_none=True) for q in _questions(found)],
        "trace": trace_data(found.trace, found.lines),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
