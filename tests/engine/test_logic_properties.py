"""Laws of the three-valued logic, checked on random truth values and random lists.

Each law relates two IR forms that must always agree (De Morgan, quantifiers as
conjunctions and disjunctions, counting as filtering), so a backend that takes a
shortcut in one form but not the other is caught.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cls_check.ir import nodes as ir
from tests.engine.builders import const, evaluate, path, rule, var

truth = st.sampled_from([True, False, None])
VERDICT = {True: "satisfied", False: "violated", None: "unknown"}


def leaf(index: int) -> ir.Expr:
    return ir.Compare("=", path("v", f"x{index}"), const(True))


def verdict_of(expr: ir.Expr, values: list[bool | None]) -> str:
    record = {"v": {f"x{i}": (None if v is None else v) for i, v in enumerate(values)}}
    # A leaf compares with True: a False value gives False, None stays unknown.
    return evaluate(rule(expr), record).verdict


def kleene_and(values: list[bool | None]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


@given(st.lists(truth, min_size=1, max_size=6))
@settings(max_examples=200)
def test_and_or_follow_kleene(values: list[bool | None]) -> None:
    leaves = tuple(leaf(i) for i in range(len(values)))
    assert verdict_of(ir.And(leaves), values) == VERDICT[kleene_and(values)]
    negated = [None if v is None else not v for v in values]
    expected_or = kleene_and(negated)
    assert (
        verdict_of(ir.Or(leaves), values)
        == VERDICT[None if expected_or is None else not expected_or]
    )


@given(st.lists(truth, min_size=1, max_size=6))
@settings(max_examples=200)
def test_de_morgan(values: list[bool | None]) -> None:
    leaves = tuple(leaf(i) for i in range(len(values)))
    left = ir.Not(ir.And(leaves))
    right = ir.Or(tuple(ir.Not(x) for x in leaves))
    assert verdict_of(left, values) == verdict_of(right, values)


elements = st.lists(
    st.fixed_dictionaries({}, optional={"ok": st.one_of(st.none(), st.booleans())}), max_size=6
)


@given(st.one_of(st.none(), elements))
@settings(max_examples=300)
def test_quantifiers_agree_with_connectives(items: list[dict[str, object]] | None) -> None:
    record = {"l": items}
    ok = ir.Compare("=", var("e", "ok"), const(True))
    for_all = evaluate(rule(ir.ForAll("e", path("l"), ok)), record).verdict
    exists = evaluate(rule(ir.Exists("e", path("l"), ok)), record).verdict
    none_of = evaluate(rule(ir.NoneOf("e", path("l"), ok)), record).verdict
    if items is None:
        assert for_all == exists == none_of == "unknown"
        return
    values = [e.get("ok") for e in items]
    as_truth = [None if v is None else v is True for v in values]
    assert for_all == VERDICT[kleene_and(as_truth)]
    any_true = True if True in as_truth else (None if None in as_truth else False)
    assert exists == VERDICT[any_true]
    assert none_of == VERDICT[None if any_true is None else not any_true]


@given(elements)
@settings(max_examples=200)
def test_count_where_equals_count_of_filter(items: list[dict[str, object]]) -> None:
    record = {"l": items}
    ok = ir.Compare("=", var("e", "ok"), const(True))
    counted = ir.CountWhere("e", path("l"), ok)
    filtered = ir.Count(ir.Filter("e", path("l"), ok))
    same = ir.Compare("=", counted, filtered)
    verdict = evaluate(rule(same), record).verdict
    has_unknown = any(e.get("ok") is None for e in items)
    assert verdict == ("unknown" if has_unknown else "satisfied")


@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c"])), max_size=5),
    st.sampled_from(["a", "b", "z"]),
)
@settings(max_examples=200)
def test_membership_is_three_valued(values: list[str | None], item: str) -> None:
    verdict = evaluate(rule(ir.Member(const(item), path("l"))), {"l": values}).verdict
    if item in values:
        assert verdict == "satisfied"
    elif None in values:
        assert verdict == "unknown"
    else:
        assert verdict == "violated"


def _nested(node: type[ir.And] | type[ir.Or], leaves: tuple[ir.Expr, ...]) -> ir.Expr:
    """``a et (b et (c et …))``: chains of two operands only."""
    if len(leaves) == 1:
        return leaves[0]
    return node((leaves[0], _nested(node, leaves[1:])))


@given(st.lists(truth, min_size=2, max_size=12), st.sampled_from([ir.And, ir.Or]))
@settings(max_examples=300)
def test_long_chains_give_the_evidence_of_short_ones(
    values: list[bool | None], node: type[ir.And] | type[ir.Or]
) -> None:
    """A flat chain of any length (gathered in lists past a few operands) decides with the
    same evidence, in the same order, as the same operands two by two."""
    leaves = tuple(leaf(i) for i in range(len(values)))
    record = {"v": {f"x{i}": v for i, v in enumerate(values)}}
    flat = evaluate(rule(node(leaves)), record)
    nested = evaluate(rule(_nested(node, leaves)), record)
    assert (flat.verdict, flat.evidence) == (nested.verdict, nested.evidence)
