"""The CSV report: one row per finding, for spreadsheets and scripts.

Input: a :class:`~cls_check.report.model.Report`. Output: RFC 4180 CSV written by the
:mod:`csv` module (fields quoted when needed, embedded newlines kept inside quotes), ``\\n``
line endings, a header row, then:

* one row per finding of each contract: ``fichier, contrat, statut, exigence, regle, theme,
  force, verdict, titre, message, section, texte, citation, preuves, document, source,
  reference`` (``texte`` is the year of the cited text, ``document`` its name, ``source``
  ``primaire`` or ``secondaire``, ``reference`` who reports a secondary quote);
* one row for a contract without any finding (the finding columns empty), so that every
  contract checked appears;
* one row per problem of each input that could not be checked, ``statut`` = ``invalide``,
  the problem (its line and path when known, its hint) in ``message``; one row with an
  empty message for an input error listing no problem.

Machine values on purpose: ``statut``, ``force`` and ``verdict`` are the model's values
(``non_conforme``, ``violated``, ``not_applicable``…), not the French words of the other
reports, so that a spreadsheet filter or a script matches them exactly and they agree with
the JSON report. ``preuves`` joins the evidence as ``chemin=valeur; …`` with values in
words (« (non renseigné) » for a missing value). Contract warnings are not included.
Control characters other than newline and tab are written as visible escapes (``\\x1b``),
so that printing the file to a terminal cannot run escape sequences from a record.

A cell that starts with ``=``, ``+``, ``-``, ``@`` or a tab is prefixed with an apostrophe,
so that a spreadsheet shows record text instead of running it as a formula (CSV
injection). Line breaks inside a cell are written as ``\n`` (a carriage return would not be
quoted by Python 3.11's writer and would split the row).

Invariants: deterministic; reading the output back with :func:`csv.reader` gives the header
and exactly the rows above, each with :data:`COLUMNS` fields.
"""

from __future__ import annotations

import csv
import io

from cls_check.engine.values import format_value
from cls_check.report import labels
from cls_check.report.model import ContractReport, Finding, InputError, InputProblem, Report

COLUMNS = (
    "fichier",
    "contrat",
    "statut",
    "exigence",
    "regle",
    "theme",
    "force",
    "verdict",
    "titre",
    "message",
    "section",
    "texte",
    "citation",
    "preuves",
    "document",
    "source",
    "reference",
)

_FORMULA_START = ("=", "+", "-", "@", "\t")


def _cell(text: str) -> str:
    # Python 3.11's writer does not quote a lone carriage return when the line terminator
    # is "\n", and readers would split the row there: line breaks become "\n" (quoted).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = labels.visible_controls(text, keep="\n\t")
    return "'" + text if text.startswith(_FORMULA_START) else text


def _evidence(finding: Finding) -> str:
    return "; ".join(f"{item.path}={format_value(item.value)}" for item in finding.evidence)


def _finding_row(contract: ContractReport, finding: Finding) -> list[str]:
    return [
        contract.file,
        contract.id or "",
        contract.status,
        finding.requirement,
        finding.rule,
        finding.theme,
        finding.force,
        finding.verdict,
        finding.title,
        finding.message,
        finding.source.section,
        str(finding.source.text),
        finding.source.quote,
        _evidence(finding),
        finding.source.document,
        finding.source.kind,
        finding.source.reference or "",
    ]


def _problem_message(problem: InputProblem | None) -> str:
    if problem is None:
        return ""
    parts = []
    if problem.line is not None:
        parts.append(f"ligne {problem.line}")
    if problem.path:
        parts.append(problem.path)
    where = ", ".join(parts)
    message = f"{where} : {problem.message}" if where else problem.message
    return f"{message} (aide : {problem.hint})" if problem.hint else message


def _error_rows(error: InputError) -> list[list[str]]:
    problems: tuple[InputProblem | None, ...] = error.problems or (None,)
    blank = [""] * 6
    return [
        [error.file, "", "invalide", *blank, _problem_message(problem), *[""] * 7]
        for problem in problems
    ]


def rows(report: Report) -> list[list[str]]:
    """The data rows (without the header), before CSV quoting."""
    out: list[list[str]] = []
    for contract in report.contracts:
        if not contract.findings:
            out.append(
                [contract.file, contract.id or "", contract.status, *[""] * (len(COLUMNS) - 3)]
            )
        out.extend(_finding_row(contract, finding) for finding in contract.findings)
    for error in report.errors:
        out.extend(_error_rows(error))
    return out


def render(report: Report) -> str:
    """The report as CSV text."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(report):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
