"""The syntax tree of a rule file.

Input: built by :mod:`cls_check.dsl.parser` from the Lark parse tree; nothing here knows
about Lark. Output: read by the checker and by :mod:`cls_check.dsl.lower`.

Invariants:

* one frozen, slotted dataclass per grammar rule (named after it: ``compare`` →
  :class:`Compare`, ``for_all`` → :class:`ForAll`); sequences are tuples;
* every node has a ``span`` (file, 1-based line and column, end exclusive) — a message's
  interpolations included, placed where they are written in the file;
* texts between guillemets are already cleaned: guillemets stripped, runs of whitespace
  (newlines included) collapsed to one space; conditions keep their source text;
* nothing is resolved yet: a :class:`Path` is only names (its meaning — variable,
  definition or record field — is decided by the checker).

:func:`to_text` prints an expression back in the rule language (canonical spelling,
parentheses only where needed); parsing its output gives the same tree, spans aside.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass
from typing import TypeAlias

from cls_check.errors import Span

__all__ = [
    "And",
    "Applicable",
    "Arith",
    "Aucun",
    "Binder",
    "Boolean",
    "CheckDate",
    "CheckItem",
    "Checklist",
    "Clause",
    "Compare",
    "ConditionalMessage",
    "Count",
    "CountWhere",
    "Date",
    "DefaultMessage",
    "Definition",
    "Duration",
    "Exception_",
    "Exists",
    "Expr",
    "Filter",
    "ForAll",
    "Force",
    "InForce",
    "IsKnown",
    "IsUnknown",
    "Item",
    "List_",
    "Member",
    "Message",
    "Name",
    "NoElement",
    "Not",
    "NotMember",
    "Note",
    "Number",
    "Or",
    "Otherwise",
    "Path",
    "Requirement",
    "Requires",
    "RuleFile",
    "Source",
    "StartsWith",
    "String",
    "SumOf",
    "Text",
    "UnknownIf",
    "to_text",
]


# ---------------------------------------------------------------- leaves


@dataclass(frozen=True, slots=True)
class Name:
    """An identifier as written, with its place (a definition's name, a path segment)."""

    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Text:
    """A French text between guillemets (a title, a citation), cleaned."""

    value: str
    span: Span


# ---------------------------------------------------------------- expressions


@dataclass(frozen=True, slots=True)
class String:
    value: str  # NFC, without the quotes
    span: Span


@dataclass(frozen=True, slots=True)
class Number:
    value: int | float  # int when written without a decimal part
    span: Span


@dataclass(frozen=True, slots=True)
class Date:
    value: datetime.date
    span: Span


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: str  # as written: jour, jours, mois, an, ans
    span: Span


@dataclass(frozen=True, slots=True)
class Boolean:
    """``vrai`` / ``faux`` (grammar rules ``true`` and ``false``)."""

    value: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Aucun:
    """``aucun`` / ``aucune`` as a value: known, the contract has none (``false`` in the
    record for a date, a text, an enumerated value or an object)."""

    word: str  # as written: aucun or aucune
    span: Span


@dataclass(frozen=True, slots=True)
class List_:
    items: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Path:
    """``a.b.c``: a name, then fields."""

    names: tuple[Name, ...]
    span: Span

    @property
    def dotted(self) -> str:
        return ".".join(n.value for n in self.names)


@dataclass(frozen=True, slots=True)
class CheckDate:
    """``date du contrôle``."""

    span: Span


@dataclass(frozen=True, slots=True)
class Or:
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class And:
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Compare:
    op: str  # as written: = != ≠ < <= ≤ > >= ≥
    left: Expr
    right: Expr
    span: Span
    op_span: Span


@dataclass(frozen=True, slots=True)
class Member:
    item: Expr
    collection: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class NotMember:
    item: Expr
    collection: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class StartsWith:
    value: Expr
    prefix: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class IsKnown:
    operand: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class IsUnknown:
    """``x n'est pas renseigné``."""

    operand: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Arith:
    op: str  # + * /
    left: Expr
    right: Expr
    span: Span
    op_span: Span


@dataclass(frozen=True, slots=True)
class Binder:
    """``[noun] var de collection``: the noun only helps the reader."""

    noun: Name | None
    var: Name
    collection: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ForAll:
    binder: Binder
    body: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Exists:
    binder: Binder
    condition: Expr | None
    span: Span


@dataclass(frozen=True, slots=True)
class NoElement:
    """``aucun v de collection [où condition]``."""

    binder: Binder
    condition: Expr | None
    span: Span


@dataclass(frozen=True, slots=True)
class Count:
    collection: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class CountWhere:
    binder: Binder
    condition: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class SumOf:
    value: Expr
    binder: Binder
    condition: Expr | None
    span: Span


@dataclass(frozen=True, slots=True)
class Filter:
    """``les v de collection où condition``."""

    binder: Binder
    condition: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class CheckItem:
    condition: Expr
    message: Message | None
    span: Span


@dataclass(frozen=True, slots=True)
class Checklist:
    items: tuple[CheckItem, ...]
    span: Span


Expr: TypeAlias = (
    String
    | Number
    | Date
    | Duration
    | Boolean
    | Aucun
    | List_
    | Path
    | CheckDate
    | Or
    | And
    | Not
    | Compare
    | Member
    | NotMember
    | StartsWith
    | IsKnown
    | IsUnknown
    | Arith
    | ForAll
    | Exists
    | NoElement
    | Count
    | CountWhere
    | SumOf
    | Filter
    | Checklist
)


# ---------------------------------------------------------------- messages


@dataclass(frozen=True, slots=True)
class Message:
    """« … {expr} … »: literal text (cleaned) and interpolated expressions, in order."""

    parts: tuple[str | Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ConditionalMessage:
    """``sinon si condition : « … »``."""

    condition: Expr
    message: Message
    span: Span


@dataclass(frozen=True, slots=True)
class DefaultMessage:
    """``sinon « … »``."""

    message: Message
    span: Span


Otherwise: TypeAlias = ConditionalMessage | DefaultMessage


@dataclass(frozen=True, slots=True)
class Note:
    """``constat « … »``."""

    message: Message
    span: Span


# ---------------------------------------------------------------- clauses and items


@dataclass(frozen=True, slots=True)
class Source:
    """``source I.3 de la circulaire de 1997 selon « ASH n° 2043 » « citation »``.

    ``document`` is the name of the cited text as written, without its preposition
    (« circulaire de 1997 »); the section, the reference and the quote may be left out.
    """

    section: Name | None
    document: Name
    reference: Text | None
    quote: Text | None
    span: Span


@dataclass(frozen=True, slots=True)
class Force:
    value: Name
    span: Span


@dataclass(frozen=True, slots=True)
class InForce:
    """``en vigueur à partir du DATE`` (None when the date does not exist)."""

    date: datetime.date | None
    span: Span


@dataclass(frozen=True, slots=True)
class Applicable:
    condition: Expr
    text: str  # the condition as written, whitespace collapsed
    span: Span


@dataclass(frozen=True, slots=True)
class UnknownIf:
    condition: Expr
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Requires:
    """``exige expr`` with its messages."""

    expr: Expr
    otherwise: tuple[Otherwise, ...]
    note: Note | None
    span: Span


@dataclass(frozen=True, slots=True)
class Exception_:
    """``sauf si condition : exige …``."""

    condition: Expr
    text: str
    requires: Requires
    span: Span


@dataclass(frozen=True, slots=True)
class Definition:
    """``soit name = expr`` (top level: shared; in an exigence: local to it)."""

    name: Name
    expr: Expr
    span: Span


Clause: TypeAlias = (
    Source | Force | InForce | Applicable | UnknownIf | Definition | Requires | Exception_
)


@dataclass(frozen=True, slots=True)
class Requirement:
    """``exigence REQ « titre »`` and its clauses, in the order written."""

    id: Name
    title: Text | None  # None: the catalogue's title
    clauses: tuple[Clause, ...]
    span: Span


Item: TypeAlias = Requirement | Definition


@dataclass(frozen=True, slots=True)
class RuleFile:
    """What could be parsed of one file (items of chunks with syntax errors are missing)."""

    name: str
    items: tuple[Item, ...]


# ---------------------------------------------------------------- printing

# Binding strength, loosest first, as in the grammar: ou, et, non, comparison, +, * /.
_OR, _AND, _NOT, _CMP, _SUM, _PRODUCT, _ATOM = range(7)


def _level(e: Expr) -> int:
    match e:
        case Or():
            return _OR
        case And():
            return _AND
        case Not():
            return _NOT
        case Compare() | Member() | NotMember() | StartsWith() | IsKnown() | IsUnknown():
            return _CMP
        case Arith(op="+"):
            return _SUM
        case Arith():
            return _PRODUCT
    return _ATOM


def _open_ended(e: Expr) -> bool:
    """Atoms that end with an expression, and so extend as far right as they can."""
    return isinstance(
        e, ForAll | Exists | NoElement | Count | CountWhere | SumOf | Filter | Checklist
    )


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    text = format(decimal.Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


def _operand(e: Expr, minimum: int, last: bool) -> str:
    """``e`` where the grammar expects a construct of level ``minimum``; ``last`` says that
    nothing of the enclosing text follows it (so an open-ended atom needs no parentheses)."""
    if _level(e) < minimum or (_open_ended(e) and not last):
        return f"({_format(e, True)})"
    return _format(e, last)


def _binder(b: Binder, last: bool) -> str:
    noun = f"{b.noun.value} " if b.noun else ""
    return f"{noun}{b.var.value} de {_operand(b.collection, _SUM, last)}"


def _message(m: Message) -> str:
    parts: list[str] = []
    for part in m.parts:
        if isinstance(part, str):
            parts.append(part.replace("{", "{{").replace("}", "}}"))
        else:
            parts.append("{" + to_text(part) + "}")
    return "« " + "".join(parts) + " »"


def _format(e: Expr, last: bool) -> str:
    match e:
        case String(value):
            return f'"{value}"'
        case Number(value):
            return _number(value)
        case Date(value):
            return value.isoformat()
        case Duration(amount, unit):
            return f"{amount} {unit}"
        case Boolean(value):
            return "vrai" if value else "faux"
        case Aucun(word):
            return word
        case List_(items):
            return "[" + ", ".join(to_text(i) for i in items) + "]"
        case Path():
            return e.dotted
        case CheckDate():
            return "date du contrôle"
        case Or(left, right):  # a chain, however grouped, reads as one: ou is associative
            right_level = _OR if isinstance(right, Or) else _AND
            return f"{_operand(left, _OR, False)} ou {_operand(right, right_level, last)}"
        case And(left, right):
            right_level = _AND if isinstance(right, And) else _NOT
            return f"{_operand(left, _AND, False)} et {_operand(right, right_level, last)}"
        case Not(operand):
            return f"non {_operand(operand, _NOT, last)}"
        case Compare(op, left, right):
            return f"{_operand(left, _SUM, False)} {op} {_operand(right, _SUM, last)}"
        case Member(item, collection):
            return f"{_operand(item, _SUM, False)} dans {_operand(collection, _SUM, last)}"
        case NotMember(item, collection):
            item_text = _operand(item, _SUM, False)
            return f"{item_text} n'est pas dans {_operand(collection, _SUM, last)}"
        case StartsWith(value, prefix):
            value_text = _operand(value, _SUM, False)
            return f"{value_text} commence par {_operand(prefix, _SUM, last)}"
        case IsKnown(operand):
            return f"{_operand(operand, _SUM, False)} est renseigné"
        case IsUnknown(operand):
            return f"{_operand(operand, _SUM, False)} n'est pas renseigné"
        case Arith("+", left, right):
            return f"{_operand(left, _SUM, False)} + {_operand(right, _PRODUCT, last)}"
        case Arith(op, left, right):
            return f"{_operand(left, _PRODUCT, False)} {op} {_operand(right, _ATOM, last)}"
        case ForAll(binder, body):
            return f"pour chaque {_binder(binder, False)} : {_format(body, last)}"
        case Exists(binder, None) | NoElement(binder, None):
            head = "il existe un" if isinstance(e, Exists) else "aucun"
            return f"{head} {_binder(binder, last)}"
        case Exists(binder, condition) | NoElement(binder, condition):
            head = "il existe un" if isinstance(e, Exists) else "aucun"
            assert condition is not None
            return f"{head} {_binder(binder, False)} où {_format(condition, last)}"
        case Count(collection):
            return f"nombre de {_operand(collection, _SUM, last)}"
        case CountWhere(binder, condition):
            return f"nombre de {_binder(binder, False)} où {_format(condition, last)}"
        case SumOf(value, binder, condition):
            head = f"somme de {_operand(value, _SUM, False)} pour chaque "
            if condition is None:
                return head + _binder(binder, last)
            return head + f"{_binder(binder, False)} où {_format(condition, last)}"
        case Filter(binder, condition):
            return f"les {_binder(binder, False)} où {_format(condition, last)}"
        case Checklist(items):
            lines = []
            for index, check_item in enumerate(items):
                final = last and index == len(items) - 1 and check_item.message is None
                text = _operand(check_item.condition, _OR, final)
                message = "" if check_item.message is None else f" {_message(check_item.message)}"
                lines.append(f"- {text}{message}")
            return "toutes ces conditions : " + " ".join(lines)
    raise AssertionError(e)  # pragma: no cover


def to_text(e: Expr) -> str:
    """The expression in the rule language (canonical spelling, minimal parentheses)."""
    return _format(e, True)
