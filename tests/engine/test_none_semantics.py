"""``false`` in the record: known, the contract has none — the operations of the rule
language on it, as the reference backend computes them (the differential test holds the
durable backend to the same values)."""

from __future__ import annotations

import datetime

import pytest

from cls_check.engine.python import reference_values
from cls_check.ir import nodes as ir

from .builders import path

TODAY = datetime.date(2026, 11, 25)


def value(expr: ir.Expr, record: dict[str, object]) -> object:
    compute = reference_values(ir.RuleSetIR((), (), "test", "0" * 64), (expr,))
    (result,) = compute(record, TODAY)
    return result


AUCUN = ir.Const(False)  # how `aucun` is lowered


@pytest.mark.parametrize(
    ("pilote", "equal"),
    [(None, None), (False, True), ("police", False)],
)
def test_equal_to_aucun_is_unknown_true_or_false(pilote: object, equal: object) -> None:
    record = {"action": {"pilote": pilote}}
    assert value(ir.Compare("=", path("action", "pilote"), AUCUN), record) is equal
    different = None if equal is None else not equal
    assert value(ir.Compare("!=", path("action", "pilote"), AUCUN), record) is different


def test_absent_is_unknown_not_none() -> None:
    assert value(ir.Compare("=", path("action", "pilote"), AUCUN), {"action": {}}) is None
    assert value(ir.Compare("=", path("action", "pilote"), AUCUN), {}) is None


def test_a_path_through_a_none_object_is_none() -> None:
    record = {"cible": False}
    assert value(path("cible", "valeur"), record) is False
    assert value(ir.Compare("!=", path("cible", "valeur"), AUCUN), record) is False
    # A list read through it is empty, a count zero; a boolean is false.
    assert value(ir.Count(path("cible", "items")), record) == 0
    exists = ir.Exists("x", path("cible", "items"), None)
    assert value(exists, record) is False
    assert value(ir.Compare("=", path("cible", "flag"), ir.Const(True)), record) is False
    projected = ir.Project(path("liste"), "valeur")
    assert (
        value(
            ir.Count(ir.Filter("x", projected, ir.Compare("=", ir.Var("x"), AUCUN))),
            {"liste": [{"valeur": 1}, False, {"valeur": None}]},
        )
        is None
    )  # the unknown value keeps the count unknown


@pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
def test_none_is_never_ordered(op: ir.Comparator) -> None:
    record = {"date": False}
    compare = ir.Compare(op, path("date"), ir.Const(datetime.date(2000, 1, 1)))
    assert value(compare, record) is False
    assert value(ir.Not(compare), record) is True


def test_arithmetic_with_none_gives_none() -> None:
    record = {"n": False, "date": False}
    assert value(ir.Arith("+", path("n"), ir.Const(1)), record) is False
    assert value(ir.Arith("*", ir.Const(2), path("n")), record) is False
    assert value(ir.Arith("/", path("n"), ir.Const(2)), record) is False
    shifted = ir.ShiftDate(path("date"), ir.Const(ir.Duration(12, "mois")))
    assert value(shifted, record) is False
    assert value(ir.StartsWith(path("n"), ir.Const("75")), record) is False


def test_est_renseigne_is_true_for_none() -> None:
    """« est renseigné »: the record states something — false is stated."""
    assert value(ir.IsKnown(path("cible")), {"cible": False}) is True
    assert value(ir.IsKnown(path("cible")), {"cible": None}) is False


def test_membership_in_a_list_read_through_a_none_object_is_false() -> None:
    record = {"suivi": False}
    composition = path("suivi", "comite_pilotage", "composition")
    assert value(ir.Member(ir.Const("prefet"), composition), record) is False
    assert value(ir.Member(ir.Const("prefet"), composition), {"suivi": None}) is None
