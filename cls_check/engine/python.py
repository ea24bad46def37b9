"""The ``python`` backend: the IR compiled to Python, with Kleene's three-valued logic.

Input: a :class:`~cls_check.ir.nodes.RuleSetIR` (compiled once) and, per contract, the
validated record plus an :class:`~cls_check.engine.context.EvaluationContext`.
Output: one :class:`~cls_check.findings.Finding` per rule, in rule order (plain data).

This backend is the reference semantics of the rule language. Every expression has a
value (``None`` when unknown) and evidence: the record facts that decided it, as
``(path, raw value)`` pairs. Boolean operators keep the evidence of the operands that
decided (the first false conjunct, the first true disjunct, the first witness of
``il existe``…), so that a finding shows why, and — for an absence — everything that was
searched. Expressions are compiled to Python source by :mod:`cls_check.engine.codegen`;
this module decides verdicts from them, in the order :class:`~cls_check.ir.nodes.Rule`
documents.

Thread safety: compiled functions hold no state; each evaluation has its own context.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from cls_check.engine import sentences
from cls_check.engine.codegen import Generator, ModuleCompiler
from cls_check.engine.context import EvaluationContext
from cls_check.engine.in_force import InForce, in_force, origin
from cls_check.engine.runtime import readable
from cls_check.findings import Evidence, Finding, Source
from cls_check.ir import nodes as ir
from cls_check.values import evidence_value
from cls_check.vocab import VERDICT_OF_TRUTH, Verdict

Ev: TypeAlias = tuple[tuple[str, object], ...]
Result: TypeAlias = tuple[Any, Ev]
ValueFn: TypeAlias = Callable[["_Ctx"], Result]
Outcome: TypeAlias = tuple[bool | None, Ev, tuple[str, ...]]
OutcomeFn: TypeAlias = Callable[["_Ctx"], Outcome]


class _Ctx:
    """The state of one contract's evaluation: never shared between threads."""

    __slots__ = ("check_date", "memo", "root")

    def __init__(self, record: object, check_date: datetime.date):
        self.root = readable(record) if isinstance(record, dict) else record
        self.check_date = check_date
        self.memo: dict[tuple[str, int | str], Any] = {}


def reference_values(
    ruleset: ir.RuleSetIR,
    exprs: tuple[ir.Expr, ...],
    compile_module: ModuleCompiler | None = None,
) -> Callable[[object, datetime.date], tuple[object, ...]]:
    """Compile ``exprs`` with this backend's semantics; the function returned gives their
    values (``None`` when unknown) on one record, evaluating each definition at most once.

    The hook other backends use to precompute what they cannot evaluate themselves (the
    ``durable`` backend: quantifiers, counts, definitions, unknown-ness) with exactly the
    reference semantics. Values only: evidence and messages stay with :class:`PythonEngine`.
    """
    generator = Generator(dict(ruleset.definitions))
    names = tuple(generator.value_function(expr) for expr in exprs)
    generator.compile("valeurs de référence", compile_module)
    fns: tuple[ValueFn, ...] = tuple(generator.function(name) for name in names)

    def values(record: object, check_date: datetime.date) -> tuple[object, ...]:
        c = _Ctx(record, check_date)
        return tuple(fn(c)[0] for fn in fns)

    return values


# ---------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    rule: ir.Rule
    applicable: ValueFn | None
    unknown_if: ValueFn | None
    general: OutcomeFn
    exceptions: tuple[tuple[ValueFn, OutcomeFn], ...]
    source: Source = field(init=False)

    def __post_init__(self) -> None:
        # The finding's Source has the IR's fields, built once per rule.
        object.__setattr__(self, "source", Source(**dataclasses.asdict(self.rule.source)))


