"""What several renderers share: the French words a reader sees, and how findings are grouped.

Input: values of :mod:`cls_check.report.model` (verdicts, statuses, forces, themes, findings).
Output: French labels and ordered groups; nothing here knows about a particular format.

Invariants:

* every label a person reads comes from this module or, for verdicts, forces and statuses,
  from :mod:`cls_check.vocab`, so the text, Markdown and HTML reports use the same words
  (the CSV and JSON reports keep the machine values);
* grouping is deterministic: themes in the order of the circular's catalogue, then unknown
  themes alphabetically, then findings without a theme; within a theme, gaps first
  (violated, unknown), then satisfied, then not applicable, each in rule-file order;
* :func:`clean` makes any record-provided string safe to put on one line of a report:
  whitespace runs become one space and control characters become visible escapes, so a
  record can neither break the layout nor smuggle terminal escape sequences.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from cls_check.report.model import (
    ContractReport,
    Evidence,
    Finding,
    ForceCounts,
    InputProblem,
    Question,
    Report,
    Summary,
    Waiver,
    WaiverReview,
)
from cls_check.values import format_value, french_date
from cls_check.vocab import (
    STATUS_COUNT_WORDS,
    STATUS_LABELS,
    STATUS_ORDER,
    VERDICT_LABELS,
    VERDICT_ORDER,
    VERDICT_PLURALS,
    Status,
    Verdict,
)

THEME_ORDER: tuple[str, ...] = (
    "signataires",
    "territoire",
    "priorites",
    "diagnostic",
    "ccpd",
    "citoyennete",
    "proximite",
    "justice",
    "suivi",
)
THEME_LABELS: dict[str, str] = {
    "signataires": "Signataires",
    "territoire": "Territoire",
    "priorites": "Priorités",
    "diagnostic": "Diagnostic",
    "ccpd": "CCPD",
    "citoyennete": "Citoyenneté et prévention",
    "proximite": "Police de proximité",
    "justice": "Justice",
    "suivi": "Suivi et évaluation",
}
NO_THEME_LABEL = "Autres exigences"

TEXT_NAMES = {1997: "circulaire de 1997", 1999: "circulaire de 1999"}

QUOTE_WIDTH = 160
EVIDENCE_LIMIT = 6
NO_ID = "sans identifiant"

_WHITESPACE = re.compile(r"\s+")
# Bidirectional overrides and isolates can reorder what a reader sees ("Trojan source").
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _visible(char: str) -> str:
    if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def visible_controls(text: str, keep: str = "") -> str:
    """Control characters (except those in ``keep``) as ``\\x1b``-style escapes."""
    if text.isprintable():
        return text
    return "".join(c if c in keep else _visible(c) for c in text)


def clean(text: str) -> str:
    """One line of readable text: whitespace collapsed, control characters made visible."""
    return visible_controls(_WHITESPACE.sub(" ", text).strip())


_NONCHARACTERS = str.maketrans("\ufffe\uffff", "\ufffd\ufffd")


def without_noncharacters(text: str) -> str:
    """U+FFFE and U+FFFF, which a record may hold, as U+FFFD: XML (a DOCX) forbids them,
    and in a PDF they garble the text a reader copies or searches."""
    return text.translate(_NONCHARACTERS)


def plural(count: int, singular: str, plural_form: str) -> str:
    """``0 violée``, ``1 violée``, ``2 violées`` (French: 0 and 1 take the singular)."""
    return f"{count} {singular if count <= 1 else plural_form}"


def verdict_count(verdict: Verdict, count: int) -> str:
    return plural(count, VERDICT_LABELS[verdict], VERDICT_PLURALS[verdict])


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    """The questions of one theme."""

    label: str
    questions: tuple[Question, ...]


def question_groups(contract: ContractReport) -> tuple[QuestionGroup, ...]:
    """What the record must still say, by theme in the circular's order: for a draft, the
    commune's to-do list."""
    groups: dict[str, list[Question]] = {}
    for question in contract.questions:
        groups.setdefault(question.theme, []).append(question)
    return tuple(
        QuestionGroup(theme_label(theme), tuple(groups[theme]))
        for theme in sorted(groups, key=theme_key)
    )


def questions_heading(contract: ContractReport) -> str:
    count = len(contract.questions)
    return f"Informations manquantes ({plural(count, 'question', 'questions')})"


def no_findings(contract: ContractReport) -> str:
    """Why a contract lists no finding: none was evaluated, or none has the verdicts shown."""
    evaluated = sum(int(getattr(contract.summary, v)) for v in VERDICT_ORDER)
    return "Aucune exigence de ces verdicts." if evaluated else "Aucune exigence évaluée."


def verdict_counts(counts: ForceCounts | Summary) -> str:
    """``2 violées, 1 inconnue, 3 satisfaites, 0 non applicable`` in reading order; the
    waived count (``1 dérogée``) only when there are waived findings."""
    return ", ".join(
        verdict_count(v, int(getattr(counts, v)))
        for v in VERDICT_ORDER
        if v != "waived" or counts.waived
    )


def waiver_text(waiver: Waiver) -> str:
    """``dérogation : justification (auteur, 10 mars 1998, expire le 10 mars 1999)``."""
    parts = [clean(waiver.author), french_date(waiver.date)]
    if waiver.expires is not None:
        parts.append(f"expire le {french_date(waiver.expires)}")
    return f"dérogation : {clean(waiver.justification)} ({', '.join(parts)})"


@dataclass(frozen=True, slots=True)
class WaiverGroup:
    """The waivers of one fate (applied, expired, orphaned), one line each."""

    label: str
    lines: tuple[str, ...]


