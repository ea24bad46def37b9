"""The pipeline shows in the imports: no module imports a layer above its own.

From the bottom: the words and data every layer shares (``vocab``, ``codes``, ``errors``,
``dates``, ``values``, ``findings``…); the IR and the record model; then the three that
work on them side by side — the rule-language front end (``dsl``: rule files → IR), the
engines (IR × record → findings) and the renderers (``report``: findings → documents);
then what orchestrates them (``pipeline``, ``ruleset``, ``api``, ``batch``, ``cli``…),
which may import anything. Every import counts, those inside functions too: a lazy import
is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cls_check

PACKAGE = Path(cls_check.__file__).resolve().parent

FOUNDATION = frozenset(
    {"vocab", "codes", "errors", "dates", "values", "findings", "suggest", "terminal", "resources"}
)
#: What each layer may import besides itself and the foundation.
ALLOWED: dict[str, frozenset[str]] = {
    **{unit: frozenset() for unit in FOUNDATION},
    "ir": frozenset(),
    "model": frozenset(),
    "dsl": frozenset({"ir", "model"}),
    "engine": frozenset({"ir", "model"}),
    # Renderers read what the front end gives (the report of ``rules lint``) and colour
    # rule text with the rule language's lexer; they never run the front end.
    "report": frozenset({"ir", "model", "dsl", "highlight"}),
    "highlight": frozenset(),
}


def _unit(module: str) -> str:
    """``cls_check.report.html`` → ``report``; ``cls_check.api`` → ``api``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "cls_check":
                found += [(node.lineno, f"cls_check.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("cls_check.")]


def _violations(package: Path) -> list[str]:
    wrong: list[str] = []
    for path in sorted(package.rglob("*.py")):
        module = ".".join(("cls_check", *path.relative_to(package).with_suffix("").parts))
        unit = _unit(module.removesuffix(".__init__"))
        if unit not in ALLOWED:
            continue  # orchestration: may import anything
        allowed = ALLOWED[unit] | FOUNDATION | {unit}
        for line, name in _imports(path):
            target = _unit(name)
            if target not in allowed and target != "__version__":
                wrong.append(f"{path.relative_to(package.parent)}:{line}: {unit} → {name}")
    return wrong


def test_no_import_runs_upward() -> None:
    assert _violations(PACKAGE) == []


@pytest.mark.parametrize(
    ("module", "statement"),
    [
        ("engine/python.py", "from cls_check.report.model import Finding"),
        ("report/html.py", "    from cls_check.engine.values import french_date"),
        ("ir/nodes.py", "import cls_check.dsl.ast"),
        ("values.py", "from cls_check import report"),
    ],
)
def test_an_upward_import_is_named_with_its_line(
    tmp_path: Path, module: str, statement: str
) -> None:
    package = tmp_path / "cls_check"
    target = package / module
    target.parent.mkdir(parents=True)
    target.write_text(f"def f() -> None:\n    pass\n\n{statement.strip()}\n", encoding="utf-8")
    (found,) = _violations(package)
    assert found.startswith(f"cls_check/{module}:4: ")
