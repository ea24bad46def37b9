"""Rule-file text → syntax tree (:mod:`cls_check.dsl.ast`), syntax errors → diagnostics.

Input: a file name and its text. Output: a :class:`ParseResult` — the
:class:`~cls_check.dsl.ast.RuleFile` of everything that could be parsed, and one
:class:`~cls_check.errors.Diagnostic` (codes ``CLS1xx``) per syntax error.

How: the grammar (``grammar/cls.lark``) is compiled once per process into an LALR parser
(``cache=True`` keeps the analysis on disk between processes). A file is cut before each
``exigence`` that starts a line (outside texts and comments) and each piece is parsed on its
own — an item never spans such a cut, so this changes nothing for a correct file, and a
syntax error loses only its own exigence: the rest of the file is still parsed and checked.
Messages (« … {expr} … ») are split here; each ``{expr}`` is parsed with the ``expr`` start
symbol and its spans point into the file.

Syntax errors are worded in :mod:`cls_check.dsl.syntax_errors`; the grammar and positions
are in :mod:`cls_check.dsl.grammar`.
"""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lark import Token, Transformer, v_args
from lark.exceptions import UnexpectedInput
from lark.tree import Meta

from cls_check.codes import Code
from cls_check.dsl import ast, limits
from cls_check.dsl.grammar import LineIndex, collapse, get_parser, strip_comments
from cls_check.dsl.syntax_errors import syntax_diagnostic
from cls_check.errors import Diagnostic, Span

__all__ = ["ParseResult", "parse_expression", "parse_rule_file"]

# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class ParseResult:
    file: ast.RuleFile
    diagnostics: tuple[Diagnostic, ...]
    # Names of definitions in pieces that failed to parse: an unknown name among them is
    # a consequence of the syntax error, not worth a second diagnostic.
    lost_names: frozenset[str] = frozenset()


class _Failed(Exception):
    """A syntax error, already reported."""


# ---------------------------------------------------------------- chunks