class PythonEngine:
    """Evaluates a compiled rule set on contract records. Immutable once built."""

    name = "python"

    def __init__(self, ruleset: ir.RuleSetIR, compile_module: ModuleCompiler | None = None):
        generator = Generator(dict(ruleset.definitions))
        plans = tuple(_plan(generator, rule) for rule in ruleset.rules)
        generator.compile(compile_module=compile_module)
        self._source = generator.source
        self._rules = tuple(
            _link(generator, rule, plan) for rule, plan in zip(ruleset.rules, plans, strict=True)
        )
        self._origin = origin(ruleset)
        self._statuses: dict[datetime.date | None, tuple[InForce, ...]] = {}

    @property
    def source(self) -> str:
        """The generated Python code of the rule set (for debugging a rule)."""
        return self._source

    def evaluate(self, record: object, context: EvaluationContext) -> tuple[Finding, ...]:
        """One finding per rule, in rule order."""
        c = _Ctx(record, context.check_date)
        reference = context.reference_date
        finding = self._finding
        return tuple(  # from a list: a generator's resumption per rule costs more
            [
                finding(compiled, c, reference, status)
                for compiled, status in zip(self._rules, self._in_force(reference), strict=True)
            ]
        )

    def _in_force(self, reference: datetime.date | None) -> tuple[InForce, ...]:
        """Which rules are in force for a reference date (the same for many contracts;
        remembered in a bounded table — dict operations are atomic between threads)."""
        statuses = self._statuses.get(reference)
        if statuses is None:
            if len(self._statuses) >= _SHARED_LIMIT:
                self._statuses.clear()
            statuses = tuple(in_force(r.rule, reference, self._origin) for r in self._rules)
            self._statuses[reference] = statuses
        return statuses

    # -- verdicts

    def _finding(
        self,
        compiled: _CompiledRule,
        c: _Ctx,
        reference: datetime.date | None,
        status: InForce,
    ) -> Finding:
        rule = compiled.rule
        if status == "in_force":
            verdict, ev, messages = self._decide(compiled, c)
        elif status == "undated":
            verdict, ev, messages = "unknown", _UNDATED, (sentences.undated(rule),)
        else:
            verdict, ev, messages = "not_applicable", (), (sentences.not_in_force(rule, reference),)
        if verdict == "unknown" and not messages:
            messages = (sentences.missing(path for path, raw in ev if raw is None),)
        # Built as the tuple it is: a named tuple's __new__ is a Python function, whose call
        # costs more than the tuple (a finding per rule per contract).
        return _new_finding(
            Finding,
            (
                rule.requirement,
                rule.id,
                verdict,
                rule.force,
                rule.title,
                " ".join(messages),
                _evidence(ev) if ev else (),
                compiled.source,
                rule.theme,
                None,  # waiver: applied after the check (cls_check.waivers)
            ),
        )

    def _decide(self, compiled: _CompiledRule, c: _Ctx) -> tuple[Verdict, Ev, tuple[str, ...]]:
        """For a rule in force: applicable, then not unknown, then the requirement."""
        rule = compiled.rule
        if compiled.applicable is not None and rule.applicable is not None:
            applies, ev = compiled.applicable(c)
            if applies is None:
                return "unknown", ev, ()
            if not applies:
                return "not_applicable", ev, (sentences.not_applicable(rule.applicable),)
        if compiled.unknown_if is not None:
            unknown, ev = compiled.unknown_if(c)
            if unknown is not False:
                return "unknown", ev, ()
        truth, ev, messages = (
            self._branch(compiled, c) if compiled.exceptions else compiled.general(c)
        )
        return VERDICT_OF_TRUTH[truth], ev, messages

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


@dataclass(frozen=True, slots=True)
class _Plan:
    """The names of a rule's generated functions, known before the module is compiled."""

    applicable: str | None
    unknown_if: str | None
    general: str
    exceptions: tuple[tuple[str, str], ...]


def _plan(generator: Generator, rule: ir.Rule) -> _Plan:
    fallback = sentences.violated(rule)
    return _Plan(
        applicable=generator.value_function(rule.applicable.expr) if rule.applicable else None,
        unknown_if=generator.value_function(rule.unknown_if.expr) if rule.unknown_if else None,
        general=generator.outcome_function(rule.general, fallback),
        exceptions=tuple(
            (
                generator.value_function(e.condition.expr),
                generator.outcome_function(e.requirement, fallback),
            )
            for e in rule.exceptions
        ),
    )


def _link(generator: Generator, rule: ir.Rule, plan: _Plan) -> _CompiledRule:
    fn = generator.function
    return _CompiledRule(
        rule=rule,
        applicable=fn(plan.applicable) if plan.applicable else None,
        unknown_if=fn(plan.unknown_if) if plan.unknown_if else None,
        general=fn(plan.general),
        exceptions=tuple((fn(condition), fn(outcome)) for condition, outcome in plan.exceptions),
    )


def _evidence(ev: Ev) -> tuple[Evidence, ...]:
    """Deduplicated, in the order the facts were read (a path has one value per record).

    Evidence items are immutable: the same fact read again (the next save of a draft, the
    next contract of a batch) reuses the same object, from a bounded table. The type is
    part of the key: 1, 1.0 and True are equal but not the same evidence.
    """
    first: dict[str, object] = {}
    for path, raw in ev:
        if path not in first:
            first[path] = raw
    items: list[Evidence] = []
    shared = _SHARED
    for path, raw in first.items():
        value = raw if type(raw) in _SCALARS else evidence_value(raw)
        kind = type(value)
        if kind is list:  # a list of scalars: not shared
            items.append(Evidence(path, value))
            continue
        key = (path, value, kind)
        item = shared.get(key)
        if item is None:
            if len(shared) >= _SHARED_LIMIT:
                shared.clear()  # atomic: threads at worst rebuild an item
            item = shared[key] = Evidence(path, value)
        items.append(item)
    return tuple(items)


_new_finding = tuple.__new__
_SHARED: dict[tuple[str, object, type], Evidence] = {}
_SHARED_LIMIT = 8192
_SCALARS = frozenset({bool, int, float, str, type(None)})
_UNDATED: Ev = (("date_signature", None),)
