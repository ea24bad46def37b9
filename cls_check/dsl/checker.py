"""Static checks: names, types, definitions and the requirement catalogue.

Input: the parsed files (:class:`~cls_check.dsl.ast.RuleFile`), the catalogue, and the
record type of the contract (by default introspected from
:class:`cls_check.model.contract.Contract`).
Output: a :class:`CheckedRuleSet` — the same trees plus what lowering needs (the meaning of
every path, the type of every expression, the definitions in dependency order) and every
problem found, as :class:`~cls_check.errors.Diagnostic` values with ``CLS2xx`` codes.

Everything is checked, even after errors: a wrong expression gets the type
:data:`~cls_check.dsl.types.ERROR`, which is accepted everywhere, so that one mistake
gives one diagnostic. When :attr:`CheckedRuleSet.diagnostics` is empty, the invariants of
:mod:`cls_check.ir.nodes` hold and lowering cannot fail.

Codes: one per kind of mistake, stable, the members of :class:`cls_check.dsl.codes.Code`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from cls_check.dsl import ast, limits
from cls_check.dsl import types as T
from cls_check.dsl.agreement import check_metadata
from cls_check.dsl.catalogue import Catalogue, Exigence
from cls_check.dsl.codes import Code
from cls_check.dsl.grammar import LineIndex, collapse, strip_comments
from cls_check.dsl.walk import (
    binders,
    clause_exprs,
    free_references,
)
from cls_check.errors import Diagnostic, Span
from cls_check.suggest import closest

__all__ = [
    "CheckedRuleSet",
    "DefinitionInfo",
    "PathStep",
    "Resolution",
    "RuleInfo",
    "check",
]

# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class PathStep:
    """One ``.name`` of a path: a record's field, or a field of each element of a list."""

    kind: Literal["field", "project"]
    name: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a path means: its first name, then its steps.

    ``head`` is ``var`` (a quantifier's variable), ``definition`` (``name`` is then the
    qualified name of the definition in the rule set) or ``field`` (a field of the contract
    record; ``name`` is that field).
    """

    head: Literal["var", "definition", "field"]
    name: str
    steps: tuple[PathStep, ...]


@dataclass(frozen=True, slots=True)
class DefinitionInfo:
    """A definition and the name it has in the rule set (``REQ.name`` when local)."""

    qualified_name: str
    definition: ast.Definition
    requirement: str | None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A requirement of a rule file, with its catalogue entry (when it has one)."""

    file_stem: str
    requirement: ast.Requirement
    exigence: Exigence | None


@dataclass(frozen=True, slots=True)
class CheckedRuleSet:
    rules: tuple[RuleInfo, ...]
    definitions: tuple[DefinitionInfo, ...]  # in dependency order
    # Keyed by ``id()`` of AST nodes, which this object keeps alive through ``rules``
    # and ``definitions``.
    paths: Mapping[int, Resolution]
    types: Mapping[int, T.Type]
    diagnostics: tuple[Diagnostic, ...]

    def type_of(self, node: ast.Expr) -> T.Type:
        return self.types.get(id(node), T.ERROR)

    def resolution(self, path: ast.Path) -> Resolution:
        return self.paths[id(path)]


# ---------------------------------------------------------------- helpers


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


# ---------------------------------------------------------------- definitions


@dataclass(slots=True)
class _Def:
    key: str  # unique: "name" (global) or "<rule index>:name" (local)
    qualified: str  # its name in the rule set
    node: ast.Definition
    owner: int | None  # index of the rule (None: global)
    requirement: str | None
    type: T.Type = T.ERROR
    edges: list[tuple[str, Span]] = field(default_factory=list)  # (key, where used)


@dataclass(slots=True)
class _Rule:
    info: RuleInfo
    locals: dict[str, _Def] = field(default_factory=dict)
    # Every variable name bound somewhere in the rule (to explain an out-of-scope use).
    bound_names: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Scope:
    """What the first name of a path may be, at one place of a rule."""

    rule: _Rule | None
    variables: Mapping[str, tuple[T.Type, Span]]
    # Variables bound elsewhere in the same rule or definition, for CLS208.
    elsewhere: frozenset[str] = frozenset()

    def bind(self, name: str, type_: T.Type, span: Span) -> _Scope:
        return _Scope(self.rule, {**self.variables, name: (type_, span)}, self.elsewhere)


# ---------------------------------------------------------------- the checker


