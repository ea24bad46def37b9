"""Joins: « pour chaque c de L1 : il existe s de L2 où s.commune = c.insee », probed in
an index instead of scanning ``L2`` once per ``c``.

Input: at generation time, an ``il existe``/``aucun`` of the IR; at run time, the list of a
contract and a key. Output: :func:`join_key` says whether (and on which field) the
quantifier can be answered from an index; an :class:`Index` per list and contract gives
the elements a key may match (built on its first use after a few plain scans: a contract
of two communes and many signatories scans twice rather than index them all).

Why it is exact: the condition is a conjunction holding an equality ``s.path = probe``.
An element whose key is known and different makes that equality false, so the
conjunction false (Kleene: one false operand decides), whatever the other operands; an
element whose key is unknown makes it unknown at best. Only the elements with an equal
key can make the condition true, so the first of them (in list order) whose whole
condition is true is the element a scan would stop at, with the same evidence. When none
is true the scan runs as before: its value and its evidence (every element searched) are
what the report shows.

Shared scans: when the probe is unknown, or no element has its key, and the condition
reads the outer elements only through the probe (:func:`shared_condition`), every
equality is false or unknown whatever the probe — the scan is the same for every such
outer element but for the probe's own fact in its evidence. It runs once per contract
(:func:`template`) and each probe gets its evidence with its own fact put back
(:func:`placed`): N communes without their INSEE code search N signatories once, not N
times.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from cls_check.engine import runtime
from cls_check.ir import nodes as ir

Table = dict[tuple[bool, object], list[tuple[object, str | None]]]
Evidence = tuple[tuple[str, object], ...]
#: A shared scan: its value, the facts before its probe's, whether it read it, the rest.
Shared = tuple[object, Evidence, bool, Evidence]


@dataclasses.dataclass(frozen=True, slots=True)
class Join:
    """The element's field compared (``("commune",)`` for ``s.commune``; ``()`` for the
    element itself) and the expression it is compared with, of the outer variables."""

    names: tuple[str, ...]
    probe: ir.Expr


_BINDERS = (ir.ForAll, ir.Exists, ir.NoneOf, ir.CountWhere, ir.SumOf, ir.Filter)


def variables(expr: object) -> set[str]:
    """The variables an expression reads from outside (not those its own quantifiers
    bind, in their scope: all but their list). A loop, not a recursion: the generator
    asks this of deep expressions, themselves deep in its own recursion."""
    found: set[str] = set()
    stack: list[tuple[object, frozenset[str]]] = [(expr, frozenset())]
    while stack:
        node, bound = stack.pop()
        if isinstance(node, ir.Var):
            if node.name not in bound:
                found.add(node.name)
        elif isinstance(node, tuple):
            stack.extend((part, bound) for part in node)
        elif dataclasses.is_dataclass(node):
            inner = bound | {node.var} if isinstance(node, _BINDERS) else bound
            stack.extend(
                (getattr(node, f.name), bound if f.name == "collection" else inner)
                for f in dataclasses.fields(node)
            )
    return found


def _key_path(expr: ir.Expr, var: str) -> tuple[str, ...] | None:
    """``s.a.b`` → ``("a", "b")``; None if ``expr`` is not a field chain of ``s``."""
    names: list[str] = []
    while isinstance(expr, ir.Field):
        names.append(expr.name)
        expr = expr.base
    if expr != ir.Var(var):
        return None
    return tuple(reversed(names))


def join_key(var: str, condition: ir.Expr, outer: Sequence[str]) -> Join | None:
    """The first conjunct ``var.path = probe`` (either way round) whose probe mentions an
    outer variable and not ``var``: the key of the index. None when there is none (a
    constant probe would give a bucket per value, not per outer element: no gain)."""
    conjuncts = condition.operands if isinstance(condition, ir.And) else (condition,)
    for conjunct in conjuncts:
        if not (isinstance(conjunct, ir.Compare) and conjunct.op == "="):
            continue
        for key, probe in ((conjunct.left, conjunct.right), (conjunct.right, conjunct.left)):
            names = _key_path(key, var)
            mentioned = variables(probe)
            if names is not None and var not in mentioned and mentioned & set(outer):
                return Join(names, probe)
    return None


#: The variable standing for the probe in a condition whose scan is shared (not a name of
#: the rule language, so that no quantifier binds it).
PROBE = "<probe>"


def _substituted(expr: object, old: ir.Expr, new: ir.Expr) -> Any:
    """``expr`` with every occurrence of ``old`` replaced by ``new``."""
    if expr == old:
        return new
    if isinstance(expr, tuple):
        return tuple(_substituted(e, old, new) for e in expr)
    if dataclasses.is_dataclass(expr) and not isinstance(expr, type):
        changes = {
            f.name: _substituted(getattr(expr, f.name), old, new) for f in dataclasses.fields(expr)
        }
        return dataclasses.replace(expr, **changes)
    return expr


def _nodes(expr: object) -> list[object]:
    """Every node of an expression (and its tuples and strings)."""
    found: list[object] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, tuple):
            stack.extend(node)
        elif dataclasses.is_dataclass(node):
            stack.extend(getattr(node, f.name) for f in dataclasses.fields(node))
    return found


def shared_condition(
    var: str, condition: ir.Expr, join: Join, outer: Sequence[str]
) -> ir.Expr | None:
    """The condition with its probe read from the variable :data:`PROBE`, when its scan
    can be shared by every outer element whose probe no candidate matches (see
    :class:`Index`): the probe is a place (its evidence one fact, then put back in place
    of the variable's), the condition reads it only in the join's equality and depends on
    no other outer variable. Else None: each outer element scans for itself."""
    nodes = _nodes(condition)
    bound = {node.var for node in nodes if isinstance(node, _BINDERS)}
    if not _place(join.probe) or bound & set(outer):
        return None  # an outer variable hidden by an inner one: the probe is not one
    probe = ir.Var(PROBE)
    shared: ir.Expr = _substituted(condition, join.probe, probe)
    if variables(shared) - {var, PROBE} or _nodes(shared).count(probe) != 1:
        return None
    return shared


def _place(expr: ir.Expr) -> bool:
    """A field chain of a variable (its evidence is one fact, or none)."""
    while isinstance(expr, ir.Field):
        expr = expr.base
    return isinstance(expr, ir.Var)


def _normal(key: object) -> tuple[bool, object]:
    """Keys equal for the rule language (``same``: 1 equals 1.0, never ``vrai``)."""
    return type(key) is bool, key


def index(
    elements: Sequence[object] | None, paths: Sequence[str | None] | None, names: tuple[str, ...]
) -> Table | None:
    """The elements (with their paths, in list order) by key; elements whose key is unknown
    are left out (their condition is not true). None: the list is unknown, or a key cannot
    be hashed — the quantifier then scans."""
    if elements is None or paths is None:
        return None
    table: Table = {}
    try:
        for element, path in zip(elements, paths, strict=True):
            key = element
            for name in names:  # as the generated code reads a field chain
                if not key:  # unknown (None), or a record the contract does not have
                    break  # (False): what is read through it is False too
                key = getattr(key, name, None)
            if key is not None:
                table.setdefault(_normal(key), []).append((element, path))
    except TypeError:
        return None
    return table


def candidates(table: Table | None, key: object) -> Sequence[tuple[object, str | None]] | None:
    """The elements whose key equals ``key``, in list order; None when the index cannot
    answer (no index, an unknown key, a key equal to nothing, not even itself: NaN, or a
    key that cannot be hashed) — the quantifier then scans."""
    if table is None or key is None or key != key:
        return None
    try:
        return table.get(_normal(key), ())
    except TypeError:
        return None


#: Probes answered by a scan before the index is built (the scan finds early matches
#: cheaply; the index pays off over many probes).
SCANS_BEFORE_INDEX = 4

_UNBUILT: Table = {}


class Index:
    """The index of one list for one contract's evaluation (never shared)."""

    __slots__ = ("_elements", "_names", "_paths", "_scans", "_table")

    def __init__(
        self, elements: Sequence[object], paths: Sequence[str | None], names: tuple[str, ...]
    ):
        self._elements, self._paths, self._names = elements, paths, names
        self._scans = SCANS_BEFORE_INDEX
        self._table: Table | None = _UNBUILT

    def candidates(self, key: object) -> Sequence[tuple[object, str | None]] | None:
        """:func:`candidates`, or None (scan) for the first probes."""
        if self._scans:
            self._scans -= 1
            return None
        if self._table is _UNBUILT:
            self._table = index(self._elements, self._paths, self._names)
        return candidates(self._table, key)

    def shared(self, key: object, chosen: object) -> str | None:
        """Which scan, shared by the outer elements of a contract, answers a probe that no
        candidate (``chosen``) satisfied: ``"unknown"`` for an unknown key (each element's
        equality is unknown, or its condition false), ``"absent"`` for a key no element
        has (each equality false or unknown, as against :data:`ABSENT`). None: the probe
        scans for itself (some element has its key, or the index cannot say)."""
        if key is None:
            return "unknown"
        if chosen is not None and not chosen:
            return "absent"
        return None


class _Absent:
    """A key equal to no value (the default equality: identity)."""

    __slots__ = ()


#: The probe of the scan shared by keys that no element has.
ABSENT = _Absent()


def template(result: tuple[object, Evidence]) -> Shared:
    """A shared scan's value and evidence (read with the probe at :data:`PROBE_PATH`),
    deduplicated by path as a report shows it: the facts before the probe's, whether it
    was read, the facts after it."""
    value, evidence = result
    first: dict[str, tuple[str, object]] = {}
    for item in evidence:
        first.setdefault(item[0], item)
    facts = tuple(first.values())
    if PROBE_PATH not in first:
        return value, facts, False, ()
    at = list(first).index(PROBE_PATH)
    return value, facts[:at], True, facts[at + 1 :]


def placed(shared: Shared, key: object, path: str | None) -> Evidence:
    """A shared scan's evidence for one probe: its own fact in place of the shared one.
    The same facts, in the same order, as its own scan once deduplicated by path (the
    first value of a path is the one shown): a fact of its path read before the probe's
    stays first, one read after it gives way to it."""
    _, before, read, after = shared
    if not read or path is None:
        return runtime.Blocks.of(before, after)
    return runtime.Blocks.of(before, ((path, key),), after)


#: The path the shared scan's probe is read at (a report shows no such path).
PROBE_PATH = "<probe>"

NAMESPACE: dict[str, object] = {
    "_Index": Index,
    "_ABSENT": ABSENT,
    "_PROBE_PATH": PROBE_PATH,
    "_template": template,
    "_placed": placed,
}
