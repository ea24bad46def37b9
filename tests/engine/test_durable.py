"""The durable backend on hand-built IR: same findings as the reference, decided by durable.

No parser involved: a failure points at the encoding (``durable_encoding``) or the engine.
Skipped where durable_rules does not import (not installed, or Python 3.13+).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import sys
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

try:  # the C extension, not just the package: that is what fails on Python 3.13
    import durable.engine  # noqa: F401
except (ImportError, AttributeError) as error:  # pragma: no cover - depends on the platform
    pytest.skip(
        f"durable_rules ne s'importe pas ici ({error}) : moteur durable non testé",
        allow_module_level=True,
    )

from cls_check.engine import create_engine
from cls_check.engine import durable as durable_module
from cls_check.engine.context import EvaluationContext
from cls_check.engine.durable import DurableEngine
from cls_check.engine.durable_encoding import (
    CODE_GAP,
    MAX_CONDITION_OPERATORS,
    MAX_FACT_PROPERTIES,
    MAX_SHARD_TESTS,
    NumericCodes,
    comparisons,
    compile_layout,
    operators,
)
from cls_check.engine.python import PythonEngine
from cls_check.errors import EngineError
from cls_check.findings import Finding
from cls_check.ir import nodes as ir
from tests.engine.builders import TODAY, const, message, path, rule, var

CONTEXT = EvaluationContext(check_date=TODAY, reference_date=TODAY)


def ruleset(
    rules: ir.Rule | tuple[ir.Rule, ...], definitions: tuple[tuple[str, ir.Expr], ...] = ()
) -> ir.RuleSetIR:
    return ir.RuleSetIR(rules if isinstance(rules, tuple) else (rules,), definitions, "t", "0" * 64)


def both(
    rules: ir.Rule | tuple[ir.Rule, ...],
    record: object,
    *,
    definitions: tuple[tuple[str, ir.Expr], ...] = (),
    context: EvaluationContext = CONTEXT,
) -> tuple[Finding, ...]:
    """The durable findings, checked against the reference (findings and raw verdicts)."""
    rs = ruleset(rules, definitions)
    expected = PythonEngine(rs).evaluate(record, context)
    engine = DurableEngine(rs)
    assert engine.verdicts(record, context) == tuple(f.verdict for f in expected)
    found = engine.evaluate(record, context)
    assert found == expected
    return found


def verdict(expr: ir.Expr, record: object, **kwargs: Any) -> str:
    return both(rule(expr, **kwargs), record)[-1].verdict


# ---------------------------------------------------------------- the engine's contract


def test_create_engine_builds_the_durable_backend() -> None:
    engine = create_engine("durable", ruleset(rule(const(True))))
    assert engine.name == "durable"
    assert [f.verdict for f in engine.evaluate({}, CONTEXT)] == ["satisfied"]


def test_create_engine_explains_how_to_fix_a_missing_durable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import durable

    monkeypatch.setitem(sys.modules, "durable.engine", None)  # import raises ImportError
    monkeypatch.delattr(durable, "engine")
    monkeypatch.delitem(sys.modules, "cls_check.engine.durable")
    with pytest.raises(EngineError) as caught:
        create_engine("durable", ruleset(rule(const(True))))
    text = str(caught.value)
    assert "durable" in text and "--engine python" in text and "3.13" in text


def test_findings_are_the_references_on_the_python_engine_cases() -> None:
    signataires = [{"role": "procureur"}, {"role": "maire", "commune": "59991"}]
    has_prefet = ir.Exists(
        "s", path("signataires"), ir.Compare("=", var("s", "role"), const("prefet"))
    )
    msg = (ir.ConditionalMessage(None, message("Pas de préfet.")),)
    for record in ({}, {"signataires": []}, {"signataires": signataires}):
        both(rule(has_prefet, otherwise=msg), record)
    applies = ir.Compare(">=", ir.Count(path("territoire", "communes")), const(1))
    assert verdict(has_prefet, {"signataires": signataires}, applicable=applies) == "unknown"
    assert verdict(const(False), {}, unknown_if=ir.Not(ir.IsKnown(path("d")))) == "unknown"
    assert verdict(const(False), {"d": 0}, unknown_if=ir.Not(ir.IsKnown(path("d")))) == "violated"


def test_in_force_dates_follow_the_reference() -> None:
    late = rule(const(False), in_force_from=datetime.date(1999, 6, 15))
    early = rule(const(True), in_force_from=datetime.date(1997, 10, 30), requirement="TST-00")
    for reference in (None, datetime.date(1998, 5, 14), datetime.date(1999, 6, 15)):
        context = EvaluationContext(check_date=TODAY, reference_date=reference)
        both((early, late), {}, context=context)
        both((late, early), {}, context=context)


# ---------------------------------------------------------------- Kleene's logic


TRUTHS = (True, False, None)


def leaf(name: str) -> ir.Expr:
    return ir.Compare("=", path("v", name), const(True))


@pytest.mark.parametrize("c", TRUTHS)
@pytest.mark.parametrize("a", TRUTHS)
@pytest.mark.parametrize("p", TRUTHS)
def test_exception_folding_matches_the_reference_branching(
    c: bool | None, a: bool | None, p: bool | None
) -> None:
    """All 27 cases of one exception: condition ``c``, its requirement ``a``, general ``p``."""
    exception = ir.Exception_(ir.Condition(leaf("c"), "c"), ir.Requirement(leaf("a"), (), None))
    record = {"v": {"c": c, "a": a, "p": p}}
    both(rule(leaf("p"), exceptions=(exception,)), record)


@given(st.lists(st.sampled_from(TRUTHS), min_size=5, max_size=5))
@settings(max_examples=60, deadline=None)
def test_two_exceptions_unknown_and_known(values: list[bool | None]) -> None:
    exceptions = tuple(
        ir.Exception_(ir.Condition(leaf(f"c{i}"), "c"), ir.Requirement(leaf(f"a{i}"), (), None))
        for i in range(2)
    )
    names = ("c0", "a0", "c1", "a1", "p")
    record = {"v": dict(zip(names, values, strict=True))}
    both(rule(leaf("p"), exceptions=exceptions), record)


# ---------------------------------------------------------------- values durable must not confuse

AWKWARD: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    1,
    1.0,
    -3,
    0.5,
    1e-07,
    1e300,
    2**70,
    10**400,
    math.inf,
    float("nan"),
    "",
    "1",
    "b1",
    "u",
    "s:x",
    'guillemet " et \\ barre',
    "nul\x00",
    "É",
    unicodedata.normalize("NFD", "É"),
    datetime.date(1999, 6, 15),
    datetime.datetime(1999, 6, 15, 12, 0),
    [],
    ["a"],
    {"k": 1},
)
CONSTANTS: tuple[ir.Scalar, ...] = (
    True,
    False,
    0,
    1,
    -3,
    0.5,
    1e-07,
    2**70,
    10**400,
    "",
    "1",
    "b1",
    "u",
    "É",
    datetime.date(1999, 6, 15),
)


def both_ways(expr: ir.Expr, name: str) -> tuple[ir.Rule, ...]:
    """The leaf's true form (``expr``) and its false form (``non expr``, « inconnu si »)."""
    return (
        rule(expr, requirement=f"{name}+"),
        rule(ir.Not(expr), requirement=f"{name}-"),
        rule(const(True), unknown_if=expr, requirement=f"{name}?"),
    )


