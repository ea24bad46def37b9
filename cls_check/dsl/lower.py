"""Lowering: checked syntax trees → the IR (:mod:`cls_check.ir.nodes`).

Input: a :class:`~cls_check.dsl.checker.CheckedRuleSet` without diagnostics (the checker
has resolved every path and typed every expression). Output: a :class:`RuleSetIR`.

What lowering does, and nothing else:

* chains of ``ou`` / ``et`` become one :class:`Or` / :class:`And` with all their operands;
* ``n'est pas dans`` → ``Not(Member)``, ``n'est pas renseigné`` → ``Not(IsKnown)``;
* ``+`` becomes :class:`Arith` (numbers), :class:`ShiftDate` (a date and a duration, in
  either order) or :class:`Concat` (lists, nested ``+`` flattened), by the operands' types;
* paths become :class:`Var` / :class:`Ref` / :class:`Field` on :class:`Root`, then
  :class:`Field` or :class:`Project` per step, as the checker resolved them;
* literals become :class:`Const` (integral numbers as ``int``; durations in ``jours``,
  ``mois`` or ``ans``); ``date du contrôle`` becomes :class:`CheckDate`;
* rules take their title, theme, citation, force and date of entry into force from the
  catalogue (the checker made sure that what a rule file repeats agrees with it); local
  definitions are named ``REQ.name``.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from cls_check.dsl import ast
from cls_check.dsl import types as T
from cls_check.dsl.checker import CheckedRuleSet, RuleInfo
from cls_check.ir import nodes as ir

__all__ = ["lower"]

_C = TypeVar("_C")
_ARITH: dict[str, Literal["+", "*", "/"]] = {"+": "+", "*": "*", "/": "/"}

_UNITS: dict[str, ir.DurationUnit] = {
    "jour": "jours",
    "jours": "jours",
    "mois": "mois",
    "an": "ans",
    "ans": "ans",
}
_COMPARATORS: dict[str, ir.Comparator] = {
    "=": "=",
    "!=": "!=",
    "≠": "!=",
    "<": "<",
    "<=": "<=",
    "≤": "<=",
    ">": ">",
    ">=": ">=",
    "≥": ">=",
}


class _Lowering:
    def __init__(self, checked: CheckedRuleSet):
        self.checked = checked

    def expr(self, e: ast.Expr) -> ir.Expr:
        match e:
            case ast.String(value):
                return ir.Const(value)
            case ast.Number(value):
                if isinstance(value, float) and value.is_integer():
                    return ir.Const(int(value))
                return ir.Const(value)
            case ast.Date(value):
                return ir.Const(value)
            case ast.Duration(amount, unit):
                return ir.Const(ir.Duration(amount, _UNITS[unit]))
            case ast.Aucun():
                return ir.Const(False)  # how the record says "none"
            case ast.Boolean(value):
                return ir.Const(value)
            case ast.List_(items):
                return ir.ListOf(tuple(self.expr(i) for i in items))
            case ast.Path():
                return self.path(e)
            case ast.CheckDate():
                return ir.CheckDate()
            case ast.Or():
                return ir.Or(tuple(self.expr(o) for o in _chain(e, ast.Or)))
            case ast.And():
                return ir.And(tuple(self.expr(o) for o in _chain(e, ast.And)))
            case ast.Not(operand):
                return ir.Not(self.expr(operand))
            case ast.Compare(op, left, right):
                return ir.Compare(_COMPARATORS[op], self.expr(left), self.expr(right))
            case ast.Member(item, collection):
                return ir.Member(self.expr(item), self.expr(collection))
            case ast.NotMember(item, collection):
                return ir.Not(ir.Member(self.expr(item), self.expr(collection)))
            case ast.StartsWith(value, prefix):
                return ir.StartsWith(self.expr(value), self.expr(prefix))
            case ast.IsKnown(operand):
                return ir.IsKnown(self.expr(operand))
            case ast.IsUnknown(operand):
                return ir.Not(ir.IsKnown(self.expr(operand)))
            case ast.Arith():
                return self.arith(e)
            case ast.ForAll(binder, body):
                return ir.ForAll(binder.var.value, self.expr(binder.collection), self.expr(body))
            case ast.Exists(binder, condition):
                return ir.Exists(
                    binder.var.value, self.expr(binder.collection), self.optional(condition)
                )
            case ast.NoElement(binder, condition):
                return ir.NoneOf(
                    binder.var.value, self.expr(binder.collection), self.optional(condition)
                )
            case ast.Count(collection):
                return ir.Count(self.expr(collection))
            case ast.CountWhere(binder, condition):
                return ir.CountWhere(
                    binder.var.value, self.expr(binder.collection), self.expr(condition)
                )
            case ast.SumOf(value, binder, condition):
                return ir.SumOf(
                    binder.var.value,
                    self.expr(binder.collection),
                    self.expr(value),
                    self.optional(condition),
                )
            case ast.Filter(binder, condition):
                return ir.Filter(
                    binder.var.value, self.expr(binder.collection), self.expr(condition)
                )
            case ast.Checklist(items):
                return ir.Checklist(
                    tuple(
                        ir.CheckItem(self.expr(i.condition), self.optional_message(i.message))
                        for i in items
                    )
                )
        raise AssertionError(e)  # pragma: no cover

    def optional(self, e: ast.Expr | None) -> ir.Expr | None:
        return None if e is None else self.expr(e)

    def path(self, e: ast.Path) -> ir.Expr:
        resolution = self.checked.resolution(e)
        result: ir.Expr
        if resolution.head == "var":
            result = ir.Var(resolution.name)
        elif resolution.head == "definition":
            result = ir.Ref(resolution.name)
        else:
            result = ir.Field(ir.Root(), resolution.name)
        for step in resolution.steps:
            if step.kind == "project":
                result = ir.Project(result, step.name)
            else:
                result = ir.Field(result, step.name)
        return result

    def arith(self, e: ast.Arith) -> ir.Expr:
        left_type = self.checked.type_of(e.left)
        right_type = self.checked.type_of(e.right)
        if e.op == "+":
            if isinstance(left_type, T.DateType) and isinstance(right_type, T.DurationType):
                return ir.ShiftDate(self.expr(e.left), self.expr(e.right))
            if isinstance(left_type, T.DurationType) and isinstance(right_type, T.DateType):
                return ir.ShiftDate(self.expr(e.right), self.expr(e.left))
            if isinstance(left_type, T.ListType) or isinstance(right_type, T.ListType):
                parts: list[ir.Expr] = []
                for operand in (e.left, e.right):
                    lowered = self.expr(operand)
                    if isinstance(lowered, ir.Concat):
                        parts.extend(lowered.parts)
                    else:
                        parts.append(lowered)
                return ir.Concat(tuple(parts))
        return ir.Arith(_ARITH[e.op], self.expr(e.left), self.expr(e.right))

    def message(self, message: ast.Message) -> ir.Message:
        return ir.Message(tuple(self.message_part(part) for part in message.parts))

    def message_part(self, part: str | ast.Expr) -> str | ir.Expr | ir.NoneShown:
        if isinstance(part, str):
            return part
        t = self.checked.type_of(part)
        if T.admits_none(t) and not isinstance(t, T.NumberType):  # a quantity's false: « non »
            return ir.NoneShown(self.expr(part))
        return self.expr(part)

    def optional_message(self, message: ast.Message | None) -> ir.Message | None:
        return None if message is None else self.message(message)

    def requires(self, requires: ast.Requires) -> ir.Requirement:
        messages = tuple(
            ir.ConditionalMessage(
                self.expr(o.condition) if isinstance(o, ast.ConditionalMessage) else None,
                self.message(o.message),
            )
            for o in requires.otherwise
        )
        note = self.message(requires.note.message) if requires.note is not None else None
        return ir.Requirement(self.expr(requires.expr), messages, note)

    def rule(self, info: RuleInfo) -> ir.Rule:
        node = info.requirement
        exigence = info.exigence
        assert exigence is not None, "lowering needs a checked rule set"
        applicable = _first(node, ast.Applicable)
        unknown_if = _first(node, ast.UnknownIf)
        general = _first(node, ast.Requires)
        assert general is not None
        # The metadata is the catalogue's: what the rule file repeats agrees with it.
        return ir.Rule(
            id=f"{info.file_stem}.{node.id.value}",
            requirement=node.id.value,
            title=exigence.titre,
            theme=exigence.theme,
            force=exigence.force,
            source=ir.Source(
                section=exigence.section,
                quote=exigence.citation,
                text=exigence.year,
                document=exigence.document.name,
                document_id=exigence.document.id,
                kind=exigence.source,
                reference=exigence.reference,
            ),
            in_force_from=exigence.en_vigueur,
            applicable=(
                ir.Condition(self.expr(applicable.condition), applicable.text)
                if applicable is not None
                else None
            ),
            unknown_if=(
                ir.Condition(self.expr(unknown_if.condition), unknown_if.text)
                if unknown_if is not None
                else None
            ),
            general=self.requires(general),
            exceptions=tuple(
                ir.Exception_(
                    ir.Condition(self.expr(c.condition), c.text), self.requires(c.requires)
                )
                for c in node.clauses
                if isinstance(c, ast.Exception_)
            ),
            span=node.span,
        )


def _chain(e: ast.Or | ast.And, kind: type[ast.Or] | type[ast.And]) -> list[ast.Expr]:
    """The operands of a chain of ``ou`` (or ``et``), in order, at any nesting."""
    operands: list[ast.Expr] = []
    stack: list[ast.Expr] = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            stack.append(node.right)
            stack.append(node.left)
        else:
            operands.append(node)
    return operands


def _first(node: ast.Requirement, kind: type[_C]) -> _C | None:
    for clause in node.clauses:
        if isinstance(clause, kind):
            return clause
    return None


def lower(checked: CheckedRuleSet, version: str, sha256: str) -> ir.RuleSetIR:
    """The IR of a rule set the checker found no problem in."""
    if checked.diagnostics:
        raise ValueError("lowering needs a rule set without diagnostics")
    lowering = _Lowering(checked)
    definitions = tuple(
        (d.qualified_name, lowering.expr(d.definition.expr)) for d in checked.definitions
    )
    rules = tuple(lowering.rule(info) for info in checked.rules)
    return ir.RuleSetIR(rules=rules, definitions=definitions, version=version, sha256=sha256)
