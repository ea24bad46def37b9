"""A rule file against its catalogue: what a rule repeats must agree, and nothing is missing.

Input: a requirement of a rule file (its title and its ``source``, ``force`` and ``en
vigueur`` clauses, each optional) and its catalogue entry; or the whole catalogue and the
ids the rule files encode. Output: diagnostics — ``CLS225`` where a written value
disagrees with the catalogue (at the value, with the catalogue's value as the hint),
``CLS224`` for a force that does not exist, ``CLS226`` for a catalogue entry no rule
encodes (at its line of the catalogue).

Texts are compared as the catalogue reads them: NFC, whitespace (no-break spaces
included) collapsed, the typographic apostrophe of a word processor read as ``'``. A section is
compared without accents or case (« préambule » is « preambule »); the cited text by
what it names (« circulaire de 1997 » is « circulaire du 28 octobre 1997 »).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from cls_check.codes import Code
from cls_check.dsl import ast
from cls_check.dsl.catalogue import Catalogue, Document, Exigence, fold_name
from cls_check.dsl.catalogue_schema import normalise
from cls_check.errors import Diagnostic, Span
from cls_check.suggest import closest

__all__ = ["check_metadata", "document_clause", "missing_rules"]

_FEMININE_TEXTS = ("circulaire", "loi", "note", "instruction", "ordonnance", "convention")


def document_clause(document: Document) -> str:
    """« de la circulaire du 28 octobre 1997 », « du décret n° 97-1007 … »: how a rule
    names the text."""
    name = document.name
    first = fold_name(name).split(" ", 1)[0]
    if first[:1] in "aeiouyh":
        return f"de l'{name}"
    return f"de la {name}" if first in _FEMININE_TEXTS else f"du {name}"


def source_clause(exigence: Exigence) -> str:
    """The ``source`` clause that agrees with the catalogue entry."""
    parts = ["source"]
    if exigence.section:
        parts.append(exigence.section)
    parts.append(document_clause(exigence.document))
    if exigence.reference:
        parts.append(f"selon « {exigence.reference} »")
    parts.append(f"« {exigence.citation} »")
    return " ".join(parts)


def _comparable(text: str) -> str:
    return normalise(text).replace("’", "'")


def _section_key(section: str) -> str:
    decomposed = unicodedata.normalize("NFKD", section)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


class _Agreement:
    def __init__(self, exigence: Exigence, catalogue: Catalogue):
        self.exigence = exigence
        self.catalogue = catalogue
        where = exigence.span
        self.name = f"{where.file}:{where.line}" if where else catalogue.file
        self.diagnostics: list[Diagnostic] = []

    def disagree(self, what: str, span: Span, expected: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                Code.CATALOGUE_DISAGREEMENT,
                f"{what} contraire au catalogue pour {self.exigence.id}",
                span,
                f"le catalogue ({self.name}) indique : {expected} ; corrigez la règle, "
                "ou retirez-en cette mention (elle est facultative)",
            )
        )

    def text(self, what: str, written: ast.Text | None, expected: str) -> None:
        if written is not None and _comparable(written.value) != _comparable(expected):
            self.disagree(what, written.span, f"« {expected} »")

    def source(self, source: ast.Source) -> None:
        exigence = self.exigence
        named = self.catalogue.document_named(source.document.value)
        if named is None:
            names = [n for d in self.catalogue.documents for n in d.names()]
            suggestion = closest(source.document.value, names, cutoff=0.6)
            self.diagnostics.append(
                Diagnostic(
                    Code.CATALOGUE_DISAGREEMENT,
                    f"texte « {source.document.value} » inconnu du catalogue",
                    source.document.span,
                    f"vouliez-vous dire « {suggestion} » ?"
                    if suggestion
                    else "les textes du catalogue sont : "
                    + ", ".join(d.name for d in self.catalogue.documents),
                )
            )
        elif named.id != exigence.document.id:
            self.disagree(
                f"texte « {source.document.value} »",
                source.document.span,
                f"{source_clause(exigence)}",
            )
        if source.section is None:
            if exigence.section:
                self.disagree("source sans section", source.span, f"section {exigence.section}")
        elif _section_key(source.section.value) != _section_key(exigence.section):
            expected = (
                f"section {exigence.section}"
                if exigence.section
                else f"pas de section : le texte est cité dans son ensemble "
                f"(source {document_clause(exigence.document)})"
            )
            self.disagree(f"section « {source.section.value} »", source.section.span, expected)
        if source.reference is not None:
            if exigence.reference is None:
                self.disagree(
                    "source secondaire",
                    source.reference.span,
                    "source primaire (la citation est lue dans le texte) : retirez « selon … »",
                )
            else:
                self.text("référence", source.reference, exigence.reference)
        self.text("citation", source.quote, exigence.citation)

    def force(self, force: ast.Force) -> None:
        value = force.value.value
        if value != self.exigence.force:
            self.disagree(f"force « {value} »", force.value.span, f"force {self.exigence.force}")

    def in_force(self, clause: ast.InForce) -> None:
        expected = self.exigence.en_vigueur
        if clause.date is not None and clause.date != expected:
            self.disagree(
                f"date d'entrée en vigueur {clause.date.isoformat()}",
                clause.span,
                f"en vigueur à partir du {expected.isoformat()}",
            )


def check_metadata(
    requirement: ast.Requirement,
    clauses: Iterable[ast.Clause],
    exigence: Exigence | None,
    catalogue: Catalogue,
) -> list[Diagnostic]:
    """What the rule writes of its title, source, force and date, against the catalogue.

    ``clauses`` are the first clause of each kind (a repeated one is reported elsewhere).
    Without a catalogue entry (reported as CLS220) only the force's value is checked.
    """
    clauses = tuple(clauses)
    forces = [c for c in clauses if isinstance(c, ast.Force)]
    unknown = [f for f in forces if f.value.value not in ("obligation", "recommandation")]
    found = [_unknown_force(f) for f in unknown]
    if exigence is None:
        return found
    check = _Agreement(exigence, catalogue)
    check.text("titre", requirement.title, exigence.titre)
    for clause in clauses:
        if isinstance(clause, ast.Source):
            check.source(clause)
        elif isinstance(clause, ast.Force) and clause not in unknown:
            check.force(clause)
        elif isinstance(clause, ast.InForce):
            check.in_force(clause)
    return found + check.diagnostics


def _unknown_force(force: ast.Force) -> Diagnostic:
    value = force.value.value
    suggestion = closest(value, ("obligation", "recommandation"), cutoff=0.5)
    hint = (
        f"vouliez-vous dire « force {suggestion} » ?"
        if suggestion
        else "écrivez « force obligation » ou « force recommandation »"
    )
    return Diagnostic(Code.INVALID_FORCE, f"force « {value} » inconnue", force.value.span, hint)


def missing_rules(catalogue: Catalogue, encoded: Iterable[str]) -> list[Diagnostic]:
    """A diagnostic at each catalogue entry that no rule encodes."""
    done = set(encoded)
    found: list[Diagnostic] = []
    for exigence in catalogue:
        if exigence.id in done:
            continue
        span = exigence.span or Span(catalogue.file, 1, 1, 1, 2)
        found.append(
            Diagnostic(
                Code.REQUIREMENT_WITHOUT_RULE,
                f"exigence « {exigence.id} » du catalogue sans règle",
                span,
                f"écrivez dans un fichier .cls une règle « exigence {exigence.id} » et sa "
                "clause « exige … », ou retirez l'exigence du catalogue",
            )
        )
    return found