def test_equality_never_mixes_types() -> None:
    rules = tuple(
        r
        for i, c in enumerate(CONSTANTS)
        for op in ("=", "!=")
        for r in both_ways(ir.Compare(op, path("x"), const(c)), f"EQ-{i}{op}")
    )
    for value in AWKWARD:
        both(rules, {"x": value})


def test_order_with_numbers_and_dates() -> None:
    ordered: list[ir.Scalar] = [0, 1, -3, 0.5, 1e-07, 2**70, datetime.date(1999, 6, 15)]
    ordered += [False]  # « faux » is never ordered: < faux is false, not unknown

    def rules(constants: list[ir.Scalar]) -> tuple[ir.Rule, ...]:
        return tuple(
            r
            for i, c in enumerate(constants)
            for op in ("<", "<=", ">", ">=")
            for left, right in ((path("x"), const(c)), (const(c), path("x")))
            for r in both_ways(ir.Compare(op, left, right), f"ORD-{i}{op}{left == path('x')}")
        )

    numbers = rules([c for c in ordered if type(c) is not datetime.date])
    dates = rules([c for c in ordered if type(c) is datetime.date or c is False])
    for value in AWKWARD:
        if value is None or isinstance(value, bool):
            both(numbers + dates, {"x": value})
        elif isinstance(value, int | float):
            both(numbers, {"x": value})
        elif type(value) is datetime.date:
            both(dates, {"x": value})


