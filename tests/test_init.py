"""``cls-check init``: a commented record template that a reviewer fills in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from cls_check.cli import main
from cls_check.model import load_record, record_from_text
from cls_check.model.reference import objects
from cls_check.model.template import record_template


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_template_goes_to_standard_output_without_a_file() -> None:
    code, out, _ = invoke("init")
    assert code == 0
    assert out == record_template()
    assert out.startswith("# Contrat local de sécurité")
    assert "\nformat: cls/1\n" in out and "\nsignataires: null\n" in out


def test_the_template_is_written_to_a_file_and_never_over_one(tmp_path: Path) -> None:
    target = tmp_path / "contrat.yaml"
    assert invoke("init", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == record_template()

    target.write_text("id: mon-contrat\n", encoding="utf-8")
    code, out, err = invoke("init", str(target))
    assert code == 2 and out == ""
    assert "existe déjà" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "id: mon-contrat\n"

    assert invoke("init", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8") == record_template()


def test_the_template_is_an_empty_draft_that_says_nothing(tmp_path: Path) -> None:
    template = tmp_path / "modele.yaml"
    template.write_text(record_template(), encoding="utf-8")
    empty = tmp_path / "vide.yaml"
    empty.write_text("{}\n", encoding="utf-8")
    reports = []
    for path in (template, empty):
        code, out, _ = invoke("check", str(path), "-f", "json", "--at", "2001-01-01")
        assert code == 0
        (contract,) = json.loads(out)["contracts"]
        assert contract["status"] == "incomplet" and contract["warnings"] == []
        reports.append({f["requirement"]: f["verdict"] for f in contract["findings"]})
    assert reports[0] == reports[1]


def uncommented(template: str) -> str:
    """The template with the item shown under each list written out: ``key: null`` then
    lines ``<margin>#  …`` become ``key:`` and ``<margin>  …``."""
    lines = template.splitlines()
    out: list[str] = []
    margin: str | None = None
    for line in lines:
        if margin is not None and line.startswith(margin + "#  "):
            out.append(margin + line[len(margin) + 1 :])
            continue
        margin = None
        match = re.fullmatch(r"( *)(\w+): null", line)
        if match is not None and lines[len(out) + 1 : len(out) + 2] == [match[1] + "#  -"]:
            margin = match[1]
            line = f"{margin}{match[2]}:"
        out.append(line)
    return "\n".join(out) + "\n"


def paths_of(data: Any, prefix: str = "") -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | paths_of(value, path)
    elif isinstance(data, list):
        for item in data:
            found |= paths_of(item, prefix + "[]")
    return found


def test_every_field_is_in_the_template_and_the_items_shown_fit_the_format() -> None:
    filled = uncommented(record_template())
    loaded = record_from_text(filled, "rempli.yaml")
    assert loaded.warnings == ()
    signataires = loaded.contract.signataires
    assert signataires is not None and len(signataires) == 1
    expected = {field.path for obj in objects() for field in obj.fields}
    assert paths_of(yaml.safe_load(filled)) == expected
    assert load_record(yaml.safe_load(filled)).contract == loaded.contract


def test_each_field_is_commented_with_its_type_and_values() -> None:
    template = record_template()
    assert re.search(r"\n# Valeur énumérée : projet, signe\b[^\n]*\nstatut: null\n", template)
    assert "# Booléen ; false : non.\ncontrat_de_ville: null" in template
    assert "  # Liste d'objets ; [] : aucun.\n  communes: null" in template
    assert "#    # Code INSEE (texte).\n  #    insee: null" in template
    assert all(len(line) <= 100 for line in template.splitlines())
