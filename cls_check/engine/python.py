"""The ``python`` backend: the IR compiled to closures, with Kleene's three-valued logic.

Input: a :class:`~cls_check.ir.nodes.RuleSetIR` (compiled once) and, per contract, the
validated record plus an :class:`~cls_check.engine.context.EvaluationContext`.
Output: one :class:`~cls_check.report.model.Finding` per rule, in rule order.

This backend is the reference semantics of the rule language. Every expression compiles
to a closure ``ctx -> (value, evidence)``: ``value`` is the runtime value (``None`` when
unknown) and ``evidence`` the record facts that decided it, as ``(path, raw value)`` pairs.
Boolean operators keep the evidence of the operands that decided (the first false
conjunct, the first true disjunct, the first witness of ``il existe``…), so that a finding
shows why, and — for an absence — everything that was searched.

Thread safety: compiled closures hold no state; each evaluation has its own context.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import functools
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast

from cls_check.engine.context import EvaluationContext
from cls_check.engine.in_force import in_force, origin
from cls_check.engine.values import evidence_value, format_value
from cls_check.ir import nodes as ir
from cls_check.report.model import Evidence, Finding, Source, Verdict

Ev: TypeAlias = tuple[tuple[str, object], ...]
Item: TypeAlias = tuple[object, str | None]  # a value and its path in the record (if any)
Result: TypeAlias = tuple[Any, Ev]
ValueFn: TypeAlias = Callable[["_Ctx"], Result]
ItemsFn: TypeAlias = Callable[["_Ctx"], tuple[tuple[Item, ...] | None, Ev]]
PlaceFn: TypeAlias = Callable[["_Ctx"], Item]


class _Ctx:
    """The state of one contract's evaluation: never shared between threads."""

    __slots__ = ("bindings", "check_date", "lists", "memo", "places", "root")

    def __init__(self, root: object, check_date: datetime.date):
        self.root = root
        self.check_date = check_date
        self.memo: dict[str, Result] = {}
        self.places: dict[str, Item] = {}
        self.lists: dict[str, tuple[tuple[Item, ...] | None, Ev]] = {}
        self.bindings: dict[str, Item] = {}


def _join(path: str | None, name: str) -> str | None:
    if path is None:
        return None
    return f"{path}.{name}" if path else name


def _get(record: object, name: str) -> object:
    """A field of a record: a validated model, or a plain dict (hand-built tests)."""
    if type(record) is dict:
        return record.get(name)
    return getattr(record, name, None)


def _walk(record: object, path: str, names: tuple[str, ...], paths: tuple[str, ...]) -> Item:
    """Read ``names`` from ``record``; stop at the first missing record and name it."""
    value = record
    for name, here in zip(names, paths, strict=True):
        if value is None:  # the whole record is missing: say so, not its field
            return None, path
        value = _get(value, name)
        path = here
    return value, path


def _walk_relative(record: object, path: str | None, names: tuple[str, ...]) -> Item:
    """Like :func:`_walk` from an element whose path is ``path`` (None: not in the record)."""
    value = record
    for name in names:
        if value is None:
            return None, path
        value = _get(value, name)
        if path is not None:
            path = f"{path}.{name}"
    return value, path


def _elements(value: object, path: str | None) -> tuple[tuple[Item, ...] | None, Ev]:
    """A list read from the record, each element with its path (``signataires[2]``)."""
    if value is None:
        return None, ((path, None),) if path is not None else ()
    elements: tuple[object, ...] = tuple(cast("Iterable[object]", value))
    if not elements:
        return (), ((path, []),) if path is not None else ()
    if path is None:
        return tuple((v, None) for v in elements), ()
    return tuple((v, f"{path}[{i}]") for i, v in enumerate(elements)), ()


def _closed(expr: object) -> bool:
    """Whether an expression mentions no quantified variable (its value is the same for
    every element of every quantifier of a contract)."""
    if isinstance(expr, ir.Var):
        return False
    if isinstance(expr, tuple):
        return all(_closed(e) for e in expr)
    if dataclasses.is_dataclass(expr):
        return all(_closed(getattr(expr, f.name)) for f in dataclasses.fields(expr))
    return True


