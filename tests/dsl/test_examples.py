"""The example rules of the brief compile to the expected IR."""

from __future__ import annotations

import datetime

from cls_check.dsl import compile_rule_sources
from cls_check.ir import nodes as ir
from tests.dsl.conftest import CATALOGUE, EXAMPLES, HEADER, compile_text, rule

ROOT = ir.Root()


def field(*names: str) -> ir.Expr:
    expr: ir.Expr = ROOT
    for name in names:
        expr = ir.Field(expr, name)
    return expr


def test_rules_are_named_after_file_and_requirement_in_catalogue_order() -> None:
    rs = compile_text(EXAMPLES, "exemples.cls")
    assert [r.id for r in rs.rules] == [
        "exemples.SIG-01",
        "exemples.SIG-03",
        "exemples.PRI-02",
        "exemples.DIA-02",
    ]
    assert [r.requirement for r in rs.rules] == ["SIG-01", "SIG-03", "PRI-02", "DIA-02"]


def test_rules_take_theme_and_date_of_entry_from_the_catalogue() -> None:
    rs = compile_text(EXAMPLES)
    sig03 = rule(rs, "SIG-03")
    assert sig03.theme == "signataires"
    assert sig03.force == "obligation"
    assert sig03.title == "Chaque maire des communes couvertes signe le contrat"
    assert sig03.source == ir.Source(
        section="I.2",
        quote="Dans ce cas, chacun des maires concernés signera le contrat intercommunal.",
        text=1997,
        document="circulaire du 28 octobre 1997",
        document_id="circulaire-1997",
        kind="primaire",
        reference=None,
    )
    assert sig03.in_force_from == datetime.date(1997, 10, 30)
    # The catalogue's spelling, whatever the rule file wrote (« préambule »).
    assert rule(rs, "PRI-02").source.section == "preambule"
    assert rule(rs, "DIA-02").theme == "diagnostic"


def test_rule_span_points_at_the_exigence() -> None:
    rs = compile_text(EXAMPLES, "exemples.cls")
    span = rule(rs, "SIG-03").span
    assert (span.file, span.line, span.column) == ("exemples.cls", 4, 1)
    assert span.end_line == 11


def test_sig03_for_each_commune_a_mayor_signs() -> None:
    sig03 = rule(compile_text(EXAMPLES), "SIG-03")
    assert sig03.applicable == ir.Condition(
        ir.Compare(">=", ir.Count(field("territoire", "communes")), ir.Const(1)),
        "nombre de territoire.communes >= 1",
    )
    general = sig03.general
    assert isinstance(general.expr, ir.ForAll)
    assert general.expr.var == "c"
    assert general.expr.collection == field("territoire", "communes")
    assert general.expr.body == ir.Exists(
        "s",
        field("signataires"),
        ir.And(
            (
                ir.Compare("=", ir.Field(ir.Var("s"), "role"), ir.Const("maire")),
                ir.Compare("=", ir.Field(ir.Var("s"), "commune"), ir.Field(ir.Var("c"), "insee")),
            )
        ),
    )
    assert general.messages == (
        ir.ConditionalMessage(
            None,
            ir.Message(
                (
                    "Le maire de ",
                    ir.Field(ir.Var("c"), "nom"),
                    " (",
                    ir.Field(ir.Var("c"), "insee"),
                    ") n'a pas signé le contrat.",
                )
            ),
        ),
    )
    assert general.note is None
    assert sig03.exceptions == ()


def test_sig01_messages_and_the_paris_exception() -> None:
    rs = compile_text(EXAMPLES)
    sig01 = rule(rs, "SIG-01")
    first, default = sig01.general.messages
    assert first.condition == ir.Exists(
        "s",
        field("signataires"),
        ir.Compare("=", ir.Field(ir.Var("s"), "role"), ir.Const("ministre_interieur")),
    )
    assert str(first.message.parts[0]).startswith("Le ministre de l'intérieur a signé")
    assert default == ir.ConditionalMessage(
        None, ir.Message(("Aucun signataire n'a le rôle de préfet.",))
    )
    (exception,) = sig01.exceptions
    assert exception.condition == ir.Condition(ir.Ref("paris"), "paris")
    assert exception.requirement.expr == ir.Exists(
        "s",
        field("signataires"),
        ir.Compare("=", ir.Field(ir.Var("s"), "role"), ir.Const("prefet_de_police")),
    )
    paris = dict(rs.definitions)["paris"]
    assert paris == ir.Exists(
        "c",
        field("territoire", "communes"),
        ir.Or(
            (
                ir.Compare("=", ir.Field(ir.Var("c"), "insee"), ir.Const("75056")),
                ir.StartsWith(ir.Field(ir.Var("c"), "insee"), ir.Const("751")),
            )
        ),
    )


