"""Parsing: the syntax tree, its spans, and syntax errors in the user's words."""

from __future__ import annotations

import re
import threading

import pytest

from cls_check.dsl import ast
from cls_check.dsl.grammar import get_parser
from cls_check.dsl.parser import parse_expression, parse_rule_file
from cls_check.errors import Diagnostic
from tests.dsl.conftest import EXAMPLES, HEADER


def syntax(text: str, file: str = "regles.cls") -> tuple[Diagnostic, ...]:
    return parse_rule_file(file, text).diagnostics


def one(text: str, code: str) -> Diagnostic:
    found = syntax(text)
    assert [d.code for d in found] == [code], found
    return found[0]


# ---------------------------------------------------------------- the tree


def test_examples_parse_into_definitions_and_requirements() -> None:
    result = parse_rule_file("exemples.cls", EXAMPLES)
    assert result.diagnostics == ()
    kinds = [type(item).__name__ for item in result.file.items]
    assert kinds == ["Definition", "Requirement", "Requirement", "Requirement", "Requirement"]
    sig03 = result.file.items[1]
    assert isinstance(sig03, ast.Requirement)
    assert sig03.id.value == "SIG-03"
    assert [type(c).__name__ for c in sig03.clauses] == [
        "Source",
        "Force",
        "Applicable",
        "Requires",
    ]


def test_interpolations_have_spans_in_the_file() -> None:
    text = HEADER + "  exige vrai\n  sinon « Le maire de\n     {c.nom} ({c.insee}) manque. »\n"
    (requirement,) = parse_rule_file("r.cls", text).file.items
    assert isinstance(requirement, ast.Requirement)
    requires = requirement.clauses[-1]
    assert isinstance(requires, ast.Requires)
    message = requires.otherwise[0].message
    nom, insee = [p for p in message.parts if isinstance(p, ast.Path)]
    assert str(nom.span) == "r.cls:6:7"
    assert (nom.span.end_line, nom.span.end_column) == (6, 12)
    assert str(insee.names[1].span) == "r.cls:6:18"
    assert message.parts[0] == "Le maire de "


def test_accented_text_counts_characters_not_bytes() -> None:
    text = "soit été = « é » \n"
    expr, _ = parse_expression('"éé" = ça.où')
    assert isinstance(expr, ast.Compare)
    assert str(expr.right.span) == "<expression>:1:8"
    (d,) = parse_rule_file("r.cls", text).diagnostics
    assert d.span.column == 12
    assert 'guillemets droits : "…"' in (d.hint or "")


def test_a_piece_with_a_syntax_error_does_not_hide_the_rest_of_the_file() -> None:
    text = (
        "soit a = vrai\n"
        "exigence SIG-01 « un »\n  exige x ==\n"
        "exigence SIG-02 « deux »\n  exige vrai\n"
        "exigence SIG-03 « trois »\n  exige (\n"
        "exigence SIG-04 « quatre »\n  exige vrai\n"
    )
    result = parse_rule_file("r.cls", text)
    assert [str(d.span) for d in result.diagnostics] == ["r.cls:3:12", "r.cls:7:10"]
    ids = [i.id.value for i in result.file.items if isinstance(i, ast.Requirement)]
    assert ids == ["SIG-02", "SIG-04"]


def test_the_word_exigence_inside_a_citation_does_not_cut_the_file() -> None:
    text = (
        HEADER.replace("« élaborés", "« cette\nexigence de sécurité, élaborés") + "  exige vrai\n"
    )
    result = parse_rule_file("r.cls", text)
    assert result.diagnostics == ()
    assert len(result.file.items) == 1


def test_parser_is_built_once_and_shared_between_threads() -> None:
    parsers: list[object] = []
    threads = [threading.Thread(target=lambda: parsers.append(get_parser())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(p) for p in parsers}) == 1


def test_rule_text_is_never_executed() -> None:
    # Python in a rule file is just an unknown word.
    text = HEADER + "  exige __import__('os').system('echo pwned')\n"
    (d,) = syntax(text)
    assert d.code in ("CLS101", "CLS102")


# ---------------------------------------------------------------- syntax errors, one per code


def test_cls101_unexpected_word_says_what_was_expected_in_words() -> None:
    d = one("exigance SIG-01 « titre »\n", "CLS101")
    assert str(d.span) == "regles.cls:1:1"
    assert d.message == (
        "« exigance » inattendu ici ; attendu : le mot-clé « exigence », le mot-clé « soit » "
        "ou la fin du fichier"
    )
    assert d.hint == "vouliez-vous dire « exigence » ?"


