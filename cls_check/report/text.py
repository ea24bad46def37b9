"""The terminal report: what a reviewer reads first.

Input: a :class:`~cls_check.report.model.Report`. Output: plain text, ``\\n`` line endings,
lines wrapped at 100 columns (ANSI colour codes, when asked for, are added after wrapping
and do not count).

Layout: a header (tool, rules version and sha256 prefix, date of the check); per contract,
the file and id, then the status before anything else, the counts per verdict and per
force, the warnings, then the findings grouped by theme, gaps first — violated and unknown
findings in full (message, citation, evidence), satisfied and not applicable ones on one
line each; then the inputs that could not be checked, with each problem and its hint; then
the files ignored in folders, with the reason; then a one-line total.

Invariants: deterministic (same report → same string); with ``color=False`` the output has
no escape character at all — record text passes through :func:`labels.clean`, which also
makes control characters coming from a record visible instead of executing them.
"""

from __future__ import annotations

import textwrap

from cls_check import vocab
from cls_check.report import folder, labels
from cls_check.report.model import (
    ContractReport,
    Finding,
    InputError,
    InputProblem,
    Report,
    WaiverReview,
)
from cls_check.terminal import BOLD, DIM, GREEN, RED, YELLOW, Style, paint
from cls_check.vocab import Status, Verdict

#: The widest report: files and terminals wider than this read better at this width.
WIDTH = 100
#: The narrowest width a report is laid out for, whatever the terminal says.
MIN_WIDTH = 40

_VERDICT_STYLE: dict[Verdict, tuple[Style, ...]] = {
    "violated": (RED,),
    "unknown": (YELLOW,),
    "satisfied": (GREEN,),
    "not_applicable": (DIM,),
    "waived": (DIM,),
}
_STATUS_STYLE: dict[Status, tuple[Style, ...]] = {
    "conforme": (BOLD, GREEN),
    "non_conforme": (BOLD, RED),
    "incomplet": (BOLD, YELLOW),
    "invalide": (BOLD, RED),
}


class _Writer:
    """Collects wrapped, optionally coloured lines."""

    def __init__(self, color: bool, width: int = WIDTH) -> None:
        self.color = color
        self.width = max(MIN_WIDTH, min(width, WIDTH))
        self.lines: list[str] = []

    def rule(self) -> None:
        self.lines.append("═" * self.width)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def add(
        self, text: str, indent: int = 0, hang: int | None = None, style: tuple[Style, ...] = ()
    ) -> None:
        """Wrap ``text`` (already clean) at the width; continuation lines at ``hang``."""
        wrapped = textwrap.wrap(
            text,
            width=self.width,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent if hang is None else hang),
            break_on_hyphens=False,
        ) or [" " * indent]
        self.lines.extend(paint(line, *style) if self.color else line for line in wrapped)

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _status_banner(status: Status) -> str:
    """``STATUT : INCOMPLET (informations manquantes)`` — the main word in capitals."""
    word, paren, rest = labels.status_label(status).partition(" (")
    return f"STATUT : {word.upper()}{paren}{rest}"


def _problem(out: _Writer, file: str, problem: InputProblem, indent: int) -> None:
    where = labels.problem_location(file, problem)
    out.add(f"{where}  {labels.problem_text(problem)}", indent, indent + 4)
    if problem.hint:
        out.add(f"aide : {labels.clean(problem.hint)}", indent + 2, indent + 4)


def _gap(out: _Writer, finding: Finding) -> None:
    symbol = vocab.VERDICT_SYMBOLS[finding.verdict]
    head = (
        f"{symbol} {labels.clean(finding.requirement)} "
        f"[{vocab.FORCE_LABELS[finding.force]}] {labels.clean(finding.title)}"
    )
    out.add(head, 2, 4, _VERDICT_STYLE[finding.verdict])
    if finding.message.strip():
        out.add(labels.clean(finding.message), 4, 4)
    quote = labels.shorten(finding.source.quote)
    citation = labels.source_label(finding.source)
    out.add(f"{citation} « {quote} »" if quote else citation, 4, 6)
    shown, hidden = labels.visible_evidence(finding.evidence)
    for item in shown:
        value = labels.evidence_value(item.value)
        out.add(f"· {labels.clean(item.path)} = {value}", 4, 6)
    if hidden:
        out.add(labels.more_evidence(hidden), 4, 6)


