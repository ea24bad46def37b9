"""Click's own words reach a reviewer in French."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cls_check.cli import main
from cls_check.cli_fr import PLURALS, TEXTS

ENGLISH = ("Usage:", "Error:", "Try '", "default:", "Show this message", "Invalid value")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--format", "nope", "x.yaml"),
        ("check",),
        ("nope",),
        ("check", "--jobs", "-3", "x.yaml"),
        ("rules", "show"),
        ("explain", "--at", "hier", "x.yaml", "SIG-01"),
    ],
)
def test_usage_errors_are_french(args: tuple[str, ...]) -> None:
    code, out = invoke(*args)
    assert code == 2
    assert "Utilisation :" in out and "Erreur :" in out
    assert not any(word in out for word in ENGLISH), out


@pytest.mark.parametrize(
    "command", [(), ("check",), ("rules",), ("rules", "test"), ("explain",), ("diff",)]
)
def test_every_help_is_french_with_examples(command: tuple[str, ...]) -> None:
    code, out = invoke(*command, "--help")
    assert code == 0
    assert "Utilisation :" in out and "Afficher cette aide et quitter." in out
    assert "Exemple" in out
    assert not any(word in out for word in ENGLISH), out


def test_the_messages_a_user_meets_are_all_translated() -> None:
    """Every message of click's parsing and help modules has its French here."""
    base = Path(click.__file__).parent
    missing = []
    for name in ("core", "exceptions", "formatting", "types", "parser"):
        for node in ast.walk(ast.parse((base / f"{name}.py").read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = tuple(a.value for a in node.args if isinstance(a, ast.Constant))
            if node.func.id == "_" and texts and texts[0] not in TEXTS:
                missing.append(texts[0])
            if node.func.id == "ngettext" and texts[:2] not in PLURALS:
                missing.append(texts[0])
    # Messages for programmers (wrong declarations), never shown to a user of this program.
    for_developers = [m for m in missing if "declaration" in m or "DeprecationWarning" in m
                      or "defined twice" in m or "Choice(" in m or "Boolean option" in m
                      or "No options defined" in m or "UUID" in m or "iterable" in m.lower()
                      or "values are required" in m or "Invalid start character" in m
                      or "Takes {nargs}" in m]  # fmt: skip
    assert sorted(set(missing) - set(for_developers)) == []