_OUTSIDE = re.compile(r"\n|#[^\n]*|\"[^\"\n]*\"|“[^”\n]*”|«")
_INSIDE = re.compile(r"»|\n")
_PREPOSITION = re.compile(r"(de\s+la\s+|de\s+l['’]\s*|du\s+)")
_ITEM_START = re.compile(r"[^\S\n]*exigence\b")
_SURE_ITEM_START = re.compile(r"[^\S\n]*exigence[^\S\n]+[A-Z]{2,4}-\d{2,3}\b")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Cut the text before each ``exigence`` that starts a line outside « … » (or that
    starts a line with a requirement id: then the text before lacks its closing »)."""
    cuts = [0]
    position, inside = 0, False
    while True:
        match = (_INSIDE if inside else _OUTSIDE).search(text, position)
        if match is None:
            break
        position = match.end()
        token = match.group()
        if token == "\n":
            start_pattern = _SURE_ITEM_START if inside else _ITEM_START
            if start_pattern.match(text, position):
                cuts.append(position)
                inside = False
        elif token == "«":
            inside = True
        elif token == "»":
            inside = False
    cuts.append(len(text))
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b or a == 0]


# ---------------------------------------------------------------- tree → AST


@v_args(meta=True)
class _Builder(Transformer[Token, Any]):
    """Builds AST nodes from the Lark tree of one piece of a file.

    Only builds nodes: diagnostics found on the way (a date that does not exist, a broken
    interpolation) are collected in ``diagnostics``.
    """

    def __init__(self, context: _FileContext, base: int):
        super().__init__(visit_tokens=False)
        self.context = context
        self.base = base

    # -- positions

    def _span(self, meta: Meta) -> Span:
        return self.context.index.span(
            self.context.file, self.base + meta.start_pos, self.base + meta.end_pos
        )

    def _token_span(self, token: Token) -> Span:
        start = token.start_pos or 0
        end = token.end_pos if token.end_pos is not None else start
        return self.context.index.span(self.context.file, self.base + start, self.base + end)

    def _name(self, token: Token) -> ast.Name:
        return ast.Name(str(token), self._token_span(token))

    def _error(self, code: Code, message: str, span: Span, hint: str | None = None) -> None:
        self.context.diagnostics.append(Diagnostic(code, message, span, hint))

    def _refused(self, diagnostic: Diagnostic | None) -> bool:
        """Report a bound of :mod:`~cls_check.dsl.limits` crossed, if it is."""
        if diagnostic is not None:
            self.context.diagnostics.append(diagnostic)
        return diagnostic is not None

    def _source_text(self, node: ast.Expr) -> str:
        return collapse(strip_comments(self.context.index.slice(node.span)))

    # -- items

    def start(self, meta: Meta, children: list[Any]) -> list[ast.Item]:
        return children

    def definition(self, meta: Meta, children: list[Any]) -> ast.Definition:
        name, expr = children
        return ast.Definition(self._name(name), expr, self._span(meta))

    def requirement(self, meta: Meta, children: list[Any]) -> ast.Requirement:
        req_id, title, *clauses = children
        return ast.Requirement(
            self._name(req_id),
            self._text(title) if title is not None else None,
            tuple(clauses),
            self._span(meta),
        )

    def source(self, meta: Meta, children: list[Any]) -> ast.Source:
        section, document, reference, quote = children
        return ast.Source(
            self._name(section) if section is not None else None,
            self._document(document),
            self._text(reference) if reference is not None else None,
            self._text(quote) if quote is not None else None,
            self._span(meta),
        )

    def _document(self, token: Token) -> ast.Name:
        """The cited text's name, without « de la », « de l' » or « du »."""
        text = str(token)
        name = _PREPOSITION.sub("", text, count=1)
        start = (token.start_pos or 0) + len(text) - len(name)
        end = token.end_pos if token.end_pos is not None else start
        span = self.context.index.span(self.context.file, self.base + start, self.base + end)
        return ast.Name(collapse(name), span)

    def force(self, meta: Meta, children: list[Any]) -> ast.Force:
        return ast.Force(self._name(children[0]), self._span(meta))

    def in_force(self, meta: Meta, children: list[Any]) -> ast.InForce:
        token = children[-1]
        return ast.InForce(self._date_value(token), self._span(meta))

    def applicable(self, meta: Meta, children: list[Any]) -> ast.Applicable:
        (expr,) = children
        return ast.Applicable(expr, self._source_text(expr), self._span(meta))

    def unknown_if(self, meta: Meta, children: list[Any]) -> ast.UnknownIf:
        (expr,) = children
        return ast.UnknownIf(expr, self._source_text(expr), self._span(meta))

    def requires(self, meta: Meta, children: list[Any]) -> ast.Requires:
        expr, *rest = children
        note = rest.pop() if rest and isinstance(rest[-1], ast.Note) else None
        return ast.Requires(expr, tuple(rest), note, self._span(meta))

    def exception(self, meta: Meta, children: list[Any]) -> ast.Exception_:
        condition, requires = children
        return ast.Exception_(condition, self._source_text(condition), requires, self._span(meta))

    def conditional_message(self, meta: Meta, children: list[Any]) -> ast.ConditionalMessage:
        condition, text = children
        return ast.ConditionalMessage(condition, self._message(text), self._span(meta))

    def default_message(self, meta: Meta, children: list[Any]) -> ast.DefaultMessage:
        return ast.DefaultMessage(self._message(children[0]), self._span(meta))

    def note(self, meta: Meta, children: list[Any]) -> ast.Note:
        return ast.Note(self._message(children[0]), self._span(meta))

    # -- expressions

    def or_(self, meta: Meta, children: list[Any]) -> ast.Or:
        return ast.Or(children[0], children[1], self._span(meta))

    def and_(self, meta: Meta, children: list[Any]) -> ast.And:
        return ast.And(children[0], children[1], self._span(meta))

    def not_(self, meta: Meta, children: list[Any]) -> ast.Not:
        return ast.Not(children[0], self._span(meta))

    def compare(self, meta: Meta, children: list[Any]) -> ast.Compare:
        left, op, right = children
        return ast.Compare(str(op), left, right, self._span(meta), self._token_span(op))

    def member(self, meta: Meta, children: list[Any]) -> ast.Member:
        return ast.Member(children[0], children[-1], self._span(meta))

    def not_member(self, meta: Meta, children: list[Any]) -> ast.NotMember:
        return ast.NotMember(children[0], children[-1], self._span(meta))

    def starts_with(self, meta: Meta, children: list[Any]) -> ast.StartsWith:
        return ast.StartsWith(children[0], children[-1], self._span(meta))

    def is_known(self, meta: Meta, children: list[Any]) -> ast.IsKnown:
        return ast.IsKnown(children[0], self._span(meta))

    def is_unknown(self, meta: Meta, children: list[Any]) -> ast.IsUnknown:
        return ast.IsUnknown(children[0], self._span(meta))

    def arith(self, meta: Meta, children: list[Any]) -> ast.Arith:
        left, op, right = children
        return ast.Arith(str(op), left, right, self._span(meta), self._token_span(op))

    def check_date(self, meta: Meta, children: list[Any]) -> ast.CheckDate:
        return ast.CheckDate(self._span(meta))

    def path(self, meta: Meta, children: list[Any]) -> ast.Path:
        return ast.Path(tuple(self._name(t) for t in children), self._span(meta))

    def string(self, meta: Meta, children: list[Any]) -> ast.String:
        value = unicodedata.normalize("NFC", str(children[0])[1:-1])
        return ast.String(value, self._span(meta))

    def number(self, meta: Meta, children: list[Any]) -> ast.Number:
        text = str(children[0])
        if self._refused(limits.number(text, self._span(meta))):
            return ast.Number(0, self._span(meta))
        value: int | float = float(text) if "." in text else int(text)
        return ast.Number(value, self._span(meta))

    def date(self, meta: Meta, children: list[Any]) -> ast.Date:
        return ast.Date(self._date_value(children[0]) or datetime.date.min, self._span(meta))

    def duration(self, meta: Meta, children: list[Any]) -> ast.Duration:
        amount, unit = children
        span = self._span(meta)
        if "." in str(amount):
            self._error(
                Code.INVALID_LITERAL,
                f"durée « {amount} {unit} » incorrecte : une durée se compte en unités entières",
                span,
                "écrivez par exemple 18 mois plutôt que 1.5 ans",
            )
            return ast.Duration(0, str(unit), span)
        if self._refused(limits.duration(str(amount), str(unit), span)):
            return ast.Duration(0, str(unit), span)
        return ast.Duration(int(str(amount)), str(unit), span)

    def true(self, meta: Meta, children: list[Any]) -> ast.Boolean:
        return ast.Boolean(True, self._span(meta))

    def false(self, meta: Meta, children: list[Any]) -> ast.Boolean:
        return ast.Boolean(False, self._span(meta))

    def none_(self, meta: Meta, children: list[Any]) -> ast.Aucun:
        span = self._span(meta)
        written = self.context.index.slice(span)
        return ast.Aucun("aucune" if written.startswith("aucune") else "aucun", span)

    def list_(self, meta: Meta, children: list[Any]) -> ast.List_:
        return ast.List_(tuple(c for c in children if c is not None), self._span(meta))

    def binder(self, meta: Meta, children: list[Any]) -> ast.Binder:
        names = [c for c in children if isinstance(c, Token) and c.type == "NAME"]
        collection = children[-1]
        noun = self._name(names[0]) if len(names) == 2 else None
        return ast.Binder(noun, self._name(names[-1]), collection, self._span(meta))

    def for_all(self, meta: Meta, children: list[Any]) -> ast.ForAll:
        binder, body = children
        return ast.ForAll(binder, body, self._span(meta))

    def exists(self, meta: Meta, children: list[Any]) -> ast.Exists:
        binder, condition = children
        return ast.Exists(binder, condition, self._span(meta))

    def no_element(self, meta: Meta, children: list[Any]) -> ast.NoElement:
        binder, condition = children
        return ast.NoElement(binder, condition, self._span(meta))

    def count(self, meta: Meta, children: list[Any]) -> ast.Count:
        return ast.Count(_without_apostrophes(children)[0], self._span(meta))

    def count_where(self, meta: Meta, children: list[Any]) -> ast.CountWhere:
        binder, condition = _without_apostrophes(children)
        return ast.CountWhere(binder, condition, self._span(meta))

    def sum_of(self, meta: Meta, children: list[Any]) -> ast.SumOf:
        value, binder, condition = _without_apostrophes(children)
        return ast.SumOf(value, binder, condition, self._span(meta))

    def filter(self, meta: Meta, children: list[Any]) -> ast.Filter:
        binder, condition = children
        return ast.Filter(binder, condition, self._span(meta))

    def checklist(self, meta: Meta, children: list[Any]) -> ast.Checklist:
        return ast.Checklist(tuple(children), self._span(meta))

    def check_item(self, meta: Meta, children: list[Any]) -> ast.CheckItem:
        condition, text = children
        message = self._message(text) if text is not None else None
        return ast.CheckItem(condition, message, self._span(meta))

    # -- literals

    def _date_value(self, token: Token) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(str(token))
        except ValueError:
            self._error(
                Code.INVALID_LITERAL,
                f"la date « {token} » n'existe pas",
                self._token_span(token),
                "écrivez une date réelle sous la forme AAAA-MM-JJ, par exemple 1999-06-15",
            )
            return None

    def _check_guillemets(self, token: Token) -> None:
        inner = str(token).find("«", 1)
        if inner >= 0:
            start = (token.start_pos or 0) + self.base
            line_end = str(token).find("\n")
            end = start + (line_end if line_end >= 0 else len(token))
            self._error(
                Code.UNCLOSED_QUOTE,
                "guillemet « non fermé : un autre « commence avant le » qui le fermerait",
                self.context.index.span(self.context.file, start, end),
                "fermez ce texte par » avant d'en commencer un autre",
            )

    def _text(self, token: Token) -> ast.Text:
        self._check_guillemets(token)
        return ast.Text(collapse(str(token)[1:-1]), self._token_span(token))

    def _message(self, token: Token) -> ast.Message:
        self._check_guillemets(token)
        raw = str(token)[1:-1]
        start = (token.start_pos or 0) + self.base + 1  # offset of raw[0] in the file
        parts: list[str | ast.Expr] = []
        literal: list[str] = []

        def flush() -> None:
            if literal:
                parts.append(" ".join("".join(literal).split(" ")))
                literal.clear()

        # Not string.Formatter().parse: it reads « != » in {a != b} as a conversion and
        # refuses it, cuts {pour chaque c de l : …} at « : » as a format spec, stops at the
        # first stray brace with an error that has no position, and gives no offsets — each
        # brace problem here is reported at its own column, and the scan goes on after it.
        i = expressions = 0
        while i < len(raw):
            char = raw[i]
            if char in "{}" and raw[i + 1 : i + 2] == char:
                literal.append(char)
                i += 2
                continue
            if char == "}":
                self._error(
                    Code.MESSAGE_BRACE,
                    "accolade « } » sans accolade ouvrante dans le message",
                    self.context.index.span(self.context.file, start + i, start + i + 1),
                    "pour écrire une accolade dans un message, doublez-la : }}",
                )
                i += 1
                continue
            if char != "{":
                literal.append(char)
                i += 1
                continue
            close = raw.find("}", i + 1)
            if close < 0:
                self._error(
                    Code.MESSAGE_BRACE,
                    "accolade « { » non fermée dans le message",
                    self.context.index.span(self.context.file, start + i, start + i + 1),
                    "fermez l'expression à afficher par } ; pour une accolade, écrivez {{",
                )
                break
            inner = raw[i + 1 : close]
            if not inner.strip():
                self._error(
                    Code.MESSAGE_BRACE,
                    "expression vide entre accolades dans le message",
                    self.context.index.span(self.context.file, start + i, start + close + 1),
                    "mettez entre { } ce qu'il faut afficher, par exemple {c.nom}",
                )
            else:
                expressions += 1
                where = self.context.index.span(self.context.file, start + i, start + close + 1)
                if self._refused(limits.message_expressions(expressions, where)):
                    break
                expr = _parse_piece(self.context, inner, start + i + 1, "expr")
                if expr is not None:
                    flush()
                    parts.append(expr)
            i = close + 1
        flush()
        cleaned = _clean_message(parts)
        return ast.Message(cleaned, self._token_span(token))


def _clean_message(parts: Sequence[str | ast.Expr]) -> tuple[str | ast.Expr, ...]:
    """Collapse whitespace in the literal parts; strip the message's two ends."""
    out: list[str | ast.Expr] = []
    for index, part in enumerate(parts):
        if isinstance(part, str):
            text = re.sub(r"\s+", " ", part)
            if index == 0:
                text = text.lstrip()
            if index == len(parts) - 1:
                text = text.rstrip()
            if text:
                out.append(text)
        else:
            out.append(part)
    return tuple(out)


