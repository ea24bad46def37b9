"""The library interface a drafting tool relies on: typed, cached, thread-safe, honest."""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

import cls_check
from cls_check.dsl import load_catalogue
from cls_check.dsl.catalogue import CATALOGUE_FILE
from cls_check.model import load_record
from cls_check.resources import rules_dir

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "contrat-exemple.yaml"
AT = datetime.date(2001, 1, 1)


def example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def test_rules_are_loaded_once() -> None:
    assert cls_check.load_rules() is cls_check.load_rules()


def test_every_kind_of_record_gives_the_same_report() -> None:
    rules = cls_check.load_rules()
    reports = [
        rules.check(source, at=AT, name="x")
        for source in (example(), str(EXAMPLE), EXAMPLE, load_record(EXAMPLE).contract)
    ]
    assert all(r.findings == reports[0].findings for r in reports)


def test_reference_record_has_complete_findings() -> None:
    report = cls_check.load_rules().check(EXAMPLE, at=AT)
    catalogue = load_catalogue(rules_dir() / CATALOGUE_FILE)
    assert tuple(f.requirement for f in report.findings) == catalogue.ids()
    for finding in report.findings:
        exigence = catalogue.get(finding.requirement)
        assert exigence is not None and finding.rule.endswith(finding.requirement)
        assert (finding.force, finding.title) == (exigence.force, exigence.titre)
        source = finding.source
        assert (source.quote, source.document, source.text) == (
            exigence.citation,
            exigence.document.name,
            exigence.year,
        )
        assert (source.kind == "secondaire") == (source.reference is not None)
        if finding.verdict in ("violated", "unknown", "not_applicable"):
            assert finding.message


def test_missing_signatories_are_unknown_not_a_verdict() -> None:
    record = example()
    del record["signataires"]
    finding = cls_check.load_rules().check(record, at=AT).finding("SIG-01")
    assert finding.verdict == "unknown"
    assert "signataires" in finding.message


def test_invalid_record_raises_with_every_problem() -> None:
    record = example()
    record["signataires"][0]["role"] = "préfet"
    record["date_signature"] = "14/05/1998"
    with pytest.raises(cls_check.RecordError) as raised:
        cls_check.load_rules().check(record)
    paths = {p.path for p in raised.value.problems}
    assert {"signataires[0].role", "date_signature"} <= paths


def test_texts_in_force_at_the_signature_apply_whatever_the_check_date() -> None:
    rules = cls_check.load_rules()
    for at in (None, datetime.date(2001, 1, 1)):
        signed_1998 = rules.check(EXAMPLE, at=at).finding("SUI-04")
        assert signed_1998.verdict == "not_applicable"
        assert "1999" in signed_1998.message


def test_a_draft_is_held_to_the_texts_in_force_at_the_check_date() -> None:
    rules = cls_check.load_rules()
    draft = {**example(), "statut": "projet", "date_signature": None}
    assert rules.check(draft, at=datetime.date(1998, 1, 1)).finding("SUI-04").verdict == (
        "not_applicable"
    )
    assert rules.check(draft, at=datetime.date(2000, 1, 1)).finding("SUI-04").verdict != (
        "not_applicable"
    )


def test_an_undated_contract_of_unknown_status_leaves_the_1999_texts_unknown() -> None:
    record = {**example(), "statut": None, "date_signature": None}
    finding = cls_check.load_rules().check(record).finding("SUI-04")
    assert finding.verdict == "unknown"
    assert "date de signature" in finding.message


def test_report_serialises_to_stable_json() -> None:
    rules = cls_check.load_rules()
    first = rules.check(EXAMPLE, at=AT).to_json()
    assert first == rules.check(EXAMPLE, at=AT).to_json()
    assert cls_check.ContractReport.model_validate_json(first).status == "conforme"


def test_shared_between_threads() -> None:
    rules = cls_check.load_rules()
    records = []
    for i in range(16):
        record = example()
        record["signataires"] = record["signataires"][: i % 6]
        records.append(record)
    expected = [rules.check(r, at=AT).findings for r in records]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(5):
            got = list(pool.map(lambda r: rules.check(r, at=AT).findings, records))
            assert got == expected
