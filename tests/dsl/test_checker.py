"""Static checks: one test per diagnostic code (code, place, and what the message says)."""

from __future__ import annotations

from cls_check.dsl import compile_rule_sources
from cls_check.errors import Diagnostic, RuleFileError
from tests.dsl.conftest import CATALOGUE, HEADER, compile_text, diagnostics, only, where


def loc(text: str, fragment: str, occurrence: int = 1, file: str = "regles.cls") -> str:
    """``file:line:col`` of the ``occurrence``-th ``fragment`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(fragment, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{file}:{line}:{column}"


def rule_with(*clauses: str) -> str:
    return HEADER + "".join(f"  {clause}\n" for clause in clauses)


# ---------------------------------------------------------------- names and fields


def test_cls201_unknown_field_names_the_path_and_suggests_the_closest() -> None:
    text = rule_with("exige nombre de territoire.comunes >= 1")
    d = only(text, "CLS201")
    assert where(d) == loc(text, "comunes")
    assert "« territoire.comunes »" in d.message
    assert "Territoire n'a pas de champ « comunes »" in d.message
    assert d.hint == "vouliez-vous dire « territoire.communes » ?"


def test_cls201_field_of_a_list_element_and_of_a_quantifier_variable() -> None:
    text = rule_with(
        'exige il existe un s de signataires où s.rol = "maire"',
        "sinon « {territoire.communes.nomm} »",
    )
    found = diagnostics(text)
    assert [d.code for d in found] == ["CLS201", "CLS201"]
    assert where(found[0]) == loc(text, "rol")
    assert found[0].hint == "vouliez-vous dire « s.role » ?"
    assert "Commune n'a pas de champ « nomm »" in found[1].message
    assert found[1].hint == "vouliez-vous dire « territoire.communes.nom » ?"


def test_cls201_no_field_on_a_date() -> None:
    text = rule_with("exige diagnostic.date.annee = 1998")
    d = only(text, "CLS201")
    assert where(d) == loc(text, "annee")
    assert "« diagnostic.date » est une date" in d.message


def test_cls202_unknown_name_suggests_fields_definitions_and_variables() -> None:
    text = "soit intercommunal = nombre de territoire.communes >= 2\n" + rule_with(
        "exige intercomunal et signatares est renseigné"
    )
    first, second = diagnostics(text)
    assert (first.code, second.code) == ("CLS202", "CLS202")
    assert where(first) == loc(text, "intercomunal")
    assert "nom inconnu « intercomunal »" in first.message
    assert first.hint == "vouliez-vous dire « intercommunal » ?"
    assert second.hint == "vouliez-vous dire « signataires » ?"


def test_cls202_a_local_definition_is_not_seen_by_other_rules() -> None:
    text = (
        rule_with("soit paris = vrai", "exige paris")
        + """exigence SIG-02
  exige paris
