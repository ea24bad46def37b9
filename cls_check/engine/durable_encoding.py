"""How a compiled rule set and a contract are put to durable_rules: the encoding.

Input: a :class:`~cls_check.ir.nodes.RuleSetIR`. Output: a :class:`Layout` — the durable
rule definitions (plain JSON-like data, split into *shards*), the IR expressions whose
reference values the Python side precomputes for each contract, and the function that turns
those values into the facts asserted. This module never imports durable_rules: it is the
part of the ``durable`` backend that can be read and tested anywhere.

Why it is shaped this way (measured on durable_rules 2.0.28, see architecture.md): durable
has no notion of unknown, its negation and ``none()`` are unsafe, ``count`` is not « at
least », it coerces ``true == 1 == "1"`` (and ``"" == -3``), it cannot read numbers written
with exponents (``1e-07``) or beyond 64 bits, and it has hard limits: properties of a fact
(nested ones included; error 302 somewhere between 100 and 200, a hang near 254), ``$and``/
``$or`` in a condition (error 113 from 16), tests that hold at once while it walks its
alpha network (error 303 from 64), and rulesets of a few hundred rules corrupted its memory.
So:

* **Slots.** Every value a condition reads is a *slot* ``sN`` of the fact: an object
  ``{"t": tag, "v": number}``. The tag says what the value is and is a string for every kind of
  value, so no comparison ever mixes types: ``"u"`` unknown, ``"b1"``/``"b0"`` true/false
  (``"b0"`` also for « the contract has none »: ``aucun`` is the constant false, and Python
  reads what lies beyond a none object as none), ``"s:"`` + text (kept exactly: the model
  already made it NFC), ``"n"`` a number, ``"d"`` a date, ``"nan"``, ``"x"`` anything else
  (a list, a record). ``v`` carries numbers and dates for order: dates as epoch days,
  numbers as an integer *code* that keeps order and equality with every number of the rule
  set and of the contract (the constants ``C0 < C1 < …`` get ``(i + 1)·2²⁰``, a value
  between two constants a code between theirs) — small integers that durable always reads
  right.
* **What Python precomputes** (with :func:`cls_check.engine.python.reference_values`, the
  reference semantics): the record's fields read by the conditions, and every expression
  durable cannot evaluate safely — quantifiers, membership in a list of the record, counts,
  sums, filters, arithmetic, dates shifted by a duration, ``commence par``, the check date,
  the named definitions, and comparisons between two values of the contract (durable's
  field-to-field comparisons overflow its expression limit inside « et »/« ou »). Each
  becomes a slot like a field.
* **What durable decides**: the logic over those values — ``et``/``ou``/``non``,
  comparisons with a constant (``=``, ``!=``, ``<``…), membership in a literal list,
  ``est renseigné``. Kleene's three-valued logic is encoded with positive conditions
  only: each condition is put in negation normal form, and each leaf has a *true* form and
  a *false* form that are both positive tests on tags and codes (``x != 3`` is false when
  the tag is ``"n"`` and the code equals 3's; neither form holds when the tag is ``"u"``).
  A formula built from these forms holds exactly when its Kleene value is true.
* **Two durable rules per rule**: ``applies = Q`` and ``holds = Q ∧ ¬U ∧ P`` (``Q`` the
  applicability, ``U`` the « inconnu si » condition, ``P`` the requirement with its
  exceptions folded in as ``(c ∧ a) ∨ ((¬c ∨ a) ∧ p)`` — exception ``c`` with requirement
  ``a`` over the rest ``p``; in Kleene's logic that is ``a`` when ``c`` holds, ``p`` when it
  does not, and when ``c`` is unknown the common value if ``a`` and ``p`` agree, else
  unknown: the reference backend's rule). Plus one catch-all rule, so that no fact is
  ever « not handled ». A rule too big for one fact or one condition has its parts
  precomputed whole (the requirement first): durable then reads their truth values.
* **Shards.** The rules are packed in order into rulesets (*shards*) whose facts stay
  within :data:`MAX_FACT_PROPERTIES` and whose conditions hold at most
  :data:`MAX_SHARD_TESTS` comparisons; each contract is one fact per shard.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast

from cls_check.dates import AnyDate, LateDate
from cls_check.ir import nodes as ir

#: Properties of one fact, nested ones and ``sid``/``id`` included. durable_rules 2.0.28
#: read 104 fine, refused 200 (error 302) and hung near 254: stay well below.
MAX_FACT_PROPERTIES = 48
#: ``$and``/``$or`` in one durable condition: 16 fails to register (error 113, measured).
MAX_CONDITION_OPERATORS = 14
#: Tests (comparisons) in all the conditions of one shard. durable walks its alpha network
#: with a stack of 64 nodes and fails (error 303) when more tests hold at once; a tree of
#: tests has no more nodes than tests. Bigger rulesets (some hundreds of rules) corrupted
#: its memory in our measurements: shards stay far below.
MAX_SHARD_TESTS = 56
CATCH_ALL_TESTS = 1
#: Properties every fact has: ``sid``, ``id`` and ``contrat`` (the catch-all's test).
BASE_PROPERTIES = 3
#: The gap between the codes of two consecutive numeric constants.
CODE_GAP = 2**20
#: Changes whenever the encoding changes, so that ruleset names never collide across versions.
ENCODING_VERSION = "cls-durable-1"

UNKNOWN = "u"
TRUE_TAG = "b1"
FALSE_TAG = "b0"
NUMBER = "n"
DATE = "d"
NAN = "nan"
TEXT_PREFIX = "s:"
OTHER = "x"

_EPOCH = datetime.date(1970, 1, 1).toordinal()

Json: TypeAlias = dict[str, Any]
#: A durable condition on the fact, or a constant (folded away before it reaches durable).
Cond: TypeAlias = Json | bool

_DURABLE_OP = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}
_NEGATED_OP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_MIRRORED_OP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


# ---------------------------------------------------------------- conditions


def cond_and(conds: Iterable[Cond]) -> Cond:
    """Conjunction with constants folded and nested conjunctions flattened."""
    return _connective(conds, "$and", absorbing=False)


def cond_or(conds: Iterable[Cond]) -> Cond:
    """Disjunction with constants folded and nested disjunctions flattened."""
    return _connective(conds, "$or", absorbing=True)


def _connective(conds: Iterable[Cond], key: str, *, absorbing: bool) -> Cond:
    """``absorbing`` decides the whole (False for $and, True for $or); its opposite drops out."""
    parts: list[Json] = []
    for c in conds:
        if c is absorbing:
            return absorbing
        if c is (not absorbing):
            continue
        assert isinstance(c, dict)
        parts.extend(c[key] if set(c) == {key} else [c])
    if not parts:
        return not absorbing
    return parts[0] if len(parts) == 1 else {key: parts}


def operators(cond: Cond) -> int:
    """The ``$and``/``$or`` nodes of a condition (durable accepts at most 15)."""
    if isinstance(cond, dict) and len(cond) == 1:
        key, value = next(iter(cond.items()))
        if key in ("$and", "$or"):
            return 1 + sum(operators(c) for c in value)
    return 0


def comparisons(cond: Cond) -> int:
    """The comparisons of a condition (a constant is one test on ``contrat``)."""
    if isinstance(cond, dict) and len(cond) == 1:
        key, value = next(iter(cond.items()))
        if key in ("$and", "$or"):
            return sum(comparisons(c) for c in value)
    return 1


def as_durable(cond: Cond) -> Json:
    """A condition as durable reads it: constants become a test on the ``contrat`` marker."""
    if cond is True:
        return {"contrat": 1}
    if cond is False:
        return {"contrat": 0}
    return cond


@dataclass(frozen=True, slots=True)
class _Num:
    """A numeric constant in a condition, replaced by its code once all are known."""

    value: float


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_number(value: object) -> float | None:
    """The value if it is an orderable number (not a boolean, not NaN), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and not math.isnan(value)):
        return value  # an int is never NaN (and may be too big for math.isnan)
    return None