def waiver_groups(review: WaiverReview) -> tuple[WaiverGroup, ...]:
    """What became of the waivers, the non-empty groups only: the « Dérogations » section.
    An orphaned waiver's line ends with why it waived nothing."""
    groups: tuple[tuple[str, tuple[Waiver, ...], tuple[str, ...]], ...] = (
        ("Appliquées", review.applied, ()),
        ("Expirées, non appliquées", review.expired, ()),
        ("Orphelines", review.orphaned, tuple(f" : {clean(o.reason)}" for o in review.orphaned)),
    )
    return tuple(
        WaiverGroup(
            f"{label} ({len(waivers)})",
            tuple(
                f"{clean(w.requirement)} — {contract_label(w.contract)} — {waiver_text(w)}"
                + (reasons[i] if reasons else "")
                for i, w in enumerate(waivers)
            ),
        )
        for label, waivers, reasons in groups
        if waivers
    )


def status_label(status: Status) -> str:
    return STATUS_LABELS[status]


def theme_label(theme: str) -> str:
    if not theme:
        return NO_THEME_LABEL
    known = THEME_LABELS.get(theme)
    if known is not None:
        return known
    label = clean(theme)
    return label[:1].upper() + label[1:]


def contract_label(contract_id: str | None) -> str:
    return f"contrat {clean(contract_id)}" if contract_id else f"contrat {NO_ID}"


def header_parts(report: Report) -> tuple[str, str, str]:
    """Tool, rules and date, each already in words: the header of every human report."""
    tool = clean(f"{report.tool.name} {report.tool.version}")
    rules = f"règles {clean(report.rules.version)} (sha256 {clean(report.rules.sha256[:12])})"
    date = f"vérification du {french_date(report.checked_at)}"
    return tool, rules, date


class Cited(Protocol):
    """What a citation label needs: a rule's source in the IR, or a finding's in a report."""

    @property
    def section(self) -> str: ...

    @property
    def text(self) -> int: ...

    @property
    def document(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def reference(self) -> str | None: ...


def source_label(source: Cited) -> str:
    """``§ I.1, circulaire du 28 octobre 1997``; the preamble and a text cited as a whole
    have no paragraph; a secondary source ends with ``(source secondaire : ASH n° 2043)``."""
    text = clean(source.document) or TEXT_NAMES.get(source.text, f"texte de {source.text}")
    section = clean(source.section)
    if section.lower() in {"preambule", "préambule"}:
        label = f"préambule, {text}"
    elif not section or section == str(source.text):  # the text cited as a whole
        label = text
    else:
        label = f"§ {section}, {text}"
    if source.kind == "secondaire":
        reference = clean(source.reference or "") or "non précisée"
        label += f" (source secondaire : {reference})"
    return label


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    """At most ``width`` characters, cut at a word boundary when one is near, ending in ``…``."""
    line = clean(text)
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def evidence_value(value: object) -> str:
    """An evidence value in words (``None`` → « (non renseigné) »), on one line."""
    return clean(format_value(value))


def visible_evidence(
    evidence: tuple[Evidence, ...], limit: int = EVIDENCE_LIMIT
) -> tuple[tuple[Evidence, ...], int]:
    """The evidence entries a human report shows, and how many it leaves out."""
    if len(evidence) <= limit:
        return evidence, 0
    return evidence[:limit], len(evidence) - limit


def more_evidence(hidden: int) -> str:
    return f"… et {hidden} autre{'s' if hidden > 1 else ''}"


def problem_location(file: str, problem: InputProblem) -> str:
    """``fichier:ligne`` (or just the file when the line is unknown)."""
    where = clean(file)
    return f"{where}:{problem.line}" if problem.line is not None else where


def problem_text(problem: InputProblem) -> str:
    """``chemin : message`` (or just the message when there is no path)."""
    message = clean(problem.message)
    return f"{clean(problem.path)} : {message}" if problem.path else message


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    """The findings of one theme, gaps first."""

    theme: str
    label: str
    findings: tuple[Finding, ...]


def theme_key(theme: str) -> tuple[int, int, str]:
    """Sort key of themes: the circular's order, then unknown themes by name, then none."""
    if theme in THEME_ORDER:
        return (0, THEME_ORDER.index(theme), "")
    if theme:
        return (1, 0, theme)
    return (2, 0, "")


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Gaps first (violated, unknown), then satisfied, then not applicable; stable."""
    return tuple(sorted(findings, key=lambda f: VERDICT_ORDER.index(f.verdict)))


def by_theme(findings: Iterable[Finding]) -> tuple[ThemeGroup, ...]:
    """Findings grouped by theme in the catalogue's order, each group gaps first."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.theme, []).append(finding)
    return tuple(
        ThemeGroup(theme, theme_label(theme), ordered(groups[theme]))
        for theme in sorted(groups, key=theme_key)
    )


def status_totals(report: Report) -> dict[Status, int]:
    """How many inputs ended in each status; inputs that could not be checked are invalid."""
    totals: dict[Status, int] = dict.fromkeys(STATUS_ORDER, 0)
    for contract in report.contracts:
        totals[contract.status] += 1
    totals["invalide"] += len(report.errors)
    return totals


def status_count(status: Status, count: int) -> str:
    """``2 non conformes``."""
    return plural(count, *STATUS_COUNT_WORDS[status])


def total_line(report: Report) -> str:
    """``Total : 1 conforme, 2 non conformes, 0 incomplet, 1 invalide (4 entrées)``."""
    totals = status_totals(report)
    parts = ", ".join(status_count(s, totals[s]) for s in STATUS_ORDER)
    inputs = plural(sum(totals.values()), "entrée", "entrées")
    return f"Total : {parts} ({inputs})"