"""
    )
    d = only(text, "CLS202")
    assert where(d) == loc(text, "paris", 3)
    assert "propre à l'exigence SIG-01" in d.message
    assert "avant la première exigence" in (d.hint or "")
    assert [where_.line for where_, _ in d.related] == [4]


def test_cls208_variable_used_outside_its_quantifier() -> None:
    text = rule_with(
        'exige il existe un s de signataires où s.role = "maire"',
        "sinon « {s.nom} n'a pas signé. »",
    )
    d = only(text, "CLS208")
    assert where(d) == loc(text, "s.nom")
    assert d.message == "la variable « s » n'est pas connue ici"
    assert "pour chaque" in (d.hint or "")


def test_cls208_the_note_does_not_see_the_pour_chaque_variable() -> None:
    text = rule_with(
        "exige pour chaque c de territoire.communes : c.insee est renseigné",
        "constat « {c.nom} a un code. »",
    )
    assert where(only(text, "CLS208")) == loc(text, "c.nom")


def test_cls209_a_variable_must_not_shadow_another() -> None:
    text = rule_with(
        "exige pour chaque c de territoire.communes : il existe un c de territoire.communes où vrai"
    )
    d = only(text, "CLS209")
    assert where(d) == loc(text, "c de", 2)
    assert "masque une autre variable" in d.message
    assert [str(span) for span, _ in d.related] == [loc(text, "c de")]


def test_cls209_a_variable_must_not_shadow_a_definition() -> None:
    text = "soit s = vrai\n" + rule_with('exige il existe un s de signataires où s.nom = "x"')
    d = only(text, "CLS209")
    assert "masque la définition" in d.message


# ---------------------------------------------------------------- types


def test_cls203_date_compared_with_text() -> None:
    text = rule_with('exige diagnostic.date < "1999-01-01"')
    d = only(text, "CLS203")
    assert where(d) == loc(text, "diagnostic.date")
    assert "« diagnostic.date » est une date" in d.message
    assert "est un texte" in d.message
    assert d.hint == "écrivez la date sans guillemets : 1999-01-01"


def test_cls203_order_on_texts() -> None:
    text = rule_with('exige diagnostic.auteur < "M"')
    d = only(text, "CLS203")
    assert where(d) == loc(text, "<")
    assert "pas des textes" in d.message
    assert "commence par" in (d.hint or "")


def test_cls203_plus_on_texts() -> None:
    text = rule_with('exige diagnostic.auteur + "x" = "y"')
    d = only(text, "CLS203")
    assert where(d) == loc(text, "+")
    assert "« + » ne s'applique pas à des textes" in d.message


def test_cls203_count_then_times_explains_the_reach_of_nombre_de() -> None:
    text = rule_with("exige nombre de signataires * 2 > 1")
    d = only(text, "CLS203")
    assert "(nombre de x) * 2" in (d.hint or "")


def test_cls203_a_duration_is_never_compared() -> None:
    text = rule_with("exige 12 mois > 1 an")
    assert "une durée s'ajoute à une date" in (only(text, "CLS203").hint or "")


def test_cls203_quantitative_data_compare_with_numbers_and_faux_only() -> None:
    ok = rule_with(
        "exige diagnostic.donnees_quantitatives.delinquance > 0",
        "  et diagnostic.donnees_quantitatives.victimes != faux",
    )
    from tests.dsl.conftest import compile_text

    compile_text(ok)
    text = rule_with("exige diagnostic.donnees_quantitatives.delinquance + 1 > 0")
    assert "peut valoir faux" in (only(text, "CLS203").hint or "")


def test_cls203_a_message_cannot_show_a_whole_record() -> None:
    text = rule_with(
        "exige pour chaque c de territoire.communes : c.nom est renseigné", "sinon « {c} »"
    )
    d = only(text, "CLS203")
    assert "un enregistrement entier" in d.message
    assert "{c.insee}" in (d.hint or "")


def test_cls204_conditions_must_be_booleans() -> None:
    text = rule_with(
        "applicable si nombre de territoire.communes",
        "inconnu si diagnostic",
        "exige signataires",
        "sinon si date_signature : « m »",
        "sauf si 1 : exige vrai",
    )
    found = diagnostics(text)
    assert [d.code for d in found] == ["CLS204"] * 5
    first, second, third, fourth, fifth = found
    assert where(first) == loc(text, "nombre de")
    assert "la condition de « applicable si »" in first.message
    assert first.hint == "comparez-le : nombre de territoire.communes >= 1"
    assert "« inconnu si »" in second.message
    assert "diagnostic est renseigné" in (second.hint or "")
    assert "« exige »" in third.message and "est une liste" in third.message
    assert "« sinon si »" in fourth.message
    assert "« sauf si »" in fifth.message


def test_cls204_checklist_items_and_quantifier_bodies_are_conditions() -> None:
    text = rule_with(
        "exige toutes ces conditions :",
        "  - diagnostic.auteur « pas de nom »",
        "  - pour chaque c de territoire.communes : c.nom",
    )
    first, second = diagnostics(text)
    assert "l'élément 1 de « toutes ces conditions »" in first.message
    assert "« pour chaque … : »" in second.message
    assert where(second) == loc(text, "c.nom")


def test_cls205_quantifier_over_a_non_list() -> None:
    text = rule_with("exige pour chaque v de diagnostic : vrai")
    d = only(text, "CLS205")
    assert where(d) == loc(text, "diagnostic")
    assert "« pour chaque » parcourt une liste" in d.message
    assert "un enregistrement Diagnostic" in d.message


def test_cls205_membership_needs_a_list() -> None:
    text = rule_with('exige "maire" dans diagnostic.auteur')
    assert "« dans » cherche dans une liste" in only(text, "CLS205").message


def test_cls206_sum_of_non_numbers() -> None:
    text = rule_with("exige somme de s.nom pour chaque s de signataires > 1")
    d = only(text, "CLS206")
    assert where(d) == loc(text, "s.nom")
    assert "« somme de » additionne des nombres" in d.message


def test_cls207_unknown_enumeration_value_suggests_the_spelling() -> None:
    text = rule_with('exige il existe un s de signataires où s.role = "prefet de police"')
    d = only(text, "CLS207")
    assert where(d) == loc(text, '"prefet de police"')
    assert "valeur « prefet de police » inconnue" in d.message
    assert (d.hint or "").startswith("vouliez-vous dire « prefet_de_police » ?")


def test_cls207_enumeration_values_in_list_literals_and_memberships() -> None:
    text = rule_with(
        'exige il existe un a de actions où a.theme dans ["police_proximite", "reponse_judicaire"]',
        '  et "prefet" dans signataires.role et "prefe" dans signataires.role',
    )
    first, second = diagnostics(text)
    assert (first.code, second.code) == ("CLS207", "CLS207")
    assert where(first) == loc(text, '"reponse_judicaire"')
    assert "« reponse_judiciaire »" in (first.hint or "")
    assert where(second) == loc(text, '"prefe"')


# ---------------------------------------------------------------- the catalogue and clauses


def test_cls220_unknown_requirement_id() -> None:
    text = HEADER.replace("SIG-01", "SIG-001") + "  exige vrai\n"
    d = only(text, "CLS220")
    assert where(d) == loc(text, "SIG-001")
    assert d.message == "exigence « SIG-001 » inconnue du catalogue"
    assert d.hint == "vouliez-vous dire « SIG-01 » ?"


def test_cls221_duplicate_requirement_across_files_points_at_the_first() -> None:
    sources = {"a.cls": rule_with("exige vrai"), "b.cls": rule_with("exige faux")}
    d = only(sources, "CLS221")
    assert where(d) == "b.cls:1:10"
    assert [(str(span), label) for span, label in d.related] == [
        ("a.cls:1:10", "première règle pour cette exigence")
    ]


def test_cls222_missing_exige() -> None:
    text = "exigence SIG-01 « Le préfet (à Paris, le préfet de police) est partie au contrat »\n"
    d = only(text + "  applicable si vrai\n", "CLS222")
    assert where(d) == "regles.cls:1:1"
    assert "« exige »" in d.message


def test_a_rule_needs_only_its_id_and_its_logic() -> None:
    rs = compile_text("exigence SIG-05\n  exige vrai\n")
    (rule,) = rs.rules
    sig05 = CATALOGUE.get("SIG-05")
    assert sig05 is not None
    assert (rule.title, rule.force, rule.in_force_from) == (
        sig05.titre,
        sig05.force,
        sig05.en_vigueur,
    )
    source = rule.source
    assert (source.quote, source.document, source.kind) == (
        sig05.citation,
        "circulaire du 7 juin 1999",
        "secondaire",
    )
    assert source.reference == sig05.reference and source.text == 1999


def test_cls223_repeated_clause_with_the_first_as_related() -> None:
    text = rule_with("applicable si vrai", "exige vrai", "applicable si faux", "exige faux")
    first, second = diagnostics(text)
    assert (first.code, second.code) == ("CLS223", "CLS223")
    assert where(first) == loc(text, "applicable si faux")
    assert "« applicable si » répétée" in first.message
    assert [str(s) for s, _ in first.related] == [loc(text, "applicable si vrai")]
    assert "sauf si" in (second.hint or "")


def test_cls223_sinon_si_after_the_final_sinon() -> None:
    text = rule_with("exige vrai", "sinon « a »", "sinon si faux : « b »")
    d = only(text, "CLS223")
    assert "ne serait jamais choisi" in d.message


def test_cls224_force_must_be_obligation_or_recommandation() -> None:
    text = HEADER.replace("force obligation", "force obligatoire") + "  exige vrai\n"
    d = only(text, "CLS224")
    assert where(d) == loc(text, "obligatoire")
    assert d.hint == "vouliez-vous dire « force obligation » ?"


def test_cls225_force_section_and_text_must_agree_with_the_catalogue() -> None:
    text = (
        HEADER.replace("force obligation", "force recommandation").replace(
            "I.1 de la circulaire de 1997", "I.2 de la circulaire de 1999"
        )
        + "  exige vrai\n"
    )
    found = diagnostics(text)
    assert [d.code for d in found] == ["CLS225"] * 3
    section, document, force = found
    assert where(section) == loc(text, "I.2")
    line = CATALOGUE.get("SIG-01").span.line  # type: ignore[union-attr]
    assert f"le catalogue (exigences.yaml:{line}) indique : section I.1 ;" in (section.hint or "")
    assert where(document) == loc(text, "circulaire de 1999")
    assert "source I.1 de la circulaire du 28 octobre 1997 « Les contrats" in (document.hint or "")
    assert where(force) == loc(text, "recommandation")
    assert (force.hint or "").startswith(
        f"le catalogue (exigences.yaml:{line}) indique : force obl"
    )


def test_cls225_title_quote_and_date_must_agree_with_the_catalogue() -> None:
    text = """exigence SIG-03 « Chaque maire signe »
  source I.2 de la circulaire du 28 octobre 1997 « chacun des maires signera »
  en vigueur à partir du 1999-06-15
  exige vrai
