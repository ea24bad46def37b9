"""Errors as data: what went wrong, where, and what to do about it.

Every problem cls-check reports to a person is one of two shapes:

* a :class:`Diagnostic` about a rule file — it carries a :class:`Span` (file, line, column)
  so that it can be printed as ``file:line:col`` with the source line and a caret;
* a :class:`Problem` about a contract record — it carries the path inside the record
  (``signataires[2].role``) and, when the loader knows it, the line in the file.

Both are frozen, picklable dataclasses (they cross process boundaries with ``--jobs``).
The exceptions below only wrap tuples of them: one root, :class:`ClsError`, and one
branch per kind of input, as in lark's ``LarkError`` family.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cls_check.codes import Code

Severity = Literal["erreur", "avertissement"]


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file, 1-based lines and columns, end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One error or warning about a rule file.

    ``code`` is a stable identifier (``CLS1xx`` syntax, ``CLS2xx`` static checks; every one
    is a member of :class:`cls_check.codes.Code`) that tests and documentation can refer
    to; ``message`` says what is wrong in French, ``hint`` what to do about it.
    """

    code: Code
    message: str
    span: Span
    hint: str | None = None
    severity: Severity = "erreur"
    # Other places that explain the error (the first definition of a duplicate, each link
    # of a definition cycle), each with a short label.
    related: tuple[tuple[Span, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a contract record (or an input file as a whole)."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = "erreur"
    hint: str | None = None


class ClsError(Exception):
    """Root of every error cls-check raises on purpose."""


class RuleFileError(ClsError):
    """The rule files could not be loaded; ``diagnostics`` says every reason found."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...], sources: dict[str, str] | None = None):
        self.diagnostics = diagnostics
        # File name -> text, so that renderers can show the offending line.
        self.sources = sources or {}
        super().__init__(f"{len(diagnostics)} erreur(s) dans les fichiers de règles")

    def __reduce__(self) -> tuple[type[RuleFileError], tuple[object, ...]]:
        return (RuleFileError, (self.diagnostics, self.sources))


class RecordError(ClsError):
    """A contract record does not fit the format ``cls/1``; it was not checked."""

    def __init__(self, file: str, problems: tuple[Problem, ...]):
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: {len(problems)} problème(s) dans l'enregistrement")

    def __reduce__(self) -> tuple[type[RecordError], tuple[object, ...]]:
        return (RecordError, (self.file, self.problems))


class EngineError(ClsError):
    """An evaluation backend cannot be used (not installed, not importable here)."""


class OutputError(ClsError):
    """The report cannot be written there; the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
