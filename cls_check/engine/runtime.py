"""What generated rule code calls at run time: the operations of the rule language.

Input: runtime values (``None`` for unknown) and, for lists, their elements' paths.
Output: values, in Kleene's three-valued logic. Each function is called by the code of
:mod:`cls_check.engine.codegen` where the operation is more than a line of Python; the
whole namespace is :data:`NAMESPACE`.

Records are read by attribute: a validated :class:`~cls_check.model.Contract`, or a plain
mapping wrapped in :class:`MappingRecord` (hand-built records in tests and tools).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, cast

from cls_check.dates import shift_date
from cls_check.values import format_none, format_value

Evidence = tuple[tuple[str, object], ...]


class MappingRecord:
    """A mapping read by attribute, as a validated record is: a missing key is unknown."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, object]):
        self._data = data

    def __getattr__(self, name: str) -> object:
        return self._data.get(name)


def readable(value: object) -> object:
    """Mappings (at any depth, in lists too) become records read by attribute."""
    if isinstance(value, Mapping):
        return MappingRecord({k: readable(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return [readable(v) for v in value]
    return value


Mapping.register(MappingRecord)  # evidence shows it as a record (« renseigné »)


def same(left: object, right: object) -> bool:
    """Equality that keeps booleans apart from numbers (0 is a figure, not « faux »)."""
    if type(left) is type(right):
        return left == right
    return isinstance(left, bool) == isinstance(right, bool) and left == right


def _ordered(op: Callable[[Any, Any], bool]) -> Callable[[object, object], bool]:
    def compare(left: object, right: object) -> bool:
        if isinstance(left, bool) or isinstance(right, bool):
            return False  # « faux » (not quantified, none) is not a number nor a date
        return op(left, right)

    return compare


def _computed(op: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Arithmetic (and a date shifted) with a value the contract does not have (``False``)
    gives none: there is no deadline a year after a signature that did not happen. A number
    too large for a float (10**400 * 0.5) gives an unknown result, not an error: rule
    numbers are bounded (:mod:`cls_check.dsl.limits`), their products need not be."""

    def compute(left: Any, right: Any) -> Any:
        if left is False or right is False:
            return False
        try:
            return op(left, right)
        except OverflowError:
            return None

    return compute


def _starts_with(value: object, prefix: object) -> bool:
    if isinstance(value, bool) or isinstance(prefix, bool):
        return False  # no text (false) starts with anything
    return str(value).startswith(str(prefix))


def _divide(a: float, b: float) -> float | None:
    """There is no share of nothing: a division by zero is unknown."""
    return None if b == 0 else a / b


def member(item: object, elements: Sequence[object] | Literal[False] | None) -> bool | None:
    """``item dans liste``: true if an element equals the item; else unknown if the item,
    the list or an element is unknown; else false. A list read through a record the
    contract does not have (``False``) is empty."""
    if elements is None:
        return None
    if elements is False:
        return False
    if item is not None and any(e is not None and same(e, item) for e in elements):
        return True
    if not elements:
        return False
    if item is None or any(e is None for e in elements):
        return None
    return False


@functools.lru_cache(maxsize=4096)
def _indexed(path: str, count: int) -> tuple[str, ...]:
    """``actions[0]``, ``actions[1]``… — the same paths recur from contract to contract."""
    return tuple(f"{path}[{i}]" for i in range(count))


def elements(
    value: object, path: str | None
) -> tuple[Sequence[object] | None, Sequence[str | None] | None, Evidence]:
    """A list read from the record: its elements, their paths, and the evidence (the list
    itself when it is unknown or empty: that is what decided). A list read through a record
    the contract does not have (``False``) is empty, with that record as evidence."""
    if value is None:
        return None, None, ((path, None),) if path is not None else ()
    if value is False:
        return (), (), ((path, False),) if path is not None else ()
    values = value if isinstance(value, list | tuple) else tuple(cast(Iterable[object], value))
    if not values:
        return values, (), ((path, []),) if path is not None else ()
    if path is None:
        return values, (None,) * len(values), ()
    return values, _indexed(path, len(values)), ()


def project(
    records: Sequence[object], paths: Sequence[str | None], name: str
) -> tuple[list[object], list[str | None]]:
    """``liste.champ``: each element's field; a missing element stays missing, and a
    record the contract does not have (``False``) stays none."""
    values: list[object] = []
    out: list[str | None] = []
    for record, path in zip(records, paths, strict=True):
        if record is None or record is False:
            values.append(record)
            out.append(path)
        else:
            values.append(getattr(record, name, None))
            out.append(None if path is None else f"{path}.{name}")
    return values, out


def as_list(
    values: Sequence[object] | None, paths: Sequence[str | None] | None, evidence: Evidence
) -> tuple[tuple[object, ...] | None, Evidence]:
    """A list as a value: a tuple, with each element that has a place as evidence."""
    if values is None or paths is None:
        return None, evidence
    return tuple(values), evidence + tuple(
        (p, v) for v, p in zip(values, paths, strict=True) if p is not None
    )


class Blocks(tuple[tuple[str, object], ...]):
    """Evidence made of blocks shared by many results (one contract's shared scan, see
    :func:`cls_check.engine.joins.placed`): :func:`gather` adds a block once."""

    blocks: tuple[Evidence, ...]

    @classmethod
    def of(cls, *blocks: Evidence) -> Blocks:
        joined = cls(functools.reduce(operator.add, blocks, ()))  # copies, not iterates
        joined.blocks = blocks
        return joined


class Gathered(dict[str, tuple[str, object]]):
    """What a loop gathers: each path once, by its first fact; and the shared blocks
    already added (kept alive here, so that their ids stay theirs)."""

    __slots__ = ("added",)  # set on the first block: most loops gather none
    added: dict[int, Evidence]


def gather(gathered: Gathered, evidence: Evidence) -> None:
    """Add evidence to what a loop gathers, by path: a path read again is left out.

    A report shows each path once, with its first value (a path has one value per
    record), so leaving it out changes no report. Gathering every copy would not be
    linear: each commune searching every signatory in vain gives N copies of the same
    N facts, gathered before the report deduplicates them — N² for one record. A block
    added before is all there already: it is skipped without reading it again."""
    if type(evidence) is Blocks:
        if not hasattr(gathered, "added"):
            gathered.added = {}
        for block in evidence.blocks:
            if id(block) not in gathered.added:
                gathered.added[id(block)] = block
                gather(gathered, block)
        return
    for item in evidence:
        if item[0] not in gathered:
            gathered[item[0]] = item


NAMESPACE: dict[str, object] = {
    "_same": same,
    "_different": lambda a, b: not same(a, b),
    "_lt": _ordered(operator.lt),
    "_le": _ordered(operator.le),
    "_gt": _ordered(operator.gt),
    "_ge": _ordered(operator.ge),
    "_add": _computed(operator.add),
    "_mul": _computed(operator.mul),
    "_divide": _computed(_divide),
    "_starts_with": _starts_with,
    "shift_date": _computed(shift_date),
    "_member": member,
    "_elements": elements,
    "_project": project,
    "_as_list": as_list,
    "_gather": gather,
    "_Gathered": Gathered,
    "_format": format_value,
    "_format_none": format_none,
}
