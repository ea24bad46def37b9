"""How runtime values appear to people (messages) and to machines (evidence).

Shared by every backend so that their reports are byte-identical, and by the renderers of
the reports (French dates): it sits near the bottom of the package, above
:mod:`cls_check.dates` only, so that a renderer formats a value without importing an
engine. French conventions:
decimal comma, dates as « 14 mai 1998 », « oui »/« non », « aucun » for what the contract
does not have, and « (non renseigné) » for an unknown value — the report never pretends to
know what the record does not say.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from cls_check.dates import AnyDate, Duration, LateDate

UNKNOWN_TEXT = "(non renseigné)"
NONE_TEXT = "aucun"

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(value: AnyDate) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"


def format_number(value: float) -> str:
    """Integers as written; other numbers with at most one decimal, comma as separator."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def format_value(value: object) -> str:
    """The text a message shows for a value."""
    if value is None:
        return UNKNOWN_TEXT
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, datetime.date | LateDate):
        return french_date(value)
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence):
        return ", ".join(format_value(v) for v in value) if value else "aucun"
    return "renseigné"


def format_none(value: object) -> str:
    """The text a message shows for a value whose ``false`` says the contract has none."""
    return NONE_TEXT if value is False else format_value(value)


_PLAIN = frozenset({bool, int, float, str})


def evidence_value(value: object) -> Any:
    """The JSON-friendly value an evidence entry records.

    Scalars as they are (dates in ISO form); lists of scalars as lists; a list of records
    by its length, a record by the word « renseigné » — evidence names the facts that
    decided, and the elements themselves appear as their own entries.
    """
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, datetime.date | LateDate):
        return value.isoformat()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, BaseModel | Mapping):
        return "renseigné"
    if isinstance(value, Sequence):
        if all(v is None or isinstance(v, bool | int | float | str) for v in value):
            return list(value)
        return f"{len(value)} élément(s)"
    return str(value)


def figure(value: object) -> str:
    """A value as a trace shows it: « inconnu », « aucun », a list by its length."""
    if value is None:
        return "inconnu"
    if value is False:
        return "aucun"
    if value is True:
        return "vrai"
    if isinstance(value, list | tuple) and any(
        not isinstance(e, str | int | float | type(None)) for e in value
    ):
        return f"{len(value)} élément(s)"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(figure(e) for e in value) + "]"
    if isinstance(value, str):
        return f"« {value} »"
    return format_value(value)
