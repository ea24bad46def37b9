"""The rule language's grammar, compiled once, and positions in a rule file's text.

Input: ``grammar/cls.lark`` (:func:`get_parser`), a rule file's text (:class:`LineIndex`).
Output: the LALR parser shared by every thread; offsets ↔ (line, column) and spans.

Shared by the parser (:mod:`cls_check.dsl.parser`), the wording of syntax errors
(:mod:`cls_check.dsl.syntax_errors`) and the static checks (:mod:`cls_check.dsl.checker`),
which all point into the same texts.
"""

from __future__ import annotations

import bisect
import re
import threading

from lark import Lark

from cls_check.errors import Span
from cls_check.resources import grammar_file

__all__ = ["LineIndex", "collapse", "get_parser", "strip_comments"]

# ---------------------------------------------------------------- the Lark parser

_lock = threading.Lock()
_parser: Lark | None = None


def get_parser() -> Lark:
    """The LALR parser of the rule language, built once per process (thread-safe)."""
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                _parser = Lark(
                    grammar_file().read_text(encoding="utf-8"),
                    parser="lalr",
                    lexer="contextual",
                    start=["start", "expr"],
                    propagate_positions=True,
                    maybe_placeholders=True,
                    cache=True,
                )
    return _parser


# ---------------------------------------------------------------- positions


class LineIndex:
    """Character offsets ↔ 1-based (line, column), lines cut at ``\\n`` as Lark does."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def span(self, file: str, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Span(file, line, column, end_line, end_column)

    def slice(self, span: Span) -> str:
        return self.text[
            self.offset(span.line, span.column) : self.offset(span.end_line, span.end_column)
        ]


_CLOSING = {'"': '"', "“": "”", "«": "»"}  # the quotes a value or a text opens with


def strip_comments(text: str) -> str:
    """Remove ``# …`` comments from a slice of source (not inside "…", “…” or « … »)."""
    out: list[str] = []
    quote: str | None = None
    skipping = False
    for char in text:
        if skipping:
            if char == "\n":
                skipping = False
                out.append(char)
            continue
        if quote is None:
            if char == "#":
                skipping = True
                continue
            if char in _CLOSING:
                quote = _CLOSING[char]
        elif char == quote or (quote != "»" and char == "\n"):
            quote = None
        out.append(char)
    return "".join(out)


def collapse(text: str) -> str:
    """Runs of whitespace (newlines included) → one space; ends stripped."""
    return " ".join(text.split())
