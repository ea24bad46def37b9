"""The dispatcher: every format, deterministic, unknown formats refused."""

from __future__ import annotations

import pytest

from cls_check.report import FORMATS, render
from cls_check.report.model import Report

from . import samples


def test_formats() -> None:
    assert FORMATS == ("text", "json", "markdown", "html", "csv", "csv-contracts", "sarif", "junit")


@pytest.mark.parametrize("fmt", FORMATS)
def test_deterministic(fmt: str) -> None:
    assert render(samples.sample_report(), fmt) == render(samples.sample_report(), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_sample_renders(fmt: str, sample: Report, hostile: Report, empty: Report) -> None:
    for report in (sample, hostile, empty):
        assert render(report, fmt).endswith("\n")


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "csv"])
def test_color_only_affects_text(fmt: str, sample: Report) -> None:
    assert render(sample, fmt, color=True) == render(sample, fmt)


def test_unknown_format_is_refused(sample: Report) -> None:
    with pytest.raises(ValueError, match="format de rapport inconnu : 'pdf'"):
        render(sample, "pdf")
