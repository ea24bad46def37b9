"""Hand-built IR for engine tests: no parser involved, so a failure points at the engine."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from cls_check.engine.context import EvaluationContext
from cls_check.engine.python import PythonEngine
from cls_check.engine.trace import trace_rule
from cls_check.errors import Span
from cls_check.findings import Finding
from cls_check.ir import nodes as ir
from cls_check.model import Contract
from cls_check.ruleset import RuleSet

SPAN = Span("test.cls", 1, 1, 1, 2)
TODAY = datetime.date(2026, 11, 25)


def path(*names: str) -> ir.Expr:
    expr: ir.Expr = ir.Root()
    for name in names:
        expr = ir.Field(expr, name)
    return expr


def var(name: str, *fields: str) -> ir.Expr:
    expr: ir.Expr = ir.Var(name)
    for f in fields:
        expr = ir.Field(expr, f)
    return expr


def const(value: ir.Scalar) -> ir.Const:
    return ir.Const(value)


def message(*parts: str | ir.Expr) -> ir.Message:
    return ir.Message(parts)


def rule(
    expr: ir.Expr,
    *,
    otherwise: tuple[ir.ConditionalMessage, ...] = (),
    applicable: ir.Expr | None = None,
    unknown_if: ir.Expr | None = None,
    exceptions: tuple[ir.Exception_, ...] = (),
    in_force_from: datetime.date | None = None,
    note: ir.Message | None = None,
    requirement: str = "TST-01",
    force: ir.Force = "obligation",
) -> ir.Rule:
    return ir.Rule(
        id=f"test.{requirement}",
        requirement=requirement,
        title="Exigence de test",
        theme="test",
        force=force,
        source=ir.Source(
            "I.1",
            "citation",
            1997,
            "circulaire du 28 octobre 1997",
            "circulaire-1997",
            "primaire",
            None,
        ),
        in_force_from=in_force_from,
        applicable=ir.Condition(applicable, "condition") if applicable is not None else None,
        unknown_if=ir.Condition(unknown_if, "inconnu") if unknown_if is not None else None,
        general=ir.Requirement(expr, otherwise, note),
        exceptions=exceptions,
        span=SPAN,
    )


def evaluate(
    rules: ir.Rule | tuple[ir.Rule, ...],
    record: object,
    *,
    definitions: tuple[tuple[str, ir.Expr], ...] = (),
    reference: datetime.date | None = TODAY,
) -> Finding:
    rule_tuple = rules if isinstance(rules, tuple) else (rules,)
    engine = PythonEngine(ir.RuleSetIR(rule_tuple, definitions, "test", "0" * 64))
    context = EvaluationContext(check_date=TODAY, reference_date=reference)
    return engine.evaluate(record, context)[-1]


def assert_trace_agrees(
    rule_set: RuleSet, contract: Contract, dates: Iterable[datetime.date | None]
) -> None:
    """The trace of every rule gives the verdict the engine gives, at each date of check."""
    for at in dates:
        report = rule_set.check(contract, at=at, today=TODAY)
        context = EvaluationContext.for_contract(
            signed_on=contract.date_signature, status=contract.statut, at=at, today=TODAY
        )
        for one in rule_set.rules:
            trace = trace_rule(rule_set.ir, one, contract, context)
            assert trace.verdict == report.finding(one.requirement).verdict, (one.id, at)
