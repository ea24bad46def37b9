"""Syntax highlighting of the rule language, for the référentiel and for editors.

Input: the text of a rule file. Output: Pygments tokens (:class:`ClsLexer`), or the text
as highlighted HTML (:func:`highlight_html`) with the matching style sheet
(:func:`style_sheet`).

The lexer only colours; it never decides what is valid (the Lark grammar does). Its
keywords are the words of ``grammar/cls.lark``: ``tests/test_highlight.py`` fails when the
grammar gains a word this lexer does not know. Field paths (``territoire.communes``) are
matched before keywords, because a field after a dot may reuse a keyword (``ccpd.existe``).
The lexer is registered as the Pygments lexer ``cls`` (``pygmentize -l cls règles.cls``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import ClassVar

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import RegexLexer
from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

__all__ = [
    "CONSTANTS",
    "KEYWORDS",
    "RULES",
    "ClsLexer",
    "highlight_html",
    "style_sheet",
    "textmate_grammar",
]

#: Every word of the rule language, as the grammar spells it.
KEYWORDS: tuple[str, ...] = (
    "exigence",
    "soit",
    "source",
    "selon",
    "de",
    "du",
    "des",
    "force",
    "en",
    "vigueur",
    "à",
    "a",
    "partir",
    "applicable",
    "si",
    "inconnu",
    "exige",
    "sauf",
    "sinon",
    "constat",
    "ou",
    "et",
    "non",
    "dans",
    "commence",
    "par",
    "est",
    "date",
    "contrôle",
    "pour",
    "chaque",
    "parmi",
    "il",
    "existe",
    "un",
    "une",
    "où",
    "aucun",
    "aucune",
    "nombre",
    "somme",
    "les",
    "toutes",
    "ces",
    "conditions",
    "renseigné",
    "renseignée",
    "renseignés",
    "renseignées",
)

#: Words that name a value rather than structure a sentence.
CONSTANTS: tuple[str, ...] = ("vrai", "faux", "obligation", "recommandation")

_WORD_END = r"(?![\w'’])"


def _alternation(words_: Iterable[str]) -> str:
    longest_first = sorted(words_, key=lambda word: (-len(word), word))
    return r"(?<![\w.])(?:" + "|".join(re.escape(word) for word in longest_first) + ")" + _WORD_END


_DURATION = r"\d+(?:\.\d+)?\s*(?:mois|jours|jour|ans|an)(?!\w)"

_SECTION = r"(?<![\w.])[IVX]+(?:[.-]\d+)+(?:\s[a-z](?![\w'’]))?"

#: What the lexer recognises, in order: pattern, Pygments token, TextMate scope. The same
#: table drives :class:`ClsLexer` and :func:`textmate_grammar`, so editors and the
#: référentiel colour a rule alike.
RULES: tuple[tuple[str, _TokenType, str], ...] = (
    (r"#[^\n]*", Comment.Single, "comment.line.number-sign.cls"),
    (r"«[^»]*»", String.Doc, "string.quoted.other.guillemets.cls"),
    (r'"[^"\n]*"|“[^”\n]*”', String.Double, "string.quoted.double.cls"),
    (r"[A-Z]{2,4}-\d{2,3}(?!\w)", Name.Label, "entity.name.tag.requirement.cls"),
    (r"\d{4}-\d{2}-\d{2}", Literal.Date, "constant.other.date.cls"),
    (
        r"\d+(?:\.\d+)?\s*(?:mois|jours|jour|ans|an)(?!\w)",
        Literal.Date,
        "constant.other.duration.cls",
    ),
    (r"\d+(?:\.\d+)?", Number, "constant.numeric.cls"),
    (r"n['’]est\s+pas" + _WORD_END, Operator.Word, "keyword.operator.word.cls"),
    (r"(?<![\w.])d['’]", Keyword, "keyword.other.cls"),
    (_SECTION, Name.Label, "entity.name.section.cls"),
    (r"(?!\d)\w+(?:\.(?!\d)\w+)+", Name.Attribute, "variable.other.member.cls"),
    (_alternation(CONSTANTS), Keyword.Constant, "constant.language.cls"),
    (_alternation(KEYWORDS), Keyword, "keyword.other.cls"),
    (r"!=|≠|<=|≤|>=|≥|=|<|>|\+|\*|/", Operator, "keyword.operator.cls"),
)


class ClsLexer(RegexLexer):
    """Pygments lexer for cls-check rule files (``*.cls``)."""

    name = "cls-check"
    aliases: ClassVar[list[str]] = ["cls", "cls-check"]
    filenames: ClassVar[list[str]] = ["*.cls"]
    mimetypes: ClassVar[list[str]] = ["text/x-cls-check"]

    tokens: ClassVar[dict[str, list[tuple[str, _TokenType]]]] = {
        "root": [
            (r"\s+", Whitespace),
            *((pattern, token) for pattern, token, _scope in RULES),
            (r"(?!\d)\w+", Name.Variable),
            (r"[()\[\],:.\-]", Punctuation),
            (r".", Text),
        ],
    }


def textmate_grammar() -> dict[str, object]:
    """The TextMate grammar of the rule language (``editors/cls.tmLanguage.json``)."""
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "cls-check",
        "scopeName": "source.cls",
        "fileTypes": ["cls"],
        "patterns": [{"match": pattern, "name": scope} for pattern, _token, scope in RULES],
    }


@functools.cache
def _formatter() -> HtmlFormatter[str]:
    return HtmlFormatter(nowrap=True, cssclass="cls")


def highlight_html(text: str) -> str:
    """The rule text as HTML spans (escaped), to put inside ``<pre class="cls">``."""
    html: str = highlight(text, ClsLexer(), _formatter())
    return html


def style_sheet() -> str:
    """The CSS rules for :func:`highlight_html`, scoped to ``.cls``."""
    css: str = _formatter().get_style_defs(".cls")  # type: ignore[no-untyped-call]
    return css


if __name__ == "__main__":  # python -m cls_check.highlight > editors/cls.tmLanguage.json
    import json
    import sys

    sys.stdout.write(json.dumps(textmate_grammar(), ensure_ascii=False, indent=2) + "\n")