def test_cls101_never_shows_token_names() -> None:
    texts = [
        HEADER + "  exige (vrai\n",
        HEADER + "  exige vrai et\n",
        HEADER + "  exige date du\n",
        HEADER + "  exige [1, \n",
        HEADER + "  exige nombre de\n",
        "exigence SIG-01\n",
        "soit = 1\n",
    ]
    for text in texts:
        for d in syntax(text):
            assert not re.search(r"__ANON|[A-Z]{2,}_[A-Z]|\$END|\bNAME\b|\bRPAR\b", d.message), d


def test_cls101_end_of_file_expects_an_expression() -> None:
    text = HEADER + "  exige vrai et\n"
    d = one(text, "CLS101")
    assert d.message == "le fichier se termine trop tôt ; attendu : une expression"
    assert str(d.span) == "regles.cls:4:16"  # just after « et »


def test_cls102_unexpected_character_names_invisible_ones() -> None:
    text = HEADER + "  exige vrai\u2009et vrai\n"
    d = one(text, "CLS102")
    assert str(d.span) == "regles.cls:4:13"
    assert d.message.startswith("caractère inattendu : une espace fine")
    assert d.hint == "remplacez-le par une espace ordinaire (ou supprimez-le)"


def test_cls102_a_lone_curly_quote() -> None:
    d = one(HEADER + "  exige diagnostic.auteur = “x\n", "CLS102")
    assert "guillemets droits" in (d.hint or "")


# What a word processor puts in a text typed in it: ordinary text in the rule language.
WORD_PROCESSOR = [
    "  exige vrai\u00a0et\u202fvrai\n",  # no-break spaces between words
    '  exige pour chaque s de signataires\u00a0: s.role = "prefet"\n',  # before « : »
    "  exige vrai\n  sinon «\u00a0Le préfet n’a pas signé\u202f»\n",  # inside « … »
    "  exige diagnostic.date n’est pas renseigné\n",  # typographic apostrophe
    "  exige nombre d’actions >= 1\n",
    "  exige il existe un s de signataires où s.role = “prefet”\n",  # curly quotes
]


@pytest.mark.parametrize("clause", WORD_PROCESSOR)
def test_what_a_word_processor_writes_parses(clause: str) -> None:
    assert syntax(HEADER + clause) == ()


def test_curly_quotes_give_the_same_value_and_hide_a_hash() -> None:
    straight = parse_rule_file("a.cls", HEADER + '  exige diagnostic.auteur = "n° #1"\n')
    curly = parse_rule_file("a.cls", HEADER + "  exige diagnostic.auteur = “n° #1”\n")
    assert curly.diagnostics == straight.diagnostics == ()
    (requirement,) = curly.file.items
    (other,) = straight.file.items
    assert isinstance(requirement, ast.Requirement) and isinstance(other, ast.Requirement)
    assert requirement.clauses[-1].expr.right == other.clauses[-1].expr.right  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("stray", "code"),
    [
        ("ceci est une ligne perdue", "CLS101"),
        ("Voir aussi l'article 3.", "CLS101"),
        ("« une note »", "CLS101"),
        ("3. à revoir", "CLS101"),
        ("’à revoir", "CLS102"),
    ],
)
def test_a_stray_line_after_the_last_rule_is_pointed_at_with_the_note_hint(
    stray: str, code: str
) -> None:
    text = HEADER + "  exige vrai\n  sinon « m »\n\n" + stray + "\n"
    d = one(text, code)
    assert str(d.span) == "regles.cls:7:1"
    assert (d.span.end_line, d.span.end_column) == (7, len(stray) + 1)
    assert d.message.startswith(f"ligne inattendue « {stray} »")
    assert "commencez une note par #" in (d.hint or "")


def test_a_stray_line_between_rules_gets_the_hint_and_the_next_rule_still_parses() -> None:
    text = HEADER + "  exige vrai\nà revoir avec le parquet\n" + HEADER + "  exige faux\n"
    result = parse_rule_file("regles.cls", text)
    (d,) = result.diagnostics
    assert str(d.span) == "regles.cls:5:1"
    assert "commencez une note par #" in (d.hint or "")
    assert len(result.file.items) == 1


