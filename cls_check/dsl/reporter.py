"""The diagnostics of one checking pass, each reported once, and the order of places.

Input: the problems a pass finds, as it finds them. Output: a tuple of
:class:`~cls_check.errors.Diagnostic`, without repeats (one mistake met twice — an
expression checked from two clauses — is one diagnostic), in the order found; and
:func:`place_order`, the order in which places of a rule set are sorted (files as given,
then line and column).
"""

from __future__ import annotations

from collections.abc import Mapping

from cls_check.codes import Code
from cls_check.errors import Diagnostic, Span

__all__ = ["Reporter", "place_order"]


class Reporter:
    """Collects a pass's diagnostics; the same code, place and message count once."""

    def __init__(self) -> None:
        self._found: dict[tuple[Code, Span, str], Diagnostic] = {}

    def error(
        self,
        code: Code,
        message: str,
        span: Span,
        hint: str | None = None,
        related: tuple[tuple[Span, str], ...] = (),
    ) -> None:
        self.add(Diagnostic(code, message, span, hint, related=related))

    def add(self, diagnostic: Diagnostic) -> None:
        """Report a diagnostic built elsewhere (by a shared check)."""
        self._found.setdefault((diagnostic.code, diagnostic.span, diagnostic.message), diagnostic)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(self._found.values())


def place_order(span: Span, file_order: Mapping[str, int]) -> tuple[int, str, int, int]:
    """Sort key of a place: its file's rank among the files checked, then line and column."""
    return (file_order.get(span.file, len(file_order)), span.file, span.line, span.column)
