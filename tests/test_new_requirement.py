"""A new requirement lands as data: a catalogue entry, its rule (and its scenarios), no code.

The test copies the bundled rule folder, adds one requirement that cites a text other than
the two circulars, and checks that every interface reports it; then that a catalogue entry
without its rule, and a folder without rules, are errors rather than an empty rule set.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cls_check
from cls_check.cli import main
from cls_check.dsl import load_catalogue
from cls_check.dsl.catalogue import CATALOGUE_FILE
from cls_check.resources import rules_dir
from cls_check.specs import covered_verdicts

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "contrat-exemple.yaml"

ENTRY = """
- id: SCO-01
  theme: scolaire
  texte: circulaire-1998
  section: IV-2
  force: recommandation
  source: primaire
  en_vigueur: 1998-10-02
  titre: La sécurité des établissements scolaires est prise en compte
  citation: "afin de faire prendre en compte la priorité qui s'attache à garantir ou à
    restaurer la sécurité dans les établissements et leur environnement"
  verification: Le diagnostic chiffre les incidents recensés par les établissements scolaires.
"""

RULE = """# Une exigence ajoutée sans toucher au code : l'identifiant et la logique suffisent.
exigence SCO-01
  source IV-2 de la circulaire du 2 octobre 1998
  exige diagnostic.donnees_quantitatives.incidents_scolaires est renseigné
  sinon « Le diagnostic ne dit rien des incidents scolaires. »
"""

FEATURE = """# language: fr
Fonctionnalité: La sécurité des établissements scolaires

  Scénario: SCO-01 satisfaite
    Soit le contrat de référence
    Alors l'exigence SCO-01 est satisfaite

  Scénario: SCO-01 violée
    Soit le contrat de référence
    Quand le champ « diagnostic.donnees_quantitatives.incidents_scolaires » est absent
    Alors l'exigence SCO-01 est violée
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    rules = tmp_path / "regles"
    shutil.copytree(rules_dir(), rules)
    catalogue = rules / CATALOGUE_FILE
    catalogue.write_text(catalogue.read_text("utf-8") + ENTRY, encoding="utf-8")
    (rules / "scolaire.cls").write_text(RULE, encoding="utf-8")
    return rules


def test_a_new_requirement_is_loaded_and_reported_without_code(folder: Path) -> None:
    catalogue = load_catalogue(folder / CATALOGUE_FILE)
    rules = cls_check.load_rules(folder)
    assert [rule.requirement for rule in rules.rules] == list(catalogue.ids())
    # Signed on 14 May 1998: before the text the requirement comes from.
    before = rules.check(EXAMPLE).finding("SCO-01")
    assert before.verdict == "not_applicable"
    assert "(circulaire du 2 octobre 1998) s'applique aux contrats signés à partir du" in (
        before.message
    )
    record = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    record["date_signature"] = datetime.date(1999, 1, 15)
    finding = rules.check(record, at=datetime.date(1999, 2, 1)).finding("SCO-01")
    assert finding.title == "La sécurité des établissements scolaires est prise en compte"
    assert (finding.force, finding.verdict) == ("recommandation", "satisfied")
    source = finding.source
    assert (source.document, source.document_id, source.text, source.kind) == (
        "circulaire du 2 octobre 1998",
        "circulaire-1998",
        1998,
        "primaire",
    )
    code, out, _ = invoke("check", str(EXAMPLE), "--rules", str(folder), "-f", "json")
    findings = json.loads(out)["contracts"][0]["findings"]
    assert [f["requirement"] for f in findings] == list(catalogue.ids())
    code, out, _ = invoke("check", str(EXAMPLE), "--rules", str(folder), "--no-color")
    assert "Scolaire" in out
    code, out, _ = invoke("rules", "lint", "--rules", str(folder))
    assert code == 0


def test_the_scenarios_of_a_new_requirement_are_read_without_code(tmp_path: Path) -> None:
    (tmp_path / "scolaire.feature").write_text(FEATURE, encoding="utf-8")
    assert covered_verdicts(tmp_path) == {"SCO-01": frozenset({"satisfied", "violated"})}


def test_a_catalogue_entry_without_its_rule_fails_lint(folder: Path) -> None:
    (folder / "scolaire.cls").unlink()
    code, _, err = invoke("rules", "lint", "--rules", str(folder))
    assert code == 2
    line = (folder / CATALOGUE_FILE).read_text("utf-8").splitlines().index("- id: SCO-01") + 1
    assert f"{CATALOGUE_FILE}:{line}:3: CLS226 exigence « SCO-01 » du catalogue sans règle" in err


def test_a_rule_that_contradicts_the_catalogue_fails_lint(folder: Path) -> None:
    (folder / "scolaire.cls").write_text(
        RULE.replace("IV-2 de la circulaire du 2 octobre 1998", "IV-2 de la circulaire de 1997"),
        encoding="utf-8",
    )
    code, _, err = invoke("rules", "lint", "--rules", str(folder))
    assert code == 2
    assert "CLS225 texte « circulaire de 1997 » contraire au catalogue pour SCO-01" in err
    assert "source IV-2 de la circulaire du 2 octobre 1998" in err


def test_an_empty_rule_folder_is_an_error_not_an_empty_rule_set(tmp_path: Path) -> None:
    code, out, err = invoke("check", str(EXAMPLE), "--rules", str(tmp_path))
    assert code == 2 and "conforme" not in out
    assert "aucun fichier de règles" in err
    code, out, err = invoke("rules", "lint", "--rules", str(tmp_path))
    assert code == 2 and "0 règles" not in out
