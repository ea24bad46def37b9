"""The bounds a rule folder must keep, checked when it is loaded, and why each exists.

A rule folder may come from anywhere (a shared drive, an archive, a colleague's draft), so
whatever it holds, loading it either succeeds or raises
:class:`~cls_check.errors.RuleFileError` with a diagnostic at ``file:line:col``: it never
overflows Python's stack, never exhausts memory, and never hides a value that only fails
when a contract is checked. Every bound is far above what a real rule needs — the bundled
rules nest a few levels, use two-digit numbers and durations of a few years.

The numbers are here, named; the parser, the checker and the catalogue only call the
functions below where a bound applies. The sizes of the files themselves are bounded where
they are read, by :mod:`cls_check.dsl.read` (``MAX_RULE_FILE_BYTES``,
``MAX_CATALOGUE_BYTES``), which runs on every load without importing the parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import yaml
from lark import Token, Tree
from lark.tree import Meta

from cls_check.codes import Code
from cls_check.dsl import ast
from cls_check.dsl.walk import children
from cls_check.errors import Diagnostic, Span

__all__ = [
    "MAX_DEFINITION_DEPTH",
    "MAX_DEPTH",
    "MAX_DURATION",
    "MAX_MESSAGE_EXPRESSIONS",
    "MAX_NUMBER_DIGITS",
    "MAX_YAML_ALIASES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "BoundedYamlLoader",
    "YamlLimitError",
    "balance_chains",
    "deep_definitions",
    "duration",
    "message_expressions",
    "number",
    "too_deep",
]

#: Levels of nesting of one expression (parentheses around another operator, quantifiers,
#: « non », aggregates…). A flat chain ``a ou b ou c …`` is not nesting: it is regrouped
#: as a balanced tree (:func:`balance_chains`), so 150 terms count as 8 levels.
MAX_DEPTH = 48

#: Levels of a definition together with the definitions it uses, and those they use…:
#: the code generator follows the chain. The front end, lowering, the code generator and
#: the cache walk expressions recursively: the deepest rule accepted (an expression at
#: :data:`MAX_DEPTH` of nested quantifiers using a definition at this bound) needs about
#: 350 Python frames in either engine, well inside the default limit of 1,000 whoever
#: calls (``tests/dsl/test_limits.py`` keeps it within 600).
MAX_DEFINITION_DEPTH = 96

#: Digits of a number written in a rule (before and after the point). Beyond 15 digits a
#: decimal is no longer exact as a float, and nothing a contract counts comes near it.
MAX_NUMBER_DIGITS = 15

#: The longest duration in each unit: a hundred years, far beyond any delay the circulars
#: set. (A date shifted past year 9999 stays at 9999-12-31 when a contract is checked.)
MAX_DURATION: Mapping[str, int] = {
    "jour": 36_525,
    "jours": 36_525,
    "mois": 1_200,
    "an": 100,
    "ans": 100,
}

#: Expressions ``{…}`` in one message: each is parsed, typed and compiled on its own.
MAX_MESSAGE_EXPRESSIONS = 100

#: Uses of YAML aliases (``*nom``) of a list or a table in the catalogue: a catalogue needs
#: none, and a few dozen nested ones can stand for billions of values (the « billion
#: laughs »). An alias of a single value (PyYAML writes ``*id001`` for a repeated date)
#: stands for one value: it is only counted in :data:`MAX_YAML_NODES`.
MAX_YAML_ALIASES = 100

#: Nesting of YAML collections in the catalogue: it needs four (the table, the list of
#: requirements, a requirement, a list in it); PyYAML composes nested collections
#: recursively.
MAX_YAML_DEPTH = 20

#: YAML values in the catalogue, each alias counted as the values it stands for: a
#: requirement takes about twenty.
MAX_YAML_NODES = 2_000_000


# ---------------------------------------------------------------- literals


def _french(n: int) -> str:
    """``1200000`` → ``1 200 000``."""
    return f"{n:,}".replace(",", " ")


def _spell(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} chiffres)"


def number(text: str, span: Span) -> Diagnostic | None:
    """A number with more than :data:`MAX_NUMBER_DIGITS` digits is refused."""
    digits = len(text) - text.count(".")
    if digits <= MAX_NUMBER_DIGITS:
        return None
    return Diagnostic(
        Code.INVALID_LITERAL,
        f"nombre « {_spell(text)} » trop long : au plus {MAX_NUMBER_DIGITS} chiffres",
        span,
        "aucune quantité d'un contrat n'approche un tel nombre ; vérifiez la valeur",
    )


def duration(amount: str, unit: str, span: Span) -> Diagnostic | None:
    """A duration longer than :data:`MAX_DURATION` (a hundred years) is refused."""
    limit = MAX_DURATION[unit]
    digits = amount.lstrip("0")
    if len(digits) < len(str(limit)) or (len(digits) == len(str(limit)) and int(digits) <= limit):
        return None
    return Diagnostic(
        Code.INVALID_LITERAL,
        f"durée « {_spell(amount)} {unit} » trop longue : au plus {_french(limit)} {unit}",
        span,
        "une durée compte au plus cent ans (36 525 jours, 1 200 mois, 100 ans)",
    )


def message_expressions(count: int, span: Span) -> Diagnostic | None:
    """The expression ``{…}`` number ``count`` of a message, if it is one too many."""
    if count <= MAX_MESSAGE_EXPRESSIONS:
        return None
    return Diagnostic(
        Code.MESSAGE_BRACE,
        f"trop d'expressions entre accolades dans le message (plus de {MAX_MESSAGE_EXPRESSIONS})",
        span,
        "un message cite quelques valeurs ; pour écrire une accolade, doublez-la : {{",
    )


# ---------------------------------------------------------------- nesting


_CHAINS = frozenset({"or_", "and_"})


def _bounds(node: Tree[Token] | Token) -> tuple[int, int, int, int, int, int]:
    """(start_pos, line, column, end_pos, end_line, end_column) of a subtree or token."""
    if isinstance(node, Token):
        return (
            node.start_pos or 0,
            node.line or 1,
            node.column or 1,
            node.end_pos or 0,
            node.end_line or 1,
            node.end_column or 1,
        )
    m = node.meta
    return m.start_pos, m.line, m.column, m.end_pos, m.end_line, m.end_column


def _balanced(data: str, operands: list[Tree[Token] | Token]) -> Tree[Token] | Token:
    """``operands`` joined by ``data`` as a balanced binary tree, in their order (the
    recursion is as deep as log2 of their number)."""
    if len(operands) == 1:
        return operands[0]
    middle = (len(operands) + 1) // 2
    left, right = _balanced(data, operands[:middle]), _balanced(data, operands[middle:])
    meta = Meta()  # type: ignore[no-untyped-call]
    meta.empty = False
    meta.start_pos, meta.line, meta.column = _bounds(left)[:3]
    meta.end_pos, meta.end_line, meta.end_column = _bounds(right)[3:]
    return Tree(data, [left, right], meta)


def balance_chains(tree: Tree[Token]) -> Tree[Token]:
    """Regroup every chain of ``ou`` (and of ``et``) as a balanced tree, in place.

    The parser reads ``a ou b ou c`` as ``(a ou b) ou c``: a chain of n terms is n levels
    deep, though nothing in it is nested. ``ou`` and ``et`` are associative in Kleene's
    logic and lowering flattens their chains anyway (:class:`cls_check.ir.nodes.Or`), so
    regrouping changes no verdict, no message and no evidence — only how deep the tree is.
    Iterative: the tree may be arbitrarily deep.
    """
    work: list[Tree[Token]] = [tree]
    while work:
        node = work.pop()
        if node.data in _CHAINS:
            operands: list[Tree[Token] | Token] = []
            pending: list[Tree[Token] | Token] = [node]
            while pending:
                item = pending.pop()
                if isinstance(item, Tree) and item.data == node.data:
                    pending.extend(reversed(item.children))
                else:
                    operands.append(item)
            regrouped = _balanced(node.data, operands)
            assert isinstance(regrouped, Tree)
            node.children = regrouped.children
            work.extend(o for o in operands if isinstance(o, Tree))
        else:
            work.extend(c for c in node.children if isinstance(c, Tree))
    return tree


def too_deep(tree: Tree[Token]) -> Tree[Token] | None:
    """The first subtree, in reading order, nested deeper than :data:`MAX_DEPTH`
    (iteratively: the tree may be arbitrarily deep)."""
    stack: list[tuple[Tree[Token], int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        stack.extend((c, depth + 1) for c in reversed(node.children) if isinstance(c, Tree))
    return None


def _depth(e: ast.Expr) -> int:
    """Levels of the expression (iteratively)."""
    deepest = 0
    stack = [(e, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((c, depth + 1) for c in children(node))
    return deepest


def deep_definitions(
    definitions: Iterable[tuple[str, ast.Definition, Sequence[tuple[str, Span]]]],
) -> list[Diagnostic]:
    """Definitions deeper than :data:`MAX_DEFINITION_DEPTH` with those they use.

    ``definitions`` are (key, definition, (key used, where) for each use), each after the
    definitions it uses (one not seen yet, in a cycle, counts for nothing). Only the first
    link that crosses the bound is reported: those built on it are its consequences.
    """
    depths: dict[str, int] = {}
    found: list[Diagnostic] = []
    for key, node, uses in definitions:
        deepest = max(uses, key=lambda use: depths.get(use[0], 0), default=None)
        inherited = depths.get(deepest[0], 0) if deepest is not None else 0
        depths[key] = _depth(node.expr) + inherited
        if depths[key] <= MAX_DEFINITION_DEPTH or inherited > MAX_DEFINITION_DEPTH:
            continue
        related: tuple[tuple[Span, str], ...] = ()
        if deepest is not None:
            used = deepest[0].rsplit(":", 1)[-1]
            related = ((deepest[1], f"« {node.name.value} » utilise « {used} »"),)
        found.append(
            Diagnostic(
                Code.TOO_DEEP,
                f"définition « {node.name.value} » trop imbriquée : avec les définitions "
                f"qu'elle utilise, elle compte {depths[key]} niveaux (au plus "
                f"{MAX_DEFINITION_DEPTH})",
                node.name.span,
                "raccourcissez la chaîne de définitions qui s'utilisent l'une l'autre, "
                "par exemple en regroupant des étapes",
                related=related,
            )
        )
    return found


# ---------------------------------------------------------------- the catalogue's YAML


class YamlLimitError(yaml.MarkedYAMLError):
    """The catalogue goes beyond a bound of this module; ``problem`` says which, in French."""


class _PythonEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's own scanner and parser, where libyaml is not installed."""

    def __init__(self, stream: Any):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


