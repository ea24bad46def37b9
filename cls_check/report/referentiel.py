"""The référentiel: every requirement of a rule folder, as a document for legal staff.

Input: nothing — this module only defines the document's data: a :class:`Referentiel`,
assembled from a rule folder by :mod:`cls_check.referentiel` and laid out by the Markdown
and HTML templates of :mod:`cls_check.report.referentiel_render`.

What it gathers, per theme in the order of the circular: each requirement's title, force,
citation (paragraph, text, primary or secondary source), the quote, the catalogue's plain
description, and the rule *as written in its file*; the shared definitions with the
comment that explains them; and a table from each paragraph of the circulars to the
requirements that encode it, which shows the recovered paragraphs that no requirement
encodes yet. Nothing here formats: the templates do.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DocDefinition",
    "DocRule",
    "PlanRow",
    "Referentiel",
    "ThemeSection",
]


@dataclass(frozen=True, slots=True)
class DocRule:
    """One requirement as the référentiel shows it."""

    requirement: str
    title: str
    force: str
    citation: str
    kind: str | None
    quote: str
    description: str | None
    applicable_when: str | None
    unknown_when: str | None
    in_force_from: str | None
    text: str
    location: str


@dataclass(frozen=True, slots=True)
class ThemeSection:
    theme: str
    label: str
    rules: tuple[DocRule, ...]


@dataclass(frozen=True, slots=True)
class DocDefinition:
    """A shared definition (``soit``), with the comment written above it."""

    name: str
    explanation: str
    text: str
    location: str


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One paragraph of a circular and the requirements that encode it."""

    document: str
    section: str
    title: str
    state: str
    requirements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Referentiel:
    version: str
    sha256: str
    themes: tuple[ThemeSection, ...]
    definitions: tuple[DocDefinition, ...]
    plan: tuple[PlanRow, ...]
    unplaced: tuple[str, ...]
    """Requirements whose paragraph is not in the plan."""

    @property
    def rule_count(self) -> int:
        return sum(len(theme.rules) for theme in self.themes)
