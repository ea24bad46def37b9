"""Joins answered from an index (``cls_check.engine.joins``): the same values and the same
evidence as the scan they replace, on random lists with duplicate keys, unknown keys,
unknown elements and unknown lists; keys of every type the rule language compares."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cls_check.engine import codegen, joins
from cls_check.engine.python import _Ctx
from cls_check.engine.runtime import MappingRecord
from cls_check.ir import nodes as ir
from tests.engine.test_codegen_reference import conditions, interpret

TODAY = datetime.date(2026, 11, 25)

# Keys equal or not for the rule language: 1 = 1.0, but « vrai » is not 1, nor "1".
keys = st.none() | st.sampled_from([0, 1, 1.0, 2, True, False, "1", "a", "É"])
element = st.none() | st.fixed_dictionaries(
    {"k": keys, "n": st.none() | st.integers(-1, 2), "s": st.none() | st.sampled_from("ab")}
)
# « ref »: unknown, an object the contract does not have (false), or a record.
nested = st.fixed_dictionaries(
    {"ref": st.none() | st.just(False) | st.fixed_dictionaries({"k": keys})}
)
records = st.fixed_dictionaries(
    {
        "items": st.none() | st.lists(element | nested, max_size=5),
        "autres": st.none() | st.lists(element | nested, max_size=6),
    }
)


def root(name: str) -> ir.Expr:
    return ir.Field(ir.Root(), name)


def field(variable: str, *names: str) -> ir.Expr:
    expr: ir.Expr = ir.Var(variable)
    for name in names:
        expr = ir.Field(expr, name)
    return expr


@st.composite
def joined(draw: st.DrawFn, inner_list: str = "autres") -> ir.Expr:
    """« pour chaque / il existe / nombre de x de items : il existe (aucun) y de autres où
    … et y.k = x.k et … », the equality anywhere in the conjunction, either way round."""
    key = draw(st.sampled_from([("k",), ("ref", "k")]))
    probe = field("x0", *draw(st.sampled_from([("k",), ("ref", "k")])))
    equality = ir.Compare("=", field("x1", *key), probe)
    if draw(st.booleans()):
        equality = ir.Compare("=", probe, field("x1", *key))
    others = draw(st.lists(conditions(1, ("x0", "x1")), max_size=2))
    at = draw(st.integers(0, len(others)))
    condition = ir.And((*others[:at], equality, *others[at:]))
    if not others and draw(st.booleans()):
        condition = equality  # no conjunction at all
    inner = draw(st.sampled_from([ir.Exists, ir.NoneOf]))("x1", root(inner_list), condition)
    outer = draw(st.sampled_from(["forall", "exists", "count"]))
    if outer == "forall":
        return ir.ForAll("x0", root("items"), inner)
    if outer == "exists":
        return ir.Exists("x0", root("items"), inner)
    return ir.CountWhere("x0", root("items"), inner)


def compiled(exprs: tuple[ir.Expr, ...]) -> Callable[[object], list[tuple[Any, Any]]]:
    generator = codegen.Generator({})
    names = [generator.value_function(e) for e in exprs]
    generator.compile("test")
    fns = [generator.function(n) for n in names]
    return lambda record: [fn(_Ctx(record, TODAY)) for fn in fns]


@pytest.mark.parametrize("scans_first", [0, 2])
@given(data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_an_indexed_join_gives_what_the_scan_gives(scans_first: int, data: st.DataObject) -> None:
    """With 2 scans first, the index serves the third probe on (the outer lists are short
    here): both ways of answering in one evaluation."""
    exprs = tuple(data.draw(joined()) for _ in range(3))
    indexed = compiled(exprs)
    with mock.patch.object(joins, "join_key", return_value=None):
        scanned = compiled(exprs)
    for record in data.draw(st.lists(records, min_size=1, max_size=4)):
        with mock.patch.object(joins, "SCANS_BEFORE_INDEX", scans_first):
            results = indexed(record)
        assert results == scanned(record), (exprs, record)  # values and evidence
        assert [v for v, _ in results] == [interpret(e, {}, record) for e in exprs]


def shown(evidence: tuple[tuple[str, object], ...]) -> list[tuple[str, object]]:
    """Evidence as a report shows it: each path once, with its first value."""
    first: dict[str, object] = {}
    for path, raw in evidence:
        first.setdefault(path, raw)
    return list(first.items())


@given(data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_list_joined_with_itself_shows_what_its_scan_shows(data: st.DataObject) -> None:
    """« pour chaque x de items : il existe y de items où y.k = x.k … »: a probe whose fact
    is also an element's (``items[0].k``) — the shared scan's evidence, the probe's fact
    put back, shows the same facts in the same order as the probe's own scan."""
    exprs = tuple(data.draw(joined("items")) for _ in range(2))
    indexed = compiled(exprs)
    with mock.patch.object(joins, "join_key", return_value=None):
        scanned = compiled(exprs)
    for record in data.draw(st.lists(records, min_size=1, max_size=4)):
        with mock.patch.object(joins, "SCANS_BEFORE_INDEX", 0):
            results = indexed(record)
        expected = scanned(record)
        assert [v for v, _ in results] == [v for v, _ in expected], (exprs, record)
        assert [shown(e) for _, e in results] == [shown(e) for _, e in expected]