def _condensed(out: _Writer, finding: Finding) -> None:
    symbol = vocab.VERDICT_SYMBOLS[finding.verdict]
    line = f"{symbol} {labels.clean(finding.requirement)} {labels.clean(finding.title)}"
    out.add(line, 2, 4, _VERDICT_STYLE[finding.verdict])
    # What the rule noted (« la part constatée… ») or why it does not apply.
    if finding.message.strip():
        out.add(labels.clean(finding.message), 4, 4, (DIM,))
    if finding.waiver is not None:
        out.add(labels.waiver_text(finding.waiver), 4, 6)


def _contract(out: _Writer, contract: ContractReport) -> None:
    out.rule()
    out.add(f"{labels.clean(contract.file)} — {labels.contract_label(contract.id)}", 0, 2)
    out.add(_status_banner(contract.status), style=_STATUS_STYLE[contract.status])
    summary = contract.summary
    out.add(f"Bilan : {labels.verdict_counts(summary)}", 2, 4)
    out.add(f"obligations : {labels.verdict_counts(summary.obligation)}", 4, 6)
    out.add(f"recommandations : {labels.verdict_counts(summary.recommandation)}", 4, 6)
    if contract.questions:
        out.add(labels.questions_heading(contract) + " :", 2, 4, (YELLOW,))
        for asked in labels.question_groups(contract):
            out.add(asked.label, 4, 6)
            for question in asked.questions:
                text = f"? {labels.clean(question.question)} ({labels.clean(question.path)})"
                out.add(text, 6, 8)
    if contract.warnings:
        out.blank()
        out.add(f"Avertissements ({len(contract.warnings)}) :", 2, 4, (YELLOW,))
        for warning in contract.warnings:
            _problem(out, contract.file, warning, 4)
    if not contract.findings:
        out.blank()
        out.add(labels.no_findings(contract), 2, 4)
    for group in labels.by_theme(contract.findings):
        out.blank()
        out.add(group.label, 0, 2, (BOLD,))
        for finding in group.findings:
            if finding.verdict in vocab.GAPS:
                _gap(out, finding)
            else:
                _condensed(out, finding)
    out.blank()


def _error(out: _Writer, error: InputError) -> None:
    out.add(
        f"{labels.clean(error.file)} — {_status_banner('invalide')}",
        0,
        2,
        _STATUS_STYLE["invalide"],
    )
    if not error.problems:
        out.add("Aucun détail sur le problème.", 2, 4)
    for problem in error.problems:
        _problem(out, error.file, problem, 2)


def render(report: Report, *, color: bool = False, width: int = WIDTH) -> str:
    """The report as terminal text, wrapped at ``width`` (a terminal's; at most
    :data:`WIDTH`); ANSI colours only when ``color`` is true."""
    out = _Writer(color, width)
    out.add(" · ".join(labels.header_parts(report)), 0, 2)
    out.blank()
    if not report.contracts and not report.errors:
        out.add("Aucun contrat vérifié.")
        out.blank()
    for contract in report.contracts:
        _contract(out, contract)
    if report.errors:
        out.rule()
        out.add(f"Entrées non vérifiées ({len(report.errors)})", style=(BOLD,))
        for error in report.errors:
            out.blank()
            _error(out, error)
        out.blank()
    if report.ignored:
        out.rule()
        _ignored(out, report)
        out.blank()
    if report.waivers is not None:
        out.rule()
        _waivers(out, report.waivers)
    out.rule()
    if len(report.contracts) + len(report.errors) > 1:
        _folder(out, folder.summarise(report))
    out.add(labels.total_line(report), 0, 2, (BOLD,))
    return out.text()