def _tag_of_constant(value: bool | str) -> str:
    if isinstance(value, bool):
        return TRUE_TAG if value else FALSE_TAG
    return TEXT_PREFIX + value


def _is_date(value: object) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def epoch_days(value: AnyDate) -> int:
    """Days since 1970-01-01; a late date (after 9999) orders after every date."""
    return value.toordinal() - _EPOCH


# ---------------------------------------------------------------- slots


@dataclass(slots=True)
class Slot:
    """A value of the record (or computed from it) that conditions read."""

    name: str
    expr: ir.Expr
    index: int  # in the tuple of precomputed values
    ordered: bool = False  # needs ``v``: compared with a number or a date

    @property
    def properties(self) -> int:
        return 1 + int(self.ordered)

    @property
    def field_path(self) -> str | None:
        """``ccpd.existe`` for a field of the record; None for a computed value."""
        names: list[str] = []
        expr = self.expr
        while isinstance(expr, ir.Field):
            names.append(expr.name)
            expr = expr.base
        return ".".join(reversed(names)) if isinstance(expr, ir.Root) and names else None


class NumericCodes:
    """Integer codes for numbers that keep order and equality (see the module docstring)."""

    def __init__(self, constants: Iterable[float]):
        self.constants: tuple[float, ...] = tuple(sorted(set(constants)))

    def constant(self, value: float) -> int:
        index = bisect.bisect_left(self.constants, value)
        assert self.constants[index] == value, value
        return (index + 1) * CODE_GAP

    def codes(self, values: Iterable[float]) -> dict[float, int]:
        """Codes for the numbers of one contract (NaN excluded)."""
        out: dict[float, int] = {}
        gap, rank = -1, 0
        for value in sorted(set(values)):
            index = bisect.bisect_left(self.constants, value)
            if index < len(self.constants) and self.constants[index] == value:
                out[value] = (index + 1) * CODE_GAP
                continue
            if index != gap:
                gap, rank = index, 0
            if rank >= CODE_GAP - 1:  # pragma: no cover - a million numbers in one contract
                raise ValueError("trop de nombres différents dans un même contrat")
            out[value] = index * CODE_GAP + 1 + rank
            rank += 1
        return out


