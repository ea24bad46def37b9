"""The trace of ``explain`` reaches the verdict the engine gives.

The trace is a second evaluator (a tree walker, for one rule): it must agree with the
generated code on every rule of the bundled set, on every fixture at several dates, and on
random rules (random applicable / inconnu si / sauf si conditions) over random records.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cls_check.api import load_rules
from cls_check.engine.context import EvaluationContext
from cls_check.engine.python import PythonEngine
from cls_check.engine.trace import trace_rule
from cls_check.findings import Step
from cls_check.ir import nodes as ir
from cls_check.model import load_record
from tests.engine.builders import TODAY, assert_trace_agrees, path, rule
from tests.engine.test_codegen_reference import conditions, records

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.yaml"))
DATES = (None, datetime.date(1998, 6, 1), datetime.date(2001, 1, 1), datetime.date(2026, 11, 25))


def _loadable(file: Path) -> bool:
    try:
        load_record(str(file))
    except Exception:
        return False
    return True


@pytest.mark.parametrize("file", [f for f in FIXTURES if _loadable(f)], ids=lambda f: f.name)
def test_the_trace_gives_the_engines_verdict_on_every_fixture(file: Path) -> None:
    assert_trace_agrees(load_rules(), load_record(str(file)).contract, DATES)


@st.composite
def random_rules(draw: st.DrawFn) -> ir.Rule:
    condition = conditions(2, ())
    exceptions = tuple(
        ir.Exception_(ir.Condition(draw(condition), "exception"), ir.Requirement(e, (), None))
        for e in draw(st.lists(condition, max_size=2))
    )
    return rule(
        draw(condition),
        applicable=draw(st.none() | condition),
        unknown_if=draw(st.none() | condition),
        exceptions=exceptions,
        otherwise=(ir.ConditionalMessage(draw(condition), ir.Message(("m",))),),
    )


@given(one=random_rules(), record_list=st.lists(records, min_size=1, max_size=3))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_trace_gives_the_engines_verdict_on_random_rules(
    one: ir.Rule, record_list: list[dict[str, object]]
) -> None:
    """Each rule also without its applicable si, its inconnu si, its exceptions: an
    unknown one would otherwise hide what follows it."""
    variants = (
        one,
        dataclasses.replace(one, applicable=None),
        dataclasses.replace(one, applicable=None, unknown_if=None),
        dataclasses.replace(one, applicable=None, exceptions=()),
    )
    context = EvaluationContext(check_date=TODAY, reference_date=TODAY)
    for variant in variants:
        ruleset = ir.RuleSetIR((variant,), (), "test", "0" * 64)
        engine = PythonEngine(ruleset)
        for record in record_list:
            (finding,) = engine.evaluate(record, context)
            trace = trace_rule(ruleset, variant, record, context)
            assert trace.verdict == finding.verdict, (variant, record)


def _steps(step: Step) -> list[Step]:
    return [step, *(s for child in step.children for s in _steps(child))]


def test_an_unknown_sub_condition_is_shown_unknown_with_the_path_it_lacked() -> None:
    """« n >= 1 et s = "a" » with n missing: the comparison on n is unknown, the text one
    is true, and the value read is n, unknown."""
    condition = ir.And(
        (ir.Compare(">=", path("n"), ir.Const(1)), ir.Compare("=", path("s"), ir.Const("a")))
    )
    one = rule(condition)
    ruleset = ir.RuleSetIR((one,), (), "test", "0" * 64)
    context = EvaluationContext(check_date=TODAY, reference_date=TODAY)
    trace = trace_rule(ruleset, one, {"s": "a"}, context)
    assert trace.verdict == "unknown"
    (clause,) = trace.clauses
    by_text = {s.text: s for s in _steps(clause.step)}
    assert by_text["n >= 1"].value is None
    assert [(r.path, r.value) for r in by_text["n >= 1"].reads] == [("n", None)]
    assert by_text['s = "a"'].value is True