def _is_root_chain(expr: ir.Expr) -> bool:
    while isinstance(expr, ir.Field):
        expr = expr.base
    return isinstance(expr, ir.Root)


def _root_path(expr: ir.Expr) -> str:
    names: list[str] = []
    while isinstance(expr, ir.Field):
        names.append(expr.name)
        expr = expr.base
    return ".".join(reversed(names))


def _same(left: object, right: object) -> bool:
    """Equality that keeps booleans apart from numbers (0 is a figure, not « faux »)."""
    if type(left) is type(right):
        return left == right
    return isinstance(left, bool) == isinstance(right, bool) and left == right


def _ordered(op: Callable[[Any, Any], bool]) -> Callable[[object, object], bool]:
    def compare(left: object, right: object) -> bool:
        if isinstance(left, bool) or isinstance(right, bool):
            return False  # « faux » (not quantified) is not a number
        return op(left, right)

    return compare


_COMPARATORS: dict[str, Callable[[object, object], bool]] = {
    "=": _same,
    "!=": lambda a, b: not _same(a, b),
    "<": _ordered(operator.lt),
    "<=": _ordered(operator.le),
    ">": _ordered(operator.gt),
    ">=": _ordered(operator.ge),
}


def shift_date(date: datetime.date, duration: ir.Duration) -> datetime.date:
    """Add a duration; a month later than the 31st of January is the last day of February."""
    if duration.unit == "jours":
        return date + datetime.timedelta(days=duration.amount)
    months = duration.amount * (12 if duration.unit == "ans" else 1)
    year, month0 = divmod(date.month - 1 + months, 12)
    year += date.year
    day = min(date.day, calendar.monthrange(year, month0 + 1)[1])
    return datetime.date(year, month0 + 1, day)


# ---------------------------------------------------------------- expressions