# ---------------------------------------------------------------- compiling rules


@dataclass(frozen=True, slots=True)
class RuleLayout:
    """One rule's two durable rules, and the expressions whose known-ness Python checks."""

    index: int
    applies: Cond
    holds: Cond
    slots: frozenset[str]
    applicable: ir.Expr | None  # Q, whose value must be known for ``applies`` to decide
    unknown_if: ir.Expr | None  # U: the verdict is unknown unless it is false
    requirement: ir.Expr  # P, exceptions folded in; its value must be known for ``holds``
    collapsed: tuple[str, ...] = ()  # parts precomputed whole because the rule is too big

    @property
    def comparisons(self) -> int:
        """The comparisons of both durable rules (what a shard's alpha network holds)."""
        return comparisons(self.applies) + comparisons(self.holds)

    @property
    def applies_name(self) -> str:
        return f"r{self.index}_applique"

    @property
    def holds_name(self) -> str:
        return f"r{self.index}_respecte"


def effective_requirement(rule: ir.Rule) -> ir.Expr:
    """The requirement with its exceptions, as one Kleene formula (see the module docstring)."""
    expr = rule.general.expr
    for exception in reversed(rule.exceptions):
        c, a = exception.condition.expr, exception.requirement.expr
        expr = ir.Or((ir.And((c, a)), ir.And((ir.Or((ir.Not(c), a)), expr))))
    return expr


