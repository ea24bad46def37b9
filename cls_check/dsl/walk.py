"""Walking the rule-language syntax tree: sub-expressions, binders, free names.

Input: :mod:`cls_check.dsl.ast` nodes. Output: iterators over them. Used by the checker to
find what an expression refers to (definitions, for cycles) and what it binds (variables,
for scoping); nothing here reports errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from cls_check.dsl import ast

__all__ = [
    "binder_of",
    "binders",
    "children",
    "clause_exprs",
    "free_references",
    "message_exprs",
    "requires_exprs",
]


def children(e: ast.Expr) -> Iterator[ast.Expr]:
    """Direct sub-expressions (binders' collections included, messages excluded)."""
    match e:
        case ast.Or(left, right) | ast.And(left, right):
            yield left
            yield right
        case ast.Compare(_, left, right) | ast.Arith(_, left, right):
            yield left
            yield right
        case ast.Member(a, b) | ast.NotMember(a, b) | ast.StartsWith(a, b):
            yield a
            yield b
        case ast.Not(x) | ast.IsKnown(x) | ast.IsUnknown(x) | ast.Count(x):
            yield x
        case ast.List_(items):
            yield from items
        case ast.ForAll(binder, body):
            yield binder.collection
            yield body
        case ast.Exists(binder, c) | ast.NoElement(binder, c) | ast.Filter(binder, c):
            yield binder.collection
            if c is not None:
                yield c
        case ast.CountWhere(binder, c):
            yield binder.collection
            yield c
        case ast.SumOf(value, binder, c):
            yield value
            yield binder.collection
            if c is not None:
                yield c
        case ast.Checklist(items):
            for item in items:
                yield item.condition
                if item.message is not None:
                    yield from message_exprs(item.message)


def message_exprs(message: ast.Message) -> Iterator[ast.Expr]:
    for part in message.parts:
        if not isinstance(part, str):
            yield part


def binder_of(e: ast.Expr) -> ast.Binder | None:
    if isinstance(e, ast.ForAll | ast.Exists | ast.NoElement | ast.CountWhere | ast.SumOf):
        return e.binder
    if isinstance(e, ast.Filter):
        return e.binder
    return None


def free_references(e: ast.Expr, bound: frozenset[str] = frozenset()) -> Iterator[ast.Path]:
    """Paths whose first name is not bound by a quantifier inside ``e`` (iteratively)."""
    stack: list[tuple[ast.Expr, frozenset[str]]] = [(e, bound)]
    while stack:
        node, names = stack.pop()
        if isinstance(node, ast.Path):
            if node.names[0].value not in names:
                yield node
            continue
        binder = binder_of(node)
        if binder is not None:
            stack.append((binder.collection, names))
            inner = names | {binder.var.value}
            for child in children(node):
                if child is not binder.collection:
                    stack.append((child, inner))
            continue
        stack.extend((child, names) for child in children(node))


def binders(e: ast.Expr) -> Iterator[ast.Binder]:
    stack = [e]
    while stack:
        node = stack.pop()
        binder = binder_of(node)
        if binder is not None:
            yield binder
        stack.extend(children(node))


def requires_exprs(requires: ast.Requires) -> Iterator[ast.Expr]:
    yield requires.expr
    for other in requires.otherwise:
        if isinstance(other, ast.ConditionalMessage):
            yield other.condition
        yield from message_exprs(other.message)
    if requires.note is not None:
        yield from message_exprs(requires.note.message)


def clause_exprs(clause: ast.Clause) -> Iterator[ast.Expr]:
    match clause:
        case ast.Applicable(condition) | ast.UnknownIf(condition):
            yield condition
        case ast.Definition(_, expr):
            yield expr
        case ast.Requires():
            yield from requires_exprs(clause)
        case ast.Exception_(condition, _, requires):
            yield condition
            yield from requires_exprs(requires)