class _Checker:
    def __init__(
        self,
        catalogue: Catalogue,
        root: T.RecordType,
        sources: Mapping[str, str],
        lost_names: frozenset[str],
    ):
        self.catalogue = catalogue
        self.root = root
        self.sources = sources
        self.lost_names = lost_names
        self.diagnostics: dict[tuple[str, Span, str], Diagnostic] = {}
        self.globals: dict[str, _Def] = {}
        self.rules: list[_Rule] = []
        self.paths: dict[int, Resolution] = {}
        self.types: dict[int, T.Type] = {}
        self._indexes: dict[str, LineIndex] = {}

    # -- reporting

    def error(
        self,
        code: Code,
        message: str,
        span: Span,
        hint: str | None = None,
        related: tuple[tuple[Span, str], ...] = (),
    ) -> None:
        key = (code, span, message)
        if key not in self.diagnostics:
            self.diagnostics[key] = Diagnostic(code, message, span, hint, related=related)

    def text(self, node: ast.Expr) -> str:
        """The expression as written (whitespace collapsed, shortened when long)."""
        source = self.sources.get(node.span.file)
        if source is not None:
            index = self._indexes.get(node.span.file)
            if index is None:
                index = self._indexes[node.span.file] = LineIndex(source)
            written = collapse(strip_comments(index.slice(node.span)))
        else:
            written = ast.to_text(node)
        return written if len(written) <= 60 else written[:57].rstrip() + "…"

    # -- collection of definitions and requirements

    def collect(self, files: Sequence[ast.RuleFile]) -> None:
        seen_rules: dict[str, ast.Requirement] = {}
        for file in files:
            stem = _stem(file.name)
            for item in file.items:
                if isinstance(item, ast.Definition):
                    self.add_global(item)
                else:
                    self.add_rule(stem, item, seen_rules)
        for rule in self.rules:
            for name, local in rule.locals.items():
                if name in self.globals:
                    first = self.globals[name].node
                    self.error(
                        Code.DUPLICATE_DEFINITION,
                        f"la définition locale « {name} » porte le nom d'une définition partagée",
                        local.node.name.span,
                        "renommez l'une des deux : une règle ne doit pas pouvoir confondre "
                        "sa définition et celle des autres règles",
                        ((first.name.span, "la définition partagée"),),
                    )

    def add_global(self, node: ast.Definition) -> None:
        name = node.name.value
        if name in self.globals:
            first = self.globals[name].node
            self.error(
                Code.DUPLICATE_DEFINITION,
                f"définition « {name} » en double",
                node.name.span,
                "chaque nom ne se définit qu'une fois ; renommez ou supprimez l'une des deux",
                ((first.name.span, "première définition"),),
            )
            return
        self.globals[name] = _Def(name, name, node, None, None)

    def add_rule(self, stem: str, node: ast.Requirement, seen: dict[str, ast.Requirement]) -> None:
        req_id = node.id.value
        exigence = self.catalogue.get(req_id)
        if exigence is None:
            suggestion = closest(req_id, self.catalogue.ids())
            hint = (
                f"vouliez-vous dire « {suggestion} » ?"
                if suggestion
                else "chaque règle met en œuvre une exigence du catalogue (exigences.yaml) ; "
                "ajoutez-y d'abord l'exigence"
            )
            self.error(
                Code.UNKNOWN_REQUIREMENT,
                f"exigence « {req_id} » inconnue du catalogue",
                node.id.span,
                hint,
            )
        if req_id in seen:
            self.error(
                Code.DUPLICATE_RULE,
                f"deuxième règle pour l'exigence « {req_id} »",
                node.id.span,
                "une exigence n'a qu'une règle : réunissez les deux, avec « sauf si » pour "
                "les cas particuliers",
                ((seen[req_id].id.span, "première règle pour cette exigence"),),
            )
        else:
            seen[req_id] = node
        rule = _Rule(RuleInfo(stem, node, exigence))
        index = len(self.rules)
        self.rules.append(rule)
        self.check_clauses(rule)
        for clause in node.clauses:
            if isinstance(clause, ast.Definition):
                name = clause.name.value
                if name in rule.locals:
                    self.error(
                        Code.DUPLICATE_DEFINITION,
                        f"définition « {name} » en double dans l'exigence {req_id}",
                        clause.name.span,
                        "chaque nom ne se définit qu'une fois ; renommez ou supprimez l'une "
                        "des deux",
                        ((rule.locals[name].node.name.span, "première définition"),),
                    )
                    continue
                rule.locals[name] = _Def(
                    f"{index}:{name}", f"{req_id}.{name}", clause, index, req_id
                )
            for expr in clause_exprs(clause):
                rule.bound_names.update(b.var.value for b in binders(expr))

    # -- clauses and the catalogue

    def check_clauses(self, rule: _Rule) -> None:
        node = rule.info.requirement
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
                self.error(
                    Code.REPEATED_CLAUSE,
                    f"clause « {word} » répétée dans l'exigence {node.id.value}",
                    _clause_head(clause, word),
                    hint,
                    ((_clause_head(first[kind], word), "première clause"),),
                )
            else:
                first[kind] = clause
        exigence = rule.info.exigence
        if ast.Requires not in first:
            self.error(
                Code.MISSING_CLAUSE,
                f"l'exigence {node.id.value} n'a pas de clause « exige »",
                _header(node),
                "ajoutez par exemple : exige <condition> puis sinon « message »",
            )
        for other in _otherwise_clauses(node):
            self.check_messages_order(other)
        for d in check_metadata(node, first.values(), exigence, self.catalogue):
            self.error(d.code, d.message, d.span, d.hint)

    def check_messages_order(self, requires: ast.Requires) -> None:
        default: ast.DefaultMessage | None = None
        for other in requires.otherwise:
            if isinstance(other, ast.DefaultMessage):
                if default is not None:
                    self.error(
                        Code.REPEATED_CLAUSE,
                        "deux messages « sinon » pour la même clause « exige »",
                        other.span,
                        "gardez un seul « sinon « … » » ; pour un cas particulier, écrivez "
                        "« sinon si <condition> : « … » » avant lui",
                        ((default.span, "premier « sinon »"),),
                    )
                default = default or other
            elif default is not None:
                self.error(
                    Code.REPEATED_CLAUSE,
                    "« sinon si » après « sinon » : ce message ne serait jamais choisi",
                    other.span,
                    "placez les « sinon si » avant le « sinon » final",
                    ((default.span, "le « sinon » final"),),
                )

    # -- definitions: cycles, order and types

    def all_definitions(self) -> list[_Def]:
        """Globals then each rule's locals, in file order."""
        found = list(self.globals.values())
        for rule in self.rules:
            found.extend(rule.locals.values())
        found.sort(key=lambda d: _order_key(d.node.span, self.file_order))
        return found

    def link_definitions(self) -> tuple[list[_Def], set[str]]:
        """Definitions in dependency order, and the keys of those in a cycle."""
        definitions = self.all_definitions()
        by_key = {d.key: d for d in definitions}
        for d in definitions:
            rule = self.rules[d.owner] if d.owner is not None else None
            for path in free_references(d.node.expr):
                name = path.names[0].value
                if rule is not None and name in rule.locals:
                    d.edges.append((rule.locals[name].key, path.names[0].span))
                elif name in self.globals:
                    d.edges.append((name, path.names[0].span))
        cyclic = self.report_cycles(definitions, by_key)
        order: list[_Def] = []
        state: dict[str, int] = {}  # 1: in progress, 2: done
        for d in definitions:
            # Iterative depth-first search: a long chain of definitions must not overflow.
            if d.key in state:
                continue
            stack: list[tuple[_Def, int]] = [(d, 0)]
            state[d.key] = 1
            while stack:
                current, next_edge = stack[-1]
                if next_edge < len(current.edges):
                    stack[-1] = (current, next_edge + 1)
                    target = by_key[current.edges[next_edge][0]]
                    if target.key not in state:
                        state[target.key] = 1
                        stack.append((target, 0))
                    continue
                stack.pop()
                state[current.key] = 2
                order.append(current)
        return order, cyclic

    def report_cycles(self, definitions: list[_Def], by_key: dict[str, _Def]) -> set[str]:
        """Report each cycle once (Tarjan's strongly connected components)."""
        index_of: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        components: list[list[str]] = []
        counter = 0
        for start in definitions:
            if start.key in index_of:
                continue
            work: list[tuple[str, int]] = [(start.key, 0)]
            while work:
                key, edge = work[-1]
                if edge == 0 and key not in index_of:
                    index_of[key] = low[key] = counter
                    counter += 1
                    stack.append(key)
                    on_stack.add(key)
                edges = by_key[key].edges
                if edge < len(edges):
                    work[-1] = (key, edge + 1)
                    target = edges[edge][0]
                    if target not in index_of:
                        work.append((target, 0))
                    elif target in on_stack:
                        low[key] = min(low[key], index_of[target])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[key])
                if low[key] == index_of[key]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == key:
                            break
                    components.append(component)
        cyclic: set[str] = set()
        for component in components:
            members = set(component)
            first = by_key[component[0]]
            if len(component) == 1 and not any(t == first.key for t, _ in first.edges):
                continue
            cyclic |= members
            self.report_cycle([by_key[k] for k in component], members, by_key)
        return cyclic

    def report_cycle(
        self, component: list[_Def], members: set[str], by_key: dict[str, _Def]
    ) -> None:
        start = min(component, key=lambda d: _order_key(d.node.span, self.file_order))
        # A path from start back to start inside the component (breadth-first: shortest).
        previous: dict[str, tuple[str, Span]] = {}
        frontier = [start.key]
        found: tuple[str, Span] | None = None
        while frontier and found is None:
            next_frontier: list[str] = []
            for key in frontier:
                for target, span in by_key[key].edges:
                    if target == start.key:
                        found = (key, span)
                        break
                    if target in members and target not in previous:
                        previous[target] = (key, span)
                        next_frontier.append(target)
                if found is not None:
                    break
            frontier = next_frontier
        assert found is not None
        links: list[tuple[str, str, Span]] = []  # (from, to, where)
        key, span = found
        links.append((key, start.key, span))
        while key != start.key:
            before, where = previous[key]
            links.append((before, key, where))
            key = before
        links.reverse()
        names = [by_key[links[0][0]].node.name.value] + [
            by_key[b].node.name.value for _, b, _ in links
        ]
        chain = " → ".join(names)
        related = tuple(
            (where, f"« {by_key[a].node.name.value} » utilise « {by_key[b].node.name.value} »")
            for a, b, where in links
        )
        if len(links) == 1:
            message = f"définition circulaire : « {start.node.name.value} » dépend d'elle-même"
        else:
            message = f"définitions circulaires : {chain}"
        self.error(
            Code.CIRCULAR_DEFINITION,
            message,
            start.node.name.span,
            "une définition ne peut pas dépendre d'elle-même, même par d'autres ; "
            "réécrivez l'une d'elles sans utiliser les autres",
            related,
        )

    # -- expressions

    def scope_for(self, rule: _Rule | None, bound_in: Sequence[ast.Expr] = ()) -> _Scope:
        elsewhere: set[str] = set(rule.bound_names) if rule is not None else set()
        for expr in bound_in:
            elsewhere.update(b.var.value for b in binders(expr))
        return _Scope(rule, {}, frozenset(elsewhere))

    def expr(self, e: ast.Expr, scope: _Scope) -> T.Type:
        result = self._expr(e, scope)
        self.types[id(e)] = result
        return result

    def condition(self, e: ast.Expr, scope: _Scope, where: str) -> None:
        t = self.expr(e, scope)
        if not T.is_boolean(t):
            self.error(
                Code.NOT_A_CONDITION,
                f"la condition de {where} doit être vraie ou fausse, or « {self.text(e)} » "
                f"est {T.describe(t)}",
                e.span,
                _boolean_hint(t, self.text(e)),
            )

    def _expr(self, e: ast.Expr, scope: _Scope) -> T.Type:
        match e:
            case ast.String():
                return T.TEXT
            case ast.Number():
                return T.NUMBER
            case ast.Date():
                return T.DATE
            case ast.Duration():
                return T.DURATION
            case ast.Boolean():
                return T.BOOL
            case ast.Aucun():
                return T.AUCUN
            case ast.CheckDate():
                return T.DATE
            case ast.List_(items):
                return self.list_literal(e, items, scope)
            case ast.Path():
                return self.path(e, scope)
            case ast.Or(left, right) | ast.And(left, right):
                word = "« ou »" if isinstance(e, ast.Or) else "« et »"
                self.condition(left, scope, word)
                self.condition(right, scope, word)
                return T.BOOL
            case ast.Not(operand):
                self.condition(operand, scope, "« non »")
                return T.BOOL
            case ast.Compare():
                return self.compare(e, scope)
            case ast.Member(item, collection) | ast.NotMember(item, collection):
                return self.member(e, item, collection, scope)
            case ast.StartsWith(value, prefix):
                for operand in (value, prefix):
                    t = self.expr(operand, scope)
                    if not T.is_textual(t):
                        self.error(
                            Code.TYPE_MISMATCH,
                            f"« commence par » compare des textes, or « {self.text(operand)} » "
                            f"est {T.describe(t)}",
                            operand.span,
                            'par exemple : c.insee commence par "751"',
                        )
                return T.BOOL
            case ast.IsKnown(operand) | ast.IsUnknown(operand):
                self.expr(operand, scope)
                return T.BOOL
            case ast.Arith():
                return self.arith(e, scope)
            case ast.ForAll(binder, body):
                inner = self.binder(binder, scope, "« pour chaque »")
                self.condition(body, inner, "« pour chaque … : »")
                return T.BOOL
            case ast.Exists(binder, condition) | ast.NoElement(binder, condition):
                word = "« il existe »" if isinstance(e, ast.Exists) else "« aucun »"
                inner = self.binder(binder, scope, word)
                if condition is not None:
                    self.condition(condition, inner, "« où »")
                return T.BOOL
            case ast.Count(collection):
                t = self.expr(collection, scope)
                if T.element(t) is None:
                    self.not_a_list(collection, t, "« nombre de »")
                return T.NUMBER
            case ast.CountWhere(binder, condition):
                inner = self.binder(binder, scope, "« nombre de »")
                self.condition(condition, inner, "« où »")
                return T.NUMBER
            case ast.SumOf(value, binder, condition):
                inner = self.binder(binder, scope, "« somme de … pour chaque »")
                t = self.expr(value, inner)
                if not T.is_numeric(t):
                    self.error(
                        Code.NON_NUMERIC_SUM,
                        f"« somme de » additionne des nombres, or « {self.text(value)} » est "
                        f"{T.describe(t)}",
                        value.span,
                        "choisissez un champ numérique, par exemple : somme de m.nombre pour "
                        "chaque m de …"
                        if not isinstance(t, T.NumberType)
                        else "cette valeur peut valoir faux (non chiffré) : elle ne s'additionne "
                        "pas",
                    )
                if condition is not None:
                    self.condition(condition, inner, "« où »")
                return T.NUMBER
            case ast.Filter(binder, condition):
                inner = self.binder(binder, scope, "« les … où »")
                self.condition(condition, inner, "« où »")
                collection_type = self.types.get(id(binder.collection), T.ERROR)
                return collection_type if T.element(collection_type) is not None else T.ERROR
            case ast.Checklist(items):
                for number, check_item in enumerate(items, 1):
                    where = f"l'élément {number} de « toutes ces conditions »"
                    self.condition(check_item.condition, scope, where)
                    if check_item.message is not None:
                        self.message(check_item.message, scope)
                return T.BOOL
        raise AssertionError(e)  # pragma: no cover

    def not_a_list(self, node: ast.Expr, t: T.Type, word: str) -> None:
        self.error(
            Code.NOT_A_LIST,
            f"{word} parcourt une liste, or « {self.text(node)} » est {T.describe(t)}",
            node.span,
            "vérifiez le chemin : il doit désigner une liste, comme territoire.communes ou "
            "signataires",
        )

    def binder(self, binder: ast.Binder, scope: _Scope, word: str) -> _Scope:
        t = self.expr(binder.collection, scope)
        element = T.element(t)
        if element is None:
            self.not_a_list(binder.collection, t, word)
            element = T.ERROR
        name = binder.var.value
        shadowed = self.shadowed(name, scope)
        if shadowed is not None:
            what, span, label = shadowed
            related = ((span, label),) if span is not None else ()
            self.error(
                Code.SHADOWED_NAME,
                f"la variable « {name} » masque {what} du même nom",
                binder.var.span,
                "donnez un autre nom à cette variable (une lettre suffit : c, s, a…)",
                related,
            )
        return scope.bind(name, element, binder.var.span)

    def shadowed(self, name: str, scope: _Scope) -> tuple[str, Span | None, str] | None:
        """What a new variable ``name`` would hide: (what, where, label of where)."""
        if name in scope.variables:
            return "une autre variable", scope.variables[name][1], "la variable masquée"
        if scope.rule is not None and name in scope.rule.locals:
            span = scope.rule.locals[name].node.name.span
            return "la définition", span, "la définition masquée"
        if name in self.globals:
            return "la définition", self.globals[name].node.name.span, "la définition masquée"
        if name in self.root.fields:
            return f"le champ du contrat « {name} »", None, ""
        return None

    def list_literal(self, e: ast.List_, items: tuple[ast.Expr, ...], scope: _Scope) -> T.Type:
        element: T.Type = T.ANY
        for item in items:
            t = self.expr(item, scope)
            joined = T.unify(element, t)
            if joined is None:
                self.error(
                    Code.TYPE_MISMATCH,
                    f"les éléments de la liste sont de natures différentes : « {self.text(item)} »"
                    f" est {T.describe(t)}, les précédents {T.describe(element)}",
                    item.span,
                    "une liste réunit des valeurs de même nature (que des textes, que des "
                    "nombres…)",
                )
                return T.ListType(T.ERROR)
            element = joined
        return T.ListType(element)

    # -- paths

    def path(self, e: ast.Path, scope: _Scope) -> T.Type:
        head = e.names[0]
        name = head.value
        current: T.Type
        resolution_head: Literal["var", "definition", "field"]
        if name in scope.variables:
            current, resolution_head, resolved = scope.variables[name][0], "var", name
        elif scope.rule is not None and name in scope.rule.locals:
            local = scope.rule.locals[name]
            current, resolution_head, resolved = local.type, "definition", local.qualified
        elif name in self.globals:
            definition = self.globals[name]
            current, resolution_head, resolved = definition.type, "definition", name
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
            self.error(
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
            self.error(
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

    def unknown_name(self, e: ast.Path, scope: _Scope) -> None:
        head = e.names[0]
        name = head.value
        if name in self.lost_names:
            return  # defined in a piece with a syntax error, already reported
        if name in scope.elsewhere:
            self.error(
                Code.VARIABLE_OUT_OF_SCOPE,
                f"la variable « {name} » n'est pas connue ici",
                head.span,
                "une variable n'existe qu'à l'intérieur de son « pour chaque », « il existe »…"
                " ; un message ne connaît que la variable d'un « pour chaque » placé juste "
                "après « exige »",
            )
            return
        for rule in self.rules:
            if rule is not scope.rule and name in rule.locals:
                where = rule.locals[name].node.name.span
                self.error(
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
        candidates: list[str] = [*scope.variables, *self.globals, *self.root.fields]
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
        self.error(
            Code.UNKNOWN_NAME,
            f"nom inconnu « {name} » : ni variable, ni définition, ni champ de {self.root.name}",
            head.span,
            hint,
        )

    # -- comparisons and arithmetic

    def compare(self, e: ast.Compare, scope: _Scope) -> T.Type:
        left = self.expr(e.left, scope)
        right = self.expr(e.right, scope)
        op = _normal_op(e.op)
        self.enum_literal(left, e.right)
        self.enum_literal(right, e.left)
        if op in ("=", "!="):
            if not _equality_ok(left, right):
                self.mismatch(e, left, right, f"« {e.op} »")
            else:
                self.empty_text(e, left, right)
        elif not _order_ok(left, right):
            if T.is_textual(left) and T.is_textual(right):
                self.error(
                    Code.TYPE_MISMATCH,
                    f"« {e.op} » compare des nombres ou des dates, pas des textes "
                    f"(« {self.text(e.left)} », « {self.text(e.right)} »)",
                    e.op_span,
                    "pour des textes, utilisez =, !=, « dans » ou « commence par »",
                )
            else:
                self.mismatch(e, left, right, f"« {e.op} »")
        return T.BOOL

    def empty_text(self, e: ast.Compare, left: T.Type, right: T.Type) -> None:
        """``""`` never matches a text that may be none: the record's ``""`` is read as false."""
        for operand, other in ((e.right, left), (e.left, right)):
            if isinstance(operand, ast.String) and not operand.value and T.admits_none(other):
                self.error(
                    Code.TYPE_MISMATCH,
                    f"« {self.text(e)} » : un texte vide se lit « aucun » (le contrat n'en a "
                    'pas), jamais ""',
                    operand.span,
                    f"écrivez : {self.text(e).replace(chr(34) * 2, 'aucun')}",
                )

    def mismatch(self, e: ast.Compare, left: T.Type, right: T.Type, word: str) -> None:
        hint = "comparez des valeurs de même nature : deux dates, deux nombres, deux textes…"
        aucun = isinstance(left, T.AucunType) or isinstance(right, T.AucunType)
        other = right if isinstance(left, T.AucunType) else left
        if aucun and isinstance(other, T.BoolType):
            hint = "pour un booléen, comparez à faux ; « aucun » dit que le contrat n'a pas de…"
        elif aucun and isinstance(other, T.ListType):
            hint = f"pour une liste : nombre de {self.text(e.left)} = 0"
        elif aucun:
            hint = (
                "« aucun » se compare avec = ou != à une date, un texte, une valeur énumérée ou "
                "un objet que le contrat peut ne pas avoir"
            )
        elif T.admits_none(other) and (
            isinstance(e.right, ast.Boolean) or isinstance(e.left, ast.Boolean)
        ):
            hint = (
                f"pour dire que le contrat n'en a pas, écrivez : {self.text(e.left)} {e.op} aucun"
            )
        elif isinstance(left, T.DateType) and isinstance(e.right, ast.String):
            hint = f"écrivez la date sans guillemets : {e.right.value}"
        elif isinstance(right, T.DateType) and isinstance(e.left, ast.String):
            hint = f"écrivez la date sans guillemets : {e.left.value}"
        elif isinstance(left, T.DurationType) or isinstance(right, T.DurationType):
            hint = "une durée s'ajoute à une date (date_signature + 12 mois) ; comparez des dates"
        elif isinstance(left, T.NumberType) and isinstance(e.right, ast.String):
            hint = f"écrivez le nombre sans guillemets : {e.right.value}"
        self.error(
            Code.TYPE_MISMATCH,
            f"comparaison {word} impossible : « {self.text(e.left)} » est {T.describe(left)} "
            f"et « {self.text(e.right)} » est {T.describe(right)}",
            e.span,
            hint,
        )

    def enum_literal(self, enum: T.Type, literal: ast.Expr) -> None:
        """A text literal compared with an enumerated field must be one of its values."""
        if not isinstance(enum, T.EnumType):
            return
        strings: list[ast.String] = []
        if isinstance(literal, ast.String):
            strings.append(literal)
        elif isinstance(literal, ast.List_):
            strings.extend(i for i in literal.items if isinstance(i, ast.String))
        for string in strings:
            if string.value in enum.values:
                continue
            suggestion = closest(string.value, enum.values)
            listing = ", ".join(enum.values)
            hint = (
                f"vouliez-vous dire « {suggestion} » ? Valeurs possibles : {listing}"
                if suggestion
                else f"valeurs possibles : {listing}"
            )
            self.error(
                Code.UNKNOWN_ENUM_VALUE,
                f"valeur « {string.value} » inconnue : ce champ ne prend que des valeurs de sa "
                "liste",
                string.span,
                hint,
            )

    def member(self, e: ast.Expr, item: ast.Expr, collection: ast.Expr, scope: _Scope) -> T.Type:
        item_type = self.expr(item, scope)
        collection_type = self.expr(collection, scope)
        element = T.element(collection_type)
        if element is None:
            self.error(
                Code.NOT_A_LIST,
                f"« dans » cherche dans une liste, or « {self.text(collection)} » est "
                f"{T.describe(collection_type)}",
                collection.span,
                'écrivez une liste entre crochets, par exemple ["maire", "prefet"], ou le '
                "chemin d'une liste",
            )
            return T.BOOL
        self.enum_literal(item_type, collection)
        if isinstance(item, ast.String):
            self.enum_literal(element, item)
        if not _equality_ok(item_type, element):
            self.error(
                Code.TYPE_MISMATCH,
                f"« {self.text(item)} » est {T.describe(item_type)} mais "
                f"« {self.text(collection)} » est {T.describe(collection_type)}",
                e.span,
                "on cherche dans une liste une valeur de même nature que ses éléments",
            )
        return T.BOOL

    def arith(self, e: ast.Arith, scope: _Scope) -> T.Type:
        left = self.expr(e.left, scope)
        right = self.expr(e.right, scope)
        if isinstance(left, T.ErrorType) or isinstance(right, T.ErrorType):
            return T.ERROR
        if T.is_numeric(left) and T.is_numeric(right):
            return T.NUMBER
        if e.op == "+":
            if {type(left), type(right)} == {T.DateType, T.DurationType}:
                return T.DATE
            if isinstance(left, T.ListType) and isinstance(right, T.ListType):
                joined = T.unify(left, right)
                if joined is not None:
                    return joined
                self.error(
                    Code.TYPE_MISMATCH,
                    f"« + » ne met bout à bout que des listes de même nature : "
                    f"« {self.text(e.left)} » est {T.describe(left)}, « {self.text(e.right)} »"
                    f" est {T.describe(right)}",
                    e.op_span,
                    "réunissez des listes d'éléments comparables",
                )
                return T.ERROR
            if T.is_textual(left) and T.is_textual(right):
                self.error(
                    Code.TYPE_MISMATCH,
                    f"« + » ne s'applique pas à des textes (« {self.text(e.left)} », "
                    f"« {self.text(e.right)} »)",
                    e.op_span,
                    "« + » additionne des nombres, ajoute une durée à une date ou met bout à "
                    "bout deux listes ; dans un message, écrivez simplement {a} {b}",
                )
                return T.ERROR
        word = f"« {e.op} »"
        hint = "« + » additionne des nombres, ajoute une durée à une date ou réunit deux listes"
        if e.op != "+":
            hint = f"{word} s'applique à des nombres"
        if isinstance(left, T.ListType) and isinstance(e.left, ast.Count | ast.Filter):
            hint += " ; mettez « nombre de … » entre parenthèses : (nombre de x) * 2"
        elif isinstance(left, T.ListType) or isinstance(right, T.ListType):
            hint += " ; « nombre de » s'étend jusqu'au bout de l'expression : (nombre de x) * 2"
        if (isinstance(left, T.NumberType) and left.none) or (
            isinstance(right, T.NumberType) and right.none
        ):
            hint = "cette donnée peut valoir faux (non chiffrée) : comparez-la plutôt qu'un calcul"
        self.error(
            Code.TYPE_MISMATCH,
            f"calcul {word} impossible : « {self.text(e.left)} » est {T.describe(left)} et "
            f"« {self.text(e.right)} » est {T.describe(right)}",
            e.op_span,
            hint,
        )
        return T.ERROR

    # -- messages, requirements and rules

    def message(self, message: ast.Message, scope: _Scope) -> None:
        for part in message.parts:
            if isinstance(part, str):
                continue
            t = self.expr(part, scope)
            if isinstance(t, T.RecordType):
                self.error(
                    Code.TYPE_MISMATCH,
                    f"« {{{self.text(part)}}} » est {T.describe(t)} : un message n'affiche "
                    "pas un enregistrement entier",
                    part.span,
                    f"choisissez un de ses champs, par exemple {{{self.text(part)}."
                    f"{next(iter(t.fields), 'nom')}}}",
                )

    def requires(self, requires: ast.Requires, scope: _Scope) -> None:
        self.condition(requires.expr, scope, "« exige »")
        message_scope = scope
        if isinstance(requires.expr, ast.ForAll):
            binder = requires.expr.binder
            element = T.element(self.types.get(id(binder.collection), T.ERROR)) or T.ERROR
            message_scope = scope.bind(binder.var.value, element, binder.var.span)
        for other in requires.otherwise:
            if isinstance(other, ast.ConditionalMessage):
                self.condition(other.condition, message_scope, "« sinon si »")
            self.message(other.message, message_scope)
        if requires.note is not None:
            self.message(requires.note.message, scope)

    def check_rule(self, rule: _Rule) -> None:
        scope = self.scope_for(rule)
        for clause in rule.info.requirement.clauses:
            match clause:
                case ast.Applicable(condition):
                    self.condition(condition, scope, "« applicable si »")
                case ast.UnknownIf(condition):
                    self.condition(condition, scope, "« inconnu si »")
                case ast.Requires():
                    self.requires(clause, scope)
                case ast.Exception_(condition, _, requires):
                    self.condition(condition, scope, "« sauf si »")
                    self.requires(requires, scope)

    def run(self, files: Sequence[ast.RuleFile]) -> CheckedRuleSet:
        self.file_order = {f.name: i for i, f in enumerate(files)}
        self.collect(files)
        order, cyclic = self.link_definitions()
        for deep in limits.deep_definitions((d.key, d.node, d.edges) for d in order):
            self.error(deep.code, deep.message, deep.span, deep.hint, deep.related)
        for d in order:
            rule = self.rules[d.owner] if d.owner is not None else None
            t = self.expr(d.node.expr, self.scope_for(rule, (d.node.expr,)))
            d.type = T.ERROR if d.key in cyclic else t
        for rule in self.rules:
            self.check_rule(rule)
        diagnostics = sorted(
            self.diagnostics.values(),
            key=lambda d: (*_order_key(d.span, self.file_order), d.code, d.message),
        )
        return CheckedRuleSet(
            rules=tuple(rule.info for rule in self.rules),
            definitions=tuple(DefinitionInfo(d.qualified, d.node, d.requirement) for d in order),
            paths=self.paths,
            types=self.types,
            diagnostics=tuple(diagnostics),
        )

    file_order: dict[str, int]


# ---------------------------------------------------------------- small rules


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base[: -len(".cls")] if base.endswith(".cls") else base.rsplit(".", 1)[0] or base


def _order_key(span: Span, file_order: Mapping[str, int]) -> tuple[int, str, int, int]:
    return (file_order.get(span.file, len(file_order)), span.file, span.line, span.column)


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


def _normal_op(op: str) -> str:
    return {"≠": "!=", "≤": "<=", "≥": ">="}.get(op, op)


def _equality_ok(a: T.Type, b: T.Type) -> bool:
    if isinstance(a, T.ErrorType | T.AnyType) or isinstance(b, T.ErrorType | T.AnyType):
        return True
    if isinstance(a, T.AucunType) or isinstance(b, T.AucunType):
        return T.admits_none(b if isinstance(a, T.AucunType) else a)
    if T.is_textual(a) and T.is_textual(b):
        return True
    if isinstance(a, T.NumberType) and isinstance(b, T.NumberType):
        return True
    if isinstance(a, T.NumberType) and a.none and isinstance(b, T.BoolType):
        return True  # « faux » for a quantity: not quantified
    if isinstance(b, T.NumberType) and b.none and isinstance(a, T.BoolType):
        return True
    if isinstance(a, T.ListType) and isinstance(b, T.ListType):
        return _equality_ok(a.element, b.element)
    simple = (T.BoolType, T.NumberType, T.DateType)
    return isinstance(a, simple) and type(a) is type(b)


def _order_ok(a: T.Type, b: T.Type) -> bool:
    if isinstance(a, T.ErrorType | T.AnyType) or isinstance(b, T.ErrorType | T.AnyType):
        return True
    if isinstance(a, T.NumberType) and isinstance(b, T.NumberType):
        return True
    return isinstance(a, T.DateType) and isinstance(b, T.DateType)


def _boolean_hint(t: T.Type, written: str) -> str:
    if isinstance(t, T.NumberType) and t.none:
        return f"comparez-le : {written} > 0, ou {written} != faux"
    if T.admits_none(t):
        return f"pour savoir si le contrat en a : {written} != aucun"
    if isinstance(t, T.NumberType):
        return f"comparez-le : {written} >= 1"
    if isinstance(t, T.ListType):
        return f"pour une liste : nombre de {written} >= 1, ou {written} est renseigné"
    if isinstance(t, T.RecordType):
        return f"pour savoir si l'information existe : {written} est renseigné"
    return f'comparez-le à une valeur : {written} = "…"'


# ---------------------------------------------------------------- entry point


def check(
    files: Sequence[ast.RuleFile],
    catalogue: Catalogue,
    root: T.RecordType | None = None,
    *,
    sources: Mapping[str, str] | None = None,
    lost_names: frozenset[str] = frozenset(),
) -> CheckedRuleSet:
    """Check parsed rule files against the catalogue and the contract's record type.

    ``sources`` (file name → text) lets messages quote expressions as written;
    ``lost_names`` are definitions of pieces that failed to parse (not reported again).
    """
    record = root if root is not None else T.contract_type()
    return _Checker(catalogue, record, sources or {}, lost_names).run(files)