class _Compiler:
    """Turns IR conditions into positive durable conditions, registering the slots read."""

    def __init__(self) -> None:
        self.slots: dict[str, Slot] = {}
        self.numbers: set[float] = set()
        self._used: set[str] = set()

    def begin(self) -> None:
        self._used = set()

    def used(self) -> frozenset[str]:
        return frozenset(self._used)

    def slot(self, expr: ir.Expr) -> Slot:
        key = repr(expr)  # not the dataclass equality: Const(1) == Const(True) there
        found = self.slots.get(key)
        if found is None:
            found = Slot(name=f"s{len(self.slots)}", expr=expr, index=len(self.slots))
            self.slots[key] = found
        self._used.add(found.name)
        return found

    # -- boolean structure: negation normal form, a true and a false form per leaf

    def cond(self, expr: ir.Expr, positive: bool) -> Cond:
        match expr:
            case ir.Const(value) if isinstance(value, bool):
                return value is positive
            case ir.Not(operand):
                return self.cond(operand, not positive)
            case ir.And(operands):
                parts = [self.cond(o, positive) for o in operands]
                return cond_and(parts) if positive else cond_or(parts)
            case ir.Checklist(items):
                parts = [self.cond(i.condition, positive) for i in items]
                return cond_and(parts) if positive else cond_or(parts)
            case ir.Or(operands):
                parts = [self.cond(o, positive) for o in operands]
                return cond_or(parts) if positive else cond_and(parts)
            case ir.Compare(op, left, right):
                return self.compare(op, left, right, positive)
            case ir.Member(item, ir.ListOf(items)):
                equal = [self.compare("=", item, e, positive) for e in items]
                return cond_or(equal) if positive else cond_and(equal)
            case ir.IsKnown(operand):
                return (
                    _tag_is_not(self.slot(operand), UNKNOWN)
                    if positive
                    else _tag_is(self.slot(operand), UNKNOWN)
                )
        return self.atom(expr, positive)

    def atom(self, expr: ir.Expr, positive: bool) -> Cond:
        """A condition precomputed whole by Python: durable reads its truth value."""
        return _tag_is(self.slot(expr), TRUE_TAG if positive else FALSE_TAG)

    # -- comparisons

    def compare(self, op: str, left: ir.Expr, right: ir.Expr, positive: bool) -> Cond:
        if isinstance(left, ir.Const) and isinstance(right, ir.Const):
            return self.atom(ir.Compare(cast("ir.Comparator", op), left, right), positive)
        if isinstance(left, ir.Const):
            left, right, op = right, left, _MIRRORED_OP[op]
        if isinstance(right, ir.Const):
            return self.compare_constant(op, left, right, positive)
        # Two values of the contract: durable can compare them (``{"$m": …}``), but such
        # comparisons inside « et »/« ou » exceed its expression limit (error 113) after a
        # dozen terms. The comparison is precomputed whole; durable reads its truth value.
        return self.atom(ir.Compare(cast("ir.Comparator", op), left, right), positive)

    def compare_constant(self, op: str, left: ir.Expr, right: ir.Const, positive: bool) -> Cond:
        value = right.value
        number = _as_number(value)
        date = value if _is_date(value) else None
        if op in ("=", "!="):
            same = (op == "=") is positive
            if isinstance(value, bool | str):
                slot = self.slot(left)
                tag = _tag_of_constant(value)
                if same:
                    return _tag_is(slot, tag)
                return cond_and([_tag_is_not(slot, UNKNOWN), _tag_is_not(slot, tag)])
            if number is not None:
                return self._equal_scalar(left, NUMBER, self.number(number), same)
            if isinstance(date, datetime.date):
                return self._equal_scalar(left, DATE, epoch_days(date), same)
        elif isinstance(value, bool):  # « faux » is not a quantity: never ordered, known false
            return False if positive else _tag_is_not(self.slot(left), UNKNOWN)
        elif number is not None:
            return self._order_scalar(left, op, NUMBER, self.number(number), positive)
        elif isinstance(date, datetime.date):
            return self._order_scalar(left, op, DATE, epoch_days(date), positive)
        # Durations and other constants: the comparison is precomputed whole.
        return self.atom(ir.Compare(cast("ir.Comparator", op), left, right), positive)

    def number(self, value: float) -> _Num:
        self.numbers.add(value)
        return _Num(value)

    def _equal_scalar(self, left: ir.Expr, tag: str, v: _Num | int, same: bool) -> Cond:
        slot = self.slot(left)
        slot.ordered = True
        if same:
            return cond_and([_tag_is(slot, tag), {f"{slot.name}.v": v}])
        return cond_and(
            [
                _tag_is_not(slot, UNKNOWN),
                cond_or([_tag_is_not(slot, tag), {"$neq": {f"{slot.name}.v": v}}]),
            ]
        )

    def _order_scalar(
        self, left: ir.Expr, op: str, tag: str, v: _Num | int, positive: bool
    ) -> Cond:
        slot = self.slot(left)
        slot.ordered = True
        if positive:
            return cond_and([_tag_is(slot, tag), {_DURABLE_OP[op]: {f"{slot.name}.v": v}}])
        negated = _DURABLE_OP[_NEGATED_OP[op]]
        return cond_or(
            [
                _unordered(slot),
                cond_and([_tag_is(slot, tag), {negated: {f"{slot.name}.v": v}}]),
            ]
        )


