"""Types of expressions: every clause, definition and message of a rule set, typed.

Input: the names of the rule set (:class:`~cls_check.dsl.names.Names`), its definitions in
dependency order (:class:`~cls_check.dsl.dependencies.DefinitionOrder`), the record type
of the contract, the texts of the files (to quote expressions as written) and the names
defined in pieces that failed to parse. Output: :class:`Typing` — the type of every
expression, the meaning of every path (resolved by :mod:`cls_check.dsl.resolve`) and the
diagnostics ``CLS201``–``CLS209``: operands of different kinds, a condition that is not
true or false, a quantifier over what is not a list, an enumerated value that does not
exist, a variable that hides another name…

A wrong expression gets the type :data:`~cls_check.dsl.types.ERROR`, which is accepted
everywhere, so that one mistake gives one diagnostic. A definition is typed before its
uses; one in a cycle is an error wherever it is used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cls_check.codes import Code
from cls_check.dsl import ast
from cls_check.dsl import types as T
from cls_check.dsl.checked import Resolution
from cls_check.dsl.dependencies import DefinitionOrder
from cls_check.dsl.grammar import LineIndex, collapse, strip_comments
from cls_check.dsl.names import Names, RuleNames
from cls_check.dsl.reporter import Reporter
from cls_check.dsl.resolve import Resolver, Scope
from cls_check.dsl.walk import binders
from cls_check.errors import Diagnostic
from cls_check.suggest import closest

__all__ = ["Typing", "check_types"]


@dataclass(frozen=True, slots=True)
class Typing:
    # Keyed by ``id()`` of AST nodes (alive as long as the trees of ``Names``).
    paths: Mapping[int, Resolution]
    types: Mapping[int, T.Type]
    diagnostics: tuple[Diagnostic, ...]


def check_types(
    names: Names,
    order: DefinitionOrder,
    root: T.RecordType,
    sources: Mapping[str, str],
    lost_names: frozenset[str],
) -> Typing:
    """Type the definitions (in dependency order), then the clauses of every rule."""
    report = Reporter()
    typer = _Typer(Resolver(names, root, lost_names, report), sources, report)
    for d in order.definitions:
        rule = names.rules[d.owner] if d.owner is not None else None
        t = typer.expr(d.node.expr, typer.scope_for(rule, (d.node.expr,)))
        typer.resolver.definition_types[d.key] = T.ERROR if d.key in order.cyclic else t
    for rule in names.rules:
        typer.check_rule(rule)
    return Typing(typer.resolver.paths, typer.types, report.diagnostics)


# The type of each literal (and of « date du contrôle »), whatever its value.
_LITERALS: Mapping[type[ast.Expr], T.Type] = {
    ast.String: T.TEXT,
    ast.Number: T.NUMBER,
    ast.Date: T.DATE,
    ast.Duration: T.DURATION,
    ast.Boolean: T.BOOL,
    ast.Aucun: T.AUCUN,
    ast.CheckDate: T.DATE,
}


class _Typer:
    def __init__(self, resolver: Resolver, sources: Mapping[str, str], report: Reporter):
        self.resolver = resolver
        self.sources = sources
        self.report = report
        self.types: dict[int, T.Type] = {}
        self._indexes: dict[str, LineIndex] = {}

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

    def scope_for(self, rule: RuleNames | None, bound_in: Sequence[ast.Expr] = ()) -> Scope:
        elsewhere: set[str] = set(rule.bound_names) if rule is not None else set()
        for expr in bound_in:
            elsewhere.update(b.var.value for b in binders(expr))
        return Scope(rule, {}, frozenset(elsewhere))

    def expr(self, e: ast.Expr, scope: Scope) -> T.Type:
        result = self._expr(e, scope)
        self.types[id(e)] = result
        return result

    def condition(self, e: ast.Expr, scope: Scope, where: str) -> None:
        t = self.expr(e, scope)
        if not T.is_boolean(t):
            self.wrong_kind(
                Code.NOT_A_CONDITION,
                f"la condition de {where} doit être vraie ou fausse",
                e,
                t,
                _boolean_hint(t, self.text(e)),
            )

    def wrong_kind(self, code: Code, expected: str, e: ast.Expr, t: T.Type, hint: str) -> None:
        """``e`` is not of the kind its place wants: « <expected>, or « e » est <its type> »."""
        self.report.error(
            code, f"{expected}, or « {self.text(e)} » est {T.describe(t)}", e.span, hint
        )

    def _expr(self, e: ast.Expr, scope: Scope) -> T.Type:
        literal = _LITERALS.get(type(e))
        if literal is not None:
            return literal
        match e:
            case ast.List_(items):
                return self.list_literal(e, items, scope)
            case ast.Path():
                return self.resolver.path(e, scope)
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
                        self.wrong_kind(
                            Code.TYPE_MISMATCH,
                            "« commence par » compare des textes",
                            operand,
                            t,
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
                    hint = (
                        "choisissez un champ numérique, par exemple : somme de m.nombre pour "
                        "chaque m de …"
                        if not isinstance(t, T.NumberType)
                        else "cette valeur peut valoir faux (non chiffré) : elle ne s'additionne "
                        "pas"
                    )
                    what = "« somme de » additionne des nombres"
                    self.wrong_kind(Code.NON_NUMERIC_SUM, what, value, t, hint)
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
        self.wrong_kind(
            Code.NOT_A_LIST,
            f"{word} parcourt une liste",
            node,
            t,
            "vérifiez le chemin : il doit désigner une liste, comme territoire.communes ou "
            "signataires",
        )

    def binder(self, binder: ast.Binder, scope: Scope, word: str) -> Scope:
        t = self.expr(binder.collection, scope)
        element = T.element(t)
        if element is None:
            self.not_a_list(binder.collection, t, word)
            element = T.ERROR
        name = binder.var.value
        shadowed = self.resolver.shadowed(name, scope)
        if shadowed is not None:
            what, span, label = shadowed
            related = ((span, label),) if span is not None else ()
            self.report.error(
                Code.SHADOWED_NAME,
                f"la variable « {name} » masque {what} du même nom",
                binder.var.span,
                "donnez un autre nom à cette variable (une lettre suffit : c, s, a…)",
                related,
            )
        return scope.bind(name, element, binder.var.span)

    def list_literal(self, e: ast.List_, items: tuple[ast.Expr, ...], scope: Scope) -> T.Type:
        element: T.Type = T.ANY
        for item in items:
            t = self.expr(item, scope)
            joined = T.unify(element, t)
            if joined is None:
                self.report.error(
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

    def compare(self, e: ast.Compare, scope: Scope) -> T.Type:
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
                self.report.error(
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
                self.report.error(
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
        self.report.error(
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
            self.report.error(
                Code.UNKNOWN_ENUM_VALUE,
                f"valeur « {string.value} » inconnue : ce champ ne prend que des valeurs de sa "
                "liste",
                string.span,
                hint,
            )

    def member(self, e: ast.Expr, item: ast.Expr, collection: ast.Expr, scope: Scope) -> T.Type:
        item_type = self.expr(item, scope)
        collection_type = self.expr(collection, scope)
        element = T.element(collection_type)
        if element is None:
            self.wrong_kind(
                Code.NOT_A_LIST,
                "« dans » cherche dans une liste",
                collection,
                collection_type,
                'écrivez une liste entre crochets, par exemple ["maire", "prefet"], ou le '
                "chemin d'une liste",
            )
            return T.BOOL
        self.enum_literal(item_type, collection)
        if isinstance(item, ast.String):
            self.enum_literal(element, item)
        if not _equality_ok(item_type, element):
            self.report.error(
                Code.TYPE_MISMATCH,
                f"« {self.text(item)} » est {T.describe(item_type)} mais "
                f"« {self.text(collection)} » est {T.describe(collection_type)}",
                e.span,
                "on cherche dans une liste une valeur de même nature que ses éléments",
            )
        return T.BOOL

    def arith(self, e: ast.Arith, scope: Scope) -> T.Type:
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
                self.report.error(
                    Code.TYPE_MISMATCH,
                    f"« + » ne met bout à bout que des listes de même nature : "
                    f"« {self.text(e.left)} » est {T.describe(left)}, « {self.text(e.right)} »"
                    f" est {T.describe(right)}",
                    e.op_span,
                    "réunissez des listes d'éléments comparables",
                )
                return T.ERROR
            if T.is_textual(left) and T.is_textual(right):
                self.report.error(
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
        self.report.error(
            Code.TYPE_MISMATCH,
            f"calcul {word} impossible : « {self.text(e.left)} » est {T.describe(left)} et "
            f"« {self.text(e.right)} » est {T.describe(right)}",
            e.op_span,
            hint,
        )
        return T.ERROR

    def message(self, message: ast.Message, scope: Scope) -> None:
        for part in message.parts:
            if isinstance(part, str):
                continue
            t = self.expr(part, scope)
            if isinstance(t, T.RecordType):
                self.report.error(
                    Code.TYPE_MISMATCH,
                    f"« {{{self.text(part)}}} » est {T.describe(t)} : un message n'affiche "
                    "pas un enregistrement entier",
                    part.span,
                    f"choisissez un de ses champs, par exemple {{{self.text(part)}."
                    f"{next(iter(t.fields), 'nom')}}}",
                )

    def requires(self, requires: ast.Requires, scope: Scope) -> None:
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

    def check_rule(self, rule: RuleNames) -> None:
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
