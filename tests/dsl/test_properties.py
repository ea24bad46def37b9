"""Properties: printed expressions parse back to themselves; no text crashes the compiler."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cls_check.dsl import ast, compile_rule_sources
from cls_check.dsl.parser import parse_expression
from cls_check.errors import RuleFileError, Span
from cls_check.report.diagnostics import format_diagnostic
from tests.dsl.conftest import CATALOGUE, EXAMPLES, HEADER, RECORD

S = Span("gen.cls", 1, 1, 1, 1)
NAMES = ["x", "y", "s", "c", "m", "territoire", "communes", "role", "nom", "insee", "z1", "été"]
WORDS = ["Le", "maire", "de", "n'a", "pas", "signé", "préfet", "(x)", "10", "%"]


def shape(node: Any) -> Any:
    """The node without its places: what the text means, not where it was written (nor
    how a chain of ou, or of et, is grouped: both are associative)."""
    if isinstance(node, ast.Name):
        return node.value
    if isinstance(node, ast.Or | ast.And):
        kind = type(node)
        operands: list[Any] = []
        stack: list[Any] = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, kind):
                stack.extend((item.right, item.left))
            else:
                operands.append(shape(item))
        return (kind.__name__, *operands)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return (
            type(node).__name__,
            *(
                shape(getattr(node, f.name))
                for f in dataclasses.fields(node)
                if f.name not in ("span", "op_span")
            ),
        )
    if isinstance(node, tuple):
        return tuple(shape(n) for n in node)
    return node


names = st.sampled_from(NAMES).map(lambda v: ast.Name(v, S))
paths = st.lists(names, min_size=1, max_size=3).map(lambda ns: ast.Path(tuple(ns), S))
leaves: st.SearchStrategy[ast.Expr] = st.one_of(
    paths,
    st.text(st.characters(exclude_characters='"\n\r', exclude_categories=["Cs"]), max_size=8).map(
        lambda v: ast.String(v, S)
    ),
    st.integers(0, 10**6).map(lambda v: ast.Number(v, S)),
    st.integers(0, 10**5).map(lambda v: ast.Number(v / 100, S)),
    st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)).map(lambda v: ast.Date(v, S)),
    st.builds(
        lambda n, u: ast.Duration(n, u, S),
        st.integers(0, 99),
        st.sampled_from(["jour", "jours", "mois", "an", "ans"]),
    ),
    st.booleans().map(lambda v: ast.Boolean(v, S)),
    st.just(ast.CheckDate(S)),
)


def _binder(children: st.SearchStrategy[ast.Expr]) -> st.SearchStrategy[ast.Binder]:
    return st.builds(
        lambda noun, var, collection: ast.Binder(noun, var, collection, S),
        st.one_of(st.none(), names),
        names,
        children,
    )


def _message() -> st.SearchStrategy[ast.Message]:
    # An interpolation is a path or a number: a message cannot hold « » or a } (which
    # would close the interpolation), so neither can what it interpolates.
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
    plain = words.map(lambda w: ast.Message((w,), S))
    shown = st.one_of(paths, st.integers(0, 99).map(lambda v: ast.Number(v, S)))
    interpolated = st.builds(
        lambda a, e, b: ast.Message((a + " ", e, " " + b), S), words, shown, words
    )
    return st.one_of(plain, interpolated)


def _extend(children: st.SearchStrategy[ast.Expr]) -> st.SearchStrategy[ast.Expr]:
    two = st.tuples(children, children)
    return st.one_of(
        two.map(lambda p: ast.Or(*p, S)),
        two.map(lambda p: ast.And(*p, S)),
        children.map(lambda e: ast.Not(e, S)),
        st.builds(
            lambda op, p: ast.Compare(op, p[0], p[1], S, S),
            st.sampled_from(["=", "!=", "<", "<=", ">", ">=", "≠", "≤", "≥"]),
            two,
        ),
        two.map(lambda p: ast.Member(*p, S)),
        two.map(lambda p: ast.NotMember(*p, S)),
        two.map(lambda p: ast.StartsWith(*p, S)),
        children.map(lambda e: ast.IsKnown(e, S)),
        children.map(lambda e: ast.IsUnknown(e, S)),
        st.builds(
            lambda op, p: ast.Arith(op, p[0], p[1], S, S), st.sampled_from(["+", "*", "/"]), two
        ),
        st.lists(children, max_size=3).map(lambda items: ast.List_(tuple(items), S)),
        st.builds(lambda b, e: ast.ForAll(b, e, S), _binder(children), children),
        st.builds(
            lambda b, e: ast.Exists(b, e, S), _binder(children), st.one_of(st.none(), children)
        ),
        st.builds(
            lambda b, e: ast.NoElement(b, e, S),
            _binder(children),
            st.one_of(st.none(), children),
        ),
        children.map(lambda e: ast.Count(e, S)),
        st.builds(lambda b, e: ast.CountWhere(b, e, S), _binder(children), children),
        st.builds(
            lambda v, b, e: ast.SumOf(v, b, e, S),
            children,
            _binder(children),
            st.one_of(st.none(), children),
        ),
        st.builds(lambda b, e: ast.Filter(b, e, S), _binder(children), children),
        st.lists(
            st.builds(
                lambda e, m: ast.CheckItem(e, m, S),
                children,
                st.one_of(st.none(), _message()),
            ),
            min_size=1,
            max_size=3,
        ).map(lambda items: ast.Checklist(tuple(items), S)),
    )


expressions = st.recursive(leaves, _extend, max_leaves=12)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_printed_expressions_parse_back_to_the_same_tree(expr: ast.Expr) -> None:
    text = ast.to_text(expr)
    parsed, diagnostics = parse_expression(text)
    assert diagnostics == (), (text, diagnostics)
    assert parsed is not None
    assert shape(parsed) == shape(expr), text
    # And printing is stable: the text of what was parsed is the same text.
    assert ast.to_text(parsed) == text


# ---------------------------------------------------------------- robustness

TOKENS = [
    "exigence", "SIG-01", "DIA-02", "XYZ-99", "« titre »", "« {c.nom} »", "«", "»", "{", "}",
    "source", "I.1", "préambule", "de", "la", "circulaire", "1997", "force", "obligation",
    "en", "vigueur", "à", "partir", "du", "1999-06-15", "applicable", "inconnu", "si", "soit",
    "=", "==", "exige", "sinon", "constat", "sauf", ":", "pour", "chaque", "il", "existe", "un",
    "aucune", "parmi", "où", "nombre", "d'", "somme", "les", "toutes", "ces", "conditions", "-",
    "et", "ou", "non", "dans", "n'est pas", "commence", "par", "est", "renseigné", "(", ")",
    "[", "]", ",", "+", "*", "/", "<", ">=", "≠", "vrai", "faux", "12", "mois", "3.5", "date",
    "contrôle", '"maire"', '"', "territoire.communes", "c", "s.role", "signataires", "x.y",
    "#", "\n", "\t", "\u00a0", "é", "\ufeff", "’",
]  # fmt: skip


def _inside(span: Span, lines: list[str]) -> bool:
    if not 1 <= span.line <= len(lines) or not 1 <= span.end_line <= len(lines):
        return False
    if not 1 <= span.column <= len(lines[span.line - 1]) + 1:
        return False
    if not 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1:
        return False
    return (span.line, span.column) <= (span.end_line, span.end_column)


def _check_never_crashes(sources: dict[str, str]) -> None:
    try:
        compile_rule_sources(sources, CATALOGUE, record_type=RECORD)
    except RuleFileError as error:
        assert error.diagnostics
        for d in error.diagnostics:
            assert d.message and d.code.startswith("CLS")
            for span in (d.span, *(s for s, _ in d.related)):
                assert span.file in sources
                assert _inside(span, sources[span.file].split("\n")), (d, sources)
            assert format_diagnostic(d, sources[d.span.file], sources=sources)


soup = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=40).flatmap(
    lambda tokens: st.lists(
        st.sampled_from([" ", "  ", "\n", "\n  ", ""]), min_size=len(tokens), max_size=len(tokens)
    ).map(lambda seps: "".join(t + s for t, s in zip(tokens, seps, strict=True)))
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=200),
        soup,
        soup.map(lambda s: HEADER + "  exige " + s),
        soup.map(lambda s: HEADER + "  exige vrai\n  sinon « {" + s + "} »\n"),
    )
)
def test_any_text_gives_a_rule_set_or_diagnostics_inside_the_text(text: str) -> None:
    _check_never_crashes({"gen.cls": text})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(EXAMPLES)), st.integers(0, 30), soup)
def test_damaged_examples_give_diagnostics_inside_the_text(at: int, cut: int, insert: str) -> None:
    damaged = EXAMPLES[:at] + insert + EXAMPLES[at + cut :]
    _check_never_crashes({"exemples.cls": damaged, "autre.cls": HEADER + "  exige paris\n"})
