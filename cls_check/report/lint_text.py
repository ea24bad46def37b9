"""What ``cls-check rules lint`` prints: each problem of a lint report in the style of
:mod:`cls_check.report.diagnostics`, a count, and what was checked.

Input: a :class:`~cls_check.dsl.lint.LintReport`. Output: French text.
"""

from __future__ import annotations

from collections.abc import Iterator

from cls_check.dsl.lint import LintReport
from cls_check.report.diagnostics import format_diagnostic

__all__ = ["checked", "problems"]


def problems(report: LintReport, *, color: bool = False) -> Iterator[str]:
    """The report's problems as French text, one block each, then a count (nothing when
    there is no problem)."""
    for message, hint in report.bad_paths:
        yield f"cls-check : erreur : {message}\n  aide : {hint}"
    for d in report.diagnostics:
        source = report.sources.get(d.span.file)
        yield format_diagnostic(d, source, color=color, sources=report.sources)
    if report.errors:
        count, files = report.errors, report.files_with_errors
        yield f"cls-check : {count} erreur(s) dans {files} fichier(s) de règles."
    for folder, count in report.elsewhere.items():
        yield (
            f"cls-check : le dossier {folder} ne se charge pas : {count} erreur(s) dans ses "
            f"autres fichiers (pour les voir : cls-check rules lint {folder})"
        )


def checked(report: LintReport) -> str:
    """What was checked, when nothing is wrong."""
    return f"{report.rules} règles vérifiées dans {report.files} fichier(s), aucune erreur.\n"
