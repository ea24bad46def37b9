"""The requirement catalogue: the bundled one loads; broken ones say where and why."""

from __future__ import annotations

import datetime

import pytest
import yaml

from cls_check.dsl.catalogue import CatalogueError, parse_catalogue
from cls_check.resources import rules_dir
from tests.dsl.conftest import CATALOGUE

ENTRY = """- id: {id}
  theme: t
  section: I.1
  texte: {texte}
  force: obligation
  source: {source}
  en_vigueur: 1997-10-30
  titre: Titre
  citation: C
"""


def entry(id: str = "AB-01", texte: str = "1997", source: str = "primaire") -> str:
    return ENTRY.format(id=id, texte=texte, source=source)


def problems(text: str) -> list[tuple[str, str, str]]:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "cat.yaml")
    return [(str(d.span), d.code, d.message) for d in caught.value.diagnostics]


def test_bundled_catalogue() -> None:
    listed = yaml.safe_load((rules_dir() / "exigences.yaml").read_text("utf-8"))["exigences"]
    assert CATALOGUE.ids() == tuple(item["id"] for item in listed)
    sig05 = CATALOGUE.get("SIG-05")
    assert sig05 is not None
    assert (sig05.theme, sig05.section, sig05.year, sig05.force) == (
        "signataires",
        "",
        1999,
        "recommandation",
    )
    assert sig05.document.name == "circulaire du 7 juin 1999"
    assert sig05.en_vigueur == datetime.date(1999, 6, 15)
    assert sig05.titre == "Le partenariat est élargi au-delà de l'État et des communes"
    assert "SIG-01" in CATALOGUE and "XYZ-01" not in CATALOGUE
    assert CATALOGUE.ids()[0] == "SIG-01"


def test_every_secondary_citation_names_where_it_comes_from() -> None:
    for exigence in CATALOGUE:
        assert (exigence.source == "secondaire") == (exigence.reference is not None)


def test_citations_fixed_against_the_recovered_texts() -> None:
    sui03 = CATALOGUE.get("SUI-03")
    assert sui03 is not None
    assert (sui03.document.id, sui03.section, sui03.source) == ("circulaire-2000", "", "secondaire")
    assert sui03.reference is not None and "ASH n° 2195" in sui03.reference
    sui04 = CATALOGUE.get("SUI-04")
    assert sui04 is not None and sui04.document.id == "circulaire-1999" and not sui04.section
    assert sui04.reference is not None and "5 octobre 2000" in sui04.reference
    pri03, prx04 = CATALOGUE.get("PRI-03"), CATALOGUE.get("PRX-04")
    assert pri03 is not None and pri03.reference is not None and "ASH n° 2043" in pri03.reference
    assert prx04 is not None and prx04.source == "secondaire"
    sui05 = CATALOGUE.get("SUI-05")
    assert sui05 is not None and (sui05.document.id, sui05.section) == ("circulaire-1998", "IV-2")


def test_texts_are_declared_and_named() -> None:
    text = (
        """textes:
  decret-1997-1007:
    nom: décret n° 97-1007 du 30 octobre 1997
    date: 1997-10-30
    aussi: [décret n° 97-1007]
exigences:
"""
        + entry(texte="decret-1997-1007")
        + entry("AB-02", texte="1999")
    )
    catalogue = parse_catalogue(text)
    first, second = catalogue
    assert first.document.name == "décret n° 97-1007 du 30 octobre 1997"
    assert second.document.id == "circulaire-1999"  # 1997 and 1999 name the circulars
    assert catalogue.document_named("Décret  N° 97-1007") is first.document
    assert catalogue.document_named("circulaire de 1997") is not None
    assert catalogue.document_named("circulaire de 1998") is None


def test_broken_catalogue_reports_each_problem_with_its_line() -> None:
    text = """exigences:
- id: AAA-01
  theme: t
  section: I.1
  texte: 1998
  force: forte
  source: primaire
  en_vigueur: 1997-10-30
  titre: Titre
  citation: « c »
- id: AAA-02
  section: I.1
"""
    found = problems(text)
    assert (
        "cat.yaml:6:10",
        "CLS250",
        "exigence « AAA-01 » : force « forte » inconnue dans le catalogue",
    ) in found
    assert any("« AAA-02 » sans champ « theme »" in message for _, _, message in found)
    # Once the fields are right, the text is checked against the declared texts.
    fixed = text.replace("force: forte", "force: obligation").split("- id: AAA-02")[0]
    assert problems(fixed) == [
        (
            "cat.yaml:5:10",
            "CLS250",
            "exigence « AAA-01 » : texte « 1998 » inconnu dans le catalogue",
        )
    ]


def test_unknown_field_secondary_source_and_bad_date() -> None:
    text = "exigences:\n" + entry(source="secondaire").replace("titre:", "titer:")
    found = problems(text.replace("1997-10-30", "30/10/1997"))
    messages = [message for _, _, message in found]
    assert "exigence « AB-01 » : champ « titer » inconnu dans le catalogue" in messages
    assert any(
        m.startswith("exigence « AB-01 » : date « 30/10/1997 » incorrecte") for m in messages
    )
    only_reference = problems(text.replace("titer:", "titre:"))
    assert only_reference == [
        ("cat.yaml:7:11", "CLS250", "exigence « AB-01 » : source secondaire sans « reference »")
    ]


def test_invalid_yaml_and_duplicate_ids() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue("exigences: [\n", "cat.yaml")
    (d,) = caught.value.diagnostics
    assert d.message.startswith("le catalogue n'est pas un YAML valide")
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue("exigences:\n" + entry() + entry(), "cat.yaml")
    (d,) = caught.value.diagnostics
    assert "décrite deux fois" in d.message
    assert d.span.line == 11


@pytest.mark.parametrize("text", ["", "exigences: 3\n", "- id: AB-01\n", "exigence:\n- id: A\n"])
def test_a_catalogue_without_its_list_of_requirements(text: str) -> None:
    found = problems(text)
    assert found and all(code == "CLS250" for _, code, _ in found)