class _Compiler:
    """Turns IR expressions into closures; one per rule set."""

    def __init__(self, definitions: Mapping[str, ir.Expr]):
        self._definitions = definitions

    # Places: record navigation, keeping the path of what is read.

    def place(self, expr: ir.Expr) -> PlaceFn:
        match expr:
            case ir.Root():
                return lambda c: (c.root, "")
            case ir.Var(name):
                return lambda c: c.bindings[name]
            case ir.Field():
                return self._field_chain(expr)
            case ir.Ref(name) if _is_place(self._definitions[name], self._definitions):
                return self.place(self._definitions[name])
            case _:
                value_fn = self.value(expr)
                return lambda c: (value_fn(c)[0], None)

    def _field_chain(self, expr: ir.Field) -> PlaceFn:
        """``a.b.c``: one closure walks the whole chain. Chains from the record root are
        read once per contract (many rules read ``signataires`` or ``actions``)."""
        names: list[str] = []
        start: ir.Expr = expr
        while isinstance(start, ir.Field):
            names.append(start.name)
            start = start.base
        names.reverse()
        chain = tuple(names)
        if isinstance(start, ir.Root):
            paths = tuple(".".join(chain[: i + 1]) for i in range(len(chain)))
            key = paths[-1]

            def read_root(c: _Ctx) -> Item:
                hit = c.places.get(key)
                if hit is None:
                    hit = c.places[key] = _walk(c.root, "", chain, paths)
                return hit

            return read_root
        if isinstance(start, ir.Var):
            var = start.name

            def read_var(c: _Ctx) -> Item:
                value, path = c.bindings[var]
                return _walk_relative(value, path, chain)

            return read_var
        base_fn = self.place(start)

        def read(c: _Ctx) -> Item:
            value, path = base_fn(c)
            return _walk_relative(value, path, chain)

        return read

    # Lists: elements with their paths.

    def items(self, expr: ir.Expr) -> ItemsFn:
        match expr:
            case ir.Project(base, name):
                base_items = self.items(base)

                def project(c: _Ctx) -> tuple[tuple[Item, ...] | None, Ev]:
                    elements, ev = base_items(c)
                    if elements is None:
                        return None, ev
                    return tuple(
                        (None, p) if r is None else (_get(r, name), _join(p, name))
                        for r, p in elements
                    ), ev

                return project
            case ir.Concat(parts):
                part_fns = tuple(self.items(p) for p in parts)

                def concat(c: _Ctx) -> tuple[tuple[Item, ...] | None, Ev]:
                    out: list[Item] = []
                    evs: Ev = ()
                    unknown = False
                    for fn in part_fns:
                        elements, ev = fn(c)
                        evs += ev
                        if elements is None:
                            unknown = True
                        else:
                            out.extend(elements)
                    return (None, evs) if unknown else (tuple(out), evs)

                return concat
            case ir.Filter(var, collection, condition):
                return self._filter(var, collection, condition)
            case ir.ListOf(elements):
                fns = tuple(self.value(e) for e in elements)

                def literal(c: _Ctx) -> tuple[tuple[Item, ...] | None, Ev]:
                    return tuple((fn(c)[0], None) for fn in fns), ()

                return literal
            case ir.Ref(name):
                memo_key = f"items:{name}"
                fn = self.items(self._definitions[name])

                def ref(c: _Ctx) -> tuple[tuple[Item, ...] | None, Ev]:
                    if memo_key not in c.memo:
                        c.memo[memo_key] = fn(c)
                    result: tuple[tuple[Item, ...] | None, Ev] = c.memo[memo_key]
                    return result

                return ref
            case _:
                place = self.place(expr)
                if _is_root_chain(expr):
                    # Lists of the record itself are laid out once per contract.
                    key = _root_path(expr)

                    def root_list(c: _Ctx) -> tuple[tuple[Item, ...] | None, Ev]:
                        hit = c.lists.get(key)
                        if hit is None:
                            hit = c.lists[key] = _elements(*place(c))
                        return hit

                    return root_list
                return lambda c: _elements(*place(c))

    # Values.

    def value(self, expr: ir.Expr) -> ValueFn:
        match expr:
            case ir.Const(v):
                return lambda c: (v, ())
            case ir.CheckDate():
                return lambda c: (c.check_date, ())
            case ir.Root() | ir.Var() | ir.Field():
                place = self.place(expr)

                def read(c: _Ctx) -> Result:
                    v, path = place(c)
                    return v, ((path, v),) if path is not None else ()

                return read
            case ir.Ref(name):
                fn = self.value(self._definitions[name])

                def ref(c: _Ctx) -> Result:
                    if name not in c.memo:
                        c.memo[name] = fn(c)
                    return c.memo[name]

                return ref
            case ir.Project() | ir.Concat() | ir.Filter() | ir.ListOf():
                items_fn = self.items(expr)

                def as_list(c: _Ctx) -> Result:
                    elements, ev = items_fn(c)
                    if elements is None:
                        return None, ev
                    return tuple(v for v, _ in elements), ev + tuple(
                        (p, v) for v, p in elements if p is not None
                    )

                if not _closed(expr):
                    return as_list
                # A list that depends on no quantified variable
                # (``territoire.quartiers_prioritaires.nom``) is computed once per contract.
                key = f"list:{id(expr)}"

                def memoized(c: _Ctx) -> Result:
                    hit = c.memo.get(key)
                    if hit is None:
                        hit = c.memo[key] = as_list(c)
                    return hit

                return memoized
            case ir.Not(operand):
                fn = self.value(operand)

                def negate(c: _Ctx) -> Result:
                    v, ev = fn(c)
                    return (None if v is None else not v), ev

                return negate
            case ir.And(operands):
                return _kleene(tuple(self.value(o) for o in operands), decisive=False)
            case ir.Or(operands):
                return _kleene(tuple(self.value(o) for o in operands), decisive=True)
            case ir.Checklist(check_items):
                return _kleene(tuple(self.value(i.condition) for i in check_items), decisive=False)
            case ir.Compare(op, left, right):
                return self._binary(left, right, _COMPARATORS[op])
            case ir.StartsWith(value, prefix):
                return self._binary(value, prefix, lambda a, b: str(a).startswith(str(b)))
            case ir.Arith(op, left, right):
                return self._binary(left, right, _ARITH[op])
            case ir.ShiftDate(date, duration):
                return self._binary(date, duration, shift_date)
            case ir.Member(item, collection):
                return self._member(item, collection)
            case ir.IsKnown(operand):
                place = self.place(operand)

                def known(c: _Ctx) -> Result:
                    v, path = place(c)
                    ev: Ev = ((path, v),) if path is not None else ()
                    return v is not None, ev

                return known
            case ir.Count(collection):
                count_items = self.items(collection)

                def count(c: _Ctx) -> Result:
                    elements, ev = count_items(c)
                    return (None if elements is None else len(elements)), ev

                return count
            case ir.ForAll(var, collection, body):
                return self._quantifier(var, collection, body, stop_on=False, empty=True)
            case ir.Exists(var, collection, condition):
                return self._quantifier(var, collection, condition, stop_on=True, empty=False)
            case ir.NoneOf(var, collection, condition):
                exists = self._quantifier(var, collection, condition, stop_on=True, empty=False)

                def none_of(c: _Ctx) -> Result:
                    v, ev = exists(c)
                    return (None if v is None else not v), ev

                return none_of
            case ir.CountWhere(var, collection, condition):
                return self._aggregate(var, collection, condition, None)
            case ir.SumOf(var, collection, value, condition):
                return self._aggregate(var, collection, condition, value)
        raise TypeError(f"unsupported IR node {type(expr).__name__}")  # pragma: no cover

    def _binary(self, left: ir.Expr, right: ir.Expr, op: Callable[[Any, Any], object]) -> ValueFn:
        left_fn, right_fn = self.value(left), self.value(right)

        def binary(c: _Ctx) -> Result:
            lv, lev = left_fn(c)
            rv, rev = right_fn(c)
            if lv is None or rv is None:
                return None, lev + rev
            return op(lv, rv), lev + rev

        return binary

    def _member(self, item: ir.Expr, collection: ir.Expr) -> ValueFn:
        item_fn, coll_fn = self.value(item), self.value(collection)

        def member(c: _Ctx) -> Result:
            iv, iev = item_fn(c)
            cv, cev = coll_fn(c)
            ev = iev + cev
            if cv is None:
                return None, ev
            if any(e is not None and iv is not None and _same(e, iv) for e in cv):
                return True, ev
            if not cv:
                return False, ev
            if iv is None or any(e is None for e in cv):
                return None, ev
            return False, ev

        return member

    def _quantifier(
        self,
        var: str,
        collection: ir.Expr,
        body: ir.Expr | None,
        *,
        stop_on: bool,
        empty: bool,
    ) -> ValueFn:
        """``pour chaque`` stops on the first false body, ``il existe`` on the first true."""
        items_fn = self.items(collection)
        body_fn = self.value(body) if body is not None else None

        def quantify(c: _Ctx) -> Result:
            elements, cev = items_fn(c)
            if elements is None:
                return None, cev
            if body_fn is None:  # « il existe un x de L » : L is not empty
                return bool(elements), cev + tuple((p, v) for v, p in elements[:1] if p)
            unknown: Ev = ()
            others: Ev = ()
            saw_unknown = False
            for element in elements:
                c.bindings[var] = element
                v, ev = body_fn(c)
                if v is stop_on:
                    del c.bindings[var]
                    return stop_on, ev
                if v is None:
                    saw_unknown = True
                    unknown += ev
                else:
                    others += ev
            c.bindings.pop(var, None)
            if saw_unknown:
                return None, unknown
            return (empty if not elements else not stop_on), cev + others

        return quantify

    def _filter(self, var: str, collection: ir.Expr, condition: ir.Expr) -> ItemsFn:
        items_fn = self.items(collection)
        cond_fn = self.value(condition)

        def keep(c: _Ctx) -> tuple[tuple[Item, ...] | None, Ev]:
            elements, ev = items_fn(c)
            if elements is None:
                return None, ev
            kept: list[Item] = []
            unknown = False
            for element in elements:
                c.bindings[var] = element
                v, cev = cond_fn(c)
                ev += cev
                if v is None:
                    unknown = True
                elif v:
                    kept.append(element)
            c.bindings.pop(var, None)
            return (None, ev) if unknown else (tuple(kept), ev)

        return keep

    def _aggregate(
        self, var: str, collection: ir.Expr, condition: ir.Expr | None, value: ir.Expr | None
    ) -> ValueFn:
        """``nombre de … où …`` (value None) and ``somme de … pour chaque …``."""
        items_fn = self.items(collection)
        cond_fn = self.value(condition) if condition is not None else None
        value_fn = self.value(value) if value is not None else None

        def aggregate(c: _Ctx) -> Result:
            elements, ev = items_fn(c)
            if elements is None:
                return None, ev
            total: float = 0
            unknown = False
            for element in elements:
                c.bindings[var] = element
                if cond_fn is not None:
                    keep, cev = cond_fn(c)
                    ev += cev
                    if keep is None:
                        unknown = True
                        continue
                    if not keep:
                        continue
                if value_fn is None:
                    total += 1
                else:
                    amount, vev = value_fn(c)
                    ev += vev
                    if amount is None:
                        unknown = True
                    else:
                        total += amount
            c.bindings.pop(var, None)
            return (None if unknown else total), ev

        return aggregate