def _waivers(out: _Writer, review: WaiverReview) -> None:
    """What became of the waivers of ``--waivers``."""
    out.add("Dérogations", style=(BOLD,))
    groups = labels.waiver_groups(review)
    if not groups:
        out.add("Aucune dérogation dans le fichier.", 2, 4)
    for group in groups:
        out.add(group.label, 2, 4)
        for line in group.lines:
            out.add(line, 4, 6)
    out.blank()


def _folder(out: _Writer, summary: folder.FolderSummary) -> None:
    """The recap at the end of a batch: what a reviewer sees when the report has scrolled."""
    out.add("Synthèse du dossier", style=(BOLD,))
    if summary.gaps:
        out.add("Écarts les plus fréquents :", 2, 4)
        for gap in summary.gaps:
            counts = folder.gap_counts(gap)
            text = f"{labels.clean(gap.requirement)} — {counts} — {labels.clean(gap.title)}"
            out.add(text, 4, 6, (RED,) if gap.violated else (YELLOW,))
    if len(summary.departements) > 1:
        out.add("Par département :", 2, 4)
        for line in summary.departements:
            counts = folder.status_counts(line.statuses)
            out.add(f"{labels.clean(line.departement)} : {counts}", 4, 6)
    out.add("Contrats :", 2, 4)
    for contract in summary.contracts:
        counts = f"{labels.verdict_count('violated', contract.violated)}, " + (
            labels.verdict_count("unknown", contract.unknown)
        )
        text = (
            f"{vocab.STATUS_LABELS[contract.status].split(' (')[0]} — "
            f"{labels.clean(contract.file)} — {folder.contract_facts(contract)} : {counts}"
        )
        out.add(text, 4, 6, _STATUS_STYLE[contract.status])
    out.blank()


def _ignored(out: _Writer, report: Report) -> None:
    """The files met in folders and left out, each with its reason: nothing is dropped
    silently, in the compact view either."""
    out.add(f"Fichiers ignorés ({len(report.ignored)})", style=(BOLD,))
    for ignored in report.ignored:
        out.add(f"{labels.clean(ignored.file)} — {labels.clean(ignored.reason)}", 2, 4)


def _ids(contract: ContractReport, verdict: Verdict) -> str:
    ids = [labels.clean(f.requirement) for f in contract.findings if f.verdict == verdict]
    count = getattr(contract.summary, verdict)
    listed = f" : {', '.join(ids)}" if ids else ""
    return labels.verdict_count(verdict, count) + listed


def render_compact(report: Report, *, color: bool = False, width: int = WIDTH) -> str:
    """One line per input — status, what the contract is, its gaps by id — then the total:
    a folder of three hundred fits on a screen or two."""
    out = _Writer(color, width)
    out.add(" · ".join(labels.header_parts(report)), 0, 2)
    out.blank()
    for contract in report.contracts:
        line = contract_line(contract)
        shown: tuple[Verdict, ...] = ("violated", "unknown")
        if contract.summary.waived:
            shown += ("waived",)
        gaps = " ; ".join(_ids(contract, v) for v in shown)
        status = vocab.STATUS_LABELS[contract.status].split(" (")[0]
        out.add(f"{status} — {line} — {gaps}", 0, 4, _STATUS_STYLE[contract.status])
    for error in report.errors:
        first = error.problems[0].message if error.problems else "entrée non vérifiée"
        problems = labels.plural(len(error.problems), "problème", "problèmes")
        text = f"invalide — {labels.clean(error.file)} — {problems} : {labels.clean(first)}"
        out.add(text, 0, 4, _STATUS_STYLE["invalide"])
    if report.ignored:
        out.blank()
        _ignored(out, report)
    if report.waivers is not None:
        out.blank()
        _waivers(out, report.waivers)
    else:
        out.blank()
    out.add(labels.total_line(report), 0, 2, (BOLD,))
    return out.text()


def contract_line(contract: ContractReport) -> str:
    """``fichier — intitulé (59, signé le 14 mai 1998)``."""
    record = contract.record
    name = labels.clean(record.intitule) if record.intitule else labels.contract_label(contract.id)
    details = [d for d in (record.departement,) if d]
    return f"{labels.clean(contract.file)} — {name}" + (f" ({details[0]})" if details else "")
