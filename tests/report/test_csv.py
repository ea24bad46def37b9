"""The CSV report: one row per finding, machine values, parses back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cls_check.report import render
from cls_check.report.csv_format import COLUMNS
from cls_check.report.model import Report


def parse(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # the byte-order mark a spreadsheet needs for UTF-8
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def expected_rows(report: Report) -> int:
    findings = sum(max(1, len(c.findings)) for c in report.contracts)
    problems = sum(max(1, len(e.problems)) for e in report.errors)
    return 1 + findings + problems


def test_header_and_rows(sample: Report) -> None:
    out = render(sample, "csv")
    rows = parse(out)
    assert rows[0] == list(COLUMNS)
    assert out.startswith(
        "\ufeffFichier;Contrat;Intitulé;Département;Date de signature;Statut;Exigence;Règle;"
        "Thème;Force;Verdict;Titre;Message;Paragraphe;Texte;Citation;Preuves;"
        "Document;Source;Référence;Dérogation\n"
    )
    assert len(rows) == expected_rows(sample) == 1 + 14 + 3
    assert all(len(row) == len(COLUMNS) for row in rows)
    assert "\r" not in out


def test_machine_values(sample: Report) -> None:
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in parse(render(sample, "csv"))[1:]]
    assert {r["Verdict"] for r in rows} == {
        "satisfied",
        "violated",
        "unknown",
        "not_applicable",
        "waived",
        "",
    }
    assert {r["Statut"] for r in rows} == {"conforme", "non_conforme", "incomplet", "invalide"}
    sig02 = next(r for r in rows if r["Contrat"] == "cls-1999-plaine" and r["Exigence"] == "SIG-02")
    assert sig02["Thème"] == "signataires"
    assert sig02["Paragraphe"] == "I.1" and sig02["Texte"] == "1997"
    assert sig02["Preuves"] == (
        "signataires[0].role=prefet; signataires[1].role=maire; signataires[2].role=maire"
    )
    errors = [r for r in rows if r["Statut"] == "invalide"]
    assert [r["Fichier"] for r in errors] == ["contrats/sans-format.yaml"] * 3
    assert errors[0]["Message"].startswith("ligne 17, signataires[2].role : valeur inconnue")
    assert errors[0]["Message"].endswith("(aide : valeurs possibles : prefet, prefet_de_police, "
                                         "procureur, maire, recteur)")  # fmt: skip


def test_hostile_values_parse_back(hostile: Report) -> None:
    rows = parse(render(hostile, "csv"))
    assert len(rows) == expected_rows(hostile)
    assert all(len(row) == len(COLUMNS) for row in rows)
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["Fichier"] == 'a "b" <c>.yaml'
    assert "\n- puce\n" in first["Message"]  # newlines kept inside the cell
    assert "\x1b" not in first["Message"] and "\\x1b[31mrouge" in first["Message"]
    assert rows[2][12] == "'-négatif"  # a cell that a spreadsheet would take for a formula
    assert rows[3][0] == "'=cmd|' /C calc'!A0"


def test_contract_without_findings_still_has_a_row() -> None:
    from . import samples

    report = samples.empty_report().model_copy(
        update={"contracts": (samples.contract("vide.yaml", None, ()),)}
    )
    rows = parse(render(report, "csv"))
    assert rows[1] == ["vide.yaml", "", "", "", "", "conforme", *[""] * (len(COLUMNS) - 6)]


def test_empty_report_is_just_the_header(empty: Report) -> None:
    assert parse(render(empty, "csv")) == [list(COLUMNS)]


def test_a_folder_as_spreadsheets_names_each_contract(tmp_path: Path) -> None:
    """Both CSV forms of a real check carry the intitulé and département of each contract."""
    from click.testing import CliRunner

    from cls_check.cli import main

    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    (tmp_path / "a.yaml").write_bytes((fixtures / "viole-signataires.yaml").read_bytes())
    (tmp_path / "casse.yaml").write_text("signataires: 3\n", encoding="utf-8")
    for fmt in ("csv", "csv-contracts"):
        result = CliRunner().invoke(main, ["check", str(tmp_path), "-f", fmt, "--at", "2001-01-01"])
        assert result.exit_code == 2
        header, *data = parse(result.stdout)
        rows = [dict(zip(header, row, strict=True)) for row in data]
        checked = [r for r in rows if r["Statut"] != "invalide"]
        assert checked and all(
            r["Département"] == "28" and "Saint-Albert" in r["Intitulé"] for r in checked
        )
        assert [r["Fichier"] for r in rows if r["Statut"] == "invalide"] == [
            str(tmp_path / "casse.yaml")
        ]
    contract = rows[0]
    assert contract["Statut"] == "non_conforme" and "SIG-02" in contract["Exigences violées"]
    assert int(contract["Violées"]) >= int(contract["Obligations violées"]) >= 1
