"""The code generator behind the python backend: shapes of rules that ordinary rule files
rarely produce (deep nesting, odd field names), and the module it generates."""

from __future__ import annotations

import warnings

import pytest

from cls_check.api import load_rules
from cls_check.engine.codegen import MAX_NESTED_LOOPS
from cls_check.engine.python import PythonEngine
from cls_check.ir import nodes as ir
from tests.engine.builders import const, evaluate, path, rule, var


def nested_exists(depth: int) -> ir.Expr:
    """``il existe x0 de liste où il existe x1 de x0.liste où … xN.valeur = "ok"``."""
    expr: ir.Expr = ir.Compare("=", var(f"x{depth - 1}", "valeur"), const("ok"))
    for level in reversed(range(depth)):
        collection = path("liste") if level == 0 else var(f"x{level - 1}", "liste")
        expr = ir.Exists(f"x{level}", collection, ir.And((expr, const(True))))
    return expr


def nested_record(depth: int, leaf: str) -> dict[str, object]:
    record: dict[str, object] = {"valeur": leaf}
    for _ in range(depth):
        record = {"liste": [{"liste": [], "valeur": "non"}, record]}
    return record


@pytest.mark.parametrize("leaf", ["ok", "non"])
def test_nesting_deeper_than_python_allows_in_one_function(leaf: str) -> None:
    depth = 3 * MAX_NESTED_LOOPS  # two loops per level: CPython alone stops at 20
    finding = evaluate(rule(nested_exists(depth)), nested_record(depth, leaf))
    assert finding.verdict == ("satisfied" if leaf == "ok" else "violated")
    if leaf == "ok":  # the witness, found at the bottom
        assert finding.evidence[0].path == "liste[1]" + ".liste[1]" * (depth - 1) + ".valeur"


@pytest.mark.parametrize("name", ["class", "é-t", "__dict__", "liste"])
def test_any_field_name_is_read(name: str) -> None:
    finding = evaluate(rule(ir.Compare("=", path(name), const("x"))), {name: "x"})
    assert finding.verdict == "satisfied"
    assert [(e.path, e.value) for e in finding.evidence] == [(name, "x")]


def test_an_unknown_element_without_evidence_is_never_satisfied() -> None:
    """A share of nothing is unknown, and says nothing about the record: still unknown."""
    share = ir.Arith("/", var("x", "n"), const(0))
    each = ir.ForAll("x", path("liste"), ir.Compare(">", share, const(1)))
    finding = evaluate(rule(each), {"liste": [{"n": 3}]})
    assert finding.verdict == "unknown"


def test_a_checklist_item_unknown_without_evidence_is_never_satisfied() -> None:
    item = ir.CheckItem(ir.Compare(">", ir.Arith("/", const(1), const(0)), const(0)), None)
    finding = evaluate(rule(ir.Checklist((item,))), {})
    assert finding.verdict == "unknown"


def test_the_bundled_rules_compile_to_clean_python() -> None:
    """No warning (``"x" is None``…) and readable: one function per piece of a rule."""
    ruleset = load_rules().ir
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        engine = PythonEngine(ruleset)
    compile(engine.source, "<test>", "exec")
    functions = engine.source.count("\ndef requirement") + engine.source.startswith("def requ")
    assert functions == len(ruleset.rules) + sum(len(r.exceptions) for r in ruleset.rules)


@pytest.mark.parametrize(
    ("value", "verdict"),
    [("maire", "satisfied"), ("prefet", "violated"), (None, "unknown"), (["maire"], "violated"),
     (1, "violated"), ({"role": "maire"}, "violated")],
)  # fmt: skip
def test_membership_in_a_literal_list_of_strings(value: object, verdict: str) -> None:
    """Compiled as a set lookup: only a string equals a string, whatever the record holds."""
    roles = ir.ListOf((const("maire"), const("procureur")))
    finding = evaluate(rule(ir.Member(path("role"), roles)), {"role": value})
    assert finding.verdict == verdict


def test_an_error_in_generated_code_shows_the_generated_line() -> None:
    """Tracebacks of generated code name its module and show its lines (for whoever
    debugs a rule with CLS_CHECK_DEBUG=1)."""
    engine = PythonEngine(ir.RuleSetIR((rule(ir.Compare("<", path("n"), const(1))),), (), "t", "0"))
    with pytest.raises(TypeError) as caught:
        evaluate(rule(ir.Compare("<", path("n"), const(1))), {"n": "texte"})
    frame = caught.traceback[-2]
    assert frame.path.startswith("<cls-check règles ")
    assert "_lt(" in str(frame.statement)
    assert "_lt(" in engine.source
