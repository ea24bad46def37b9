"""The table of diagnostic codes: each code documented, produced by the front end, tested."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import cls_check
from cls_check import codes
from cls_check.codes import Code

PACKAGE = Path(cls_check.__file__).parent
CODES_MODULE = Path(codes.__file__)


def _documented() -> dict[str, str]:
    """Member name → the docstring written under it in codes.py."""
    (enum,) = [
        node
        for node in ast.parse(CODES_MODULE.read_text("utf-8")).body
        if isinstance(node, ast.ClassDef) and node.name == "Code"
    ]
    found: dict[str, str] = {}
    for statement, following in zip(enum.body, enum.body[1:], strict=False):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            (target,) = statement.targets
            assert isinstance(target, ast.Name)
            found[target.id] = following.value.value
    return found


def test_every_code_has_a_one_line_meaning() -> None:
    documented = _documented()
    assert set(documented) == {code.name for code in Code}
    for name, meaning in documented.items():
        assert meaning.strip() and "\n" not in meaning, name


def test_codes_are_stable_identifiers_shown_as_written() -> None:
    assert len({code.value for code in Code}) == len(Code)
    for code in Code:
        assert re.fullmatch(r"CLS[12]\d\d", code.value), code
        assert str(code) == f"{code}" == code.value


def test_every_code_is_produced_by_the_package_and_no_code_is_written_by_hand() -> None:
    sources = {
        module: module.read_text("utf-8")
        for module in PACKAGE.rglob("*.py")
        if module != CODES_MODULE
    }
    used = set()
    for module, text in sources.items():
        used |= set(re.findall(r"\bCode\.([A-Z_0-9]+)\b", text))
        assert not re.search(r"[\"']CLS\d{3}[\"']", text), f"{module}: a code as a string"
    assert used == {code.name for code in Code}


def test_every_code_is_met_by_a_test() -> None:
    tested = set()
    for test in Path(__file__).parent.glob("test_*.py"):
        if test != Path(__file__):
            text = test.read_text("utf-8")
            tested |= set(re.findall(r"CLS\d{3}", text))
            tested |= {Code[name] for name in re.findall(r"\bCode\.([A-Z_0-9]+)\b", text)}
    assert set(Code) <= tested, set(Code) - tested
