"""The Markdown report: the text report's structure, to attach to a ticket.

Input: a :class:`~cls_check.report.model.Report`. Output: CommonMark (with a GFM table of
counts), ``\\n`` line endings.

Layout: a title and the header line; per contract a level-2 heading (id and file), the
status in bold before anything else, a table of counts per force and verdict, the
warnings, then a level-3 heading per theme with the findings gaps first — violated and
unknown ones as list items with the message, the citation as a blockquote and the
evidence, satisfied and not applicable ones on one line each; then the inputs that could
not be checked and a one-line total. Unlike the terminal report, citations are quoted in
full (a filed report is read at leisure); evidence is cut after a few entries likewise.

Invariants: deterministic; every string that comes from a record or a rule goes through
:func:`escape`, so it can neither start a heading, list or quote, nor open a link, emphasis,
code span, HTML tag, table cell, or mention on the ticketing system.
"""

from __future__ import annotations

import re

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

# Characters with an inline meaning in CommonMark / GFM (and on ticketing systems: @ for
# mentions, $ for maths); a backslash before any ASCII punctuation is a literal.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&$@#!])")
# What makes a line a block (heading, list, quote, thematic break, setext underline)
# only matters at its start.
_BLOCK_START = re.compile(r"^([-+=>]|\d+[.)])")


def escape(text: str) -> str:
    """Record or rule text as literal Markdown on one line."""
    escaped = _INLINE.sub(r"\\\1", labels.clean(text))
    return _BLOCK_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def _verdict_word(finding: Finding) -> str:
    return vocab.VERDICT_LABELS[finding.verdict]


def _problem(lines: list[str], file: str, problem: InputProblem) -> None:
    where = escape(labels.problem_location(file, problem))
    lines.append(f"- {where} — {escape(labels.problem_text(problem))}")
    if problem.hint:
        lines.append(f"  - *aide :* {escape(problem.hint)}")


def _counts_table(lines: list[str], contract: ContractReport) -> None:
    summary = contract.summary
    verdicts = vocab.VERDICT_ORDER
    lines.append("| | " + " | ".join(vocab.VERDICT_LABELS[v] for v in verdicts) + " |")
    lines.append("|---|" + "---:|" * len(verdicts))
    rows = (
        ("Obligations", summary.obligation),
        ("Recommandations", summary.recommandation),
        ("**Total**", summary),
    )
    for name, counts in rows:
        cells = " | ".join(str(getattr(counts, v)) for v in verdicts)
        lines.append(f"| {name} | {cells} |")


def _gap(lines: list[str], finding: Finding) -> None:
    symbol = vocab.VERDICT_SYMBOLS[finding.verdict]
    lines.append(
        f"- {symbol} **{escape(finding.requirement)}** "
        f"\\[{vocab.FORCE_LABELS[finding.force]}\\] {escape(finding.title)} "
        f"— *{_verdict_word(finding)}*"
    )
    if finding.message.strip():
        lines.append("")
        lines.append(f"  {escape(finding.message)}")
    lines.append("")
    quote = escape(finding.source.quote)
    citation = escape(labels.source_label(finding.source))
    lines.append(f"  > {citation} « {quote} »" if quote else f"  > {citation}")
    shown, hidden = labels.visible_evidence(finding.evidence)
    if shown:
        lines.append("")
    for item in shown:
        lines.append(f"  - {escape(item.path)} = {escape(labels.evidence_value(item.value))}")
    if hidden:
        lines.append(f"  - {escape(labels.more_evidence(hidden))}")
    lines.append("")


def _condensed(lines: list[str], finding: Finding) -> None:
    symbol = vocab.VERDICT_SYMBOLS[finding.verdict]
    lines.append(
        f"- {symbol} {escape(finding.requirement)} {escape(finding.title)} "
        f"— *{_verdict_word(finding)}*"
    )
    if finding.waiver is not None:
        lines.append(f"  - {escape(labels.waiver_text(finding.waiver))}")


