"""The terminal: when to colour, and colour through click.

Input: text and the styles to paint it in; a stream. Output: the text wrapped in ANSI
codes by :func:`click.style` — the one way the program colours, for the reports
(:mod:`cls_check.report.text`), the rule-file diagnostics (:mod:`cls_check.report.diagnostics`)
and the command line — and whether a stream is to be coloured at all.

A style is a sequence of ``click.style`` keywords, painted first to last: ``paint(text,
BOLD, RED)`` is ``ESC[1m ESC[31m text ESC[0m``, a single reset at the end.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import click

__all__ = [
    "BLUE",
    "BOLD",
    "CYAN",
    "DIM",
    "ERASE_LINE",
    "GREEN",
    "RED",
    "YELLOW",
    "Style",
    "paint",
    "use_color",
]

#: The keywords of one :func:`click.style` call.
Style = Mapping[str, Any]

BOLD: Style = {"bold": True}
DIM: Style = {"dim": True}
RED: Style = {"fg": "red"}
GREEN: Style = {"fg": "green"}
YELLOW: Style = {"fg": "yellow"}
BLUE: Style = {"fg": "blue"}
CYAN: Style = {"fg": "cyan"}

#: Back to the start of the line, and clear it: a line that redraws itself (progress).
ERASE_LINE = "\r\x1b[2K"


def paint(text: str, *styles: Style) -> str:
    """``text`` in ``styles``, the first one's code first; unchanged without a style."""
    for depth, style in enumerate(reversed(styles)):
        text = click.style(text, reset=depth == 0, **style)
    return text


def use_color(stream: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
