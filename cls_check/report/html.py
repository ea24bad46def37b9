"""The HTML report: one self-contained page to read in a browser, print or file.

Input: a :class:`~cls_check.report.model.Report`. Output: an HTML5 document, ``lang="fr"``,
UTF-8, with its CSS inline — no script, no external resource (no font, image or link to
fetch), so it opens the same offline and years later.

Layout: the text report's structure (header; per contract the status first, the table of
counts, the warnings, then the findings by theme, gaps first; the inputs not checked; the
total). Citations are quoted in full; evidence is cut after a few entries as in the text
report. Statuses and verdicts carry classes and colours, and always their word and
symbol too, so that a black-and-white print loses nothing (borders differ as well).

Invariants: deterministic; every string that comes from a record or a rule goes through
:func:`html.escape` (after :func:`labels.clean`), attributes included; class names come
only from the model's fixed vocabularies.
"""

from __future__ import annotations

import html

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
from cls_check.values import french_date

_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #111;
  max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-top: 3px solid #333; padding-top: 0.6em; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
.entete { color: #444; margin-top: 0; }
@media print { section.synthese, section.contrat { break-after: page; } }
@page { size: A4; margin: 15mm 14mm; }
.contrat-faits { margin: 0.2em 0; }
.fichier { font-weight: normal; font-family: monospace; font-size: 0.85em; }
.statut { display: inline-block; font-size: 1.3em; font-weight: bold; padding: 0.2em 0.6em;
  border: 3px solid; margin: 0.3em 0 0.6em; }
.statut-conforme { color: #1b5e20; background: #e8f5e9; }
.statut-non_conforme { color: #b00020; background: #fdecea; border-style: double; }
.statut-incomplet { color: #7a4f00; background: #fff4d6; border-style: dashed; }
.statut-invalide { color: #b00020; background: #fdecea; border-style: dotted; }
table.bilan { border-collapse: collapse; margin: 0.4em 0 0.8em; }
table.bilan th, table.bilan td { border: 1px solid #888; padding: 0.15em 0.6em; }
table.bilan td { text-align: right; }
table.bilan th[scope=row] { text-align: left; }
ul.constats { list-style: none; padding-left: 0; margin: 0; }
li.constat { margin: 0.3em 0; padding: 0.1em 0.6em; border-left: 4px solid #bbb;
  page-break-inside: avoid; break-inside: avoid; }
li.verdict-violated { border-left: 6px solid #b00020; }
li.verdict-unknown { border-left: 6px dashed #b07800; }
li.verdict-satisfied { border-left-color: #2e7d32; }
li.verdict-not_applicable { border-left-style: dotted; color: #555; }
li.verdict-waived { border-left: 6px double #555; }
.symbole { font-weight: bold; display: inline-block; width: 1.2em; }
.verdict-violated .symbole, .verdict-violated .verdict { color: #b00020; }
.verdict-unknown .symbole, .verdict-unknown .verdict { color: #8a5a00; }
.verdict-satisfied .symbole, .verdict-satisfied .verdict { color: #1b5e20; }
.verdict { font-style: italic; }
.exigence { font-weight: bold; }
.force { color: #444; }
.message { margin: 0.2em 0; }
blockquote.citation { margin: 0.2em 0 0.2em 1em; padding-left: 0.6em;
  border-left: 2px solid #999; color: #333; }
.preuves { margin: 0.2em 0; font-size: 0.9em; }
.preuves code, .probleme code { font-size: 0.95em; }
.aide { color: #333; }
.total { border-top: 3px solid #333; padding-top: 0.6em; font-weight: bold; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { page-break-before: auto; break-after: avoid; }
  h3 { break-after: avoid; }
  .statut, li.constat { background: none; }
}
""".strip()


def _e(text: str) -> str:
    """Record or rule text, one line, escaped for HTML text and attribute values."""
    return html.escape(labels.clean(text), quote=True)


def _problem(out: list[str], file: str, problem: InputProblem) -> None:
    where = _e(labels.problem_location(file, problem))
    out.append(f'<li class="probleme"><code>{where}</code> {_e(labels.problem_text(problem))}')
    if problem.hint:
        out.append(f'<br><span class="aide">aide : {_e(problem.hint)}</span>')
    out.append("</li>")


def _counts_table(out: list[str], contract: ContractReport) -> None:
    summary = contract.summary
    verdicts = vocab.VERDICT_ORDER
    out.append('<table class="bilan">')
    head = "".join(f'<th scope="col">{vocab.VERDICT_LABELS[v]}</th>' for v in verdicts)
    out.append(f"<thead><tr><td></td>{head}</tr></thead>")
    out.append("<tbody>")
    rows = (
        ("Obligations", summary.obligation),
        ("Recommandations", summary.recommandation),
        ("Total", summary),
    )
    for name, counts in rows:
        cells = "".join(f"<td>{getattr(counts, v)}</td>" for v in verdicts)
        out.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
    out.append("</tbody></table>")


def _headline(finding: Finding, *, with_force: bool) -> str:
    symbol = vocab.VERDICT_SYMBOLS[finding.verdict]
    force = (
        f' <span class="force">[{vocab.FORCE_LABELS[finding.force]}]</span>' if with_force else ""
    )
    return (
        f'<span class="symbole" aria-hidden="true">{symbol}</span>'
        f'<span class="exigence">{_e(finding.requirement)}</span>{force} '
        f"{_e(finding.title)} — "
        f'<span class="verdict">{vocab.VERDICT_LABELS[finding.verdict]}</span>'
    )


def _finding(out: list[str], finding: Finding) -> None:
    out.append(f'<li class="constat verdict-{finding.verdict}">')
    if finding.verdict not in vocab.GAPS:
        out.append(_headline(finding, with_force=False))
        # Why it does not apply, or what the rule noted (« 18 des 18 emplois… »).
        if finding.message.strip():
            out.append(f'<p class="message">{_e(finding.message)}</p>')
        if finding.waiver is not None:
            out.append(f'<p class="derogation">{_e(labels.waiver_text(finding.waiver))}</p>')
        out.append("</li>")
        return
    out.append(f'<p class="titre">{_headline(finding, with_force=True)}</p>')
    if finding.message.strip():
        out.append(f'<p class="message">{_e(finding.message)}</p>')
    quote = _e(finding.source.quote)
    cite = f"<cite>{_e(labels.source_label(finding.source))}</cite>"
    body = f"{cite} « {quote} »" if quote else cite
    out.append(f'<blockquote class="citation"><p>{body}</p></blockquote>')
    # A document to file shows every piece of evidence (the terminal cuts them short).
    shown, hidden = labels.visible_evidence(finding.evidence, limit=len(finding.evidence))
    if shown:
        out.append('<ul class="preuves">')
        for item in shown:
            value = _e(labels.evidence_value(item.value))
            out.append(f"<li><code>{_e(item.path)}</code> = {value}</li>")
        if hidden:
            out.append(f"<li>{_e(labels.more_evidence(hidden))}</li>")
        out.append("</ul>")
    out.append("</li>")


def _contract(out: list[str], contract: ContractReport) -> None:
    status = contract.status
    title = labels.contract_label(contract.id)
    out.append('<section class="contrat">')
    out.append(
        f"<h2>{_e(title[:1].upper() + title[1:])} "
        f'<span class="fichier">{_e(contract.file)}</span></h2>'
    )
    facts = _record_facts(contract)
    if facts:
        out.append(f'<p class="contrat-faits">{facts}</p>')
    out.append(f'<p class="statut statut-{status}">Statut : {labels.status_label(status)}</p>')
    _counts_table(out, contract)
    if contract.questions:
        out.append(f'<p class="manquant">{labels.questions_heading(contract)} :</p>')
        out.append('<ul class="questions">')
        for asked in labels.question_groups(contract):
            out.append(f"<li>{_e(asked.label)}<ul>")
            for question in asked.questions:
                out.append(f"<li>{_e(question.question)} <code>{_e(question.path)}</code></li>")
            out.append("</ul></li>")
        out.append("</ul>")
    if contract.warnings:
        out.append(f"<h3>Avertissements ({len(contract.warnings)})</h3>")
        out.append('<ul class="avertissements">')
        for warning in contract.warnings:
            _problem(out, contract.file, warning)
        out.append("</ul>")
    if not contract.findings:
        out.append(f"<p>{labels.no_findings(contract)}</p>")
    for group in labels.by_theme(contract.findings):
        out.append(f"<h3>{_e(group.label)}</h3>")
        out.append('<ul class="constats">')
        for finding in group.findings:
            _finding(out, finding)
        out.append("</ul>")
    out.append("</section>")


def _record_facts(contract: ContractReport) -> str:
    """The intitulé, communes, département and signature date the record gives, escaped."""
    record = contract.record
    parts = []
    if record.intitule:
        parts.append(f"<strong>{_e(record.intitule)}</strong>")
    communes = [
        f"{_e(c.nom or '')} ({_e(c.insee)})" if c.insee else _e(c.nom or "")
        for c in record.communes
    ]
    if communes:
        parts.append("communes : " + ", ".join(communes))
    if record.departement:
        parts.append(f"département {_e(record.departement)}")
    if record.date_signature is not None:
        parts.append(f"signé le {french_date(record.date_signature)}")
    return " · ".join(parts)


def _error(out: list[str], error: InputError) -> None:
    out.append('<section class="erreur">')
    out.append(f'<h3><span class="fichier">{_e(error.file)}</span></h3>')
    out.append(f'<p class="statut statut-invalide">Statut : {labels.status_label("invalide")}</p>')
    if error.problems:
        out.append('<ul class="problemes">')
        for problem in error.problems:
            _problem(out, error.file, problem)
        out.append("</ul>")
    else:
        out.append("<p>Aucun détail sur le problème.</p>")
    out.append("</section>")


def _folder(out: list[str], summary: folder.FolderSummary) -> None:
    """The summary first, on a page of its own when printed."""
    out.append('<section class="synthese">')
    out.append("<h2>Synthèse du dossier</h2>")
    out.append(f"<p>{_e(folder.status_counts(summary.statuses))}</p>")
    if summary.gaps:
        out.append("<h3>Écarts les plus fréquents</h3>")
        out.append('<table class="bilan"><thead><tr><th scope="col">exigence</th>')
        out.append('<th scope="col">contrats</th><th scope="col">titre</th></tr></thead><tbody>')
        for gap in summary.gaps:
            out.append(
                f"<tr><td>{_e(gap.requirement)}</td><td>{_e(folder.gap_counts(gap))}</td>"
                f"<td>{_e(gap.title)}</td></tr>"
            )
        out.append("</tbody></table>")
    if len(summary.departements) > 1:
        out.append("<h3>Par département</h3>")
        out.append('<table class="bilan"><tbody>')
        for line in summary.departements:
            out.append(
                f'<tr><th scope="row">{_e(line.departement)}</th>'
                f"<td>{_e(folder.status_counts(line.statuses))}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("<h3>Contrats</h3>")
    out.append('<table class="bilan"><thead><tr><th scope="col">statut</th>')
    out.append('<th scope="col">fichier</th><th scope="col">contrat</th>')
    out.append('<th scope="col">violées</th><th scope="col">inconnues</th></tr></thead><tbody>')
    for contract in summary.contracts:
        status = vocab.STATUS_LABELS[contract.status].split(" (")[0]
        out.append(
            f'<tr class="statut-{contract.status}"><td>{_e(status)}</td>'
            f"<td>{_e(contract.file)}</td><td>{_e(folder.contract_facts(contract))}</td>"
            f"<td>{contract.violated}</td><td>{contract.unknown}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append("</section>")


def _waivers(out: list[str], review: WaiverReview) -> None:
    out.append('<section class="derogations">')
    out.append("<h2>Dérogations</h2>")
    groups = labels.waiver_groups(review)
    if not groups:
        out.append("<p>Aucune dérogation dans le fichier.</p>")
    for group in groups:
        out.append(f"<h3>{_e(group.label)}</h3>")
        out.append("<ul>")
        out.extend(f"<li>{_e(line)}</li>" for line in group.lines)
        out.append("</ul>")
    out.append("</section>")


def render(report: Report) -> str:
    """The report as one self-contained HTML page."""
    tool, rules, date = (_e(part) for part in labels.header_parts(report))
    checked = french_date(report.checked_at)
    out = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Vérification des contrats locaux de sécurité — {checked}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Rapport de vérification des contrats locaux de sécurité</h1>",
        f'<p class="entete">{tool} · {rules} · {date}</p>',
        "</header>",
        "<main>",
    ]
    if not report.contracts and not report.errors:
        out.append("<p>Aucun contrat vérifié.</p>")
    if len(report.contracts) + len(report.errors) > 1:
        _folder(out, folder.summarise(report))
    for contract in report.contracts:
        _contract(out, contract)
    if report.errors:
        out.append('<section class="erreurs">')
        out.append(f"<h2>Entrées non vérifiées ({len(report.errors)})</h2>")
        for error in report.errors:
            _error(out, error)
        out.append("</section>")
    if report.ignored:
        out.append('<section class="ignores">')
        out.append(f"<h2>Fichiers ignorés ({len(report.ignored)})</h2>")
        out.append("<ul>")
        for ignored in report.ignored:
            out.append(f"<li><code>{_e(ignored.file)}</code> — {_e(ignored.reason)}</li>")
        out.append("</ul>")
        out.append("</section>")
    if report.waivers is not None:
        _waivers(out, report.waivers)
    out.append(f'<p class="total">{_e(labels.total_line(report))}</p>')
    out.extend(["</main>", "</body>", "</html>"])
    return "\n".join(out) + "\n"