def test_comparisons_of_two_values_and_membership() -> None:
    rules = (
        rule(ir.Compare("=", path("x"), path("y")), requirement="TST-01"),
        rule(ir.Compare("<", path("x"), path("y")), requirement="TST-02"),
        rule(ir.Member(path("x"), ir.ListOf((const("a"), path("y"), const(2)))), requirement="M"),
        rule(ir.Member(path("x"), ir.ListOf(())), requirement="TST-04"),
        rule(ir.Not(ir.Member(path("x"), ir.ListOf((const("a"),)))), requirement="TST-05"),
        rule(ir.Member(const("a"), path("l")), requirement="TST-06"),
        rule(ir.IsKnown(path("x")), requirement="TST-07"),
    )
    for x, y in [(1, 2), (2, 2), (2.0, 2), (None, 1), ("a", "a"), (True, 1), (1, None)]:
        both(rules, {"x": x, "y": y, "l": ["a", None]})
        both(rules, {"x": x, "y": y, "l": ["b"]})


# ---------------------------------------------------------------- random formulas

FIELD_VALUES = {  # each field keeps one family, so the reference never orders apples and dates
    "n": st.sampled_from([None, True, False, 0, 1, 2, 0.5, -1e-07, 1e300, 2**70, float("nan")]),
    "d": st.sampled_from(
        [
            None,
            False,
            datetime.date(1999, 6, 14),
            datetime.date(1999, 6, 15),
            datetime.date(2001, 1, 1),
        ]
    ),
    "s": st.sampled_from([None, True, "", "a", "b", "É", unicodedata.normalize("NFD", "É")]),
    "x": st.sampled_from([None, [], ["a"], {"k": 1}, "a"]),
}
FIELD_CONSTANTS: dict[str, list[ir.Scalar]] = {
    "n": [0, 1, 2, 0.5, True, False],
    "d": [datetime.date(1999, 6, 15), datetime.date(2000, 1, 1), False],
    "s": ["", "a", "É", True],
    "x": ["a", False],
}
FIELDS = {f"{family}{i}": family for family in FIELD_VALUES for i in range(2)}


@st.composite
def leaves(draw: st.DrawFn) -> ir.Expr:
    name = draw(st.sampled_from(sorted(FIELDS)))
    family = FIELDS[name]
    kind = draw(st.sampled_from(["eq", "order", "known", "member", "pair", "const"]))
    if kind == "const":
        return const(draw(st.booleans()))
    if kind == "known":
        return ir.IsKnown(path("v", name))
    if kind == "member":
        items = draw(st.lists(st.sampled_from(FIELD_CONSTANTS[family]), max_size=3))
        return ir.Member(path("v", name), ir.ListOf(tuple(const(c) for c in items)))
    if kind == "pair":
        other = draw(st.sampled_from([n for n, f in FIELDS.items() if f == family]))
        op = draw(st.sampled_from(["=", "!="] if family in "sx" else ["=", "!=", "<", ">="]))
        return ir.Compare(op, path("v", name), path("v", other))
    if kind == "order" and family in "nd":
        c = draw(st.sampled_from([c for c in FIELD_CONSTANTS[family] if c is not False]))
        op = draw(st.sampled_from(["<", "<=", ">", ">="]))
        left, right = (path("v", name), const(c))
        return ir.Compare(op, *((left, right) if draw(st.booleans()) else (right, left)))
    c = draw(st.sampled_from(FIELD_CONSTANTS[family]))
    return ir.Compare(draw(st.sampled_from(["=", "!="])), path("v", name), const(c))


