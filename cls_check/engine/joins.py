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
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from cls_check.ir import nodes as ir

Table = dict[tuple[bool, object], list[tuple[object, str | None]]]


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


NAMESPACE: dict[str, object] = {"_Index": Index}
