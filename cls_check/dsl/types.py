"""The types of rule expressions, and the record types read from the pydantic model.

Input: a pydantic model class (by default :class:`cls_check.model.contract.Contract`).
Output: a :class:`RecordType` whose fields carry :data:`Type` values.

The algebra: booleans, numbers (``int`` and ``float`` alike), texts, dates, durations,
enumerations (texts whose values are known), lists, records, :data:`AUCUN` (the literal
``aucun``: known, the contract has none), :data:`ANY` (the element of ``[]``, compatible
with everything) and :data:`ERROR` (given to an expression already reported as wrong, so
that one mistake gives one diagnostic; compatible with everything).

A number, text, date, enumeration or record may *admit none* (``none=True``): the record
may say ``false`` there, "the contract has none" (``X | Literal[False]`` in the model; the
quantities of the diagnostic are numbers that admit none, "not quantified"). Only such a
value compares with ``aucun``; a field read through a record that admits none admits none
too (a list read through it is ``[]``, a boolean ``false``).

Introspection follows the model's conventions (``model/contract.py``), read with
:mod:`cls_check.model.introspect`: every field is ``X | None`` — *None* is how a record says
"unknown", not a type of its own — lists are ``list[X]``, enumerations ``Literal[...]``,
nested objects are model classes. Anything else becomes an :class:`OpaqueType`, which only
``est renseigné`` accepts.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias, Union, get_args, get_origin

from pydantic import BaseModel

from cls_check.model.introspect import literal_values, without_none

__all__ = [
    "ANY",
    "AUCUN",
    "BOOL",
    "DATE",
    "DURATION",
    "ERROR",
    "NUMBER",
    "NUMBER_OR_FALSE",
    "TEXT",
    "AnyType",
    "AucunType",
    "BoolType",
    "DateType",
    "DurationType",
    "EnumType",
    "ErrorType",
    "ListType",
    "NumberType",
    "OpaqueType",
    "RecordType",
    "TextType",
    "Type",
    "admits_none",
    "contract_type",
    "describe",
    "element",
    "from_annotation",
    "is_boolean",
    "is_numeric",
    "is_textual",
    "record_type",
    "unify",
    "with_none",
]


@dataclass(frozen=True, slots=True)
class BoolType:
    pass


@dataclass(frozen=True, slots=True)
class NumberType:
    none: bool = False  # false: "not quantified" (``diagnostic.donnees_quantitatives.*``)


@dataclass(frozen=True, slots=True)
class TextType:
    none: bool = False


@dataclass(frozen=True, slots=True)
class DateType:
    none: bool = False


@dataclass(frozen=True, slots=True)
class DurationType:
    pass


@dataclass(frozen=True, slots=True)
class AucunType:
    """The literal ``aucun``: compared with ``=``/``!=`` to a value that admits none."""


@dataclass(frozen=True, slots=True)
class AnyType:
    """The element type of the empty list ``[]``: unifies with any type."""


@dataclass(frozen=True, slots=True)
class ErrorType:
    """The type of an expression already reported as wrong; accepted everywhere."""


@dataclass(frozen=True, slots=True)
class EnumType:
    """A text with a known set of values (a ``Literal`` of the model)."""

    values: tuple[str, ...]
    none: bool = False


@dataclass(frozen=True, slots=True)
class ListType:
    element: Type


@dataclass(frozen=True, slots=True, eq=False)
class RecordType:
    """A record (a pydantic model class); equal when it is the same model.

    ``fields`` is filled in after construction so that a model may refer to itself.
    """

    name: str
    fields: Mapping[str, Type] = field(repr=False)
    model: type[BaseModel] | None = field(default=None, repr=False)
    none: bool = False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordType):
            return NotImplemented
        if self.none != other.none:
            return False
        if self.model is not None or other.model is not None:
            return self.model is other.model and self.name == other.name
        return self.name == other.name and dict(self.fields) == dict(other.fields)

    def __hash__(self) -> int:
        return hash((self.name, self.model, self.none))


@dataclass(frozen=True, slots=True)
class OpaqueType:
    """A field whose annotation cls-check does not know how to use in an expression."""

    annotation: str


Type: TypeAlias = (
    BoolType
    | NumberType
    | TextType
    | DateType
    | DurationType
    | AucunType
    | AnyType
    | ErrorType
    | EnumType
    | ListType
    | RecordType
    | OpaqueType
)

BOOL = BoolType()
NUMBER = NumberType()
TEXT = TextType()
DATE = DateType()
DURATION = DurationType()
NUMBER_OR_FALSE = NumberType(none=True)
AUCUN = AucunType()
ANY = AnyType()
ERROR = ErrorType()


# ---------------------------------------------------------------- predicates


def _lenient(t: Type) -> bool:
    return isinstance(t, AnyType | ErrorType)


def is_boolean(t: Type) -> bool:
    return isinstance(t, BoolType) or _lenient(t)


def is_numeric(t: Type) -> bool:
    """A number (for arithmetic and sums): a number that may be false is not one."""
    return (isinstance(t, NumberType) and not t.none) or _lenient(t)


def admits_none(t: Type) -> bool:
    """Whether the value may be ``false`` for "the contract has none" (compares with aucun)."""
    return isinstance(t, NumberType | TextType | DateType | EnumType | RecordType) and t.none


def with_none(t: Type) -> Type:
    """The type of a field read through a record that admits none: a value that may be none
    too; lists (``[]``), booleans (``false``) and the others stay as they are."""
    if isinstance(t, NumberType | TextType | DateType | EnumType | RecordType) and not t.none:
        return dataclasses.replace(t, none=True)
    return t


def is_textual(t: Type) -> bool:
    return isinstance(t, TextType | EnumType) or _lenient(t)


def element(t: Type) -> Type | None:
    """The element type of a list (ERROR/ANY give ERROR/ANY), None for a non-list."""
    if isinstance(t, ListType):
        return t.element
    if _lenient(t):
        return t
    return None


def unify(a: Type, b: Type) -> Type | None:
    """The type of a value that may be an ``a`` or a ``b`` (list elements, ``+`` of lists);
    None when there is none."""
    if isinstance(a, ErrorType) or isinstance(b, ErrorType):
        return ERROR
    if isinstance(a, AnyType):
        return b
    if isinstance(b, AnyType):
        return a
    if a == b:
        return a
    if admits_none(a) != admits_none(b):  # one may be none: so may the value
        a, b = with_none(a), with_none(b)
        return unify(a, b) if admits_none(a) and admits_none(b) else None
    if is_textual(a) and is_textual(b):
        if isinstance(a, EnumType) and isinstance(b, EnumType):
            return EnumType(tuple(dict.fromkeys(a.values + b.values)), a.none)
        return TextType(admits_none(a))
    if isinstance(a, ListType) and isinstance(b, ListType):
        inner = unify(a.element, b.element)
        return ListType(inner) if inner is not None else None
    if isinstance(a, RecordType) and isinstance(b, RecordType):
        # Two models with fields in common (e.g. three kinds of staff): their common part.
        common: dict[str, Type] = {}
        for name, type_a in a.fields.items():
            if name in b.fields:
                joined = unify(type_a, b.fields[name])
                if joined is not None:
                    common[name] = joined
        if not common:
            return None
        name = f"{a.name} ou {b.name}"
        return RecordType(name, types.MappingProxyType(common), none=a.none)
    return None


# ---------------------------------------------------------------- descriptions (French)


def describe(t: Type) -> str:
    """The type as a French noun phrase: « une date », « une liste de textes »."""
    if isinstance(t, NumberType) and t.none:
        return "un nombre ou faux"
    if isinstance(t, TextType | DateType | EnumType | RecordType) and t.none:
        plain = describe(dataclasses.replace(t, none=False))
        return plain + (" ou aucune" if plain.startswith("une ") else " ou aucun")
    match t:
        case BoolType():
            return "un booléen (vrai ou faux)"
        case NumberType():
            return "un nombre"
        case TextType():
            return "un texte"
        case DateType():
            return "une date"
        case DurationType():
            return "une durée"
        case AucunType():
            return "« aucun » (le contrat n'en a pas)"
        case AnyType():
            return "une valeur quelconque"
        case ErrorType():
            return "une valeur incorrecte"
        case EnumType(values):
            shown = ", ".join(values[:6]) + (", …" if len(values) > 6 else "")
            return f"une valeur énumérée ({shown})"
        case ListType(inner):
            return f"une liste ({_plural(inner)})"
        case RecordType(name=name):
            return f"un enregistrement {name}"
        case OpaqueType(annotation):
            return f"une valeur de type {annotation}"
    raise AssertionError(t)  # pragma: no cover


def _plural(t: Type) -> str:
    match t:
        case BoolType():
            return "de booléens"
        case NumberType():
            return "de nombres"
        case TextType():
            return "de textes"
        case DateType():
            return "de dates"
        case DurationType():
            return "de durées"
        case AnyType():
            return "vide"
        case EnumType():
            return "de valeurs énumérées"
        case ListType():
            return "de listes"
        case RecordType(name=name):
            return f"d'enregistrements {name}"
    return "de valeurs"


# ---------------------------------------------------------------- introspection


def from_annotation(
    annotation: Any, _seen: dict[type[BaseModel], RecordType] | None = None
) -> Type:
    """The rule-language type of a model field's annotation."""
    seen = {} if _seen is None else _seen
    annotation = without_none(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return record_type(annotation, seen)
    if annotation is bool:
        return BOOL
    if annotation in (int, float):
        return NUMBER
    if annotation is str:
        return TEXT
    if annotation is datetime.date:
        return DATE
    values = literal_values(annotation)
    if values is not None:
        if all(isinstance(v, bool) for v in values):
            return BOOL
        if all(isinstance(v, str) for v in values):
            return EnumType(tuple(typing.cast(tuple[str, ...], values)))
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            return NUMBER
        return OpaqueType(repr(annotation))
    origin = get_origin(annotation)
    if origin in (list, tuple, set, frozenset) and origin is not None:
        args = get_args(annotation)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return OpaqueType(repr(annotation))
        if len(args) >= 1:
            return ListType(from_annotation(args[0], seen))
        return OpaqueType(repr(annotation))
    if origin in (Union, types.UnionType):
        members: list[Type] = []
        has_false = False
        for arg in get_args(annotation):
            literal = literal_values(arg)
            if literal is not None and all(v is False for v in literal):
                has_false = True
            else:
                members.append(from_annotation(arg, seen))
        if members and all(isinstance(m, NumberType) for m in members):
            return NUMBER_OR_FALSE if has_false else NUMBER
        if has_false and not members:
            return BOOL
        if not has_false and members and all(isinstance(m, BoolType) for m in members):
            return BOOL
        if has_false and len(members) == 1 and with_none(members[0]) != members[0]:
            return with_none(members[0])  # X | Literal[False]: the contract may have none
        return OpaqueType(repr(annotation))
    return OpaqueType(getattr(annotation, "__name__", repr(annotation)))


def record_type(
    model: type[BaseModel], _seen: dict[type[BaseModel], RecordType] | None = None
) -> RecordType:
    """The record type of a pydantic model class, field by field (``model_fields``)."""
    seen = {} if _seen is None else _seen
    if model in seen:
        return seen[model]
    fields: dict[str, Type] = {}
    result = RecordType(model.__name__, types.MappingProxyType(fields), model)
    seen[model] = result
    for name, info in model.model_fields.items():
        fields[name] = from_annotation(info.annotation, seen)
    return result


@functools.cache
def contract_type() -> RecordType:
    """The record type of the contract (``cls_check.model.contract.Contract``), built once."""
    from cls_check.model.contract import Contract

    return record_type(Contract)