def reference_values(
    ruleset: ir.RuleSetIR, exprs: tuple[ir.Expr, ...]
) -> Callable[[object, datetime.date], tuple[object, ...]]:
    """Compile ``exprs`` with this backend's semantics; the function returned gives their
    values (``None`` when unknown) on one record, evaluating each definition at most once.

    The hook other backends use to precompute what they cannot evaluate themselves (the
    ``durable`` backend: quantifiers, counts, definitions, unknown-ness) with exactly the
    reference semantics. Values only: evidence and messages stay with :class:`PythonEngine`.
    """
    compiler = _Compiler(dict(ruleset.definitions))
    fns = tuple(compiler.value(expr) for expr in exprs)

    def values(record: object, check_date: datetime.date) -> tuple[object, ...]:
        c = _Ctx(record, check_date)
        return tuple(fn(c)[0] for fn in fns)

    return values


def _divide(a: float, b: float) -> float | None:
    return None if b == 0 else a / b


_ARITH: dict[str, Callable[[Any, Any], object]] = {
    "+": operator.add,
    "*": operator.mul,
    "/": _divide,
}


def _kleene(fns: tuple[ValueFn, ...], *, decisive: bool) -> ValueFn:
    """``et`` (decisive False) and ``ou`` (decisive True) in Kleene's logic."""

    def combine(c: _Ctx) -> Result:
        unknown: Ev = ()
        others: Ev = ()
        saw_unknown = False
        for fn in fns:
            v, ev = fn(c)
            if v is None:
                saw_unknown = True
                unknown += ev
            elif bool(v) is decisive:
                return decisive, ev
            else:
                others += ev
        if saw_unknown:
            return None, unknown
        return (not decisive), others

    return combine