def _tag_is(slot: Slot, tag: str) -> Json:
    return {f"{slot.name}.t": tag}


def _tag_is_not(slot: Slot, tag: str) -> Json:
    return {"$neq": {f"{slot.name}.t": tag}}


def _unordered(slot: Slot) -> Cond:
    """Known values that no order applies to: ``<`` on them is false, not unknown."""
    return cond_or([_tag_is(slot, TRUE_TAG), _tag_is(slot, FALSE_TAG), _tag_is(slot, NAN)])


def _replace_numbers(value: Any, codes: NumericCodes) -> Any:
    if isinstance(value, _Num):
        return codes.constant(value.value)
    if isinstance(value, dict):
        return {k: _replace_numbers(v, codes) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_numbers(v, codes) for v in value]
    return value


# ---------------------------------------------------------------- the layout


@dataclass(frozen=True, slots=True)
class Shard:
    """One durable ruleset: some rules, and the slots their fact carries."""

    name: str
    rules: tuple[RuleLayout, ...]
    slots: tuple[Slot, ...]
    definition: Mapping[str, Json]  # durable rule name → {"all": [{"m": condition}]}

    @property
    def properties(self) -> int:
        return BASE_PROPERTIES + sum(s.properties for s in self.slots)


@dataclass(frozen=True, slots=True)
class Layout:
    """Everything the durable backend needs, computed once per rule set."""

    rules: tuple[RuleLayout, ...]
    shards: tuple[Shard, ...]
    slots: tuple[Slot, ...]
    codes: NumericCodes
    #: Definitions to add to the rule set's for :attr:`exprs`: one per slot.
    definitions: tuple[tuple[str, ir.Expr], ...] = field(repr=False)
    #: The expressions Python evaluates per contract: the slots, then for each rule its
    #: applicability, « inconnu si » condition and requirement (constants where absent).
    exprs: tuple[ir.Expr, ...] = field(repr=False)

    def known_exprs(self, rule: RuleLayout) -> tuple[int | None, int | None, int]:
        """Indices in :attr:`exprs` of a rule's Q, U and P."""
        base = len(self.slots) + 3 * rule.index
        return (
            base if rule.applicable is not None else None,
            base + 1 if rule.unknown_if is not None else None,
            base + 2,
        )

    def facts(self, values: Sequence[object]) -> Iterator[tuple[Shard, Json]]:
        """The fact of each shard for one contract (``sid`` and ``id`` are set by the caller)."""
        encoded = encode_values(self.slots, values, self.codes)
        for shard in self.shards:
            fact: Json = {"contrat": 1}
            for slot in shard.slots:
                fact[slot.name] = encoded[slot.index]
            yield shard, fact

    def describe(self) -> str:
        """The slots, one a line: what Python precomputes and durable compares."""
        lines = []
        for slot in self.slots:
            path = slot.field_path
            what = f"champ {path}" if path is not None else f"calcul {_short(slot.expr)}"
            lines.append(f"{slot.name}: {what}")
        return "\n".join(lines)