def test_a_misspelt_keyword_at_the_start_of_a_line_keeps_its_suggestion() -> None:
    d = one(HEADER + "  exige vrai\n  sinnon « m »\n", "CLS101")
    assert d.hint == "vouliez-vous dire « sinon » ?"


def test_cls103_unclosed_guillemet() -> None:
    text = HEADER + "  exige vrai\n  sinon « Le préfet manque\n"
    d = one(text, "CLS103")
    assert str(d.span) == "regles.cls:5:9"
    assert d.span.end_column == 27  # to the end of the line
    assert d.message == "guillemet « non fermé"


def test_cls103_unclosed_guillemet_before_another_text() -> None:
    text = HEADER + "  exige vrai\n  sinon « Le préfet manque\n  constat « ok »\n"
    d = one(text, "CLS103")
    assert str(d.span) == "regles.cls:5:9"
    assert "un autre « commence" in d.message


def test_cls104_message_in_straight_quotes() -> None:
    for text in (
        HEADER + '  exige vrai\n  sinon "Le préfet manque."\n',
        HEADER + '  exige vrai\n  sinon si faux : "Le préfet manque."\n',
        HEADER + '  exige vrai\n  constat "Bien."\n',
        'exigence SIG-01 "Le préfet"\n',
    ):
        d = one(text, "CLS104")
        assert 'guillemets « … », pas entre "…"' in d.message
        assert d.span.line in (1, 5)


def test_cls105_double_equal() -> None:
    text = HEADER + '  exige il existe un s de signataires où s.role == "maire"\n'
    d = one(text, "CLS105")
    assert str(d.span) == "regles.cls:4:50"
    assert d.message == "« == » n'existe pas : l'égalité s'écrit avec un seul « = »"


def test_cls101_in_an_interpolation_expects_its_end() -> None:
    text = HEADER + "  exige vrai\n  sinon « {exigence exigence cible} »\n"
    d = one(text, "CLS101")
    assert str(d.span) == "regles.cls:5:21"
    assert d.message == "« exigence » inattendu ici ; attendu : la fin de l'expression (« } »)"


def test_cls105_in_an_interpolation_and_in_a_shared_definition() -> None:
    assert one("soit a = b == c\n", "CLS105").span.column == 13
    text = HEADER + "  exige vrai\n  sinon « {a == b} »\n"
    assert str(one(text, "CLS105").span) == "regles.cls:5:15"


def test_cls106_missing_message_after_sinon() -> None:
    text = HEADER + "  exige vrai\n  sinon\n  constat « ok »\n"
    d = one(text, "CLS106")
    assert d.message == "il manque le message après « sinon »"
    assert str(d.span) == "regles.cls:6:3"
    text = HEADER + "  exige vrai\n  sinon si faux :\n"
    assert one(text, "CLS106").message == "il manque le message après « sinon si … : »"


def test_cls107_missing_colon_after_pour_chaque() -> None:
    text = (
        HEADER + "  exige pour chaque commune c de territoire.communes\n"
        "      il existe un s de signataires où s.commune = c.insee\n"
    )
    d = one(text, "CLS107")
    assert str(d.span) == "regles.cls:5:7"
    assert d.message == "il manque « : » après « pour chaque … »"


def test_cls107_missing_colon_after_sauf_si_and_toutes_ces_conditions() -> None:
    text = HEADER + "  exige vrai\n  sauf si a.b et c\n    exige vrai\n"
    assert one(text, "CLS107").message == "il manque « : » après « sauf si … »"
    text = HEADER + "  exige toutes ces conditions\n    - vrai\n"
    assert one(text, "CLS107").message == "il manque « : » après « toutes ces conditions »"


def test_cls108_clause_outside_an_exigence() -> None:
    text = "# Définitions\nsoit a = vrai\nforce obligation\n"
    d = one(text, "CLS108")
    assert str(d.span) == "regles.cls:3:1"
    assert d.message == "la clause « force » est hors d'une exigence"
    assert "exigence XXX-00" in (d.hint or "")


def test_cls109_broken_braces_in_a_message() -> None:
    text = HEADER + "  exige vrai\n  sinon « a } b {} c { d »\n"
    found = syntax(text)
    assert [d.code for d in found] == ["CLS109"] * 3
    assert [d.span.column for d in found] == [13, 17, 22]
    assert "}}" in (found[0].hint or "")


