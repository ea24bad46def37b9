"""The intermediate representation: a checked rule set, ready for any backend.

Input: nothing — this module only defines data. The rule language front end (the ``dsl``
package, whose lowering step builds it) produces it; the backends (``cls_check.engine``)
consume it. Nothing here imports the front end: the dependency runs dsl → ir only.

Invariants (established by the static checker, relied on by every backend):

* Every expression is well typed: a :class:`Field` base is a record, a :class:`Project`
  base is a list of records, :class:`Arith` operands are numbers, :class:`ShiftDate` is a
  date plus a duration, a quantifier's collection is a list.
* Every :class:`Var` is bound by an enclosing quantifier; every :class:`Ref` names an entry
  of :attr:`RuleSetIR.definitions`, and definitions are listed so that each only refers to
  earlier ones (no cycles).
* Enumeration literals are valid values of the field they are compared with.

Runtime values are plain Python: ``bool``, ``int``, ``float``, ``str`` (NFC), ``datetime.date``,
:class:`Duration`, tuples for lists, mappings for records — and ``None`` for *unknown*.
Truth values are ``True``, ``False`` or ``None`` (Kleene's three-valued logic).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal, TypeAlias

from cls_check.dates import Duration, DurationUnit
from cls_check.errors import Span
from cls_check.vocab import Force

Comparator = Literal["=", "!=", "<", "<=", ">", ">="]

__all__ = [
    "And",
    "Arith",
    "CheckDate",
    "CheckItem",
    "Checklist",
    "Comparator",
    "Compare",
    "Concat",
    "Condition",
    "ConditionalMessage",
    "Const",
    "Count",
    "CountWhere",
    "Duration",
    "DurationUnit",
    "Exception_",
    "Exists",
    "Expr",
    "Field",
    "Filter",
    "ForAll",
    "Force",
    "IsKnown",
    "ListOf",
    "Member",
    "Message",
    "NoneOf",
    "NoneShown",
    "Not",
    "Or",
    "Project",
    "Ref",
    "Requirement",
    "Root",
    "Rule",
    "RuleSetIR",
    "Scalar",
    "ShiftDate",
    "Source",
    "StartsWith",
    "SumOf",
    "Var",
]

Scalar: TypeAlias = bool | int | float | str | datetime.date | Duration


# ---------------------------------------------------------------- expressions
# Each node is named after what it computes. Unknown operands make the result unknown
# unless the node's docstring says otherwise.


@dataclass(frozen=True, slots=True)
class Const:
    """A literal value."""

    value: Scalar


@dataclass(frozen=True, slots=True)
class ListOf:
    """A literal list ``["a", "b"]``; its elements have no place in the record."""

    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Root:
    """The contract record itself (path ``""``)."""


@dataclass(frozen=True, slots=True)
class Var:
    """An element bound by an enclosing quantifier."""

    name: str


@dataclass(frozen=True, slots=True)
class Ref:
    """A named definition (``soit …``), evaluated at most once per contract."""

    name: str


@dataclass(frozen=True, slots=True)
class Field:
    """``base.name`` where ``base`` is a record; unknown when the base is unknown."""

    base: Expr
    name: str


@dataclass(frozen=True, slots=True)
class Project:
    """``base.name`` where ``base`` is a list of records: the list of each element's field
    (``territoire.quartiers_prioritaires.nom``). Unknown when the list is unknown; an
    element whose field is unknown contributes an unknown element."""

    base: Expr
    name: str


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class And:
    """Kleene conjunction: false if any operand is false, else unknown if any is unknown."""

    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Kleene disjunction: true if any operand is true, else unknown if any is unknown."""

    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Compare:
    """Equality on any values, order on numbers and dates."""

    op: Comparator
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Member:
    """``item dans collection``: true if some element equals the item; otherwise unknown if
    the item, the list or some element is unknown; otherwise false."""

    item: Expr
    collection: Expr


@dataclass(frozen=True, slots=True)
class StartsWith:
    """``value commence par prefix`` on strings."""

    value: Expr
    prefix: Expr


@dataclass(frozen=True, slots=True)
class IsKnown:
    """``x est renseigné``: true when the record says something (even ``[]`` or ``false``).
    Two-valued: never unknown."""

    operand: Expr


@dataclass(frozen=True, slots=True)
class Arith:
    """Arithmetic on numbers. Division by zero is unknown (there is no share of nothing)."""

    op: Literal["+", "*", "/"]
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class ShiftDate:
    """``date + duration``; months are calendar months, clamped to the month's last day."""

    date: Expr
    duration: Expr


@dataclass(frozen=True, slots=True)
class Concat:
    """``liste + liste``: the elements of each part, in order; unknown if any part is."""

    parts: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class ForAll:
    """``pour chaque v de collection : body``: false if the body is false for some element,
    else unknown if it is unknown for some element (or the list is unknown), else true."""

    var: str
    collection: Expr
    body: Expr