def _contract(lines: list[str], contract: ContractReport) -> None:
    title = labels.contract_label(contract.id)
    lines.append(f"## {escape(title[:1].upper() + title[1:])} — {escape(contract.file)}")
    lines.append("")
    lines.append(f"**Statut : {labels.status_label(contract.status)}**")
    lines.append("")
    _counts_table(lines, contract)
    lines.append("")
    if contract.questions:
        lines.append(f"**{labels.questions_heading(contract)} :**")
        lines.append("")
        for asked in labels.question_groups(contract):
            lines.append(f"- {escape(asked.label)}")
            for question in asked.questions:
                lines.append(f"  - {escape(question.question)} (`{escape(question.path)}`)")
        lines.append("")
    if contract.warnings:
        lines.append(f"**Avertissements ({len(contract.warnings)}) :**")
        lines.append("")
        for warning in contract.warnings:
            _problem(lines, contract.file, warning)
        lines.append("")
    if not contract.findings:
        lines.append(labels.no_findings(contract))
        lines.append("")
    for group in labels.by_theme(contract.findings):
        lines.append(f"### {escape(group.label)}")
        lines.append("")
        for finding in group.findings:
            if finding.verdict in vocab.GAPS:
                _gap(lines, finding)
            else:
                _condensed(lines, finding)
        if lines[-1] != "":
            lines.append("")


def _error(lines: list[str], error: InputError) -> None:
    lines.append(f"### {escape(error.file)}")
    lines.append("")
    lines.append(f"**Statut : {labels.status_label('invalide')}**")
    lines.append("")
    if not error.problems:
        lines.append("Aucun détail sur le problème.")
    for problem in error.problems:
        _problem(lines, error.file, problem)
    lines.append("")


def _folder(lines: list[str], summary: folder.FolderSummary) -> None:
    """The summary first: statuses, the most frequent gaps, départements, every contract."""
    lines.append("## Synthèse du dossier")
    lines.append("")
    lines.append(escape(folder.status_counts(summary.statuses)))
    lines.append("")
    if summary.gaps:
        lines.append("| exigence | contrats | titre |")
        lines.append("|---|---|---|")
        for gap in summary.gaps:
            counts = folder.gap_counts(gap)
            lines.append(f"| {escape(gap.requirement)} | {counts} | {escape(gap.title)} |")
        lines.append("")
    if len(summary.departements) > 1:
        lines.append("| département | contrats |")
        lines.append("|---|---|")
        for line in summary.departements:
            counts = folder.status_counts(line.statuses)
            lines.append(f"| {escape(line.departement)} | {counts} |")
        lines.append("")
    lines.append("| statut | fichier | contrat | violées | inconnues |")
    lines.append("|---|---|---|---:|---:|")
    for contract in summary.contracts:
        status = vocab.STATUS_LABELS[contract.status].split(" (")[0]
        facts = escape(folder.contract_facts(contract))
        lines.append(
            f"| {status} | {escape(contract.file)} | {facts} | "
            f"{contract.violated} | {contract.unknown} |"
        )
    lines.append("")


def _waivers(lines: list[str], review: WaiverReview) -> None:
    lines.append("## Dérogations")
    lines.append("")
    groups = labels.waiver_groups(review)
    if not groups:
        lines.append("Aucune dérogation dans le fichier.")
        lines.append("")
    for group in groups:
        lines.append(f"**{escape(group.label)} :**")
        lines.append("")
        lines.extend(f"- {escape(line)}" for line in group.lines)
        lines.append("")


def render(report: Report) -> str:
    """The report as Markdown."""
    lines = ["# Rapport de vérification des contrats locaux de sécurité", ""]
    lines.append(" · ".join(escape(part) for part in labels.header_parts(report)))
    lines.append("")
    if not report.contracts and not report.errors:
        lines.append("Aucun contrat vérifié.")
        lines.append("")
    if len(report.contracts) + len(report.errors) > 1:
        _folder(lines, folder.summarise(report))
    for contract in report.contracts:
        _contract(lines, contract)
    if report.errors:
        lines.append(f"## Entrées non vérifiées ({len(report.errors)})")
        lines.append("")
        for error in report.errors:
            _error(lines, error)
    if report.ignored:
        lines.append(f"## Fichiers ignorés ({len(report.ignored)})")
        lines.append("")
        for ignored in report.ignored:
            lines.append(f"- `{escape(ignored.file)}` — {escape(ignored.reason)}")
        lines.append("")
    if report.waivers is not None:
        _waivers(lines, report.waivers)
    lines.append("---")
    lines.append("")
    lines.append(f"**{escape(labels.total_line(report))}**")
    return "\n".join(lines) + "\n"
