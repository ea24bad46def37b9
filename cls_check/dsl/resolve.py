"""What the names of a path mean: a variable, a definition or a field, then fields.

Input: a path of an expression (:class:`~cls_check.dsl.ast.Path`), the :class:`Scope` it
stands in, the names of the rule set (:class:`~cls_check.dsl.names.Names`), the types of
the definitions met so far and the record type of the contract. Output: the path's type
and its :class:`~cls_check.dsl.checked.Resolution` (kept in :attr:`Resolver.paths`), or the
diagnostics of a path that means nothing — an unknown field (``CLS201``), an unknown name
(``CLS202``, with the closest name), a variable out of its quantifier (``CLS208``); and,
for a new variable, what it would hide (``CLS209``, reported by the type checker).

A first name is looked up in this order: the variables in scope, the rule's local
definitions, the shared definitions, the fields of the contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cls_check.codes import Code
from cls_check.dsl import ast
from cls_check.dsl import types as T
from cls_check.dsl.checked import PathStep, Resolution
from cls_check.dsl.names import Names, RuleNames
from cls_check.dsl.reporter import Reporter
from cls_check.errors import Span
from cls_check.suggest import closest

__all__ = ["Resolver", "Scope"]


@dataclass(frozen=True, slots=True)
class Scope:
    """What the first name of a path may be, at one place of a rule."""

    rule: RuleNames | None
    variables: Mapping[str, tuple[T.Type, Span]]
    # Variables bound elsewhere in the same rule or definition, for CLS208.
    elsewhere: frozenset[str] = frozenset()

    def bind(self, name: str, type_: T.Type, span: Span) -> Scope:
        return Scope(self.rule, {**self.variables, name: (type_, span)}, self.elsewhere)


class Resolver:
    """Resolves the paths of a rule set; :attr:`paths` holds each meaning found."""

    def __init__(
        self, names: Names, root: T.RecordType, lost_names: frozenset[str], report: Reporter
    ):
        self.names = names
        self.root = root
        self.lost_names = lost_names
        self.report = report
        # Definition key → its type, filled in dependency order by the type checker (a
        # definition not typed yet, in a cycle, is an error).
        self.definition_types: dict[str, T.Type] = {}
        self.paths: dict[int, Resolution] = {}

    def path(self, e: ast.Path, scope: Scope) -> T.Type:
        head = e.names[0]
        name = head.value
        current: T.Type
        resolution_head: Literal["var", "definition", "field"]
        if name in scope.variables:
            current, resolution_head, resolved = scope.variables[name][0], "var", name
        elif scope.rule is not None and name in scope.rule.locals:
            local = scope.rule.locals[name]
            current = self.definition_types.get(local.key, T.ERROR)
            resolution_head, resolved = "definition", local.qualified
        elif name in self.names.globals:
            current = self.definition_types.get(name, T.ERROR)
            resolution_head, resolved = "definition", name
        elif name in self.root.fields:
            current, resolution_head, resolved = self.root.fields[name], "field", name
        else:
            self.unknown_name(e, scope)
            return T.ERROR
        steps: list[PathStep] = []
        for index, segment in enumerate(e.names[1:], 1):
            step, current = self.step(e, index, current)
            if step is None:
                return T.ERROR
            steps.append(PathStep(step, segment.value))
        self.paths[id(e)] = Resolution(resolution_head, resolved, tuple(steps))
        return current

    def step(
        self, e: ast.Path, index: int, base: T.Type
    ) -> tuple[Literal["field", "project"] | None, T.Type]:
        segment = e.names[index]
        written = e.dotted
        prefix = ".".join(n.value for n in e.names[:index])
        if isinstance(base, T.ErrorType | T.AnyType):
            return ("field", base) if isinstance(base, T.AnyType) else (None, base)
        record: T.RecordType | None = None
        kind: Literal["field", "project"] = "field"
        if isinstance(base, T.RecordType):
            record = base
        elif isinstance(base, T.ListType) and isinstance(base.element, T.RecordType):
            record, kind = base.element, "project"
        if record is None:
            self.report.error(
                Code.UNKNOWN_FIELD,
                f"chemin « {written} » impossible : « {prefix} » est {T.describe(base)}, "
                f"sans champ « {segment.value} »",
                segment.span,
                "seuls les enregistrements (et les listes d'enregistrements) ont des champs",
            )
            return None, T.ERROR
        field_type = record.fields.get(segment.value)
        if field_type is None:
            suggestion = closest(segment.value, record.fields)
            if suggestion is not None:
                hint = f"vouliez-vous dire « {prefix}.{suggestion} » ?"
            else:
                hint = f"les champs de {record.name} sont : " + ", ".join(record.fields)
            self.report.error(
                Code.UNKNOWN_FIELD,
                f"champ inconnu « {written} » : {record.name} n'a pas de champ « {segment.value} »",
                segment.span,
                hint,
            )
            return None, T.ERROR
        if kind == "project":
            return kind, T.ListType(field_type)
        if record.none:  # read through a record the contract may not have
            return kind, T.with_none(field_type)
        return kind, field_type

    def unknown_name(self, e: ast.Path, scope: Scope) -> None:
        head = e.names[0]
        name = head.value
        if name in self.lost_names:
            return  # defined in a piece with a syntax error, already reported
        if name in scope.elsewhere:
            self.report.error(
                Code.VARIABLE_OUT_OF_SCOPE,
                f"la variable « {name} » n'est pas connue ici",
                head.span,
                "une variable n'existe qu'à l'intérieur de son « pour chaque », « il existe »…"
                " ; un message ne connaît que la variable d'un « pour chaque » placé juste "
                "après « exige »",
            )
            return
        for rule in self.names.rules:
            if rule is not scope.rule and name in rule.locals:
                where = rule.locals[name].node.name.span
                self.report.error(
                    Code.UNKNOWN_NAME,
                    f"nom inconnu « {name} » ici : c'est une définition propre à l'exigence "
                    f"{rule.info.requirement.id.value}",
                    head.span,
                    f"« {name} » est définie ligne {where.line} à l'intérieur de l'exigence "
                    f"{rule.info.requirement.id.value} ; pour la partager, placez « soit "
                    f"{name} = … » avant la première exigence du fichier",
                    ((where, "définition locale"),),
                )
                return
        candidates: list[str] = [*scope.variables, *self.names.globals, *self.root.fields]
        if scope.rule is not None:
            candidates.extend(scope.rule.locals)
        suggestion = closest(name, candidates)
        if suggestion is not None:
            rest = "".join(f".{n.value}" for n in e.names[1:])
            hint = f"vouliez-vous dire « {suggestion}{rest} » ?"
        else:
            hint = (
                f"un chemin commence par une variable, une définition (soit …) ou un champ du "
                f"contrat : {', '.join(list(self.root.fields)[:8])}…"
            )
        self.report.error(
            Code.UNKNOWN_NAME,
            f"nom inconnu « {name} » : ni variable, ni définition, ni champ de {self.root.name}",
            head.span,
            hint,
        )

    def shadowed(self, name: str, scope: Scope) -> tuple[str, Span | None, str] | None:
        """What a new variable ``name`` would hide: (what, where, label of where)."""
        if name in scope.variables:
            return "une autre variable", scope.variables[name][1], "la variable masquée"
        if scope.rule is not None and name in scope.rule.locals:
            span = scope.rule.locals[name].node.name.span
            return "la définition", span, "la définition masquée"
        if name in self.names.globals:
            span = self.names.globals[name].node.name.span
            return "la définition", span, "la définition masquée"
        if name in self.root.fields:
            return f"le champ du contrat « {name} »", None, ""
        return None