@dataclass(frozen=True, slots=True)
class Exists:
    """``il existe un v de collection [où condition]``: true if some element satisfies the
    condition (no condition: the list is not empty), else unknown if some element's
    condition is unknown (or the list is unknown), else false."""

    var: str
    collection: Expr
    condition: Expr | None


@dataclass(frozen=True, slots=True)
class NoneOf:
    """``aucun v de collection [où condition]``: the negation of :class:`Exists`."""

    var: str
    collection: Expr
    condition: Expr | None


@dataclass(frozen=True, slots=True)
class Count:
    """``nombre de collection``: its length, unknown if the list is unknown."""

    collection: Expr


@dataclass(frozen=True, slots=True)
class CountWhere:
    """``nombre de v de collection où condition``: unknown if any element's condition is."""

    var: str
    collection: Expr
    condition: Expr


@dataclass(frozen=True, slots=True)
class SumOf:
    """``somme de value pour chaque v de collection [où condition]``: unknown if any counted
    element's value, or any element's condition, is unknown."""

    var: str
    collection: Expr
    value: Expr
    condition: Expr | None


@dataclass(frozen=True, slots=True)
class Filter:
    """``les v de collection où condition``: the elements whose condition is true, in order;
    unknown if any element's condition is unknown."""

    var: str
    collection: Expr
    condition: Expr


@dataclass(frozen=True, slots=True)
class CheckItem:
    condition: Expr
    message: Message | None


@dataclass(frozen=True, slots=True)
class Checklist:
    """``toutes ces conditions :`` — a conjunction whose failing items each carry their own
    message (rendered, in order, as the finding's message when the rule is violated)."""

    items: tuple[CheckItem, ...]


@dataclass(frozen=True, slots=True)
class CheckDate:
    """``date du contrôle``: the date the check is made for (``--at``, else today)."""


Expr: TypeAlias = (
    Const
    | ListOf
    | Root
    | Var
    | Ref
    | Field
    | Project
    | Not
    | And
    | Or
    | Compare
    | Member
    | StartsWith
    | IsKnown
    | Arith
    | ShiftDate
    | Concat
    | ForAll
    | Exists
    | NoneOf
    | Count
    | CountWhere
    | SumOf
    | Filter
    | Checklist
    | CheckDate
)


# ---------------------------------------------------------------- messages and rules


@dataclass(frozen=True, slots=True)
class NoneShown:
    """A value interpolated in a message where ``false`` means « the contract has none »
    (a date, a text, an enumerated value, an object): shown « aucun », not « non »."""

    expr: Expr


@dataclass(frozen=True, slots=True)
class Message:
    """A French message; each part is literal text or an expression to interpolate."""

    parts: tuple[str | Expr | NoneShown, ...]


@dataclass(frozen=True, slots=True)
class ConditionalMessage:
    """``sinon si condition : « … »`` (condition) or ``sinon « … »`` (condition None)."""

    condition: Expr | None
    message: Message


@dataclass(frozen=True, slots=True)
class Requirement:
    """``exige expr`` with the messages to give when it is violated.

    When ``expr`` is a :class:`ForAll`, the messages are rendered once per failing element,
    with the quantifier's variable bound to it; when it is a :class:`Checklist`, each failing
    item's own message is used (the default message for items without one).
    """

    expr: Expr
    messages: tuple[ConditionalMessage, ...]
    note: Message | None  # ``constat « … »``: said when the requirement is satisfied


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition with its source text, so a report can say why a rule did not apply."""

    expr: Expr
    text: str


@dataclass(frozen=True, slots=True)
class Exception_:
    """``sauf si condition : exige …`` — a more specific case that overrides the general one.

    When the condition is unknown, the verdict is the general one if both agree, else
    unknown.
    """

    condition: Condition
    requirement: Requirement


@dataclass(frozen=True, slots=True)
class Source:
    """The passage a rule formalises, as the catalogue cites it."""

    section: str  # "" when the text is cited as a whole
    quote: str
    text: int  # the year of the cited text (1997, 1999: the two circulars)
    document: str  # its name: « circulaire du 28 octobre 1997 »
    document_id: str  # the catalogue's id: circulaire-1997
    kind: Literal["primaire", "secondaire"]
    reference: str | None  # for a secondary source: where the quote comes from


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule, encoding one requirement of the catalogue.

    The verdict is decided in this order: not yet in force → ``not_applicable``;
    ``applicable`` false → ``not_applicable`` (unknown → ``unknown``); ``unknown_if`` true or
    unknown → ``unknown``; then the first exception whose condition holds, else the general
    requirement.
    """

    id: str
    requirement: str
    title: str
    theme: str
    force: Force
    source: Source
    in_force_from: datetime.date | None
    applicable: Condition | None
    unknown_if: Condition | None
    general: Requirement
    exceptions: tuple[Exception_, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class RuleSetIR:
    """Everything a backend needs: rules in file order, and definitions in dependency
    order (rule-local definitions are qualified by their rule id: ``SIG-03.part``)."""

    rules: tuple[Rule, ...]
    definitions: tuple[tuple[str, Expr], ...]
    version: str
    sha256: str
