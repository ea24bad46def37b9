"""Golden files: the sample report in every format, compared byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 python -m pytest tests/report``
and review the diff of ``tests/report/golden/`` like code.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from cls_check.report import FORMATS, render
from cls_check.report.model import Report

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "csv": "csv",
    "csv-contracts": "contracts.csv",
    "sarif": "sarif",
    "junit": "junit.xml",
}


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile="rendered",
            )
        )
        pytest.fail(f"{name} differs from its golden file (UPDATE_GOLDEN=1 to accept):\n{diff}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_matches_golden(sample: Report, fmt: str) -> None:
    assert_golden(f"sample.{EXTENSIONS[fmt]}", render(sample, fmt))


def test_every_format_has_a_golden_extension() -> None:
    assert set(EXTENSIONS) == set(FORMATS)
