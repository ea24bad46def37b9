"""An IR expression written back in the rule language, for traces (``explain``).

The IR keeps no source text below the clause: this prints each node in the canonical
spelling of the language (``nombre de actions >= 1``, ``x n'est pas renseigné``), with
parentheses around any compound operand — unambiguous rather than minimal.
"""

from __future__ import annotations

import datetime

from cls_check.ir import nodes as ir


def short_name(name: str) -> str:
    """A rule-local definition without its rule prefix (``SIG-03.part`` → ``part``)."""
    return name.rsplit(".", 1)[-1]


def ir_text(e: ir.Expr) -> str:
    match e:
        case ir.Const(value):
            return _constant(value)
        case ir.CheckDate():
            return "date du contrôle"
        case ir.Root():
            return "contrat"
        case ir.Var(name):
            return name
        case ir.Ref(name):
            return short_name(name)
        case ir.Field(ir.Root(), name) | ir.Project(ir.Root(), name):
            return name
        case ir.Field(base, name) | ir.Project(base, name):
            return f"{_operand(base)}.{name}"
        case ir.ListOf(items):
            return "[" + ", ".join(ir_text(i) for i in items) + "]"
        case ir.Not(ir.IsKnown(operand)):
            return f"{_operand(operand)} n'est pas renseigné"
        case ir.Not(ir.Member(item, collection)):
            return f"{_operand(item)} n'est pas dans {_operand(collection)}"
        case ir.Not(operand):
            return f"non {_operand(operand)}"
        case ir.And(operands):
            return " et ".join(_operand(o) for o in operands)
        case ir.Or(operands):
            return " ou ".join(_operand(o) for o in operands)
        case ir.Compare(op, left, right):
            return f"{_operand(left)} {op} {_operand(right)}"
        case ir.Member(item, collection):
            return f"{_operand(item)} dans {_operand(collection)}"
        case ir.StartsWith(value, prefix):
            return f"{_operand(value)} commence par {_operand(prefix)}"
        case ir.IsKnown(operand):
            return f"{_operand(operand)} est renseigné"
        case ir.Arith(op, left, right):
            return f"{_operand(left)} {op} {_operand(right)}"
        case ir.ShiftDate(date, duration):
            return f"{_operand(date)} + {_operand(duration)}"
        case ir.Concat(parts):
            return " + ".join(_operand(p) for p in parts)
        case ir.ForAll(var, collection, body):
            return f"pour chaque {var} de {_operand(collection)} : {ir_text(body)}"
        case ir.Exists(var, collection, condition):
            return f"il existe un {_binder(var, collection, condition)}"
        case ir.NoneOf(var, collection, condition):
            return f"aucun {_binder(var, collection, condition)}"
        case ir.Count(collection):
            return f"nombre de {_operand(collection)}"
        case ir.CountWhere(var, collection, condition):
            return f"nombre de {_binder(var, collection, condition)}"
        case ir.SumOf(var, collection, value, condition):
            return f"somme de {_operand(value)} pour chaque {_binder(var, collection, condition)}"
        case ir.Filter(var, collection, condition):
            return f"les {_binder(var, collection, condition)}"
        case ir.Checklist(items):
            return "toutes ces conditions : " + " ".join(
                f"- {_operand(i.condition)}" for i in items
            )
    raise TypeError(f"unsupported IR node {type(e).__name__}")  # pragma: no cover


def _binder(var: str, collection: ir.Expr, condition: ir.Expr | None) -> str:
    head = f"{var} de {_operand(collection)}"
    return head if condition is None else f"{head} où {ir_text(condition)}"


_ATOMS = (ir.Const, ir.CheckDate, ir.Root, ir.Var, ir.Ref, ir.Field, ir.Project, ir.ListOf)


def _operand(e: ir.Expr) -> str:
    text = ir_text(e)
    return text if isinstance(e, _ATOMS) else f"({text})"


def _constant(value: ir.Scalar) -> str:
    if value is True:
        return "vrai"
    if value is False:
        return "aucun"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
