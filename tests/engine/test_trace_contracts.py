"""The trace of ``explain`` agrees with the engine on generated contracts (the generator
of the backend comparison: every field absent, null, ``[]`` or a value; mutated fixtures).

Apart from ``test_trace.py`` because that generator lives in a module skipped where
durable_rules does not import.
"""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings

from cls_check.api import load_rules
from cls_check.engine.context import EvaluationContext
from cls_check.engine.trace import trace_rule
from cls_check.model import Contract
from tests.engine.builders import TODAY
from tests.test_differential import contracts


@given(contracts)
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_the_trace_gives_the_engines_verdict_on_generated_contracts(contract: Contract) -> None:
    rule_set = load_rules()
    for at in (None, datetime.date(2001, 1, 1)):
        report = rule_set.check(contract, at=at, today=TODAY)
        context = EvaluationContext.for_contract(
            signed_on=contract.date_signature, status=contract.statut, at=at, today=TODAY
        )
        for one in rule_set.rules:
            trace = trace_rule(rule_set.ir, one, contract, context)
            assert trace.verdict == report.finding(one.requirement).verdict, (one.id, at)
