"""The CSV report: one row per finding, machine values, parses back."""

from __future__ import annotations

import csv
import io

from cls_check.report import render
from cls_check.report.csv_format import COLUMNS
from cls_check.report.model import Report


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_rows(report: Report) -> int:
    findings = sum(max(1, len(c.findings)) for c in report.contracts)
    problems = sum(max(1, len(e.problems)) for e in report.errors)
    return 1 + findings + problems


def test_header_and_rows(sample: Report) -> None:
    out = render(sample, "csv")
    rows = parse(out)
    assert rows[0] == list(COLUMNS)
    assert out.startswith(
        "fichier,contrat,statut,exigence,regle,theme,force,verdict,titre,message,section,"
        "texte,citation,preuves,document,source,reference\n"
    )
    assert len(rows) == expected_rows(sample) == 1 + 13 + 3
    assert all(len(row) == len(COLUMNS) for row in rows)
    assert "\r" not in out


def test_machine_values(sample: Report) -> None:
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in parse(render(sample, "csv"))[1:]]
    assert {r["verdict"] for r in rows} == {
        "satisfied",
        "violated",
        "unknown",
        "not_applicable",
        "",
    }
    assert {r["statut"] for r in rows} == {"conforme", "non_conforme", "incomplet", "invalide"}
    sig02 = next(r for r in rows if r["contrat"] == "cls-1999-plaine" and r["exigence"] == "SIG-02")
    assert sig02["theme"] == "signataires"
    assert sig02["section"] == "I.1" and sig02["texte"] == "1997"
    assert sig02["preuves"] == (
        "signataires[0].role=prefet; signataires[1].role=maire; signataires[2].role=maire"
    )
    errors = [r for r in rows if r["statut"] == "invalide"]
    assert [r["fichier"] for r in errors] == ["contrats/sans-format.yaml"] * 3
    assert errors[0]["message"].startswith("ligne 17, signataires[2].role : valeur inconnue")
    assert errors[0]["message"].endswith("(aide : valeurs possibles : prefet, prefet_de_police, "
                                         "procureur, maire, recteur)")  # fmt: skip


def test_hostile_values_parse_back(hostile: Report) -> None:
    rows = parse(render(hostile, "csv"))
    assert len(rows) == expected_rows(hostile)
    assert all(len(row) == len(COLUMNS) for row in rows)
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["fichier"] == 'a "b" <c>.yaml'
    assert "\n- puce\n" in first["message"]  # newlines kept inside the cell
    assert "\x1b" not in first["message"] and "\\x1b[31mrouge" in first["message"]
    assert rows[2][9] == "'-négatif"  # a cell that a spreadsheet would take for a formula
    assert rows[3][0] == "'=cmd|' /C calc'!A0"


def test_contract_without_findings_still_has_a_row() -> None:
    from . import samples

    report = samples.empty_report().model_copy(
        update={"contracts": (samples.contract("vide.yaml", None, ()),)}
    )
    rows = parse(render(report, "csv"))
    assert rows[1] == ["vide.yaml", "", "conforme", *[""] * (len(COLUMNS) - 3)]


def test_empty_report_is_just_the_header(empty: Report) -> None:
    assert parse(render(empty, "csv")) == [list(COLUMNS)]
