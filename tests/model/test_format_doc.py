"""docs/format.md, the record format for the people who write records: generated parts
equal to the model, examples that load as they say."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from cls_check.errors import RecordError
from cls_check.model import Contract, record_from_text
from cls_check.model.format_doc import COMMAND, field_reference, regenerate
from cls_check.model.reference import objects

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "format.md"
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.DOTALL | re.MULTILINE)


def blocks(info: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return [m["body"] for m in FENCE.finditer(text) if m["info"] == info]


def test_the_documentation_is_what_the_model_says() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert regenerate(text, REPO) == text, f"docs/format.md is out of date: run {COMMAND}"


def test_every_field_of_the_model_is_documented_with_its_description() -> None:
    reference = field_reference()
    described = [field for obj in objects() for field in obj.fields]
    assert len(described) > 100
    for field in described:
        assert f"| `{field.path}` |" in reference, field.path
        assert field.description in reference, field.path
    assert "| `signataires[].role` | valeur énumérée | `prefet`, `prefet_de_police`," in reference
    assert "| `suivi.comite_pilotage.reunions` | liste de dates |" in reference
    assert "`diagnostic.donnees_quantitatives.victimes` | nombre | — | `false` admis |" in reference
    assert "| `territoire.communes[].insee` | code INSEE (texte) |" in reference


class _Sample(BaseModel):
    """Un objet d'essai."""

    echeance: dt.date | Literal[False] | None = Field(default=None, description="Échéance.")
    pilote: Literal["police", "justice"] | Literal[False] | None = Field(
        default=None, description="Pilote."
    )
    date: dt.date | None = Field(default=None, description="Date.")
    domaine: Literal["a", "b", False] | None = Field(default=None, description="Domaine.")


def test_false_is_shown_for_exactly_the_fields_whose_annotation_admits_it() -> None:
    (sample,) = objects(_Sample)
    fields = {field.name: field for field in sample.fields}
    assert fields["echeance"].kind == "date" and fields["echeance"].known_none == ("false", "admis")
    assert fields["pilote"].values == ("police", "justice")
    assert fields["pilote"].known_none == ("false", "admis")
    assert fields["date"].known_none is None
    assert fields["domaine"].values == ("a", "b")
    assert fields["domaine"].known_none == ("false", "admis")


def test_a_generated_part_edited_by_hand_is_written_again() -> None:
    text = DOC.read_text(encoding="utf-8")
    edited = text.replace("| `statut` | valeur énumérée |", "| `statut` | texte |")
    assert edited != text
    assert regenerate(edited, REPO) == text


def test_the_generated_parts_must_have_their_place() -> None:
    text = DOC.read_text(encoding="utf-8")
    without = re.sub(r"<!-- début du texte généré « exemple ».*?-->\n", "", text)
    with pytest.raises(ValueError, match="missing"):
        regenerate(without, REPO)


def test_the_yaml_examples_load_without_warnings() -> None:
    examples = blocks("yaml")
    assert len(examples) >= 4
    for example in examples:
        loaded = record_from_text(example, "exemple.yaml")
        assert loaded.warnings == (), example
        assert loaded.contract != Contract() or example.strip() == "{}"


def test_the_invalid_examples_give_the_errors_shown() -> None:
    invalid = blocks("yaml invalide")
    assert len(invalid) >= 2
    for example in invalid:
        with pytest.raises(RecordError):
            record_from_text(example, "exemple.yaml")
    with pytest.raises(RecordError) as caught:
        record_from_text(invalid[0], "exemple.yaml")
    (shown,) = blocks("text")
    lines = re.findall(r"^ligne (\d+)  (\S+) : (.*)\n +aide : (.*)$", shown, re.MULTILINE)
    problems = caught.value.problems
    assert len(lines) == len(problems)
    for (line, path, message, hint), problem in zip(lines, problems, strict=True):
        assert (int(line), path, hint) == (problem.line, problem.path, problem.hint)
        assert problem.message.startswith(message.removesuffix("…")), problem.message
