"""The record format described field by field, read from the pydantic model.

Input: a model class (:class:`Contract` by default). Output: :class:`ObjectDoc` for each
object of the record, depth first, each with a :class:`FieldDoc` per field: its path
(``signataires[].role``), its type in French, its enumerated values, what ``false`` and
``[]`` say for it, and its description (the ``Field(description=…)`` of the model).

Everything is derived from the annotations, never listed by hand, so the documentation
(:mod:`cls_check.model.format_doc`) and the record template
(:mod:`cls_check.model.template`) follow the model: a field that admits ``Literal[False]``
is shown as admitting ``false`` without anything else to change.
"""

from __future__ import annotations

import datetime as dt
import inspect
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cls_check.model.contract import DEPARTEMENT_PATTERN, INSEE_PATTERN, Contract

__all__ = ["FieldDoc", "ObjectDoc", "constraint", "describe", "objects"]


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One field of one object of the record, as its documentation says it."""

    path: str  # "signataires[].role"
    name: str  # "role"
    kind: str  # in French: "texte", "liste de valeurs énumérées", "objet"…
    values: tuple[str, ...]  # enumerated values (of the items, for a list); () if free
    is_list: bool
    is_bool: bool
    admits_false: bool  # false is accepted besides the values of its type
    nested: type[BaseModel] | None  # the model of the object(s) of an object or list field
    description: str
    default: Any  # what an absent key reads as (None but for `format`)

    @property
    def item_path(self) -> str:
        """The path of the objects this field holds: ``signataires[]``, ``territoire``."""
        return self.path + ("[]" if self.is_list else "")

    @property
    def known_none(self) -> tuple[str, str] | None:
        """What the record writes here for « no » or « none », and what it says in French:
        ``("[]", ": aucun")``, ``("false", ": non")``, ``("false", "admis")``; None if nothing
        but a value of the field's type is accepted."""
        if self.is_list:
            return "[]", ": aucun"
        if self.is_bool:
            return "false", ": non"
        if self.admits_false:
            return "false", "admis"
        return None


@dataclass(frozen=True, slots=True)
class ObjectDoc:
    """One object of the record: the root, a nested object, or the items of a list."""

    path: str  # "" for the root, "territoire", "signataires[]"
    model: type[BaseModel]
    description: str  # the first paragraph of the model's docstring
    fields: tuple[FieldDoc, ...]


def objects(model: type[BaseModel] = Contract, path: str = "") -> Iterator[ObjectDoc]:
    """``model`` and every object nested in it, depth first, in the order of the fields.

    A model found at several paths (the three lists of ``moyens``) is described at each,
    with that path: every path of the record can be looked up as it is written.
    """
    described = describe(model, path)
    yield described
    for field in described.fields:
        if field.nested is not None:
            yield from objects(field.nested, field.item_path)


def describe(model: type[BaseModel], path: str = "") -> ObjectDoc:
    """One object of the record, found at ``path``, and its fields."""
    fields = tuple(_field(name, info, path) for name, info in model.model_fields.items())
    return ObjectDoc(path, model, _first_paragraph(model), fields)


def _first_paragraph(model: type[BaseModel]) -> str:
    return inspect.cleandoc(model.__doc__ or "").split("\n\n")[0].replace("\n", " ")


def _field(name: str, info: FieldInfo, parent: str) -> FieldDoc:
    members = _members(info.annotation)
    admits_false = any(_has_false(member) for member in members)
    members = [member for member in members if not _only_false(member)]
    item = _list_item(members)
    of = _members(item) if item is not None else members
    nested = next((m for m in of if isinstance(m, type) and issubclass(m, BaseModel)), None)
    singular, plural = _noun(of, info if item is None else None)
    return FieldDoc(
        path=f"{parent}.{name}" if parent else name,
        name=name,
        kind=_list_of(plural) if item is not None else singular,
        values=_enum_values(of),
        is_list=item is not None,
        is_bool=item is None and members == [bool],
        admits_false=admits_false,
        nested=nested,
        description=info.description or "",
        default=info.default,
    )


def _members(annotation: Any) -> list[Any]:
    """The types a value may have, None left out: ``X | Literal[False] | None`` → X, Literal."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in _members(arg)]
    return [] if annotation is type(None) else [annotation]


def _has_false(member: Any) -> bool:
    """``Literal[False]``, or a Literal among whose values is False."""
    return get_origin(member) is Literal and any(value is False for value in get_args(member))


def _only_false(member: Any) -> bool:
    return get_origin(member) is Literal and get_args(member) == (False,)


def _list_item(members: list[Any]) -> Any | None:
    for member in members:
        if get_origin(member) is list:
            return get_args(member)[0]
    return None


def _enum_values(members: list[Any]) -> tuple[str, ...]:
    return tuple(
        value
        for member in members
        if get_origin(member) is Literal
        for value in get_args(member)
        if isinstance(value, str)
    )


def _noun(members: list[Any], info: FieldInfo | None) -> tuple[str, str]:
    """The French name of the type, singular and plural (``info``: the field's constraints,
    for a field that is not a list)."""
    if _enum_values(members):
        return "valeur énumérée", "valeurs énumérées"
    kinds = set(members)
    if any(isinstance(m, type) and issubclass(m, BaseModel) for m in kinds):
        return "objet", "objets"
    if kinds == {dt.date}:
        return "date", "dates"
    if kinds == {bool}:
        return "booléen", "booléens"
    if kinds == {str}:
        pattern = constraint(info, "pattern")
        if pattern == INSEE_PATTERN:
            return "code INSEE (texte)", "codes INSEE (textes)"
        if pattern == DEPARTEMENT_PATTERN:
            return "code de département (texte)", "codes de département (textes)"
        return "texte", "textes"
    if kinds == {int}:
        singular, plural = "nombre entier", "nombres entiers"
    elif kinds <= {int, float}:
        singular, plural = "nombre", "nombres"
    else:  # a new kind of field: give it a French name here
        raise TypeError(f"no French name for the type {members}")
    bound = constraint(info, "ge")
    return (f"{singular} ≥ {bound}", plural) if bound is not None else (singular, plural)


def _list_of(plural: str) -> str:
    return f"liste d'{plural}" if plural[0] in "aeiouyéh" else f"liste de {plural}"


def constraint(info: FieldInfo | None, name: str) -> Any:
    """A field's constraint (``pattern``, ``ge``, ``le``…) from its pydantic metadata."""
    for item in info.metadata if info is not None else ():
        value = getattr(item, name, None)
        if value is not None:
            return value
    return None
