"""A plain ``pip install .`` must carry the rule files and the grammar inside the package:
a wheel built from the checkout holds them under ``cls_check/_data``."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_rules_grammar_and_type_marker(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("cls_check-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = {p.name for p in (ROOT / "rules").iterdir() if p.is_file()}
    assert {f"cls_check/_data/rules/{name}" for name in rule_files} <= names
    assert "cls_check/_data/grammar/cls.lark" in names
    assert "cls_check/py.typed" in names
    assert "cls_check/report/templates/report.html" in names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA")))
    # `cls-check rules test` reads the scenarios without pytest.
    assert "Requires-Dist: gherkin-official" in metadata.decode()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "cls-check = cls_check.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()
