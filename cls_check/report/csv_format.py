"""The CSV reports, for spreadsheets: one row per finding (``csv``) or per contract
(``csv-contracts``).

Input: a :class:`~cls_check.report.model.Report`. Output: CSV as a French spreadsheet
opens it by a double click: UTF-8 with a byte-order mark, ``;`` between fields, French
headers, written by the :mod:`csv` module (fields quoted when needed, embedded newlines
kept inside quotes), ``\n`` line endings.

``csv`` rows (:data:`COLUMNS`):

* one row per finding of each contract, with the contract's intitulé, département and
  signature date beside its file and id, so that a folder of three hundred contracts can be
  filtered by département or requirement; its citation ends with ``Document`` (the cited
  text), ``Source`` (``primaire`` or ``secondaire``) and ``Référence`` (who reports a
  secondary quote), ``Texte`` being the year of the cited text;
* one row for a contract without any finding (the finding columns empty), so that every
  contract checked appears;
* one row per problem of each input that could not be checked, ``Statut`` = ``invalide``,
  the problem (its line and path when known, its hint) in ``Message``; one row with an
  empty message for an input error listing no problem.

``csv-contracts`` rows (:data:`CONTRACT_COLUMNS`): one per contract (its counts per
verdict and the ids of the requirements it violates or leaves unknown), then one per input
that could not be checked, its problems joined in ``Problèmes``.

Machine values on purpose: statuses, forces and verdicts are the model's values
(``non_conforme``, ``violated``, ``not_applicable``…), not the French words of the other
reports, so that a spreadsheet filter or a script matches them exactly and they agree with
the JSON report. ``Preuves`` joins the evidence as ``chemin=valeur; …`` with values in
words (« (non renseigné) » for a missing value). Contract warnings are not included.
Control characters other than newline and tab are written as visible escapes (``\x1b``),
so that printing the file to a terminal cannot run escape sequences from a record.

A cell that starts with ``=``, ``+``, ``-``, ``@`` or a tab is prefixed with an apostrophe,
so that a spreadsheet shows record text instead of running it as a formula (CSV
injection). Line breaks inside a cell are written as ``\n`` (a carriage return would not be
quoted by Python 3.11's writer and would split the row).

Invariants: deterministic; reading the output back (after the byte-order mark) with
:func:`csv.reader` and ``delimiter=";"`` gives the header and exactly the rows above.
"""

from __future__ import annotations

import csv
import io

from cls_check.report import labels
from cls_check.report.model import ContractReport, Finding, InputError, InputProblem, Report
from cls_check.values import format_value

#: What identifies a contract in both CSV forms.
CONTRACT_IDENTITY = ("Fichier", "Contrat", "Intitulé", "Département", "Date de signature")
COLUMNS = (
    *CONTRACT_IDENTITY,
    "Statut",
    "Exigence",
    "Règle",
    "Thème",
    "Force",
    "Verdict",
    "Titre",
    "Message",
    "Paragraphe",
    "Texte",
    "Citation",
    "Preuves",
    "Document",
    "Source",
    "Référence",
    "Dérogation",
)
CONTRACT_COLUMNS = (
    *CONTRACT_IDENTITY,
    "Statut",
    "Violées",
    "Inconnues",
    "Satisfaites",
    "Non applicables",
    "Obligations violées",
    "Exigences violées",
    "Exigences inconnues",
    "Problèmes",
    "Exigences dérogées",
)
BOM = "\ufeff"

_FORMULA_START = ("=", "+", "-", "@", "\t")


def _cell(text: str) -> str:
    # Python 3.11's writer does not quote a lone carriage return when the line terminator
    # is "\n", and readers would split the row there: line breaks become "\n" (quoted).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = labels.visible_controls(text, keep="\n\t")
    return "'" + text if text.startswith(_FORMULA_START) else text


def _evidence(finding: Finding) -> str:
    return "; ".join(f"{item.path}={format_value(item.value)}" for item in finding.evidence)


def _identity(contract: ContractReport) -> list[str]:
    record = contract.record
    signed = record.date_signature
    return [
        contract.file,
        contract.id or "",
        record.intitule or "",
        record.departement or "",
        signed.isoformat() if signed is not None else "",
    ]


def _finding_row(contract: ContractReport, finding: Finding) -> list[str]:
    return [
        *_identity(contract),
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
        labels.waiver_text(finding.waiver) if finding.waiver is not None else "",
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


def _unidentified(error: InputError) -> list[str]:
    return [error.file, *[""] * (len(CONTRACT_IDENTITY) - 1), "invalide"]


def _error_rows(error: InputError) -> list[list[str]]:
    problems: tuple[InputProblem | None, ...] = error.problems or (None,)
    before = [*_unidentified(error), *[""] * 6]
    after = [""] * (len(COLUMNS) - len(before) - 1)
    return [[*before, _problem_message(problem), *after] for problem in problems]


def rows(report: Report) -> list[list[str]]:
    """The data rows of ``csv`` (without the header), before CSV quoting."""
    out: list[list[str]] = []
    for contract in report.contracts:
        if not contract.findings:
            blank = [""] * (len(COLUMNS) - len(CONTRACT_IDENTITY) - 1)
            out.append([*_identity(contract), contract.status, *blank])
        out.extend(_finding_row(contract, finding) for finding in contract.findings)
    for error in report.errors:
        out.extend(_error_rows(error))
    return out


def _ids(contract: ContractReport, verdict: str) -> str:
    return ", ".join(f.requirement for f in contract.findings if f.verdict == verdict)


def contract_rows(report: Report) -> list[list[str]]:
    """The data rows of ``csv-contracts`` (without the header), before CSV quoting."""
    out: list[list[str]] = []
    for contract in report.contracts:
        summary = contract.summary
        out.append(
            [
                *_identity(contract),
                contract.status,
                str(summary.violated),
                str(summary.unknown),
                str(summary.satisfied),
                str(summary.not_applicable),
                str(summary.obligation.violated),
                _ids(contract, "violated"),
                _ids(contract, "unknown"),
                "",
                _ids(contract, "waived"),
            ]
        )
    for error in report.errors:
        problems = " | ".join(_problem_message(p) for p in error.problems)
        out.append([*_unidentified(error), *[""] * 7, problems, ""])
    return out


def _write(header: tuple[str, ...], data: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    for row in data:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def render(report: Report) -> str:
    """The report as CSV text, one row per finding."""
    return _write(COLUMNS, rows(report))


def render_contracts(report: Report) -> str:
    """The report as CSV text, one row per contract."""
    return _write(CONTRACT_COLUMNS, contract_rows(report))
