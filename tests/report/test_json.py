"""The JSON report is the model's own serialisation and reads back to the same report."""

from __future__ import annotations

import json
from collections.abc import Iterator

from cls_check.report import json_format, render
from cls_check.report.model import ContractReport, Report
from tests.report.samples import JSON_FINDING_KEYS


def test_json_is_exactly_the_model_serialisation(sample: Report) -> None:
    assert render(sample, "json") == sample.to_json()


def test_json_round_trips(sample: Report, hostile: Report, empty: Report) -> None:
    for report in (sample, hostile, empty):
        out = render(report, "json")
        back = Report.model_validate_json(out)
        assert back.to_json() == out
        assert back.model_dump() == report.model_dump()  # equal but for the in-process theme


def test_json_keys_are_those_of_the_documented_interface(sample: Report) -> None:
    data = json.loads(render(sample, "json"))
    assert list(data) == [
        "tool",
        "rules",
        "checked_at",
        "contracts",
        "errors",
        "ignored",
        "waivers",
    ]
    assert list(data["waivers"]) == ["applied", "expired", "orphaned"]
    assert data["checked_at"] == "2026-03-01"
    contract = data["contracts"][1]
    assert {"file", "id", "status", "summary", "findings"} <= set(contract)
    finding = contract["findings"][0]
    assert set(finding) == JSON_FINDING_KEYS
    assert "theme" not in finding
    assert set(data["errors"][0]["problems"][0]) >= {"path", "line", "message"}


def test_equal_reports_give_identical_bytes(sample: Report) -> None:
    from . import samples

    assert render(samples.sample_report(), "json") == render(sample, "json")


def test_streamed_json_is_byte_identical(sample: Report, hostile: Report, empty: Report) -> None:
    for report in (sample, hostile, empty):
        pieces = json_format.stream(report, report.contracts, lambda r=report: r.errors)
        assert b"".join(pieces).decode() == report.to_json()


def test_streaming_reads_the_errors_after_the_contracts(sample: Report) -> None:
    errors: list[object] = []

    def contracts() -> Iterator[ContractReport]:
        yield from sample.contracts
        errors.extend(sample.errors)  # known only at the end of the batch

    pieces = json_format.stream(sample, contracts(), lambda: sample.errors if errors else ())
    assert b"".join(pieces).decode() == sample.to_json()