def test_cls110_dates_that_do_not_exist_and_fractional_durations() -> None:
    text = (
        HEADER
        + "  en vigueur à partir du 1999-02-30\n  exige date_signature + 1.5 ans > 1998-13-01\n"
    )
    found = syntax(text)
    assert [d.code for d in found] == ["CLS110"] * 3
    assert found[0].message == "la date « 1999-02-30 » n'existe pas"
    assert "1.5 ans" in found[1].message


def test_cls111_absurdly_deep_expressions_are_refused_not_crashed_on() -> None:
    text = HEADER + "  exige " + "(" * 300 + "vrai" + ")" * 300 + "\n"
    assert syntax(text) == ()  # parentheses make no tree
    text = HEADER + "  exige " + "non " * 300 + "vrai\n"
    assert one(text, "CLS111").span.line == 4
    text = HEADER + "  exige vrai" + " et vrai" * 3000 + "\n"
    assert syntax(text) == ()  # a flat chain is not nesting (tests/dsl/test_limits.py)
    text = HEADER + "  exige " + "(vrai et " * 300 + "vrai" + " ou faux)" * 300 + "\n"
    assert one(text, "CLS111").span.line == 4


# ---------------------------------------------------------------- printing


def test_to_text_prints_parentheses_only_where_needed() -> None:
    for source, printed in [
        ("a ou b et c", "a ou b et c"),
        ("(a ou b) et c", "(a ou b) et c"),
        ("non (a = 1)", "non a = 1"),
        ("(il existe un x de l où x.a) et b", "(il existe un x de l où x.a) et b"),
        ("(nombre de l) * 2 > n", "(nombre de l) * 2 > n"),
        ('a.b n\'est pas dans ["x", "y"]', 'a.b n\'est pas dans ["x", "y"]'),
        (
            "date_signature + 12 mois < date du contrôle",
            "date_signature + 12 mois < date du contrôle",
        ),
    ]:
        expr, diagnostics = parse_expression(source)
        assert diagnostics == () and expr is not None
        assert ast.to_text(expr) == printed


def test_windows_line_endings_change_nothing_but_the_spans() -> None:
    from tests.dsl.conftest import compile_text

    crlf = compile_text(EXAMPLES.replace("\n", "\r\n"))
    lf = compile_text(EXAMPLES)
    assert [r.general for r in crlf.rules] == [r.general for r in lf.rules]
    assert [r.applicable for r in crlf.rules] == [r.applicable for r in lf.rules]
    assert [r.exceptions for r in crlf.rules] == [r.exceptions for r in lf.rules]
    assert crlf.definitions == lf.definitions


# ---------------------------------------------------------------- sources and titles


def _source(text: str) -> ast.Source:
    result = parse_rule_file("r.cls", text)
    assert result.diagnostics == ()
    (requirement,) = result.file.items
    assert isinstance(requirement, ast.Requirement)
    source = requirement.clauses[0]
    assert isinstance(source, ast.Source)
    return source


def test_a_source_names_any_text_with_an_optional_section_reference_and_quote() -> None:
    decree = _source(
        "exigence AB-01\n  source article 1 du décret n° 2002-999 # le CLSPD\n  « q »\n"
    )
    assert decree.section is not None and decree.section.value == "article 1"
    assert decree.document.value == "décret n° 2002-999"
    assert str(decree.document.span) == "r.cls:2:23"  # after « du »
    assert decree.quote is not None and decree.quote.value == "q"
    secondary = _source(
        "exigence AB-01 « t »\n  source de la circulaire de 1999\n    selon « ASH »\n  exige vrai\n"
    )
    assert secondary.section is None and secondary.quote is None
    assert secondary.reference is not None and secondary.reference.value == "ASH"
    circular = _source("exigence AB-01\n  source IV-2 de l'arrêté du 1er mars 2001 « q »\n")
    assert circular.section is not None and circular.section.value == "IV-2"
    assert circular.document.value == "arrêté du 1er mars 2001"


def test_a_requirement_may_leave_its_title_to_the_catalogue() -> None:
    (requirement,) = parse_rule_file("r.cls", "exigence AB-01\n  exige vrai\n").file.items
    assert isinstance(requirement, ast.Requirement) and requirement.title is None


def test_a_source_without_its_text_says_what_is_expected() -> None:
    (d,) = syntax("exigence AB-01\n  source I.1 « q »\n  exige vrai\n")
    assert str(d.span) == "regles.cls:2:14"
    assert "le texte cité (de la circulaire de 1997, du décret n° 97-1007…)" in d.message