# libyaml scans and parses ten times faster than PyYAML's Python code: a catalogue of
# 20,000 requirements in seconds. Only its events are used; nodes are composed below.
_Events: type
try:
    from yaml._yaml import CParser

    _Events = CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Events = _PythonEvents


class BoundedYamlLoader(
    yaml.composer.Composer,
    _Events,  # type: ignore[misc]
    yaml.constructor.SafeConstructor,
    yaml.resolver.Resolver,
):
    """``yaml.SafeLoader`` that stops at :data:`MAX_YAML_ALIASES` uses of collection aliases,
    :data:`MAX_YAML_DEPTH` levels of nesting and :data:`MAX_YAML_NODES` values (an alias
    counting as all the values it stands for), raising :class:`YamlLimitError` where the
    bound is crossed. Its events come from libyaml when it is installed."""

    def __init__(self, stream: Any):
        _Events.__init__(self, stream)  # type: ignore[misc]
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._aliases = 0
        self._depth = 0
        self._nodes = 0
        self._sizes: dict[int, int] = {}  # anchored node → the values it holds

    def _exceeded(self, problem: str, event: yaml.Event) -> YamlLimitError:
        start = event.start_mark  # libyaml's marks are of another class
        line, column = (start.line, start.column) if start is not None else (0, 0)
        mark = yaml.Mark("", 0, line, column, None, 0)
        return YamlLimitError(problem=problem, problem_mark=mark)

    def _count(self, values: int, event: yaml.Event) -> None:
        self._nodes += values
        if self._nodes > MAX_YAML_NODES:
            raise self._exceeded(
                f"le catalogue est trop volumineux : plus de {_french(MAX_YAML_NODES)} "
                "valeurs, alias dépliés",
                event,
            )

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            if not isinstance(node, yaml.ScalarNode):
                self._aliases += 1
                if self._aliases > MAX_YAML_ALIASES:
                    raise self._exceeded(
                        f"le catalogue utilise plus de {MAX_YAML_ALIASES} alias YAML (*nom) "
                        "de listes ou de tables",
                        event,
                    )
            self._count(self._sizes.get(id(node), 1), event)
            return node
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            raise self._exceeded(
                f"le catalogue imbrique plus de {MAX_YAML_DEPTH} niveaux de listes ou de tables",
                event,
            )
        before = self._nodes
        self._count(1, event)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if getattr(event, "anchor", None) is not None:
            self._sizes[id(node)] = self._nodes - before
        return node
