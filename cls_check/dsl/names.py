"""The names a rule set declares: its requirements and its definitions, shared or local.

Input: the parsed files (:class:`~cls_check.dsl.ast.RuleFile`, in the order given) and the
catalogue. Output: :class:`Names` — every definition under a unique key and its name in
the rule set, each requirement as a :class:`~cls_check.dsl.checked.RuleInfo` (with its
catalogue entry, when it has one) with its local definitions and the variables its
quantifiers bind, and the diagnostics of names defined twice (``CLS230``).

A name defined twice keeps its first definition, so that the later passes resolve every use
of it; every requirement is kept, even a second rule for the same one (reported by
:mod:`cls_check.dsl.structure`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cls_check.codes import Code
from cls_check.dsl import ast
from cls_check.dsl.catalogue import Catalogue
from cls_check.dsl.checked import RuleInfo
from cls_check.dsl.reporter import Reporter, place_order
from cls_check.dsl.walk import binders, clause_exprs
from cls_check.errors import Diagnostic

__all__ = ["Definition", "Names", "RuleNames", "collect_names"]


@dataclass(frozen=True, slots=True)
class Definition:
    """A definition (``soit name = …``) and where it belongs."""

    key: str  # unique: "name" (shared) or "<rule index>:name" (local)
    qualified: str  # its name in the rule set: "name", or "REQ.name" when local
    node: ast.Definition
    owner: int | None  # index of its rule in Names.rules (None: shared)
    requirement: str | None


@dataclass(frozen=True, slots=True)
class RuleNames:
    """A requirement of a rule file and the names it declares."""

    info: RuleInfo
    locals: Mapping[str, Definition]
    # Every variable name bound somewhere in the rule (to explain an out-of-scope use).
    bound_names: frozenset[str]


@dataclass(frozen=True, slots=True)
class Names:
    globals: Mapping[str, Definition]  # the shared definitions, by name
    rules: tuple[RuleNames, ...]  # in file order
    diagnostics: tuple[Diagnostic, ...]

    def definitions(self, file_order: Mapping[str, int]) -> list[Definition]:
        """Shared then local definitions, sorted by their place in the files."""
        found = list(self.globals.values())
        for rule in self.rules:
            found.extend(rule.locals.values())
        found.sort(key=lambda d: place_order(d.node.span, file_order))
        return found


def collect_names(files: Sequence[ast.RuleFile], catalogue: Catalogue) -> Names:
    """The requirements and definitions of ``files``, and the names defined twice."""
    report = Reporter()
    shared: dict[str, Definition] = {}
    rules: list[RuleNames] = []
    for file in files:
        stem = _stem(file.name)
        for item in file.items:
            if isinstance(item, ast.Definition):
                _add_shared(item, shared, report)
            else:
                info = RuleInfo(stem, item, catalogue.get(item.id.value))
                rules.append(_rule_names(info, len(rules), report))
    for rule in rules:
        for name, local in rule.locals.items():
            if name in shared:
                first = shared[name].node
                report.error(
                    Code.DUPLICATE_DEFINITION,
                    f"la définition locale « {name} » porte le nom d'une définition partagée",
                    local.node.name.span,
                    "renommez l'une des deux : une règle ne doit pas pouvoir confondre "
                    "sa définition et celle des autres règles",
                    ((first.name.span, "la définition partagée"),),
                )
    return Names(shared, tuple(rules), report.diagnostics)


def _add_shared(node: ast.Definition, shared: dict[str, Definition], report: Reporter) -> None:
    name = node.name.value
    if name in shared:
        first = shared[name].node
        report.error(
            Code.DUPLICATE_DEFINITION,
            f"définition « {name} » en double",
            node.name.span,
            "chaque nom ne se définit qu'une fois ; renommez ou supprimez l'une des deux",
            ((first.name.span, "première définition"),),
        )
        return
    shared[name] = Definition(name, name, node, None, None)


def _rule_names(info: RuleInfo, index: int, report: Reporter) -> RuleNames:
    """The local definitions of the requirement at ``index`` and the variables it binds."""
    req_id = info.requirement.id.value
    local: dict[str, Definition] = {}
    bound: set[str] = set()
    for clause in info.requirement.clauses:
        if isinstance(clause, ast.Definition):
            name = clause.name.value
            if name in local:
                report.error(
                    Code.DUPLICATE_DEFINITION,
                    f"définition « {name} » en double dans l'exigence {req_id}",
                    clause.name.span,
                    "chaque nom ne se définit qu'une fois ; renommez ou supprimez l'une des deux",
                    ((local[name].node.name.span, "première définition"),),
                )
                continue
            local[name] = Definition(f"{index}:{name}", f"{req_id}.{name}", clause, index, req_id)
        for expr in clause_exprs(clause):
            bound.update(b.var.value for b in binders(expr))
    return RuleNames(info, local, frozenset(bound))


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base[: -len(".cls")] if base.endswith(".cls") else base.rsplit(".", 1)[0] or base