def formulas(depth: int = 3) -> st.SearchStrategy[ir.Expr]:
    return st.recursive(
        leaves(),
        lambda inner: st.one_of(
            inner.map(ir.Not),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: ir.And(tuple(xs))),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: ir.Or(tuple(xs))),
        ),
        max_leaves=depth * 3,
    )


@st.composite
def random_rules(draw: st.DrawFn) -> ir.Rule:
    exceptions = tuple(
        ir.Exception_(ir.Condition(c, "c"), ir.Requirement(a, (), None))
        for c, a in draw(st.lists(st.tuples(formulas(2), formulas(2)), max_size=2))
    )
    return rule(
        draw(formulas()),
        applicable=draw(st.none() | formulas(2)),
        unknown_if=draw(st.none() | formulas(1)),
        exceptions=exceptions,
    )


records = st.fixed_dictionaries(
    {"v": st.fixed_dictionaries({n: FIELD_VALUES[f] for n, f in FIELDS.items()})}
)


@given(st.lists(random_rules(), min_size=1, max_size=4), st.lists(records, min_size=1, max_size=6))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_formulas_agree_with_the_reference(
    rules: list[ir.Rule], samples: list[dict[str, Any]]
) -> None:
    rs = ruleset(tuple(dataclasses.replace(r, id=f"r{i}") for i, r in enumerate(rules)))
    reference, engine = PythonEngine(rs), DurableEngine(rs)
    for record in samples:
        expected = reference.evaluate(record, CONTEXT)
        assert engine.verdicts(record, CONTEXT) == tuple(f.verdict for f in expected), record
        assert engine.evaluate(record, CONTEXT) == expected


# ---------------------------------------------------------------- encoding invariants


@given(st.lists(st.integers(-5, 5) | st.floats(allow_nan=False), max_size=6), st.data())
def test_numeric_codes_keep_order_and_equality(constants: list[float], data: st.DataObject) -> None:
    codes = NumericCodes(constants)
    values = data.draw(st.lists(st.integers(-10, 10) | st.floats(allow_nan=False), max_size=8))
    coded = {**{c: codes.constant(c) for c in constants}, **codes.codes(values)}
    for a in coded:
        for b in coded:
            assert (a < b) == (coded[a] < coded[b]) and (a == b) == (coded[a] == coded[b])
    assert all(isinstance(c, int) and abs(c) < 2**53 for c in coded.values())
    assert all(c >= 0 and c % CODE_GAP == 0 for c in map(codes.constant, constants))