def _short(expr: ir.Expr, limit: int = 100) -> str:
    text = repr(expr)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def encode_values(
    slots: Sequence[Slot], values: Sequence[object], codes: NumericCodes
) -> dict[int, Json]:
    """Each slot's ``{"t": tag, "v": number}`` for one contract."""
    numbers = [
        n for s in slots if s.ordered for n in (_as_number(values[s.index]),) if n is not None
    ]
    number_codes = codes.codes(numbers)
    out: dict[int, Json] = {}
    for slot in slots:
        tag, v = _encode(values[slot.index], number_codes)
        out[slot.index] = {"t": tag, "v": v} if slot.ordered else {"t": tag}
    return out


def _encode(value: object, codes: Mapping[float, int]) -> tuple[str, int]:
    """The tag and order code of one value."""
    if value is None:
        return UNKNOWN, 0
    if isinstance(value, bool | str):
        return _tag_of_constant(value), 0
    number = _as_number(value)
    if number is not None:
        return NUMBER, codes.get(number, 0)
    if _is_number(value):
        return NAN, 0
    if _is_date(value) or isinstance(value, LateDate):
        return DATE, epoch_days(cast(AnyDate, value))
    return OTHER, 0


def compile_layout(ruleset: ir.RuleSetIR, max_properties: int = MAX_FACT_PROPERTIES) -> Layout:
    """Compile every rule to its two durable rules and pack the rules into shards."""
    compiler = _Compiler()
    rules = tuple(
        _compile_rule(compiler, index, rule, max_properties)
        for index, rule in enumerate(ruleset.rules)
    )
    # Only the slots some rule reads (a rule compiled again smaller may have left others).
    used = {name for r in rules for name in r.slots}
    slots = tuple(s for s in compiler.slots.values() if s.name in used)
    for index, slot in enumerate(slots):
        slot.index = index
    codes = NumericCodes(compiler.numbers)
    by_name = {s.name: s for s in slots}
    shards = tuple(_shard(group, by_name, codes) for group in _pack(rules, by_name, max_properties))
    # Each slot is evaluated once per contract, as a definition; the rules' Q, U and P
    # read the slots they contain through it.
    definitions = tuple((_definition_name(s), s.expr) for s in slots)
    refs: dict[str, ir.Expr] = {repr(s.expr): ir.Ref(_definition_name(s)) for s in slots}
    exprs = tuple(refs[repr(s.expr)] for s in slots) + tuple(
        _with_refs(e, refs)
        for r in rules
        for e in (
            r.applicable if r.applicable is not None else ir.Const(True),
            r.unknown_if if r.unknown_if is not None else ir.Const(False),
            r.requirement,
        )
    )
    return Layout(
        rules=rules,
        shards=shards,
        slots=slots,
        codes=codes,
        definitions=definitions,
        exprs=exprs,
    )


def _definition_name(slot: Slot) -> str:
    return f"§{slot.name}"  # never a name the rule language accepts


def _with_refs(expr: ir.Expr, refs: Mapping[str, ir.Expr]) -> ir.Expr:
    """``expr`` with each slot it contains read through the slot's definition (a slot has
    no free variable, so this changes no value, only how often it is computed)."""
    found = refs.get(repr(expr))
    if found is not None:
        return found
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(expr):
        value = getattr(expr, f.name)
        new = _rewrite_child(value, refs)
        if new is not value:
            changes[f.name] = new
    return dataclasses.replace(expr, **changes) if changes else expr