"""
    title, quote, date = diagnostics(text)
    assert (title.code, quote.code, date.code) == ("CLS225",) * 3
    assert where(title) == loc(text, "« Chaque maire signe »")
    assert title.message == "titre contraire au catalogue pour SIG-03"
    assert "« Chaque maire des communes couvertes signe le contrat »" in (title.hint or "")
    assert where(quote) == loc(text, "« chacun des maires signera »")
    assert "« Dans ce cas, chacun des maires concernés signera" in (quote.hint or "")
    assert date.message == "date d'entrée en vigueur 1999-06-15 contraire au catalogue pour SIG-03"
    assert "en vigueur à partir du 1997-10-30" in (date.hint or "")


def test_written_metadata_agrees_after_whitespace_and_nfc_normalisation() -> None:
    decomposed = "Chaque maire des communes couvertes signe le contrat"
    text = """exigence SIG-03 « Chaque   maire des communes
      couvertes signe le contrat »
  source I.2 de la circulaire de 1997
    « Dans ce cas, chacun des maires concernés signera le contrat intercommunal. »
  force obligation
  en vigueur à partir du 1997-10-30
  exige vrai
""".replace("concernés", "concerne\u0301s")
    (rule,) = compile_text(text).rules
    assert rule.title == decomposed


def test_cls225_sources_citing_other_texts_and_secondary_sources() -> None:
    text = """exigence SUI-05
  source IV-2 de la circulaire du 2 octobre 1998
  exige vrai