def test_dia02_checklist_items_keep_their_messages() -> None:
    dia02 = rule(compile_text(EXAMPLES), "DIA-02")
    assert dia02.applicable == ir.Condition(
        ir.IsKnown(field("diagnostic")), "diagnostic est renseigné"
    )
    checklist = dia02.general.expr
    assert isinstance(checklist, ir.Checklist)
    assert [item.condition for item in checklist.items] == [
        ir.Compare("=", field("diagnostic", "volets", name), ir.Const(True))
        for name in ("constat_delinquance", "sentiment_insecurite", "adequation_reponses")
    ]
    assert checklist.items[1].message == ir.Message(
        ("Le diagnostic n'évalue pas le sentiment d'insécurité.",)
    )


def test_pri02_local_definitions_are_qualified_and_lowered_by_type() -> None:
    rs = compile_text(EXAMPLES)
    definitions = dict(rs.definitions)
    assert definitions["PRI-02.moyens_nouveaux"] == ir.Concat(
        (
            field("moyens", "adjoints_securite"),
            field("moyens", "agents_mediation"),
            field("moyens", "effectifs_redeployes"),
        )
    )
    assert definitions["PRI-02.cible"] == ir.SumOf(
        "m",
        ir.Ref("PRI-02.moyens_nouveaux"),
        ir.Field(ir.Var("m"), "nombre"),
        ir.Member(
            ir.Field(ir.Var("m"), "quartier"),
            ir.Project(field("territoire", "quartiers_prioritaires"), "nom"),
        ),
    )
    pri02 = rule(rs, "PRI-02")
    assert pri02.general.expr == ir.And(
        (
            ir.Compare(">", ir.Ref("PRI-02.total"), ir.Const(0)),
            ir.Compare(
                ">", ir.Arith("*", ir.Ref("PRI-02.cible"), ir.Const(2)), ir.Ref("PRI-02.total")
            ),
        )
    )
    assert pri02.general.note == ir.Message(
        (
            ir.Ref("PRI-02.cible"),
            " des ",
            ir.Ref("PRI-02.total"),
            " emplois nouveaux sont affectés aux quartiers prioritaires.",
        )
    )


def test_definitions_are_listed_in_dependency_order() -> None:
    rs = compile_text(EXAMPLES)
    names = [name for name, _ in rs.definitions]
    assert names == ["paris", "PRI-02.moyens_nouveaux", "PRI-02.total", "PRI-02.cible"]
    # Written in the reverse order, they are still listed dependencies first.
    text = (
        HEADER
        + """  soit c = b + 1
  soit b = a * 2
  soit a = nombre de signataires
  exige c > 0
"""
    )
    rs = compile_text("soit z = nombre de actions\n" + text)
    assert [name for name, _ in rs.definitions] == ["z", "SIG-01.a", "SIG-01.b", "SIG-01.c"]
    seen: set[str] = set()
    for name, expr in rs.definitions:
        for ref in _refs(expr):
            assert ref in seen, f"{name} uses {ref} before it is defined"
        seen.add(name)


def _refs(expr: object) -> list[str]:
    found: list[str] = []
    if isinstance(expr, ir.Ref):
        found.append(expr.name)
    for name in getattr(expr, "__slots__", ()):
        value = getattr(expr, name)
        for child in value if isinstance(value, tuple) else (value,):
            found.extend(_refs(child))
    return found


def test_other_forms_of_the_grammar() -> None:
    text = (
        HEADER
        + """  en vigueur à partir du 1997-10-30
  inconnu si signataires n'est pas renseigné
  soit n = nombre d'actions a de actions où a.theme = "police_proximite"
  soit f = les actions a de actions où a.echeance <= date_signature
  exige (aucune action a parmi actions
          où a.theme n'est pas dans ["police_proximite", "reponse_judiciaire"])
    et diagnostic.date <= date_signature
    et date_signature + 12 mois < date du contrôle
    et 1 an + date_signature > date_signature
    et n >= 1 et nombre de f >= 0
    et diagnostic n'est pas renseigné ou vrai
"""
    )
    sig01 = rule(compile_text(text), "SIG-01")
    assert sig01.in_force_from == datetime.date(1997, 10, 30)
    assert sig01.unknown_if == ir.Condition(
        ir.Not(ir.IsKnown(field("signataires"))), "signataires n'est pas renseigné"
    )
    expr = sig01.general.expr
    assert isinstance(expr, ir.Or)
    conjunction, true = expr.operands
    assert true == ir.Const(True)
    assert isinstance(conjunction, ir.And)
    none_of, dates, shifted, commuted, count, count_filter, unknown = conjunction.operands
    assert none_of == ir.NoneOf(
        "a",
        field("actions"),
        ir.Not(
            ir.Member(
                ir.Field(ir.Var("a"), "theme"),
                ir.ListOf((ir.Const("police_proximite"), ir.Const("reponse_judiciaire"))),
            )
        ),
    )
    assert dates == ir.Compare("<=", field("diagnostic", "date"), field("date_signature"))
    assert shifted == ir.Compare(
        "<",
        ir.ShiftDate(field("date_signature"), ir.Const(ir.Duration(12, "mois"))),
        ir.CheckDate(),
    )
    assert isinstance(commuted, ir.Compare)
    assert commuted.left == ir.ShiftDate(field("date_signature"), ir.Const(ir.Duration(1, "ans")))
    assert count == ir.Compare(">=", ir.Ref("SIG-01.n"), ir.Const(1))
    assert count_filter == ir.Compare(">=", ir.Count(ir.Ref("SIG-01.f")), ir.Const(0))
    assert unknown == ir.Not(ir.IsKnown(field("diagnostic")))
    definitions = dict(compile_text(text).definitions)
    assert definitions["SIG-01.n"] == ir.CountWhere(
        "a",
        field("actions"),
        ir.Compare("=", ir.Field(ir.Var("a"), "theme"), ir.Const("police_proximite")),
    )
    assert definitions["SIG-01.f"] == ir.Filter(
        "a",
        field("actions"),
        ir.Compare("<=", ir.Field(ir.Var("a"), "echeance"), field("date_signature")),
    )