def _without_apostrophes(children: list[Any]) -> list[Any]:
    return [c for c in children if not (isinstance(c, Token) and c.type == "D_APOS")]


# ---------------------------------------------------------------- parsing


@dataclass(slots=True)
class _FileContext:
    file: str
    index: LineIndex
    diagnostics: list[Diagnostic]


def _parse_piece(context: _FileContext, text: str, base: int, start: str) -> Any:
    """Parse ``text`` (found at ``base`` in the file) from ``start``; None after an error."""
    try:
        tree = get_parser().parse(text, start=start)
    except UnexpectedInput as error:
        context.diagnostics.append(
            syntax_diagnostic(error, text, context.file, context.index, base, start == "expr")
        )
        return None
    deep = limits.too_deep(limits.balance_chains(tree))
    if deep is not None:
        meta = deep.meta
        position = base + (meta.start_pos if not meta.empty else 0)
        context.diagnostics.append(
            Diagnostic(
                Code.TOO_DEEP,
                f"expression trop imbriquée (plus de {limits.MAX_DEPTH} niveaux)",
                context.index.span(context.file, position, position + 1),
                "découpez-la en définitions nommées (soit … = …)",
            )
        )
        return None
    return _Builder(context, base).transform(tree)


_DEFINED = re.compile(r"\bsoit\s+(\w+)")


def parse_rule_file(file: str, text: str) -> ParseResult:
    """Parse one rule file: its AST (what parsed) and its syntax errors."""
    context = _FileContext(file, LineIndex(text), [])
    items: list[ast.Item] = []
    lost: set[str] = set()
    for begin, end in _chunks(text):
        piece = text[begin:end]
        parsed = _parse_piece(context, piece, begin, "start")
        if parsed is None:
            lost.update(_DEFINED.findall(piece))
            continue
        items.extend(parsed)
    return ParseResult(
        ast.RuleFile(file, tuple(items)), tuple(context.diagnostics), frozenset(lost)
    )


def parse_expression(
    text: str, file: str = "<expression>"
) -> tuple[ast.Expr | None, tuple[Diagnostic, ...]]:
    """Parse a lone expression (used by tests and tools)."""
    context = _FileContext(file, LineIndex(text), [])
    expr = _parse_piece(context, text, 0, "expr")
    return expr, tuple(context.diagnostics)
