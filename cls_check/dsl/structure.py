"""The shape of each requirement: its id, its clauses, and what it repeats of the catalogue.

Input: the requirements of the rule set (:class:`~cls_check.dsl.checked.RuleInfo`, in file
order, each with its catalogue entry or none) and the catalogue. Output: diagnostics — an
id the catalogue does not list (``CLS220``), a second rule for the same requirement
(``CLS221``), no ``exige`` clause (``CLS222``), a clause written twice or « sinon » messages
out of order (``CLS223``), and, from :mod:`cls_check.dsl.agreement`, a title, force, source
or date that disagrees with the catalogue (``CLS224``, ``CLS225``).

Only the structure is checked here; the expressions of the clauses are typed by
:mod:`cls_check.dsl.typecheck`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cls_check.codes import Code
from cls_check.dsl import ast
from cls_check.dsl.agreement import check_metadata
from cls_check.dsl.catalogue import Catalogue
from cls_check.dsl.checked import RuleInfo
from cls_check.dsl.reporter import Reporter
from cls_check.errors import Diagnostic, Span
from cls_check.suggest import closest

__all__ = ["check_structure"]


def check_structure(rules: Sequence[RuleInfo], catalogue: Catalogue) -> tuple[Diagnostic, ...]:
    """Every problem of the requirements' ids and clauses, in the order of the rules."""
    report = Reporter()
    seen: dict[str, ast.Requirement] = {}
    for rule in rules:
        node = rule.requirement
        req_id = node.id.value
        if rule.exigence is None:
            suggestion = closest(req_id, catalogue.ids())
            hint = (
                f"vouliez-vous dire « {suggestion} » ?"
                if suggestion
                else "chaque règle met en œuvre une exigence du catalogue (exigences.yaml) ; "
                "ajoutez-y d'abord l'exigence"
            )
            report.error(
                Code.UNKNOWN_REQUIREMENT,
                f"exigence « {req_id} » inconnue du catalogue",
                node.id.span,
                hint,
            )
        if req_id in seen:
            report.error(
                Code.DUPLICATE_RULE,
                f"deuxième règle pour l'exigence « {req_id} »",
                node.id.span,
                "une exigence n'a qu'une règle : réunissez les deux, avec « sauf si » pour "
                "les cas particuliers",
                ((seen[req_id].id.span, "première règle pour cette exigence"),),
            )
        else:
            seen[req_id] = node
        _check_clauses(rule, catalogue, report)
    return report.diagnostics


def _check_clauses(rule: RuleInfo, catalogue: Catalogue, report: Reporter) -> None:
    node = rule.requirement
    once = (ast.Source, ast.Force, ast.InForce, ast.Applicable, ast.UnknownIf, ast.Requires)
    words = {
        ast.Source: "source",
        ast.Force: "force",
        ast.InForce: "en vigueur à partir du",
        ast.Applicable: "applicable si",
        ast.UnknownIf: "inconnu si",
        ast.Requires: "exige",
    }
    first: dict[type, ast.Clause] = {}
    for clause in node.clauses:
        kind = type(clause)
        if kind not in once:
            continue
        if kind in first:
            word = words[kind]
            hint = (
                "une exigence a une seule clause « exige » ; pour un cas particulier, "
                "écrivez « sauf si <condition> : exige … »"
                if kind is ast.Requires
                else f"gardez une seule clause « {word} »"
            )
            if kind in (ast.Applicable, ast.UnknownIf):
                hint += " et réunissez les conditions avec « et » ou « ou »"
            report.error(
                Code.REPEATED_CLAUSE,
                f"clause « {word} » répétée dans l'exigence {node.id.value}",
                _clause_head(clause, word),
                hint,
                ((_clause_head(first[kind], word), "première clause"),),
            )
        else:
            first[kind] = clause
    exigence = rule.exigence
    if ast.Requires not in first:
        report.error(
            Code.MISSING_CLAUSE,
            f"l'exigence {node.id.value} n'a pas de clause « exige »",
            _header(node),
            "ajoutez par exemple : exige <condition> puis sinon « message »",
        )
    for other in _otherwise_clauses(node):
        _check_messages_order(other, report)
    for d in check_metadata(node, first.values(), exigence, catalogue):
        report.add(d)


def _check_messages_order(requires: ast.Requires, report: Reporter) -> None:
    default: ast.DefaultMessage | None = None
    for other in requires.otherwise:
        if isinstance(other, ast.DefaultMessage):
            if default is not None:
                report.error(
                    Code.REPEATED_CLAUSE,
                    "deux messages « sinon » pour la même clause « exige »",
                    other.span,
                    "gardez un seul « sinon « … » » ; pour un cas particulier, écrivez "
                    "« sinon si <condition> : « … » » avant lui",
                    ((default.span, "premier « sinon »"),),
                )
            default = default or other
        elif default is not None:
            report.error(
                Code.REPEATED_CLAUSE,
                "« sinon si » après « sinon » : ce message ne serait jamais choisi",
                other.span,
                "placez les « sinon si » avant le « sinon » final",
                ((default.span, "le « sinon » final"),),
            )


def _header(requirement: ast.Requirement) -> Span:
    """From ``exigence`` to the end of the title's first line."""
    start = requirement.span
    if requirement.title is None:
        return Span(
            start.file, start.line, start.column, start.line, requirement.id.span.end_column
        )
    title = requirement.title.span
    if title.end_line == start.line:
        return Span(start.file, start.line, start.column, title.end_line, title.end_column)
    return Span(start.file, start.line, start.column, start.line, title.column + 1)


def _clause_head(clause: ast.Clause, word: str) -> Span:
    """The clause's keyword (the whole clause when it fits on one line)."""
    span = clause.span
    if span.end_line == span.line:
        return span
    return Span(span.file, span.line, span.column, span.line, span.column + len(word.split()[0]))


def _otherwise_clauses(node: ast.Requirement) -> Iterator[ast.Requires]:
    for clause in node.clauses:
        if isinstance(clause, ast.Requires):
            yield clause
        elif isinstance(clause, ast.Exception_):
            yield clause.requires
