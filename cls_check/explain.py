"""What ``cls-check explain`` shows: one requirement's finding on one contract, and the
trace of its rule (:mod:`cls_check.engine.trace`) with the line of each value read.

Input: a rule set, one of its rules, a record file, the date of the check. Output: an
:class:`~cls_check.report.explain_text.Explanation`, which that module renders. The finding comes
from the engine (the verdict ``check`` gives); the trace is computed apart, for this rule
only, so that ``check`` pays nothing for it.
Raises :class:`~cls_check.errors.RecordError` for a record that does not fit ``cls/1``.
"""

from __future__ import annotations

import datetime

from cls_check.engine.context import EvaluationContext
from cls_check.engine.trace import trace_rule
from cls_check.ir.nodes import Rule
from cls_check.model import load_record
from cls_check.model.loader import record_lines
from cls_check.report.explain_text import Explanation
from cls_check.report.trace_text import read_paths
from cls_check.ruleset import RuleSet


def explanation(rule_set: RuleSet, rule: Rule, file: str, at: datetime.date | None) -> Explanation:
    loaded = load_record(file)
    today = datetime.date.today()
    report = rule_set.check(loaded, at=at, today=today)
    contract = loaded.contract
    context = EvaluationContext.for_contract(
        signed_on=contract.date_signature, status=contract.statut, at=at, today=today
    )
    trace = trace_rule(rule_set.ir, rule, contract, context)
    return Explanation(
        finding=report.finding(rule.requirement),
        report=report,
        trace=trace,
        lines=record_lines(loaded.file, read_paths(trace)),
    )
