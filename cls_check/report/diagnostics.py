"""Diagnostics as text: a header, the source lines with carets, a hint, related places.

Input: a :class:`~cls_check.errors.Diagnostic` and the text of its file (when known).
Output: a string in the style of ruff's default output::

    regles/signataires.cls:9:38: CLS201 champ inconnu « territoire.comunes » : …
      |
    9 |   applicable si nombre de territoire.comunes >= 1
      |                                      ^^^^^^^^
      |
      = aide : vouliez-vous dire « territoire.communes » ?

Each related place (the first definition of a duplicate, each link of a cycle) follows as
its own frame, introduced by ``::: file:line:col``, underlined with ``-`` and labelled.
Carets are placed by display width: tabs, accented letters (composed or not) and wide
characters line up with the text above them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from cls_check.errors import Diagnostic, RuleFileError, Span
from cls_check.terminal import BLUE, BOLD, CYAN, GREEN, RED, Style, paint

__all__ = ["format_diagnostic", "format_error"]

_MAX_LINES = 4  # lines shown for a span over several lines (first ones, then the last)
_TAB = "    "


class _Style:
    def __init__(self, color: bool):
        self.color = color

    def _wrap(self, text: str, *styles: Style) -> str:
        return paint(text, BOLD, *styles) if self.color and text else text

    def bold(self, text: str) -> str:
        return self._wrap(text)

    def error(self, text: str) -> str:
        return self._wrap(text, RED)

    def gutter(self, text: str) -> str:
        return self._wrap(text, BLUE)

    def secondary(self, text: str) -> str:
        return self._wrap(text, CYAN)

    def hint(self, text: str) -> str:
        return self._wrap(text, GREEN)


def _char_display(char: str) -> tuple[str, int]:
    """How one character is shown, and how many columns it takes."""
    if char == "\t":
        return _TAB, len(_TAB)
    if unicodedata.combining(char):
        return char, 0
    category = unicodedata.category(char)
    if category == "Zs":
        return " ", 1
    if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return "\N{REPLACEMENT CHARACTER}", 1
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return char, 2
    return char, 1


def _display(line: str) -> tuple[str, list[int]]:
    """The line as shown, and the display column of each character offset (0..len)."""
    shown: list[str] = []
    columns = [0]
    for char in line:
        text, width = _char_display(char)
        shown.append(text)
        columns.append(columns[-1] + width)
    return "".join(shown), columns


def _lines(text: str) -> list[str]:
    return [line.removesuffix("\r") for line in text.split("\n")]


def _frame(
    span: Span,
    lines: list[str],
    width: int,
    style: _Style,
    marker: str,
    label: str | None,
) -> list[str]:
    """The numbered source lines of ``span`` with ``marker`` under the covered text."""
    out: list[str] = []
    bar = style.gutter(" " * width + " |")
    last = min(span.end_line, len(lines))
    numbers = list(range(span.line, last + 1))
    if len(numbers) > _MAX_LINES:
        numbers = [*numbers[: _MAX_LINES - 1], -1, numbers[-1]]
    mark = style.error if marker == "^" else style.secondary
    for number in numbers:
        if number == -1:
            out.append(style.gutter(" " * (width - 1) + "… |"))
            continue
        line = lines[number - 1]
        shown, columns = _display(line)
        start = span.column - 1 if number == span.line else len(line) - len(line.lstrip())
        end = span.end_column - 1 if number == span.end_line else len(line)
        start = max(0, min(start, len(line)))
        end = max(start, min(end, len(line)))
        left, right = columns[start], columns[end]
        count = max(1, right - left)
        out.append(style.gutter(f"{number:>{width}} |") + (f" {shown}" if shown else ""))
        underline = " " * left + mark(marker * count)
        if label and number == numbers[-1]:
            underline += " " + mark(label)
        out.append(bar + " " + underline)
    return out


def format_diagnostic(
    d: Diagnostic,
    source_text: str | None,
    *,
    color: bool = False,
    sources: Mapping[str, str] | None = None,
) -> str:
    """Format one diagnostic; ``source_text`` is the text of ``d.span.file``.

    Related places in other files are shown with their lines when ``sources`` has their
    text, else by their position only.
    """
    style = _Style(color)
    texts: dict[str, list[str]] = {}
    if source_text is not None:
        texts[d.span.file] = _lines(source_text)
    for file, text in (sources or {}).items():
        texts.setdefault(file, _lines(text))

    def shown(span: Span) -> bool:
        lines = texts.get(span.file)
        return lines is not None and 1 <= span.line <= len(lines)

    spans = [d.span, *(span for span, _ in d.related)]
    width = max(
        (len(str(min(s.end_line, len(texts[s.file])))) for s in spans if shown(s)), default=1
    )
    bar = style.gutter(" " * width + " |")

    severity = "" if d.severity == "erreur" else f"{d.severity} : "
    out = [f"{style.bold(str(d.span))}: {style.error(d.code)} {severity}{style.bold(d.message)}"]
    if shown(d.span):
        out.append(bar)
        out.extend(_frame(d.span, texts[d.span.file], width, style, "^", None))
    for span, label in d.related:
        if shown(span):
            out.append(bar)
            out.append(style.gutter(" " * width + "::: ") + f"{span}")
            out.append(bar)
            out.extend(_frame(span, texts[span.file], width, style, "-", label))
        else:
            out.append(style.gutter(" " * width + "::: ") + f"{span} : {label}")
    if d.hint:
        if len(out) > 1:
            out.append(bar)
        out.append(" " * width + " " + style.hint("= aide :") + f" {d.hint}")
    return "\n".join(out)


def format_error(error: RuleFileError, *, color: bool = False) -> str:
    """Every diagnostic of a :class:`RuleFileError`, with the source lines it carries."""
    return "\n\n".join(
        format_diagnostic(d, error.sources.get(d.span.file), color=color, sources=error.sources)
        for d in error.diagnostics
    )