exigence PRI-03
  source I.3 de la circulaire de 1997 selon « ASH n° 2043 (résumé de la circulaire) »
  exige vrai
"""
    assert [(r.requirement, r.source.document_id) for r in compile_text(text).rules] == [
        ("PRI-03", "circulaire-1997"),  # in catalogue order
        ("SUI-05", "circulaire-1998"),
    ]
    wrong = """exigence SUI-05
  source IV-2 de la circulaire du 3 octobre 1998
  exige vrai

exigence SIG-03
  source I.2 de la circulaire de 1997 selon « ASH »
  exige vrai

exigence PRI-03
  source I.3 de la circulaire de 1997 selon « ASH n° 2195 »
  exige vrai

exigence SUI-03
  source III de la circulaire du 16 octobre 2000
  exige vrai
"""
    unknown, primary, reference, section = diagnostics(wrong)
    assert unknown.message == "texte « circulaire du 3 octobre 1998 » inconnu du catalogue"
    assert where(unknown) == loc(wrong, "circulaire du 3 octobre 1998")
    assert unknown.hint == "vouliez-vous dire « circulaire du 2 octobre 1998 » ?"
    assert primary.message == "source secondaire contraire au catalogue pour SIG-03"
    assert "source primaire" in (primary.hint or "")
    assert reference.message == "référence contraire au catalogue pour PRI-03"
    assert "« ASH n° 2043 (résumé de la circulaire) »" in (reference.hint or "")
    assert section.message == "section « III » contraire au catalogue pour SUI-03"
    assert "le texte est cité dans son ensemble" in (section.hint or "")


def test_cls225_section_comparison_ignores_accents() -> None:
    text = """exigence PRI-01
  source préambule de la circulaire de 1997
  exige vrai
