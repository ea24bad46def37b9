"""The text of diagnostics, as a person sees it (golden text)."""

from __future__ import annotations

from cls_check.codes import Code
from cls_check.errors import Diagnostic, RuleFileError, Span
from cls_check.report.diagnostics import format_diagnostic, format_error
from tests.dsl.conftest import HEADER, diagnostics, only


def test_unknown_field_frame_puts_carets_under_the_misspelt_name() -> None:
    text = HEADER + "  applicable si nombre de territoire.comunes >= 1\n  exige vrai\n"
    d = only(text, "CLS201")
    assert format_diagnostic(d, text) == (
        "regles.cls:4:38: CLS201 champ inconnu « territoire.comunes » : Territoire n'a pas de "
        "champ « comunes »\n"
        "  |\n"
        "4 |   applicable si nombre de territoire.comunes >= 1\n"
        "  |                                      ^^^^^^^\n"
        "  |\n"
        "  = aide : vouliez-vous dire « territoire.communes » ?"
    )


def test_carets_line_up_on_a_line_with_accents() -> None:
    text = (
        HEADER + '  exige il existe un signataire s de signataires où s.role = "préfet de police"\n'
    )
    d = only(text, "CLS207")
    assert format_diagnostic(d, text) == (
        "regles.cls:4:62: CLS207 valeur « préfet de police » inconnue : ce champ ne prend que "
        "des valeurs de sa liste\n"
        "  |\n"
        '4 |   exige il existe un signataire s de signataires où s.role = "préfet de police"\n'
        "  |                                                              ^^^^^^^^^^^^^^^^^^\n"
        "  |\n"
        "  = aide : vouliez-vous dire « prefet_de_police » ? Valeurs possibles : prefet, "
        "prefet_de_police, ministre_interieur, procureur, maire"
    )


def test_carets_follow_display_width_for_decomposed_accents_and_tabs() -> None:
    line = "\tsoit pre\u0301fet = x"  # a tab, then « é » written as e + combining accent
    d = Diagnostic(Code.UNKNOWN_NAME, "nom inconnu « x »", Span("r.cls", 1, 17, 1, 18))
    frame = format_diagnostic(d, line + "\n").splitlines()
    shown, carets = frame[2], frame[3]
    assert shown == "1 |     soit pre\u0301fet = x"
    # The caret is under the x: display columns, not code points.
    assert carets.index("^") == len("1 |     soit prefet = ")


def test_a_cycle_has_one_frame_per_link() -> None:
    text = "soit a = b\nsoit b = a\n" + HEADER + "  exige a\n"
    (d,) = diagnostics(text)
    assert format_diagnostic(d, text) == (
        "regles.cls:1:6: CLS231 définitions circulaires : a → b → a\n"
        "  |\n"
        "1 | soit a = b\n"
        "  |      ^\n"
        "  |\n"
        " ::: regles.cls:1:10\n"
        "  |\n"
        "1 | soit a = b\n"
        "  |          - « a » utilise « b »\n"
        "  |\n"
        " ::: regles.cls:2:10\n"
        "  |\n"
        "2 | soit b = a\n"
        "  |          - « b » utilise « a »\n"
        "  |\n"
        "  = aide : une définition ne peut pas dépendre d'elle-même, même par d'autres ; "
        "réécrivez l'une d'elles sans utiliser les autres"
    )


def test_related_place_in_another_file_without_its_text() -> None:
    d = only({"a.cls": HEADER + "  exige vrai\n", "b.cls": HEADER + "  exige vrai\n"}, "CLS221")
    text = format_diagnostic(d, HEADER)
    assert " ::: a.cls:1:10 : première règle pour cette exigence" in text
    with_sources = format_diagnostic(d, HEADER, sources={"a.cls": HEADER})
    assert "1 | exigence SIG-01 « Le préfet (à Paris, le préfet de police) est" in with_sources
    assert "------ première règle pour cette exigence" in with_sources


def test_line_numbers_are_right_aligned_in_a_common_gutter() -> None:
    text = "\n" * 9 + HEADER + "  exige signatares est renseigné\n"
    d = only(text, "CLS202")
    lines = format_diagnostic(d, text).splitlines()
    assert lines[1] == "   |"
    assert lines[2].startswith("13 |   exige signatares")
    assert lines[3] == "   |         ^^^^^^^^^^"


def test_a_span_over_several_lines_is_underlined_on_each() -> None:
    text = "ab\ncdef\ngh\n"
    d = Diagnostic(Code.NOT_A_CONDITION, "m", Span("r.cls", 1, 2, 3, 2))
    assert format_diagnostic(d, text).splitlines()[2:8] == [
        "1 | ab",
        "  |  ^",
        "2 | cdef",
        "  | ^^^^",
        "3 | gh",
        "  | ^",
    ]


def test_without_source_only_the_header_and_the_hint() -> None:
    d = Diagnostic(
        Code.UNKNOWN_REQUIREMENT, "exigence « X » inconnue", Span("r.cls", 3, 4, 3, 5), "aide"
    )
    assert (
        format_diagnostic(d, None) == "r.cls:3:4: CLS220 exigence « X » inconnue\n  = aide : aide"
    )


def test_color_only_when_asked() -> None:
    text = HEADER + "  exige signatares est renseigné\n"
    d = only(text, "CLS202")
    assert "\x1b[" not in format_diagnostic(d, text)
    colored = format_diagnostic(d, text, color=True)
    assert "\x1b[1m\x1b[31mCLS202\x1b[0m" in colored
    assert "\x1b[1m\x1b[31m^^^^^^^^^^\x1b[0m" in colored


def test_format_error_shows_every_diagnostic_with_its_source() -> None:
    sources = {"a.cls": HEADER + "  exige signatares est renseigné\n", "b.cls": "soit = 1\n"}
    error = RuleFileError(diagnostics(sources), sources)
    text = format_error(error)
    assert text.count("= aide :") == 2
    assert "4 |   exige signatares est renseigné" in text
    assert "1 | soit = 1" in text
