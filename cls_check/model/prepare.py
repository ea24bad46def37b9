"""Preparing the input of each object of the record before pydantic validates it.

Input: the model class of one object and the mapping (or other value) given for it. Output:
the value pydantic validates — the caller's data is never modified: an object that changes
is a shallow copy, any other is passed on as it is.

What it does (the relaxations and conventions of :mod:`cls_check.model.contract`): strings
NFC (in lists too), a lone surrogate wrapped in :class:`UnwritableText`, ``""`` of a
free-text field as ``False``, the ``AAAA-MM-JJ`` strings of date fields as dates, tuples of
list fields as lists, a zero given to a field that accepts ``false`` but no number wrapped
in :class:`NotFalse`; and, while :func:`noting_unknown_keys` is active, a note when an object
has a key that is not one of its fields (the loader then looks for them, for warnings).

One Python call per object, guided by a table of the model's fields built on first use. The
usual record — none of the above to do — is validated without it, by a validator the schema
alone drives (:mod:`cls_check.model.validation`); this preparation stays the reference.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import operator
import re
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from cls_check.model.introspect import admits_none, list_item, model_class, strip_optional
from cls_check.model.safety import encodable

__all__ = ["DATE_PATTERN", "NotFalse", "UnwritableText", "noting_unknown_keys", "prepare"]

DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class UnwritableText:
    """A string holding a lone surrogate (``"\\ud800"`` in JSON or YAML): it has no UTF-8
    form, so a report holding it could not be written. No field accepts it: validation
    reports it at its path, like any other wrong value."""

    text: str


def _nfc(value: Any) -> Any:
    if isinstance(value, str) and not value.isascii():
        if not encodable(value):
            return UnwritableText(value)
        return unicodedata.normalize("NFC", value)
    return value


def _date_from_text(value: Any) -> Any:
    """``"1998-05-14"`` → a date; anything else is returned as is for strict validation."""
    if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # an impossible day: the strict date check reports it
    return value


def _texts_as_nfc(items: list[Any] | tuple[Any, ...]) -> list[Any]:
    """A list with its strings NFC: ``items`` itself when nothing changes."""
    prepared = [_nfc(item) for item in items]
    if type(items) is list and all(map(operator.is_, prepared, items)):
        return items
    return prepared


def _dates_from_texts(items: list[Any]) -> list[Any]:
    """A list with its strings NFC and its ``AAAA-MM-JJ`` strings as dates."""
    prepared = [_date_from_text(_nfc(item)) for item in items]
    return items if all(map(operator.is_, prepared, items)) else prepared


_is_nfc = functools.partial(unicodedata.is_normalized, "NFC")


def _plain_texts(items: list[Any]) -> bool:
    """A list of ASCII or NFC strings, the common cases, checked at C speed; ``False``
    for anything else (other items are for strictness to refuse)."""
    try:
        joined = "".join(items)
    except TypeError:
        return False
    return joined.isascii() or (all(map(_is_nfc, items)) and encodable(joined))


@dataclass(frozen=True, slots=True)
class NotFalse:
    """A zero given to a field that accepts ``false`` but no number. pydantic's
    ``Literal[False]`` takes ``0`` for ``false`` (``0 == False``); wrapped, the zero is refused
    like any other wrong value (the loader shows the zero)."""

    value: int | float


@dataclass(frozen=True, slots=True)
class _Fields:
    """What preparing the input of one model class needs to know of its fields."""

    names: frozenset[str]
    lists: frozenset[str]  # list fields, whatever their items
    texts: frozenset[str]  # list fields whose items are strings (free or enumerated)
    dates: tuple[tuple[str, bool], ...]  # date fields, each with whether it is a list
    none_texts: frozenset[str]  # free-text fields where "" means false (none)
    nones: frozenset[str]  # fields that accept false but no number

    @classmethod
    def of(cls, model: type[BaseModel]) -> _Fields:
        """Read from ``model_fields``, once per model class (see ``_FIELDS``)."""
        lists, texts, dates, none_texts, nones = [], [], [], [], []
        for name, info in model.model_fields.items():
            if admits_none(info.annotation) and not admits_none(strip_optional(info.annotation)):
                nones.append(name)
            item = list_item(info.annotation)
            if item is None:
                if strip_optional(info.annotation) is dt.date:
                    dates.append((name, False))
                elif strip_optional(info.annotation) is str and admits_none(info.annotation):
                    none_texts.append(name)
                continue
            lists.append(name)
            if strip_optional(item) is dt.date:
                dates.append((name, True))
            elif model_class(item) is None:
                texts.append(name)
        names = frozenset(model.model_fields)
        return cls(
            names,
            frozenset(lists),
            frozenset(texts),
            tuple(dates),
            frozenset(none_texts),
            frozenset(nones),
        )


#: The fields of each model class, read on its first validation.
_FIELDS: dict[type[BaseModel], _Fields] = {}

#: While :func:`noting_unknown_keys` is active: where an object notes that it has a key
#: which is not one of its fields.
_UNKNOWN_KEYS: ContextVar[list[bool] | None] = ContextVar("cls_unknown_keys", default=None)


@contextlib.contextmanager
def noting_unknown_keys() -> Iterator[list[bool]]:
    """While active, each object with a key that is not one of its fields appends to the
    list given (the model ignores such keys; the loader warns about them)."""
    noted: list[bool] = []
    token = _UNKNOWN_KEYS.set(noted)
    try:
        yield noted
    finally:
        _UNKNOWN_KEYS.reset(token)


def prepare(model: type[BaseModel], data: Any) -> Any:
    """The input of one object of class ``model``, ready for strict validation.

    Nested objects are left to their own model (pydantic calls this for each object, with
    the object's mapping), so each object is prepared once. Anything but a mapping is passed
    on for strictness to refuse (a string NFC, like every string of the input).

    Called for every object of every record: the loop over the keys tests the common
    values first (ASCII strings, then objects, booleans and nulls).
    """
    if not isinstance(data, dict):
        return _nfc(data)
    fields = _FIELDS.get(model)
    if fields is None:
        fields = _FIELDS[model] = _Fields.of(model)
    if not fields.names.issuperset(data) and (noted := _UNKNOWN_KEYS.get()) is not None:
        noted.append(True)
    changes: dict[Any, Any] = {}
    prepared: Any
    for key, value in data.items():
        kind = type(value)
        if kind is str:
            if value.isascii():
                if value or key not in fields.none_texts:
                    continue
                prepared = False  # "" reads like false: the contract has none
            else:
                prepared = _nfc(value)
        elif kind is dict or kind is bool or value is None:
            continue  # an object is prepared by its own model
        elif kind is list:
            if key not in fields.texts or _plain_texts(value):
                continue
            prepared = _texts_as_nfc(value)
        elif kind is tuple and key in fields.lists:
            prepared = _texts_as_nfc(value)
        elif (kind is int or kind is float) and value == 0 and key in fields.nones:
            prepared = NotFalse(value)
        else:
            continue  # numbers…
        if prepared is not value:
            changes[key] = prepared
    if fields.dates:  # a few models only
        for key, is_list in fields.dates:
            value = changes.get(key, data.get(key))
            if is_list and type(value) is list:
                prepared = _dates_from_texts(value)
            elif not is_list and type(value) is str:
                prepared = _date_from_text(value)
            else:
                continue
            if prepared is not value:
                changes[key] = prepared
    return {**data, **changes} if changes else data
