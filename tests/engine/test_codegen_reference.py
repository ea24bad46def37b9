"""The generated code against a plain interpreter of the rule language, on random
expressions and records.

The interpreter below is the semantics of ``cls_check/ir/nodes.py`` written as directly as
possible — values only, one recursive function, no evidence — so that the generator's
control flow (short circuits, ``break``/``else`` of loops, hoisting of deep nesting) is
checked against something that has none.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Mapping
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cls_check.engine import codegen
from cls_check.engine.python import reference_values
from cls_check.ir import nodes as ir

TODAY = datetime.date(2026, 11, 25)
Env = Mapping[str, object]


# ---------------------------------------------------------------- the interpreter


def same(a: object, b: object) -> bool:
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


def ordered(op: Callable[[Any, Any], bool]) -> Callable[[object, object], bool]:
    return lambda a, b: not isinstance(a, bool) and not isinstance(b, bool) and op(a, b)


COMPARE: dict[str, Callable[[object, object], bool]] = {
    "=": same,
    "!=": lambda a, b: not same(a, b),
    "<": ordered(operator.lt),
    "<=": ordered(operator.le),
    ">": ordered(operator.gt),
    ">=": ordered(operator.ge),
}


def kleene_and(values: list[object]) -> object:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def kleene_or(values: list[object]) -> object:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def each(var: str, collection: ir.Expr, env: Env, record: object) -> list[Env] | None:
    elements = interpret(collection, env, record)
    if elements is None:
        return None
    return [{**env, var: e} for e in listed(elements)]


def listed(value: object) -> tuple[object, ...]:
    """A known list; one read through an object the contract does not have is empty."""
    return () if value is False else tuple(value)  # type: ignore[call-overload]


def interpret(expr: ir.Expr, env: Env, record: object) -> object:
    def v(e: ir.Expr, scope: Env = env) -> object:
        return interpret(e, scope, record)

    match expr:
        case ir.Const(value):
            return value
        case ir.CheckDate():
            return TODAY
        case ir.Root():
            return record
        case ir.Var(name):
            return env[name]
        case ir.Field(base, name):
            value = v(base)  # none (False) read through stays none
            return value if value is None or value is False else value.get(name)  # type: ignore[attr-defined]
        case ir.Project(base, name):
            value = v(base)
            if value is None:
                return None
            return tuple(r if r is None or r is False else r.get(name) for r in listed(value))  # type: ignore[attr-defined]
        case ir.Concat(parts):
            lists = [v(p) for p in parts]
            if any(x is None for x in lists):
                return None
            return tuple(e for x in lists for e in listed(x))
        case ir.ListOf(items):
            return tuple(v(i) for i in items)
        case ir.Filter(var, collection, condition):
            scopes = each(var, collection, env, record)
            if scopes is None:
                return None
            verdicts = [v(condition, s) for s in scopes]
            if any(x is None for x in verdicts):
                return None
            return tuple(s[var] for s, x in zip(scopes, verdicts, strict=True) if x)
        case ir.Not(operand):
            value = v(operand)
            return None if value is None else not value
        case ir.And(operands):
            return kleene_and([v(o) for o in operands])
        case ir.Or(operands):
            return kleene_or([v(o) for o in operands])
        case ir.Compare(op, left, right):
            a, b = v(left), v(right)
            return None if a is None or b is None else COMPARE[op](a, b)
        case ir.Member(item, collection):
            x, elements = v(item), v(collection)
            if elements is None:
                return None
            elements = listed(elements)
            if x is not None and any(e is not None and same(e, x) for e in elements):  # type: ignore[attr-defined]
                return True
            if not elements:
                return False
            return None if x is None or None in elements else False  # type: ignore[operator]
        case ir.IsKnown(operand):
            return v(operand) is not None
        case ir.Arith(op, left, right):
            a, b = v(left), v(right)
            if a is None or b is None:
                return None
            if a is False or b is False:
                return False  # arithmetic with none gives none
            if op == "/":
                return None if b == 0 else a / b  # type: ignore[operator]
            return a + b if op == "+" else a * b  # type: ignore[operator]
        case ir.Count(collection):
            elements = v(collection)
            return None if elements is None else len(listed(elements))
        case ir.ForAll(var, collection, body):
            scopes = each(var, collection, env, record)
            return None if scopes is None else kleene_and([v(body, s) for s in scopes])
        case ir.Exists(var, collection, condition) | ir.NoneOf(var, collection, condition):
            scopes = each(var, collection, env, record)
            if scopes is None:
                return None
            found = kleene_or([True if condition is None else v(condition, s) for s in scopes])
            if isinstance(expr, ir.Exists) or found is None:
                return found
            return not found
        case ir.CountWhere(var, collection, condition):
            kept = v(ir.Filter(var, collection, condition))
            return None if kept is None else len(kept)  # type: ignore[arg-type]
        case ir.SumOf(var, collection, value, condition):
            scopes = each(var, collection, env, record)
            if scopes is None:
                return None
            total, unknown = 0, False
            for scope in scopes:
                keep = True if condition is None else v(condition, scope)
                if keep is None:
                    unknown = True
                elif keep:
                    amount = v(value, scope)
                    unknown = unknown or amount is None
                    total += 0 if amount is None else amount  # type: ignore[operator]
            return None if unknown else total
    raise AssertionError(f"not generated here: {expr}")


# ---------------------------------------------------------------- random expressions
# Records: {"n", "s", "b", "items": [{"n", "s", "tags": [str]}], "autres": [...],
# "o": {"n", "s", "items": [...]}}; False is "the contract has none" (a text, the object
# "o", a number read as a quantity).

numbers = st.none() | st.integers(-2, 3)
texts = st.none() | st.just(False) | st.sampled_from(["a", "b", "É"])
elements = st.fixed_dictionaries(
    {"n": numbers, "s": texts, "tags": st.none() | st.lists(texts, max_size=3)}
)
objects = (
    st.none()
    | st.just(False)
    | st.fixed_dictionaries(
        {
            "n": numbers | st.just(False),
            "s": texts,
            "items": st.none() | st.lists(elements, max_size=3),
        }
    )
)
records = st.fixed_dictionaries(
    {
        "n": numbers | st.just(False),
        "s": texts,
        "b": st.none() | st.booleans(),
        "items": st.none() | st.lists(elements, max_size=4),
        "autres": st.none() | st.lists(elements, max_size=3),
        "o": objects,
    }
)


def root(*names: str) -> ir.Expr:
    expr: ir.Expr = ir.Root()
    for name in names:
        expr = ir.Field(expr, name)
    return expr


@st.composite
def record_lists(draw: st.DrawFn, depth: int, scope: tuple[str, ...]) -> ir.Expr:
    base = draw(st.sampled_from([root("items"), root("autres"), root("o", "items")]))
    if depth <= 0:
        return base
    choice = draw(st.sampled_from(["plain", "filter", "concat"]))
    if choice == "filter":
        var = f"x{len(scope)}"
        return ir.Filter(var, base, draw(conditions(depth - 1, (*scope, var))))
    if choice == "concat":
        return ir.Concat((base, draw(record_lists(depth - 1, scope))))
    return base


@st.composite
def numbers_of(draw: st.DrawFn, depth: int, scope: tuple[str, ...]) -> ir.Expr:
    options = ["const", "field", "count"] + (["where", "sum", "arith"] if depth > 0 else [])
    choice = draw(st.sampled_from(options))
    if choice == "const":
        return ir.Const(draw(st.integers(-1, 3)))
    if choice == "field":
        if scope:
            return ir.Field(ir.Var(draw(st.sampled_from(scope))), "n")
        return draw(st.sampled_from([root("n"), root("o", "n")]))
    if choice == "count":
        return ir.Count(draw(record_lists(depth - 1, scope)))
    var = f"x{len(scope)}"
    inner = (*scope, var)
    collection = draw(record_lists(depth - 1, scope))
    if choice == "where":
        return ir.CountWhere(var, collection, draw(conditions(depth - 1, inner)))
    if choice == "sum":
        condition = draw(st.none() | conditions(depth - 1, inner))
        return ir.SumOf(var, collection, ir.Field(ir.Var(var), "n"), condition)
    op = draw(st.sampled_from(["+", "*", "/"]))
    return ir.Arith(op, draw(numbers_of(depth - 1, scope)), draw(numbers_of(depth - 1, scope)))


@st.composite
def conditions(draw: st.DrawFn, depth: int, scope: tuple[str, ...]) -> ir.Expr:
    here: ir.Expr = ir.Var(draw(st.sampled_from(scope))) if scope else ir.Root()
    leaves = ["const", "known", "compare", "text", "member", "tags", "none"]
    nodes = ["not", "and", "or", "forall", "exists", "none_of"] if depth > 0 else []
    choice = draw(st.sampled_from(leaves + nodes))
    if choice == "const":
        return ir.Const(draw(st.booleans()))
    if choice == "known":
        return ir.IsKnown(ir.Field(here, draw(st.sampled_from(["n", "s"]))))
    if choice == "none":  # « x = aucun »
        op = draw(st.sampled_from(["=", "!="]))
        return ir.Compare(
            op, draw(st.sampled_from([ir.Field(here, "s"), root("o")])), ir.Const(False)
        )
    if choice == "compare":
        op = draw(st.sampled_from(["=", "!=", "<", "<=", ">", ">="]))
        return ir.Compare(op, draw(numbers_of(depth, scope)), draw(numbers_of(depth, scope)))
    if choice == "text":
        text = draw(st.sampled_from([ir.Field(here, "s"), root("o", "s")]))
        return ir.Compare("=", text, ir.Const(draw(st.sampled_from(["a", "É"]))))
    if choice == "member":
        literal = ir.ListOf(tuple(ir.Const(t) for t in draw(st.lists(st.sampled_from("abÉ")))))
        names = ir.Project(draw(record_lists(0, scope)), "s")
        return ir.Member(ir.Field(here, "s"), draw(st.sampled_from([literal, names])))
    if choice == "tags":  # a list of strings, in an element
        return ir.Member(ir.Const("a"), ir.Field(here, "tags")) if scope else ir.Const(True)
    if choice == "not":
        return ir.Not(draw(conditions(depth - 1, scope)))
    if choice in ("and", "or"):
        operands = tuple(draw(st.lists(conditions(depth - 1, scope), min_size=1, max_size=3)))
        return ir.And(operands) if choice == "and" else ir.Or(operands)
    var = f"x{len(scope)}"
    collection = draw(record_lists(depth - 1, scope))
    body = draw(conditions(depth - 1, (*scope, var)))
    if choice == "forall":
        return ir.ForAll(var, collection, body)
    return (ir.Exists if choice == "exists" else ir.NoneOf)(var, collection, body)


@pytest.mark.parametrize("nesting", [codegen.MAX_NESTED_LOOPS, 1])
@given(data=st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_code_computes_what_the_interpreter_does(
    nesting: int, data: st.DataObject
) -> None:
    """At nesting 1, nearly every loop is hoisted into a function of its own."""
    exprs = tuple(data.draw(st.one_of(conditions(3, ()), numbers_of(3, ()))) for _ in range(3))
    with mock.patch.object(codegen, "MAX_NESTED_LOOPS", nesting):
        compute = reference_values(ir.RuleSetIR((), (), "test", "0" * 64), exprs)
    for record in data.draw(st.lists(records, min_size=1, max_size=4)):
        expected = tuple(interpret(e, {}, record) for e in exprs)
        assert compute(record, TODAY) == expected, (exprs, record)