def _conditions(layout_definition: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    def walk(node: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield key, value
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    return walk(layout_definition)


def test_durable_sees_only_positive_conditions_within_its_limits() -> None:
    big = ir.Or(
        tuple(
            ir.And((ir.Compare(">", path("v", f"a{i}"), const(i)), ir.Not(leaf(f"b{i}"))))
            for i in range(20)
        )
    )
    wide = ir.And(tuple(leaf(f"w{i}") for i in range(40)))
    rs = ruleset((rule(big, requirement="BIG"), rule(wide, requirement="WIDE")))
    layout = compile_layout(rs)
    assert [r.collapsed for r in layout.rules] == [("exige",), ("exige",)]
    for shard in layout.shards:
        assert shard.properties <= MAX_FACT_PROPERTIES
        assert sum(comparisons(m["m"]) for d in shard.definition.values() for m in d["all"]) <= (
            MAX_SHARD_TESTS
        )
        assert shard.definition["tout"] == {"all": [{"m": {"contrat": 1}}]}
        for name, definition in shard.definition.items():
            (condition,) = (m["m"] for m in definition["all"])
            assert operators(condition) <= MAX_CONDITION_OPERATORS, name
        keys = {k for k, _ in _conditions(dict(shard.definition))}
        assert not keys & {"$nex", "$ex", "$not", "count", "$iall", "$iany", "$m", "none"}
    record: dict[str, Any] = {
        "v": {f"a{i}": i + (i % 2) for i in range(20)} | {f"w{i}": True for i in range(40)}
    }
    both(rs.rules, record)
    record["v"]["w3"] = None
    both(rs.rules, record)


def test_the_fact_is_one_object_per_slot_with_string_tags() -> None:
    rs = ruleset(
        (
            rule(ir.Compare("=", path("d", "x"), const(False)), requirement="TST-01"),
            rule(ir.Compare(">=", ir.Count(path("l")), const(2)), requirement="TST-02"),
        )
    )
    layout = compile_layout(rs)
    engine = DurableEngine(rs)
    values = (0, 3)
    (_shard, fact), *_ = layout.facts(values)
    assert fact == {"contrat": 1, "s0": {"t": "n"}, "s1": {"t": "n", "v": CODE_GAP + 1}}
    assert json.loads(json.dumps(fact)) == fact
    assert engine.fired({"d": {"x": 0}, "l": [1, 2, 3]}, CONTEXT) == {
        "r0_applique",
        "r1_applique",
        "r1_respecte",
    }
    assert "champ d.x" in layout.describe() and "calcul Count" in layout.describe()


# ---------------------------------------------------------------- durable decides; Python checks


def test_the_verdict_is_durables_and_a_disagreement_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rs = ruleset(rule(ir.Compare("=", path("x"), const("a"))))
    engine = DurableEngine(rs)
    assert engine.verdicts({"x": "a"}, CONTEXT) == ("satisfied",)
    # A durable that never fires « respecte » gives violated, which the reference denies.
    monkeypatch.setattr(engine, "_fire", lambda values: frozenset({"r0_applique"}))
    assert engine.verdicts({"x": "a"}, CONTEXT) == ("violated",)
    with pytest.raises(EngineError, match="incohérence interne"):
        engine.evaluate({"x": "a"}, CONTEXT)
    # Firing « respecte » on an unknown value cannot be: it is caught too.
    monkeypatch.setattr(engine, "_fire", lambda values: frozenset({"r0_applique", "r0_respecte"}))
    with pytest.raises(EngineError, match="inconnue"):
        engine.verdicts({}, CONTEXT)


# ---------------------------------------------------------------- process hygiene


def test_sessions_are_deleted_and_rulesets_defined_once() -> None:
    rs = ruleset(rule(ir.Compare(">=", path("n"), const(1))))
    first, second = DurableEngine(rs), DurableEngine(rs)
    assert [s.name for s in first.layout.shards] == [s.name for s in second.layout.shards]
    for i in range(1500):  # past durable's 1,024 live sessions per ruleset
        assert first.verdicts({"n": i % 3}, CONTEXT) == (
            ("violated",) if i % 3 == 0 else ("satisfied",)
        )


def test_no_background_thread_and_threads_share_the_engine_safely() -> None:
    before = threading.active_count()
    rs = ruleset(
        (
            rule(ir.Compare(">=", path("n"), const(1)), requirement="TST-01"),
            rule(ir.Compare("=", path("s"), const("a")), requirement="TST-02"),
        )
    )
    engine = DurableEngine(rs)
    assert threading.active_count() == before
    reference = PythonEngine(rs)
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(150):
                record = {"n": (seed + i) % 3, "s": "a" if i % 2 else "b"}
                assert engine.evaluate(record, CONTEXT) == reference.evaluate(record, CONTEXT)
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert threading.active_count() == before


def test_a_fact_durable_refuses_is_an_engine_error_and_frees_its_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rs = ruleset(rule(ir.Compare(">=", path("n"), const(1))))
    engine = DurableEngine(rs)
    layout = engine.layout
    real_facts = layout.facts

    def broken(values: tuple[object, ...]) -> Iterator[Any]:
        for shard, fact in real_facts(values):
            fact["s0"] = {"t": "n", "v": 1e-07}  # durable cannot read this number (error 204)
            yield shard, fact

    monkeypatch.setattr(type(layout), "facts", lambda self, values: broken(values))
    with pytest.raises(EngineError, match="durable a échoué"):
        engine.verdicts({"n": 1}, CONTEXT)
    monkeypatch.undo()
    assert engine.verdicts({"n": 1}, CONTEXT) == ("satisfied",)
    assert durable_module._LOCK.acquire(blocking=False)
    durable_module._LOCK.release()
