"""The IR as JSON: plain data that can be stored on disk and read back without running code.

Input: a :class:`~cls_check.ir.nodes.RuleSetIR` (:func:`dumps`) or the bytes :func:`dumps`
made (:func:`loads`). Output: the other one; ``loads(dumps(ir)) == ir``.

Why not pickle: reading a pickle runs whatever its writer chose. Here a node is written
``{"Compare": [op, left, right]}`` and read back only if its name is one of the IR's own
dataclasses (:data:`NODES`) with that many fields; tuples are JSON arrays and dates
``{"@date": "AAAA-MM-JJ"}``. Reading calls nothing but those dataclasses' constructors.
The shape is checked, not every field's type: whether the content can be trusted is
decided by whoever reads it (:mod:`cls_check.ir.cache` checks a keyed digest first).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any

from cls_check.errors import Span
from cls_check.ir import nodes

_DATE = "@date"

_CLASSES: tuple[Any, ...] = (*(getattr(nodes, name) for name in nodes.__all__), Span)
NODES: dict[str, type[Any]] = {
    cls.__name__: cls for cls in _CLASSES if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in NODES.items()}


def dumps(ruleset: nodes.RuleSetIR) -> bytes:
    """The rule set as compact UTF-8 JSON."""
    return json.dumps(_encode(ruleset), ensure_ascii=False, separators=(",", ":")).encode()


def loads(data: bytes) -> nodes.RuleSetIR:
    """The rule set :func:`dumps` wrote; ValueError if ``data`` is anything else."""
    value = _decode(json.loads(data))
    if not isinstance(value, nodes.RuleSetIR):
        raise ValueError("not a rule set")
    return value


def _encode(value: object) -> object:
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    name = type(value).__name__
    if name in NODES and type(value) is NODES[name]:
        return {name: [_encode(getattr(value, field)) for field in _FIELDS[name]]}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"{type(value).__name__} is not part of the IR")


def _decode(value: object) -> object:
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    if isinstance(value, dict):
        if len(value) != 1:
            raise ValueError("a node has exactly one key")
        ((name, content),) = value.items()
        if name == _DATE and isinstance(content, str):
            return datetime.date.fromisoformat(content)
        fields = _FIELDS.get(name)
        if fields is None or not isinstance(content, list) or len(content) != len(fields):
            raise ValueError(f"unknown node {name!r}")
        return NODES[name](*(_decode(item) for item in content))
    return value