def _is_place(expr: ir.Expr, definitions: Mapping[str, ir.Expr]) -> bool:
    match expr:
        case ir.Root() | ir.Var():
            return True
        case ir.Field(base, _):
            return _is_place(base, definitions)
        case ir.Ref(name):
            return _is_place(definitions[name], definitions)
    return False


# ---------------------------------------------------------------- rules

MessageFn: TypeAlias = Callable[[_Ctx], str]
Outcome: TypeAlias = tuple[bool | None, Ev, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    rule: ir.Rule
    applicable: ValueFn | None
    unknown_if: ValueFn | None
    general: Callable[[_Ctx], Outcome]
    exceptions: tuple[tuple[ValueFn, Callable[[_Ctx], Outcome]], ...]
    source: Source = field(init=False)

    def __post_init__(self) -> None:
        s = self.rule.source
        object.__setattr__(self, "source", Source(section=s.section, quote=s.quote, text=s.text))


class PythonEngine:
    """Evaluates a compiled rule set on contract records. Immutable once built."""

    name = "python"

    def __init__(self, ruleset: ir.RuleSetIR):
        definitions = dict(ruleset.definitions)
        self._compiler = _Compiler(definitions)
        self._rules = tuple(self._compile_rule(rule) for rule in ruleset.rules)
        self._origin = origin(ruleset)

    def evaluate(self, record: object, context: EvaluationContext) -> tuple[Finding, ...]:
        """One finding per rule, in rule order."""
        c = _Ctx(record, context.check_date)
        return tuple(self._finding(compiled, c, context) for compiled in self._rules)

    # -- compilation

    def _compile_rule(self, rule: ir.Rule) -> _CompiledRule:
        value = self._compiler.value
        return _CompiledRule(
            rule=rule,
            applicable=value(rule.applicable.expr) if rule.applicable else None,
            unknown_if=value(rule.unknown_if.expr) if rule.unknown_if else None,
            general=self._requirement(rule.general, rule.title),
            exceptions=tuple(
                (value(e.condition.expr), self._requirement(e.requirement, rule.title))
                for e in rule.exceptions
            ),
        )

    def _message(self, message: ir.Message) -> MessageFn:
        parts = tuple(
            part if isinstance(part, str) else self._compiler.value(part) for part in message.parts
        )

        def render(c: _Ctx) -> str:
            return "".join(p if isinstance(p, str) else format_value(p(c)[0]) for p in parts)

        return render

    def _requirement(self, req: ir.Requirement, title: str) -> Callable[[_Ctx], Outcome]:
        """The requirement's truth, evidence, and the messages to give for it."""
        compiler = self._compiler
        messages = tuple(
            (
                compiler.value(m.condition) if m.condition is not None else None,
                self._message(m.message),
            )
            for m in req.messages
        )
        note = self._message(req.note) if req.note is not None else None
        fallback = f"Exigence non respectée : {title}."

        def violation(c: _Ctx) -> str:
            for condition, render in messages:
                if condition is None or condition(c)[0] is True:
                    return render(c)
            return fallback

        def finish(c: _Ctx, truth: bool | None, ev: Ev, failures: tuple[str, ...]) -> Outcome:
            if truth is True:
                return truth, ev, (note(c),) if note else ()
            return truth, ev, failures if truth is False else ()

        match req.expr:
            case ir.ForAll(var, collection, body):
                items_fn, body_fn = compiler.items(collection), compiler.value(body)

                def each(c: _Ctx) -> Outcome:
                    elements, cev = items_fn(c)
                    if elements is None:
                        return None, cev, ()
                    failing: list[str] = []
                    bad: Ev = ()
                    unknown: Ev = ()
                    good: Ev = ()
                    for element in elements:
                        c.bindings[var] = element
                        v, ev = body_fn(c)
                        if v is False:
                            failing.append(violation(c))
                            bad += ev
                        elif v is None:
                            unknown += ev
                        else:
                            good += ev
                    c.bindings.pop(var, None)
                    if failing:
                        return finish(c, False, bad, tuple(failing))
                    if unknown:
                        return finish(c, None, unknown, ())
                    return finish(c, True, cev + good, ())

                return each
            case ir.Checklist(check_items):
                items = tuple(
                    (compiler.value(i.condition), self._message(i.message) if i.message else None)
                    for i in check_items
                )

                def checklist(c: _Ctx) -> Outcome:
                    failing: list[str] = []
                    bad: Ev = ()
                    unknown: Ev = ()
                    good: Ev = ()
                    for condition, render in items:
                        v, ev = condition(c)
                        if v is False:
                            failing.append(render(c) if render else violation(c))
                            bad += ev
                        elif v is None:
                            unknown += ev
                        else:
                            good += ev
                    if failing:
                        return finish(c, False, bad, tuple(failing))
                    return finish(c, None if unknown else True, unknown or good, ())

                return checklist
            case _:
                expr_fn = compiler.value(req.expr)

                def plain(c: _Ctx) -> Outcome:
                    truth, ev = expr_fn(c)
                    return finish(c, truth, ev, (violation(c),) if truth is False else ())

                return plain

    # -- verdicts

    def _finding(self, compiled: _CompiledRule, c: _Ctx, context: EvaluationContext) -> Finding:
        rule = compiled.rule
        verdict, ev, messages = self._decide(compiled, c, context)
        if verdict == "unknown" and not messages:
            messages = (_missing_message(ev),)
        return Finding(
            requirement=rule.requirement,
            rule=rule.id,
            verdict=verdict,
            force=rule.force,
            title=rule.title,
            message=" ".join(messages),
            evidence=_evidence(ev),
            source=compiled.source,
            theme=rule.theme,
        )

    def _decide(
        self, compiled: _CompiledRule, c: _Ctx, context: EvaluationContext
    ) -> tuple[Verdict, Ev, tuple[str, ...]]:
        rule = compiled.rule
        status = in_force(rule, context.reference_date, self._origin)
        if status == "undated":
            return "unknown", (("date_signature", None),), (_undated_message(rule),)
        if status == "not_yet":
            return "not_applicable", (), (_not_in_force_message(rule, context.reference_date),)
        if compiled.applicable is not None and rule.applicable is not None:
            applies, ev = compiled.applicable(c)
            if applies is None:
                return "unknown", ev, ()
            if not applies:
                return "not_applicable", ev, (_not_applicable_message(rule.applicable),)
        if compiled.unknown_if is not None and rule.unknown_if is not None:
            unknown, ev = compiled.unknown_if(c)
            if unknown is not False:
                return "unknown", ev, ()
        truth, ev, messages = self._branch(compiled, c)
        return _VERDICT_OF_TRUTH[truth], ev, messages

    def _branch(self, compiled: _CompiledRule, c: _Ctx, first: int = 0) -> Outcome:
        """The first exception that holds overrides the general case (as in Catala).

        If an exception's condition is unknown, the verdict stands only when the exception
        and the rest (later exceptions, then the general case) agree; otherwise unknown.
        """
        for index in range(first, len(compiled.exceptions)):
            condition, outcome = compiled.exceptions[index]
            holds, cev = condition(c)
            if holds is True:
                return outcome(c)
            if holds is None:
                special, rest = outcome(c), self._branch(compiled, c, index + 1)
                if special[0] == rest[0]:
                    return rest
                return None, cev + special[1] + rest[1], ()
        return compiled.general(c)


_VERDICT_OF_TRUTH: dict[bool | None, Verdict] = {
    True: "satisfied",
    False: "violated",
    None: "unknown",
}


def _evidence(ev: Ev) -> tuple[Evidence, ...]:
    """Deduplicated, in the order the facts were read (a path has one value per record)."""
    first: dict[str, object] = {}
    for path, raw in ev:
        if path not in first:
            first[path] = raw
    return tuple(_evidence_item(path, evidence_value(raw)) for path, raw in first.items())


@functools.lru_cache(maxsize=8192)
def _shared_evidence(path: str, value: object, kind: str) -> Evidence:
    return Evidence(path=path, value=value)


def _evidence_item(path: str, value: object) -> Evidence:
    """Evidence items are immutable: the same fact read again (the next save of a draft,
    the next contract of a batch) reuses the same object. The cache is bounded."""
    if isinstance(value, list):
        return Evidence(path=path, value=value)
    # The type is part of the key: 1, 1.0 and True are equal but not the same evidence.
    return _shared_evidence(path, value, type(value).__name__)


def _missing_message(ev: Ev) -> str:
    missing = list(dict.fromkeys(path or "(contrat)" for path, raw in ev if raw is None))
    if not missing:
        return "Les informations du contrat ne permettent pas de conclure."
    return "Le contrat ne renseigne pas : " + ", ".join(missing) + "."


def _not_applicable_message(condition: ir.Condition) -> str:
    return f"Sans objet pour ce contrat : la condition « {condition.text} » n'est pas remplie."


def _not_in_force_message(rule: ir.Rule, reference: datetime.date | None) -> str:
    """The reference is the signature date (for a draft, the date of the check)."""
    return (
        f"Sans objet : cette exigence (circulaire de {rule.source.text}) s'applique aux "
        f"contrats signés à partir du {format_value(rule.in_force_from)} ; la date retenue "
        f"pour ce contrat est le {format_value(reference)}."
    )


def _undated_message(rule: ir.Rule) -> str:
    return (
        f"La date de signature n'est pas renseignée : on ne peut pas dire si cette exigence "
        f"(circulaire de {rule.source.text}, en vigueur à partir du "
        f"{format_value(rule.in_force_from)}) "
        f"s'applique."
    )
