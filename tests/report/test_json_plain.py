"""The JSON of a contract written from plain data by orjson is pydantic's, byte for byte.

A batch renders each contract's JSON entry from its plain check (:func:`json_format.rendered`)
without building the report model; the library's :meth:`ContractReport.to_json` serialises
the model. Both must give the same bytes, for every record a reviewer could give: generated
records (any text, numbers beyond 64 bits, dates of any year), every fixture under several
dates of the check, and waived findings.
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cls_check import load_rules
from cls_check.model import load_record
from cls_check.report import json_format
from cls_check.report.model import ContractReport, Waiver
from cls_check.report.result import ContractResult
from cls_check.waivers import apply
from tests.model.test_loader_properties import RECORDS, SETTINGS

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.yaml"))
TODAY = datetime.date(2026, 11, 25)
AT_DATES = (None, datetime.date(1998, 5, 14), datetime.date(1999, 6, 15), datetime.date(2031, 1, 1))
check_dates = st.none() | st.dates() | st.sampled_from(AT_DATES[1:])


def assert_same_json(result: ContractResult) -> None:
    model = ContractReport.of(result)
    expected = model.model_dump_json(indent=2).encode()
    assert json_format.contract_json(result) == expected
    # The entry a worker sends back is the model's entry in the whole report.
    head = load_rules().report((model,), checked_at=TODAY).to_json().encode()
    entry = json_format.rendered(result).json
    assert b"\n    " + entry + b"\n  ]" in head


@SETTINGS
@given(RECORDS, check_dates)
def test_generated_records_give_pydantic_json(record: dict[str, Any], at: datetime.date) -> None:
    assert_same_json(load_rules().evaluate(record, at=at, today=TODAY))


@pytest.mark.parametrize("at", AT_DATES, ids=str)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixtures_give_pydantic_json(path: Path, at: datetime.date | None) -> None:
    rules = load_rules()
    result = rules.evaluate(path, at=at, today=TODAY)
    assert_same_json(result)
    assert rules.check(path, at=at, today=TODAY).to_json() == ContractReport.of(result).to_json()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_waived_findings_give_pydantic_json(path: Path) -> None:
    """Every gap of the fixture waived, half of the waivers with an end date."""
    result = load_rules().evaluate(path, today=TODAY)
    waivers = tuple(
        Waiver(
            requirement=finding.requirement,
            contract=result.id or "",
            justification="Accord du préfet « sous réserve »\n\u00e9\u0301",
            author="Préfecture",
            date=datetime.date(1998, 3, 10),
            expires=datetime.date(2030, 1, 1) if index % 2 else None,
        )
        for index, finding in enumerate(result.findings)
        if finding.verdict in {"violated", "unknown"}
    )
    waived = apply(result, waivers, TODAY)
    if result.id is not None and waivers:
        assert any(f.waiver is not None for f in waived.findings)
    assert_same_json(waived)


@pytest.mark.parametrize("value", [10**30, 2**64, 2**63, 1e300, 0.1, 5e-324, 1e16], ids=repr)
def test_numbers_the_record_gives_are_written_as_pydantic_writes_them(value: float) -> None:
    """Integers beyond 64 bits, which orjson refuses, and floats of every magnitude."""
    record: dict[str, Any] = copy.deepcopy(_fixture_data(FIXTURES[0]))
    record.setdefault("diagnostic", {}).setdefault("donnees_quantitatives", {})
    record["diagnostic"]["donnees_quantitatives"]["incidents_scolaires"] = value
    record["diagnostic"]["donnees_quantitatives"]["delinquance"] = value
    result = load_rules().evaluate(record, today=TODAY)
    values = [e.value for f in result.findings for e in f.evidence]
    assert value in values, "the number must reach the evidence of the report"
    assert_same_json(result)


def _fixture_data(path: Path) -> dict[str, Any]:
    return load_record(path).contract.model_dump(exclude_unset=True)


def test_a_json_batch_builds_no_report_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """``check -f json`` writes each contract from its plain data: no contract report model
    is built (the library's ``RuleSet.check`` is not on its path), and the report is the
    one the models would give."""
    from click.testing import CliRunner

    from cls_check.cli import main
    from cls_check.report import model

    folder = [str(p) for p in FIXTURES[:4]]
    args = ["check", *folder, "-f", "json", "--at", "2001-01-01"]
    expected = load_rules().report(
        tuple(load_rules().check(p, at=datetime.date(2001, 1, 1)) for p in FIXTURES[:4]),
        checked_at=datetime.date(2001, 1, 1),
    )

    def refused(*_args: object) -> None:
        raise AssertionError("a report model was built")

    monkeypatch.setattr(model, "_finding", refused)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # the fixtures have gaps, and nothing failed
    contracts = json.loads(result.stdout)["contracts"]
    assert contracts == json.loads(expected.to_json())["contracts"]
