"""The questions that settle unknown findings: one per field of the format, in French."""

from __future__ import annotations

import json
import typing
from pathlib import Path

from click.testing import CliRunner
from pydantic import BaseModel

from cls_check import load_rules
from cls_check.cli import main
from cls_check.model.contract import Contract
from cls_check.report.questions import ITEM_NOUNS, QUESTIONS, question

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "fixtures" / "projet-debut.yaml"


def _models(annotation: object) -> list[tuple[type[BaseModel], bool]]:
    """The record classes inside an annotation, and whether each is a list's items."""
    found = []
    for member in typing.get_args(annotation) or (annotation,):
        is_list = typing.get_origin(member) is list
        for inner in typing.get_args(member) if is_list else (member,):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                found.append((inner, is_list))
    return found


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    paths = []
    for name, info in model.model_fields.items():
        paths.append(prefix + name)
        for inner, is_list in _models(info.annotation):
            paths += field_paths(inner, f"{prefix}{name}{'[]' if is_list else ''}.")
    return paths


def test_every_field_of_the_format_has_a_question_and_no_question_is_orphaned() -> None:
    paths = field_paths(Contract)
    assert set(QUESTIONS) == set(paths)
    lists = {path.split("[]")[0] for path in paths if "[]" in path}
    assert lists <= set(ITEM_NOUNS)
    assert all(text.endswith(" ?") for text in QUESTIONS.values())


def test_an_item_of_a_list_is_named_by_its_noun_and_rank() -> None:
    assert question("actions[1].pilote") == "Action n° 2 : Qui pilote l'action ?"
    assert question("diagnostic.date") == "Quelle est la date du diagnostic ?"
    assert question("moyens.agents_mediation[0].quartier").startswith("Agents de médiation")


def test_a_draft_report_carries_its_questions_by_theme_in_json() -> None:
    report = load_rules().check(DRAFT)
    questions = {q.path: q for q in report.questions}
    assert questions["diagnostic"].theme == "diagnostic"
    assert "DIA-01" in questions["diagnostic"].requirements
    unknown = {f.requirement for f in report.findings if f.verdict == "unknown"}
    asked = {r for q in report.questions for r in q.requirements}
    assert asked == unknown  # every unknown finding is settled by some question
    data = json.loads(report.to_json())
    assert data["questions"][0].keys() == {"theme", "path", "question", "requirements"}


def test_explain_prints_the_questions_of_an_unknown_finding() -> None:
    result = CliRunner().invoke(main, ["explain", str(DRAFT), "DIA-01"])
    assert result.exit_code == 0
    assert "verdict : inconnue" in result.output
    assert "? Un diagnostic local de sécurité a-t-il été établi ? (diagnostic)" in result.output