def _rewrite_child(value: Any, refs: Mapping[str, ir.Expr]) -> Any:
    if isinstance(value, tuple):
        items = tuple(_rewrite_child(v, refs) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, ir.Duration | type):
        if isinstance(value, ir.CheckItem):
            condition = _with_refs(value.condition, refs)
            return value if condition is value.condition else ir.CheckItem(condition, value.message)
        return _with_refs(value, refs)  # type: ignore[arg-type]
    return value


#: What is precomputed whole, in turn, while a rule's fact would be too big.
_COLLAPSE: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({"exige"}),
    frozenset({"exige", "inconnu si"}),
    frozenset({"exige", "inconnu si", "applicable si"}),
)


def _compile_rule(compiler: _Compiler, index: int, rule: ir.Rule, limit: int) -> RuleLayout:
    """Both durable rules of one rule. A rule whose conditions read more slots than a fact
    holds, or nest more « et »/« ou » than durable accepts, has its parts precomputed
    whole, the requirement first: durable then only reads their truth values (not needed
    by the bundled rules; tested)."""
    q = rule.applicable.expr if rule.applicable is not None else None
    u = rule.unknown_if.expr if rule.unknown_if is not None else None
    p = effective_requirement(rule)

    def part(expr: ir.Expr | None, positive: bool, whole: bool) -> Cond:
        if expr is None:
            return True
        return compiler.atom(expr, positive) if whole else compiler.cond(expr, positive)

    for collapse in _COLLAPSE:
        compiler.begin()
        applies = part(q, True, "applicable si" in collapse)
        holds = cond_and(
            [applies, part(u, False, "inconnu si" in collapse), part(p, True, "exige" in collapse)]
        )
        # At most two properties a slot (its order code may be needed by another rule).
        small = BASE_PROPERTIES + 2 * len(compiler.used()) <= limit
        few = CATCH_ALL_TESTS + comparisons(applies) + comparisons(holds) <= MAX_SHARD_TESTS
        if small and few and max(operators(applies), operators(holds)) <= MAX_CONDITION_OPERATORS:
            break
    return RuleLayout(
        index=index,
        applies=applies,
        holds=holds,
        slots=compiler.used(),
        applicable=q,
        unknown_if=u,
        requirement=p,
        collapsed=tuple(sorted(collapse)),
    )


def _pack(
    rules: Sequence[RuleLayout], slots: Mapping[str, Slot], limit: int
) -> Iterator[tuple[RuleLayout, ...]]:
    """Consecutive rules, as many per shard as the fact's properties and durable's alpha
    network (:data:`MAX_SHARD_TESTS`) allow."""
    group: list[RuleLayout] = []
    names: set[str] = set()
    tests = CATCH_ALL_TESTS
    for rule in rules:
        merged = names | rule.slots
        too_big = BASE_PROPERTIES + sum(slots[n].properties for n in merged) > limit
        if group and (too_big or tests + rule.comparisons > MAX_SHARD_TESTS):
            yield tuple(group)
            group, merged, tests = [], set(rule.slots), CATCH_ALL_TESTS
        group.append(rule)
        names = merged
        tests += rule.comparisons
    if group:
        yield tuple(group)


def _shard(rules: tuple[RuleLayout, ...], slots: Mapping[str, Slot], codes: NumericCodes) -> Shard:
    definition: dict[str, Json] = {"tout": {"all": [{"m": {"contrat": 1}}]}}
    for rule in rules:
        definition[rule.applies_name] = {"all": [{"m": as_durable(rule.applies)}]}
        definition[rule.holds_name] = {"all": [{"m": as_durable(rule.holds)}]}
    definition = _replace_numbers(definition, codes)
    used = sorted({n for r in rules for n in r.slots}, key=lambda n: slots[n].index)
    digest = hashlib.sha256(
        json.dumps([ENCODING_VERSION, definition], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return Shard(
        name=f"cls_{digest[:32]}",
        rules=rules,
        slots=tuple(slots[n] for n in used),
        definition=definition,
    )
