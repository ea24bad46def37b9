"""A check grows linearly with the size of a record: counted, not timed.

A profile hook counts the functions (Python and built-in) a whole check calls —
``RuleSet.check``: validation, rules, findings, report model — on the records of
``bench.py --scaling`` with N and with 10 N elements: the ratio stays near 10. A quadratic
stage (a join scanning the list once per element, a list searched once per finding, each
commune searching every signatory in vain — its key unknown or matching none) makes it
near 100, whatever the load of the machine. Adding to a tuple calls nothing, so the
generated rule code is read instead: no evidence is gathered over a loop by copying what
was gathered so far.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest

from benchmarks import bench
from cls_check.api import RuleSet, load_rules
from cls_check.engine import codegen, joins
from cls_check.engine.python import PythonEngine

SMALL = 200
RATIO = 12  # 10 when linear; what is fixed per check keeps the ratio below


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(engine="python")


def calls(rules: RuleSet, record: dict[str, Any]) -> int:
    """The functions one check calls, each counted once per call."""
    count = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    bench.forget_shared()  # each check the record's first, as the bench times it
    sys.setprofile(hook)
    try:
        rules.check(record, today=bench.TODAY)
    finally:
        sys.setprofile(None)
    return count


def growth(rules: RuleSet, make: Callable[[int], dict[str, Any]], small: int = SMALL) -> float:
    return calls(rules, make(10 * small)) / calls(rules, make(small))


@pytest.mark.parametrize("label", list(bench.GROWN))
def test_a_check_grows_linearly_with_the_record(rules: RuleSet, label: str) -> None:
    assert growth(rules, bench.GROWN[label]) <= RATIO


def test_a_join_scanning_its_list_for_each_element_is_caught(
    rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without its index, « pour chaque commune, il existe un signataire maire de cette
    commune » scans the signatories once per commune: the count shows it (a ratio near
    100 on long lists, still far above linear on the short ones the scans allow here)."""
    monkeypatch.setattr(joins, "SCANS_BEFORE_INDEX", sys.maxsize)
    assert growth(rules, bench.GROWN["N communes, N maires"], SMALL // 2) > 3 * RATIO


# ---------------------------------------------------------------- generated code


def _bound(target: ast.expr, value: ast.expr) -> Iterator[tuple[str, ast.expr | None]]:
    """The names an assignment binds, each with its value when it can be told apart."""
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, ast.Tuple):
        values = value.elts if isinstance(value, ast.Tuple) else [None] * len(target.elts)
        for element, part in zip(target.elts, values, strict=True):
            if isinstance(element, ast.Name):
                yield element.id, part


def _extended(node: ast.AST) -> tuple[str, bool] | None:
    """``x = x + …`` (a copy) or ``x += …`` (in place for a list): the name, and whether
    it is the copy."""
    if (
        isinstance(node, ast.AugAssign)
        and isinstance(node.op, ast.Add)
        and isinstance(node.target, ast.Name)
    ):
        return node.target.id, False
    if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp)):
        return None
    first = node.value
    while isinstance(first, ast.BinOp) and isinstance(first.op, ast.Add):
        first = first.left
    target = node.targets[0]
    if isinstance(target, ast.Name) and isinstance(first, ast.Name) and first.id == target.id:
        return target.id, True
    return None


def _fresh(loop: ast.For) -> set[str]:
    """Names given a new value in the loop's body: what is added to them there is bounded
    by one pass of the body, not by the number of elements."""
    names = set()
    for node in ast.walk(loop):
        if isinstance(node, ast.Assign) and node is not loop and _extended(node) is None:
            for target in node.targets:
                names.update(name for name, _ in _bound(target, node.value))
    return names


def growing_accumulators(source: str) -> list[str]:
    """The statements of generated code that add to what a loop gathers by copying it (a
    tuple, or ``x = x + …``): quadratic in the elements. A name added to is fine when the
    innermost loop around gives it a new value, or when it is a list or a number."""
    found = []
    for function in ast.parse(source).body:
        if not isinstance(function, ast.FunctionDef):
            continue
        in_place: set[str] = set()
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    in_place.update(
                        name
                        for name, value in _bound(target, node.value)
                        if isinstance(value, ast.List | ast.ListComp)
                        or (isinstance(value, ast.Constant) and type(value.value) is int)
                    )
        found += _in_loops(function, None, in_place)
    return found


def _in_loops(node: ast.AST, loop: ast.For | None, in_place: set[str]) -> list[str]:
    found = []
    for child in ast.iter_child_nodes(node):
        extended = _extended(child)
        if extended is not None and loop is not None:
            name, copied = extended
            if name not in _fresh(loop) and (copied or name not in in_place):
                found.append(ast.unparse(child))
        found += _in_loops(child, child if isinstance(child, ast.For) else loop, in_place)
    return found


def test_generated_code_gathers_evidence_over_loops_in_lists(rules: RuleSet) -> None:
    source = PythonEngine(rules.ir).source
    assert "for " in source and " += " in source  # there are loops gathering evidence
    assert growing_accumulators(source) == []


def test_evidence_gathered_by_tuple_concatenation_is_caught(
    rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codegen, "_extend", codegen._add)
    assert growing_accumulators(PythonEngine(rules.ir).source) != []
    sample = "def f(xs):\n    e = ()\n    for x in xs:\n        e += (x,)\n    return e\n"
    assert growing_accumulators(sample) == ["e += (x,)"]
