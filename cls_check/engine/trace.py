"""The trace of one rule on one contract: why ``explain`` gives the verdict it gives.

Input: a rule set's IR, one of its rules, a record (a validated contract or a plain mapping)
and the dates of the check. Output: a :class:`RuleTrace` — each clause the verdict went
through (applicable si, inconnu si, each ``sauf si``, the requirement, the ``sinon si`` of
its message) as a tree of :class:`Step`: each sub-condition with its three-valued value,
each count and sum with its figure, and the record values read on the way.

Why a second evaluator: the generated code of :mod:`cls_check.engine.codegen` is built for
speed and keeps only the evidence that decided; a trace wants every operand. This small
tree walker runs only for ``explain`` (one rule, one contract), so ``check`` pays nothing.
It calls the runtime operations of :mod:`cls_check.engine.runtime` so that its values are
those of the generated code, and it decides the verdict in the order of
:class:`~cls_check.engine.python.PythonEngine` (a property test checks they agree).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeAlias, cast

from cls_check.engine.context import EvaluationContext
from cls_check.engine.in_force import in_force, origin
from cls_check.engine.runtime import NAMESPACE, member, project, readable
from cls_check.findings import Clause, Kind, Read, RuleTrace, Step
from cls_check.ir import nodes as ir
from cls_check.ir.text import ir_text
from cls_check.values import figure, format_value
from cls_check.vocab import VERDICT_OF_TRUTH, Verdict

Env: TypeAlias = Mapping[str, tuple[object, str | None]]


def trace_rule(
    ruleset: ir.RuleSetIR, rule: ir.Rule, record: object, context: EvaluationContext
) -> RuleTrace:
    """The verdict of ``rule`` on ``record``, with the way to it."""
    status = in_force(rule, context.reference_date, origin(ruleset))
    if status == "not_yet":
        when = format_value(rule.in_force_from)
        branch = f"pas encore en vigueur pour ce contrat (exigence du {when})"
        return RuleTrace(rule.requirement, "not_applicable", branch, ())
    if status == "undated":
        branch = "date de signature inconnue : on ne sait pas si l'exigence s'applique"
        return RuleTrace(rule.requirement, "unknown", branch, ())
    tracer = _Tracer(dict(ruleset.definitions), record, context.check_date)
    verdict, branch = _Decision(rule, tracer).decide()
    return RuleTrace(rule.requirement, verdict, branch, tuple(tracer.clauses))


class _Decision:
    """The order of :meth:`PythonEngine._decide`, each clause traced as it is read."""

    def __init__(self, rule: ir.Rule, tracer: _Tracer) -> None:
        self.rule = rule
        self.tracer = tracer

    def decide(self) -> tuple[Verdict, str]:
        rule, tracer = self.rule, self.tracer
        if rule.applicable is not None:
            applies = tracer.clause("applicable si", rule.applicable.expr)
            if applies is None:
                return "unknown", "on ne sait pas si l'exigence s'applique (applicable si inconnu)"
            if not applies:
                return "not_applicable", "sans objet : la condition « applicable si » est fausse"
        if rule.unknown_if is not None:
            unknown = tracer.clause("inconnu si", rule.unknown_if.expr)
            if unknown is not False:
                return "unknown", "la condition « inconnu si » n'est pas fausse"
        truth, branch, decided = self._exceptions(0)
        if truth is False and decided is not None:
            branch += self._message(decided)
        return VERDICT_OF_TRUTH[truth], branch

    def _exceptions(self, first: int) -> tuple[bool | None, str, ir.Requirement | None]:
        """As :meth:`PythonEngine._branch`: the first exception that holds decides; an
        exception whose condition is unknown decides only if it agrees with the rest."""
        exceptions = self.rule.exceptions
        for index in range(first, len(exceptions)):
            exception = exceptions[index]
            holds = self.tracer.clause("sauf si", exception.condition.expr)
            if holds is True:
                truth = self._requirement(exception.requirement)
                branch = f"l'exception « sauf si {exception.condition.text} » décide"
                return truth, branch, exception.requirement
            if holds is None:
                special = self._requirement(exception.requirement)
                rest, branch, decided = self._exceptions(index + 1)
                if special == rest:
                    return rest, f"{branch} (l'exception incertaine conclut de même)", decided
                branch = (
                    f"la condition « sauf si {exception.condition.text} » est inconnue, et "
                    "l'exception et le cas général ne concluent pas de même"
                )
                return None, branch, None
        truth = self._requirement(self.rule.general)
        return truth, "le cas général (exige) décide", self.rule.general

    def _requirement(self, requirement: ir.Requirement) -> bool | None:
        value = self.tracer.clause("exige", requirement.expr)
        return None if value is None else bool(value)

    def _message(self, requirement: ir.Requirement) -> str:
        """Which ``sinon si`` gave the message. A requirement over each element (or a
        checklist) has a message per failing element: its choice is not traced."""
        if isinstance(requirement.expr, ir.ForAll | ir.Checklist) or not requirement.messages:
            return ""
        for conditional in requirement.messages:
            if conditional.condition is None:
                return " ; message : « sinon »"
            if self.tracer.clause("sinon si", conditional.condition) is True:
                return f" ; message : « sinon si {ir_text(conditional.condition)} »"
        return " ; message par défaut"


_CONDITIONS = (
    ir.And,
    ir.Or,
    ir.Not,
    ir.Compare,
    ir.Member,
    ir.StartsWith,
    ir.IsKnown,
    ir.ForAll,
    ir.Exists,
    ir.NoneOf,
    ir.Checklist,
)
_FIGURES = (ir.Count, ir.CountWhere, ir.SumOf, ir.Filter, ir.Ref)


class _Tracer:
    """Evaluates expressions of one contract, recording a step for each node worth
    showing (conditions, counts, sums, definitions)."""

    def __init__(
        self,
        definitions: dict[str, ir.Expr],
        record: object,
        check_date: datetime.date,
    ) -> None:
        self.definitions = definitions
        self.root = readable(record) if isinstance(record, dict) else record
        self.check_date = check_date
        self.clauses: list[Clause] = []
        self._stack: list[Step] = []
        self._memo: dict[str, Step] = {}

    def clause(self, role: str, expr: ir.Expr) -> object:
        step = self._whole(expr, {})
        self.clauses.append(Clause(role, step))
        return step.value

    def _whole(self, expr: ir.Expr, env: Env) -> Step:
        """The step of ``expr`` as a whole, detached (what a clause or an element shows)."""
        holder = Step(ir_text(expr), _kind(expr, self.definitions))
        self._stack.append(holder)
        holder.value = self._compute(expr, env)
        self._stack.pop()
        if (
            len(holder.children) == 1
            and not holder.reads
            and holder.children[0].text == holder.text
        ):
            return holder.children[0]
        return holder

    # -- values

    def value(self, expr: ir.Expr, env: Env) -> Any:
        if not isinstance(expr, _CONDITIONS + _FIGURES):
            return self._compute(expr, env)
        if isinstance(expr, ir.Ref) and expr.name in self._memo:
            step = self._memo[expr.name]
            self._attach(step)
            return step.value
        step = Step(ir_text(expr), _kind(expr, self.definitions))
        self._stack.append(step)
        step.value = self._compute(expr, env)
        self._stack.pop()
        if isinstance(expr, ir.Ref):
            self._memo[expr.name] = step
        self._attach(step)
        return step.value

    def _attach(self, step: Step) -> None:
        if self._stack:
            self._stack[-1].children.append(step)

    def _note(self, text: str) -> None:
        self._stack[-1].note = text

    def _compute(self, expr: ir.Expr, env: Env) -> Any:
        v = self.value
        match expr:
            case ir.Const(value):
                return value
            case ir.CheckDate():
                return self.check_date
            case ir.Root() | ir.Var() | ir.Field():
                found, path = self._place(expr, env)
                if path and self._stack:
                    self._stack[-1].reads.append(Read(path, found))
                return found
            case ir.Ref(name):
                return v(self.definitions[name], {})
            case ir.ListOf(items):
                return tuple(v(i, env) for i in items)
            case ir.Project() | ir.Concat() | ir.Filter():
                elements, _ = self._items(expr, env)
                return None if elements is None else tuple(elements)
            case ir.Not(operand):
                # « n'est pas renseigné », « n'est pas dans »: one step, not two
                inner = self._compute if isinstance(operand, ir.IsKnown | ir.Member) else v
                value = inner(operand, env)
                return None if value is None else not value
            case ir.And(operands):
                return _kleene([v(o, env) for o in operands], decisive=False)
            case ir.Or(operands):
                return _kleene([v(o, env) for o in operands], decisive=True)
            case ir.Checklist(items):
                return _kleene([v(i.condition, env) for i in items], decisive=False)
            case ir.Compare(op, left, right):
                return self._binary(_COMPARATORS[op], left, right, env, op)
            case ir.StartsWith(value, prefix):
                return self._binary("_starts_with", value, prefix, env, "commence par")
            case ir.Arith(op, left, right):
                return self._binary(_ARITH[op], left, right, env, None)
            case ir.ShiftDate(date, duration):
                return self._binary("shift_date", date, duration, env, None)
            case ir.Member(item, collection):
                return member(v(item, env), v(collection, env))
            case ir.IsKnown(operand):
                return v(operand, env) is not None
            case ir.Count(collection):
                elements, _ = self._items(collection, env)
                return None if elements is None else len(elements)
            case ir.ForAll(var, collection, body):
                return self._quantifier(var, collection, body, env, stop_on=False)
            case ir.Exists(var, collection, condition):
                return self._quantifier(var, collection, condition, env, stop_on=True)
            case ir.NoneOf(var, collection, condition):
                found = self._quantifier(var, collection, condition, env, stop_on=True)
                return None if found is None else not found
            case ir.CountWhere(var, collection, condition):
                kept, _ = self._items(ir.Filter(var, collection, condition), env)
                return None if kept is None else len(kept)
            case ir.SumOf(var, collection, amount, condition):
                return self._sum(var, collection, amount, condition, env)
        raise TypeError(f"unsupported IR node {type(expr).__name__}")  # pragma: no cover

    def _binary(
        self, op: str, left: ir.Expr, right: ir.Expr, env: Env, shown: str | None
    ) -> object:
        a, b = self.value(left, env), self.value(right, env)
        if shown is not None and self._stack:
            self._note(f"{figure(a)} {_SHOWN_OPS.get(shown, shown)} {figure(b)}")
        if a is None or b is None:
            return None
        return NAMESPACE[op](a, b)  # type: ignore[operator]

    def _place(self, expr: ir.Expr, env: Env) -> tuple[object, str | None]:
        """A part of the record and its path; a walk stops at the first record that is
        unknown or that the contract does not have (its path is the one shown)."""
        match expr:
            case ir.Root():
                return self.root, ""
            case ir.Var(name):
                return env[name]
            case ir.Field(base, name):
                record, path = self._place(base, env)
                if record is None or record is False:
                    return record, path
                return getattr(record, name, None), _join(path, name)
        return self.value(expr, env), None

    def _items(
        self, expr: ir.Expr, env: Env
    ) -> tuple[Sequence[object] | None, Sequence[str | None]]:
        """A list's elements and their paths (``None`` for an unknown list)."""
        match expr:
            case ir.Project(base, name):
                records, paths = self._items(base, env)
                if records is None:
                    return None, ()
                return project(records, paths, name)
            case ir.Concat(parts):
                lists = [self._items(p, env) for p in parts]
                if any(elements is None for elements, _ in lists):
                    return None, ()
                return (
                    [e for elements, _ in lists for e in elements or ()],
                    [p for _, paths in lists for p in paths],
                )
            case ir.Filter(var, collection, condition):
                scopes = self._each(var, collection, env)
                if scopes is None:
                    return None, ()
                verdicts = self._elements(var, condition, scopes, keep=None)
                if any(x is None for x in verdicts):
                    return None, ()
                kept = [s[var] for s, x in zip(scopes, verdicts, strict=True) if x]
                self._note(f"{len(kept)} sur {len(scopes)}")
                return [value for value, _ in kept], [path for _, path in kept]
            case ir.Ref(name) if isinstance(self.definitions[name], _LISTS):
                return self._items(self.definitions[name], env)
        if isinstance(expr, ir.Root | ir.Var | ir.Field):
            value, path = self._place(expr, env)
            if path and self._stack:
                self._stack[-1].reads.append(Read(path, value))
        else:
            value, path = self.value(expr, env), None
        if value is None:
            return None, ()
        if value is False:
            return (), ()
        elements = tuple(cast(Iterable[object], value))
        return elements, [None if path is None else f"{path}[{i}]" for i in range(len(elements))]

    def _each(self, var: str, collection: ir.Expr, env: Env) -> list[Env] | None:
        elements, paths = self._items(collection, env)
        if elements is None:
            return None
        return [{**env, var: (e, p)} for e, p in zip(elements, paths, strict=True)]

    def _elements(
        self, var: str, condition: ir.Expr, scopes: list[Env], keep: bool | None
    ) -> list[object]:
        """The condition's value for each element; the step of the first element whose
        value is ``keep`` (else of the first unknown one) is kept to show why."""
        values: list[object] = []
        steps: list[Step] = []
        for scope in scopes:
            step = self._whole(condition, scope)
            values.append(step.value)
            path = scope[var][1]
            note = f"pour {path or var}" + (f" ; {step.note}" if step.note else "")
            step = replace(step, note=note)  # a definition's step is shared: not changed
            steps.append(step)
        for wanted in dict.fromkeys((keep, None)):
            for value, step in zip(values, steps, strict=True):
                if value is wanted:
                    self._attach(step)
                    return values
        return values

    def _quantifier(
        self, var: str, collection: ir.Expr, condition: ir.Expr | None, env: Env, stop_on: bool
    ) -> bool | None:
        scopes = self._each(var, collection, env)
        if scopes is None:
            return None
        self._note(f"{len(scopes)} élément(s)")
        if condition is None:
            return bool(scopes) if stop_on else True
        values = self._elements(var, condition, scopes, keep=stop_on)
        return _kleene(values, decisive=stop_on)

    def _sum(
        self,
        var: str,
        collection: ir.Expr,
        amount: ir.Expr,
        condition: ir.Expr | None,
        env: Env,
    ) -> object:
        scopes = self._each(var, collection, env)
        if scopes is None:
            return None
        keeps = (
            [True] * len(scopes)
            if condition is None
            else self._elements(var, condition, scopes, keep=None)
        )
        total: Any = 0
        unknown = False
        counted = 0
        for scope, keep in zip(scopes, keeps, strict=True):
            if keep is None:
                unknown = True
            elif keep:
                counted += 1
                value = self.value(amount, scope)
                unknown = unknown or value is None
                total += 0 if value is None else value
        self._note(f"{counted} élément(s) comptés sur {len(scopes)}")
        return None if unknown else total


def _kleene(values: list[object], decisive: bool) -> bool | None:
    """``et`` (decisive False) and ``ou`` (decisive True) in three-valued logic."""
    if any(v is not None and bool(v) is decisive for v in values):
        return decisive
    return None if any(v is None for v in values) else not decisive


def _kind(expr: ir.Expr, definitions: Mapping[str, ir.Expr]) -> Kind:
    while isinstance(expr, ir.Ref):
        expr = definitions[expr.name]
    return "condition" if isinstance(expr, _CONDITIONS) else "figure"


def _join(path: str | None, name: str) -> str | None:
    if path is None:
        return None
    return f"{path}.{name}" if path else name


_LISTS = (ir.Project, ir.Concat, ir.Filter, ir.Ref, ir.Field)
_COMPARATORS = {"=": "_same", "!=": "_different", "<": "_lt", "<=": "_le", ">": "_gt", ">=": "_ge"}
_ARITH = {"+": "_add", "*": "_mul", "/": "_divide"}
_SHOWN_OPS = {"!=": "≠", "<=": "≤", ">=": "≥"}

__all__ = ["Clause", "Read", "RuleTrace", "Step", "figure", "trace_rule"]