def test_a_quantifier_condition_extends_to_the_end_of_the_expression() -> None:
    text = HEADER + '  exige il existe un s de signataires où s.role = "maire" ou vrai\n'
    expr = rule(compile_text(text), "SIG-01").general.expr
    assert isinstance(expr, ir.Exists)
    assert isinstance(expr.condition, ir.Or)


def test_chains_of_ou_and_et_are_flattened_whatever_the_parentheses() -> None:
    text = HEADER + "  exige vrai ou faux ou (vrai ou faux) ou (vrai et (faux et vrai) et vrai)\n"
    expr = rule(compile_text(text), "SIG-01").general.expr
    assert isinstance(expr, ir.Or)
    assert len(expr.operands) == 5
    conjunction = expr.operands[-1]
    assert conjunction == ir.And((ir.Const(True), ir.Const(False), ir.Const(True), ir.Const(True)))


def test_literals_are_normalised() -> None:
    text = (
        HEADER
        + """  exige duree_mois = 12.0 et duree_mois < 0.5
    et date_signature + 3 jour > date_signature + 2 jours
    et diagnostic.date = 1998-01-20
"""
    )
    expr = rule(compile_text(text), "SIG-01").general.expr
    assert isinstance(expr, ir.And)
    integral, fractional, days, date = expr.operands
    assert integral == ir.Compare("=", field("duree_mois"), ir.Const(12))
    assert isinstance(integral, ir.Compare) and type(integral.right.value) is int  # type: ignore[union-attr]
    assert fractional == ir.Compare("<", field("duree_mois"), ir.Const(0.5))
    assert days == ir.Compare(
        ">",
        ir.ShiftDate(field("date_signature"), ir.Const(ir.Duration(3, "jours"))),
        ir.ShiftDate(field("date_signature"), ir.Const(ir.Duration(2, "jours"))),
    )
    assert date == ir.Compare(
        "=", field("diagnostic", "date"), ir.Const(datetime.date(1998, 1, 20))
    )


def test_condition_text_is_the_source_slice_without_comments_or_line_breaks() -> None:
    text = (
        HEADER
        + """  applicable si nombre de territoire.communes >= 1   # au moins une
      et   signataires est renseigné
  exige vrai
  sauf si date_signature   <   1998-01-01 :
    exige vrai
"""
    )
    sig01 = rule(compile_text(text), "SIG-01")
    assert sig01.applicable is not None
    assert (
        sig01.applicable.text == "nombre de territoire.communes >= 1 et signataires est renseigné"
    )
    assert sig01.exceptions[0].condition.text == "date_signature < 1998-01-01"


def test_messages_collapse_whitespace_and_keep_doubled_braces_literal() -> None:
    text = (
        HEADER
        + """  exige vrai
  sinon « Le   maire
          de {territoire.communes.nom} n'a pas {{signé}}. »
"""
    )
    (message,) = rule(compile_text(text), "SIG-01").general.messages
    assert message.message.parts == (
        "Le maire de ",
        ir.Project(field("territoire", "communes"), "nom"),
        " n'a pas {signé}.",
    )


def test_an_exige_message_sees_the_variable_of_a_top_level_pour_chaque() -> None:
    text = (
        HEADER
        + """  exige pour chaque c de territoire.communes : c.insee est renseigné
  sinon si c.nom n'est pas renseigné : « Une commune sans nom ni code. »
  sinon « {c.nom} n'a pas de code INSEE. »
"""
    )
    general = rule(compile_text(text), "SIG-01").general
    assert general.messages[0].condition == ir.Not(ir.IsKnown(ir.Field(ir.Var("c"), "nom")))
    assert general.messages[1].message.parts[0] == ir.Field(ir.Var("c"), "nom")


def test_the_examples_compile_against_the_real_contract_model() -> None:
    rs = compile_rule_sources({"exemples.cls": EXAMPLES}, CATALOGUE)
    assert len(rs.rules) == 4
    assert rs.version == "0"
    assert len(rs.sha256) == 64
