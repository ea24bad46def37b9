"""The requirement catalogue: the bundled one loads; broken ones say where and why."""

from __future__ import annotations

import datetime

import pytest

from cls_check.dsl.catalogue import CatalogueError, parse_catalogue
from tests.dsl.conftest import CATALOGUE


def test_bundled_catalogue() -> None:
    assert len(CATALOGUE) == 40
    sig05 = CATALOGUE.get("SIG-05")
    assert sig05 is not None
    assert (sig05.theme, sig05.section, sig05.texte, sig05.force) == (
        "signataires",
        "1999",
        1999,
        "recommandation",
    )
    assert sig05.en_vigueur == datetime.date(1999, 6, 15)
    assert sig05.titre == "Le partenariat est élargi au-delà de l'État et des communes"
    assert "SIG-01" in CATALOGUE and "XYZ-01" not in CATALOGUE
    assert CATALOGUE.ids()[0] == "SIG-01"


def test_broken_catalogue_reports_each_problem_with_its_line() -> None:
    text = """exigences:
- id: AAA-01
  theme: t
  section: I.1
  texte: 1998
  force: forte
  en_vigueur: 1997-10-30
  titre: Titre
  citation: « c »
- id: AAA-02
  section: I.1
"""
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "cat.yaml")
    found = [(str(d.span), d.code, d.message) for d in caught.value.diagnostics]
    assert (
        "cat.yaml:5:10",
        "CLS250",
        "exigence « AAA-01 » : texte « 1998 » inconnu dans le catalogue",
    ) in found
    assert (
        "cat.yaml:6:10",
        "CLS250",
        "exigence « AAA-01 » : force « forte » inconnue dans le catalogue",
    ) in found
    assert any("« AAA-02 » sans champ « theme »" in message for _, _, message in found)


def test_invalid_yaml_and_duplicate_ids() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue("exigences: [\n", "cat.yaml")
    (d,) = caught.value.diagnostics
    assert d.message.startswith("le catalogue n'est pas un YAML valide")
    entry = """- id: A-01
  theme: t
  section: I.1
  texte: 1997
  force: obligation
  en_vigueur: 1997-10-30
  titre: T
  citation: C
"""
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue("exigences:\n" + entry + entry.replace("- id", "- id"), "cat.yaml")
    (d,) = caught.value.diagnostics
    assert "décrite deux fois" in d.message
    assert d.span.line == 10
