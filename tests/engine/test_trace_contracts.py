"""The trace of ``explain`` agrees with the engine on generated contracts (the generator
of the backend comparison: every field absent, null, ``[]`` or a value; mutated fixtures).

Apart from ``test_trace.py`` because that generator lives in a module skipped where
durable_rules does not import.
"""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings

from cls_check.api import load_rules
from cls_check.model import Contract
from tests.engine.builders import assert_trace_agrees
from tests.test_differential import contracts


@given(contracts)
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_the_trace_gives_the_engines_verdict_on_generated_contracts(contract: Contract) -> None:
    assert_trace_agrees(load_rules(), contract, (None, datetime.date(2001, 1, 1)))
