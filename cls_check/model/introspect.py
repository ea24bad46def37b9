"""Reading the annotations of the record model: what type a field holds, and how.

Input: a field annotation (``FieldInfo.annotation``) or a model class. Output: plain answers
— the type without ``None``, the item type of a list, the model class of a nested object,
the values of a ``Literal``, whether ``false`` is admitted for "the contract has none".

The model's conventions (:mod:`cls_check.model.contract`): every field is ``X | None``,
``list[X] | None``, ``Literal[...] | None`` or a nested model class, and a field that admits
"none" adds ``Literal[False]``. The preparation of inputs, the loader's messages and the rule
language's record types (:mod:`cls_check.dsl.types`) all read the model through these.
"""

from __future__ import annotations

import functools
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = [
    "admits_none",
    "list_item",
    "literal_values",
    "model_class",
    "nested_models",
    "strip_optional",
    "without_none",
]


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def without_none(annotation: Any) -> Any:
    """``X | None`` → ``X`` (``Annotated`` unwrapped); a union of several types stays a
    union, without None: ``int | float | Literal[False]``."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if _is_union(annotation):
        args = tuple(a for a in get_args(annotation) if a is not type(None))
        if len(args) == 1:
            return without_none(args[0])
        return Union[args]  # noqa: UP007 - rebuilt from a runtime tuple
    return annotation


def literal_values(annotation: Any) -> tuple[object, ...] | None:
    """The values of ``Literal[...]`` (None for any other annotation)."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    return None


def _is_false(annotation: Any) -> bool:
    return literal_values(annotation) == (False,)


def admits_none(annotation: Any) -> bool:
    """Whether a field accepts ``false`` for "the contract has none" (``X | Literal[False]``)."""
    return any(_is_false(a) for a in get_args(annotation))


def strip_optional(annotation: Any) -> Any:
    """``X | None`` and ``X | Literal[False] | None`` → ``X``; a union of several types
    (``int | float | Literal[False]``, the quantities) stays as it is, without None."""
    annotation = without_none(annotation)
    if _is_union(annotation):
        args = get_args(annotation)
        if len(args) == 2 and admits_none(annotation):
            return next(a for a in args if not _is_false(a))
    return annotation


def list_item(annotation: Any) -> Any | None:
    """The item type of ``list[X]`` (None when the annotation is not a list)."""
    annotation = strip_optional(annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return item
    return None


def model_class(annotation: Any) -> type[BaseModel] | None:
    """The model class of a nested-object annotation (None for any other type)."""
    annotation = strip_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


@functools.cache
def nested_models(model: type[BaseModel]) -> dict[str, tuple[type[BaseModel] | None, bool]]:
    """For each field of ``model``: the model of its nested object(s), and whether it is a
    list of them. Computed once per model class: the loader walks records with it."""
    table: dict[str, tuple[type[BaseModel] | None, bool]] = {}
    for name, info in model.model_fields.items():
        item = list_item(info.annotation)
        if item is not None:
            table[name] = (model_class(item), True)
        else:
            table[name] = (model_class(info.annotation), False)
    return table
