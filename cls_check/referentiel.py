"""Assembling the référentiel of a rule folder: what ``cls-check rules doc`` documents.

Input: a loaded rule set and its folder (the catalogue ``exigences.yaml``, the plan of the
circulars ``plan.yaml`` and the rule files, each the folder's own or else the bundled
one). Output: a :class:`~cls_check.report.referentiel.Referentiel`, plain data that
:mod:`cls_check.report.referentiel_render` lays out.

What it gathers, per theme in the order of the circular: each requirement's title, force,
citation (paragraph, text, primary or secondary source), the quote, the catalogue's plain
description, and the rule *as written in its file*; the shared definitions with the
comment that explains them (the rule files parsed again, for their comments); and a table
from each paragraph of the circulars to the requirements that encode it, which shows the
recovered paragraphs that no requirement encodes yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from cls_check import vocab
from cls_check.dsl import ast
from cls_check.dsl.catalogue import CATALOGUE_FILE, Catalogue, text_id
from cls_check.errors import Span
from cls_check.ir.nodes import Rule
from cls_check.report import labels
from cls_check.report.referentiel import (
    DocDefinition,
    DocRule,
    PlanRow,
    Referentiel,
    ThemeSection,
)
from cls_check.resources import rules_dir
from cls_check.values import french_date

__all__ = ["PLAN_FILE", "build", "written_text"]

PLAN_FILE = "plan.yaml"

#: How a paragraph of the plan was recovered, in words.
STATE_LABELS = {
    "complet": "retrouvé",
    "partiel": "retrouvé en partie",
    "lacune": "non retrouvé",
}


def written_text(span: Span) -> str:
    """The lines of a rule file that ``span`` covers, as written."""
    try:
        lines = Path(span.file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return "(texte de la règle indisponible)"
    return "\n".join(lines[span.line - 1 : span.end_line])


def _own_or_bundled(folder: Path, name: str) -> Path:
    own = folder / name
    return own if own.is_file() else rules_dir() / name


def _doc_rule(rule: Rule, catalogue: Catalogue) -> DocRule:
    entry = catalogue.get(rule.requirement)
    in_force = rule.in_force_from
    return DocRule(
        requirement=rule.requirement,
        title=rule.title,
        force=vocab.FORCE_LABELS[rule.force],
        citation=labels.source_label(rule.source),
        kind=entry.source if entry is not None else None,
        quote=rule.source.quote,
        description=entry.verification if entry is not None else None,
        applicable_when=entry.applicable_si if entry is not None else None,
        unknown_when=entry.inconnu_si if entry is not None else None,
        in_force_from=french_date(in_force) if isinstance(in_force, datetime.date) else None,
        text=written_text(rule.span),
        location=f"{rule.span.file}:{rule.span.line}",
    )


def _themes(rules: Iterable[DocRule], themes: dict[str, str]) -> tuple[ThemeSection, ...]:
    by_theme: dict[str, list[DocRule]] = {}
    for rule in rules:
        by_theme.setdefault(themes[rule.requirement], []).append(rule)
    order = sorted(by_theme, key=labels.theme_key)
    return tuple(
        ThemeSection(theme, labels.theme_label(theme), tuple(by_theme[theme])) for theme in order
    )


def _comment_above(lines: Sequence[str], line: int) -> str:
    """The block of ``#`` lines right above ``line`` (1-based), without the ``#``."""
    block: list[str] = []
    index = line - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        block.append(lines[index].lstrip()[1:].strip())
        index -= 1
    return " ".join(reversed(block)).strip()


def _definitions(rule_files: Iterable[Path]) -> tuple[DocDefinition, ...]:
    from cls_check.dsl.parser import parse_rule_file
    from cls_check.dsl.read import display_path

    found: list[DocDefinition] = []
    for path in rule_files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        name = display_path(path)
        lines = text.splitlines()
        for item in parse_rule_file(name, text).file.items:
            if isinstance(item, ast.Definition):
                span = item.span
                found.append(
                    DocDefinition(
                        name=item.name.value,
                        explanation=_comment_above(lines, span.line),
                        text="\n".join(lines[span.line - 1 : span.end_line]),
                        location=f"{name}:{span.line}",
                    )
                )
    return tuple(found)


def _section_key(section: str) -> str:
    return section.strip().lower().replace("é", "e")


def _rows_of(
    requirements: dict[str, tuple[str, str]], plan: list[tuple[str, str]]
) -> dict[str, int]:
    """Each requirement's row in ``plan``: the row of its own paragraph, else of the
    paragraph that contains it (« I.3 » for « I.3 c » when « I.3 c » has no row)."""
    rows: dict[str, int] = {}
    for requirement, (text, section) in requirements.items():
        wanted = _section_key(section)
        exact = [i for i, row in enumerate(plan) if row == (text, wanted)]
        within = [
            i
            for i, (row_text, row_section) in enumerate(plan)
            if row_text == text and wanted.startswith(row_section + " ")
        ]
        for index in exact or within:
            rows[requirement] = index
            break
    return rows


def _plan(
    path: Path, requirements: dict[str, tuple[str, str]], catalogue: Catalogue
) -> tuple[PlanRow, ...]:
    """The plan's rows, each with the requirements that encode its paragraph (texts named
    as in the catalogue: ``circulaire-1998``, or 1997 and 1999 for the two circulars)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = [
        (text_id(document["texte"]), entry)
        for document in data.get("textes", ())
        for entry in document.get("sections", ())
    ]
    names = {document.id: document.name for document in catalogue.documents}
    keys = [(text, _section_key(str(entry["section"]))) for text, entry in entries]
    rows_of = _rows_of(requirements, keys)
    return tuple(
        PlanRow(
            document=names.get(text, text),
            section=str(entry["section"] or ""),
            title=str(entry.get("titre", "")),
            state=STATE_LABELS.get(str(entry.get("etat")), str(entry.get("etat"))),
            requirements=tuple(r for r, row in rows_of.items() if row == index),
        )
        for index, (text, entry) in enumerate(entries)
    )


def build(rules: Sequence[Rule], folder: Path, version: str, sha256: str) -> Referentiel:
    """The référentiel of ``rules``, compiled from ``folder`` (a :class:`CatalogueError`
    cannot happen here: the rules were compiled against the same catalogue)."""
    from cls_check.dsl.compiler import load_catalogue

    folder = Path(folder)
    catalogue = load_catalogue(_own_or_bundled(folder, CATALOGUE_FILE))
    docs = [_doc_rule(rule, catalogue) for rule in rules]
    themes = {rule.requirement: rule.theme for rule in rules}
    rule_files = sorted(folder.glob("*.cls")) or sorted(rules_dir().glob("*.cls"))
    requirements = {
        rule.requirement: (rule.source.document_id, rule.source.section) for rule in rules
    }
    plan = _plan(_own_or_bundled(folder, PLAN_FILE), requirements, catalogue)
    placed = {requirement for row in plan for requirement in row.requirements}
    return Referentiel(
        version=version,
        sha256=sha256,
        themes=_themes(docs, themes),
        definitions=_definitions(rule_files),
        plan=plan,
        unplaced=tuple(r for r in requirements if r not in placed),
    )