def test_the_index_is_used_and_finds_the_first_match_in_list_order() -> None:
    """Two elements with the key: the first whose whole condition holds is the witness."""
    condition = ir.And(
        (
            ir.Compare("=", field("x1", "k"), field("x0", "k")),
            ir.Compare("=", field("x1", "s"), ir.Const("b")),
        )
    )
    expr = ir.ForAll("x0", root("items"), ir.Exists("x1", root("autres"), condition))
    record = {
        "items": [{"k": 1}],
        "autres": [
            {"k": 1, "s": "a"},
            {"k": 2, "s": "b"},
            {"k": 1.0, "s": "b"},
            {"k": 1, "s": "b"},
        ],
    }
    generator = codegen.Generator({})
    name = generator.value_function(expr)
    assert "_Index(" in generator.source
    generator.compile("test")
    with mock.patch.object(joins, "SCANS_BEFORE_INDEX", 0):
        value, evidence = generator.function(name)(_Ctx(record, TODAY))
    assert value is True
    assert ("autres[2].k", 1.0) in evidence and ("autres[3].k", 1) not in evidence


def test_a_constant_probe_is_not_indexed() -> None:
    """« y.role = "maire" » gives one bucket for every commune: a scan, not an index."""
    condition = ir.And(
        (
            ir.Compare("=", field("x1", "k"), ir.Const(1)),
            ir.Compare("=", field("x1", "s"), field("x0", "s")),
        )
    )
    assert joins.join_key("x1", condition, ("x0",)) == joins.Join(("s",), field("x0", "s"))
    assert joins.join_key("x1", condition.operands[0], ("x0",)) is None


def test_keys_that_cannot_be_hashed_or_equal_nothing_fall_back_to_the_scan() -> None:
    table = joins.index([{"k": 1}], ["l[0]"], ())
    assert table is None  # a record as its own key: no index
    table = joins.index([1, 1.0, True, None, float("nan")], ["a", "b", "c", "d", "e"], ())
    assert table is not None
    assert joins.candidates(table, 1) == [(1, "a"), (1.0, "b")]
    assert joins.candidates(table, True) == [(True, "c")]
    assert joins.candidates(table, float("nan")) is None
    assert joins.candidates(table, None) is None
    assert joins.candidates(table, [1]) is None
    assert joins.candidates(table, "1") == ()


def test_a_key_read_through_an_object_the_contract_does_not_have_is_false() -> None:
    """« y.ref.k » with « ref: false » is false, as the generated code reads it: such an
    element is the first candidate for the key false, before a « k: false » after it."""
    none, record = (
        MappingRecord({"ref": False}),
        MappingRecord({"ref": MappingRecord({"k": False})}),
    )
    table = joins.index([none, record, MappingRecord({})], ["l[0]", "l[1]", "l[2]"], ("ref", "k"))
    assert joins.candidates(table, False) == [(none, "l[0]"), (record, "l[1]")]
