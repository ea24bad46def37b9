"""What the command line writes to standard error: its errors, the problems of an input or
of a waivers file, the diagnostics of broken rule files, the progress of a batch.

Input: plain data — a message and its hint, the problems found (file, line, path, message,
hint), the diagnostics of a :class:`~cls_check.errors.RuleFileError`, counts. Output: French
text, each line ending in ``\\n`` (the progress line excepted: it redraws itself). The
command line (:mod:`cls_check.cli`) only writes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from cls_check.errors import Problem, RuleFileError
from cls_check.report import labels
from cls_check.report.diagnostics import format_diagnostic
from cls_check.report.model import InputProblem
from cls_check.terminal import ERASE_LINE

__all__ = ["error", "input_problems", "progress", "rule_file_errors", "waiver_problems"]

#: Fewer inputs than this are checked too fast for a progress line to help.
PROGRESS_FROM = 20


def error(message: str, hint: str | None = None) -> str:
    """``cls-check : erreur : …`` and, on the next line, what to do."""
    text = f"cls-check : erreur : {message}\n"
    return text + f"  aide : {hint}\n" if hint else text


def input_problems(file: str, problems: Iterable[InputProblem]) -> str:
    """Each problem of an input with its hint, as ``check`` lists an input it could not
    check: ``fichier:ligne  chemin : message``."""
    out = []
    for problem in problems:
        where = labels.problem_location(file, problem)
        out.append(f"{where}  {labels.problem_text(problem)}\n")
        if problem.hint:
            out.append(f"  aide : {labels.clean(problem.hint)}\n")
    return "".join(out)


def waiver_problems(file: str, problems: Iterable[Problem]) -> str:
    """Each problem of a waivers file, one error each: ``fichier:ligne : chemin : message``."""
    out = []
    for problem in problems:
        where = f"{file}:{problem.line}" if problem.line else file
        path = f"{problem.path} : " if problem.path else ""
        out.append(error(f"{where} : {path}{problem.message}", problem.hint))
    return "".join(out)


def rule_file_errors(failure: RuleFileError, *, color: bool) -> str:
    """Each diagnostic with the lines of its rule file, then how many there are."""
    out = [
        format_diagnostic(d, failure.sources.get(d.span.file), color=color) + "\n"
        for d in failure.diagnostics
    ]
    out.append(f"cls-check : {len(failure.diagnostics)} erreur(s) dans les fichiers de règles.\n")
    return "".join(out)


def progress(done: int, total: int) -> str:
    """« 120/300 contrats vérifiés » drawn over the line before, erased once all are
    checked so that the report written next starts on a clean line; nothing for a
    handful of inputs."""
    if total < PROGRESS_FROM:
        return ""
    return ERASE_LINE + (f"{done}/{total} contrats vérifiés" if done < total else "")