"""
    assert compile_text(text).rules[0].source.section == "preambule"


# ---------------------------------------------------------------- definitions


def test_cls230_duplicate_and_colliding_definitions() -> None:
    text = "soit a = vrai\nsoit a = faux\n" + rule_with(
        "soit a = vrai", "soit b = 1", "soit b = 2", "exige a"
    )
    found = diagnostics(text)
    assert [d.code for d in found] == ["CLS230"] * 3
    duplicate, collision, local_duplicate = found
    assert where(duplicate) == "regles.cls:2:6"
    assert [str(s) for s, _ in duplicate.related] == ["regles.cls:1:6"]
    assert "définition partagée" in collision.message
    assert "en double dans l'exigence SIG-01" in local_duplicate.message


def test_cls231_cycle_is_reported_once_with_one_frame_per_link() -> None:
    text = "soit a = b\nsoit b = a\n" + rule_with("exige a")
    d = only(text, "CLS231")
    assert where(d) == "regles.cls:1:6"
    assert d.message == "définitions circulaires : a → b → a"
    assert [(str(s), label) for s, label in d.related] == [
        ("regles.cls:1:10", "« a » utilise « b »"),
        ("regles.cls:2:10", "« b » utilise « a »"),
    ]


def test_cls231_self_reference_and_local_cycles() -> None:
    text = "soit a = a et vrai\n" + rule_with("soit x = y + 1", "soit y = x", "exige x > 0 et a")
    first, second = diagnostics(text)
    assert first.message == "définition circulaire : « a » dépend d'elle-même"
    assert second.message == "définitions circulaires : x → y → x"


# ---------------------------------------------------------------- every error, everywhere


def test_every_error_of_every_file_is_reported_in_order() -> None:
    sources = {
        "b.cls": rule_with("exige signatares est renseigné", "sinon « {x} »"),
        "a.cls": "soit p = territoire.comunes\nsoit q = p + 1\n",
    }
    found = diagnostics(sources)
    assert [(d.span.file, d.code) for d in found] == [
        ("a.cls", "CLS201"),
        ("b.cls", "CLS202"),
        ("b.cls", "CLS202"),
    ]


def test_a_syntax_error_does_not_hide_static_errors_elsewhere() -> None:
    text = "exigence SIG-02 « Le procureur »\n  exige x ==\n" + rule_with(
        "exige nombre de territoire.comunes >= 1"
    )
    assert [d.code for d in diagnostics(text)] == ["CLS105", "CLS201"]


def test_names_defined_in_a_broken_piece_are_not_reported_again() -> None:
    text = "soit paris = (\n" + rule_with("exige paris")
    assert [d.code for d in diagnostics(text)] == ["CLS101"]


def test_a_word_processors_apostrophe_and_spaces_agree_with_the_catalogue() -> None:
    title = "Le partenariat est élargi au-delà de l’État et des communes"
    text = f"exigence SIG-05 «\u202f{title}\u202f»\n"
    (rule,) = compile_text(text + "  exige vrai\n").rules
    assert rule.title == "Le partenariat est élargi au-delà de l'État et des communes"


# ---------------------------------------------------------------- aucun: the contract has none


def _on_contract(text: str) -> tuple[Diagnostic, ...]:
    """The diagnostics of ``text`` checked against the contract's own model."""
    try:
        compile_rule_sources({"regles.cls": text}, CATALOGUE)
    except RuleFileError as error:
        return error.diagnostics
    return ()


def _only_on_contract(text: str, code: str) -> Diagnostic:
    (found,) = _on_contract(text)
    assert found.code == code, found
    return found


def test_aucun_compares_with_what_the_contract_may_not_have() -> None:
    assert not _on_contract(
        rule_with(
            "exige pour chaque a de actions : a.pilote != aucun et a.echeance != aucune",
            "sinon si a.pilote = aucun : « pas de pilote »",
        )
    )
    assert not _on_contract(rule_with("exige diagnostic != aucun et diagnostic.date != aucune"))
    # Read through an object the contract may not have, a number may be none too.
    assert not _on_contract(
        rule_with("exige il existe un o de objectifs_police_proximite où o.cible.valeur != aucune")
    )


def test_cls203_aucun_with_a_value_that_cannot_be_none() -> None:
    text = rule_with("exige ccpd.existe = aucun")
    d = _only_on_contract(text, "CLS203")
    assert where(d) == loc(text, "ccpd.existe = aucun")
    assert "« aucun » (le contrat n'en a pas)" in d.message
    assert "comparez à faux" in (d.hint or "")
    text = rule_with("exige duree_mois != aucune")
    assert "« aucun » se compare" in (_only_on_contract(text, "CLS203").hint or "")
    text = rule_with("exige signataires = aucun")
    assert "nombre de signataires = 0" in (_only_on_contract(text, "CLS203").hint or "")


def test_cls203_aucun_is_never_ordered() -> None:
    text = rule_with("exige diagnostic.date < aucune")
    assert where(_only_on_contract(text, "CLS203")) == loc(text, "diagnostic.date < aucune")


def test_cls203_an_empty_text_reads_aucun() -> None:
    text = rule_with('exige pour chaque p de priorites : p.constat != ""')
    d = _only_on_contract(text, "CLS203")
    assert where(d) == loc(text, '""')
    assert "un texte vide se lit « aucun »" in d.message
    assert d.hint == "écrivez : p.constat != aucun"


def test_cls203_faux_for_a_date_suggests_aucun() -> None:
    text = rule_with("exige diagnostic.date = faux")
    assert _only_on_contract(
        text, "CLS203"
    ).hint == "pour dire que le contrat n'en a pas, écrivez : " + ("diagnostic.date = aucun")
