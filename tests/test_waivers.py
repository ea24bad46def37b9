"""Dérogations (``--waivers``): a waived gap no longer fails the check, and the report says
which waivers were applied, expired or orphaned; a wrong waivers file stops everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cls_check.cli import main
from cls_check.report import FORMATS

ROOT = Path(__file__).resolve().parent.parent
# Violates SIG-02 and SIG-04 (and nothing else).
RECORD = str(ROOT / "fixtures" / "viole-signataires.yaml")
ID = "cls-2000-saint-albert-du-perche"
AT = "2001-01-15"


def waiver(requirement: str, contract: str = ID, expire: str | None = None) -> str:
    text = (
        f"  - exigence: {requirement}\n"
        f"    contrat: {contract}\n"
        "    justification: Le recteur a donné son accord par courrier du 3 mars 2000.\n"
        "    auteur: Préfecture d'Eure-et-Loir\n"
        "    date: 2000-03-10\n"
    )
    return text + (f"    expire: {expire}\n" if expire else "")


def check(tmp_path: Path, waivers: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "derogations.yaml"
    path.write_text("derogations:\n" + waivers, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", RECORD, "--at", AT, "--waivers", str(path), *args])
    return result.exit_code, result.stdout, result.stderr


def findings(out: str) -> dict[str, dict[str, object]]:
    return {f["requirement"]: f for f in json.loads(out)["contracts"][0]["findings"]}


def test_waiving_every_gap_makes_the_contract_conforme_and_exits_0(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, waiver("SIG-02") + waiver("sig-04"), "-f", "json")
    assert code == 0
    report = json.loads(out)
    contract = report["contracts"][0]
    assert contract["status"] == "conforme"
    assert contract["summary"]["waived"] == 2 and contract["summary"]["violated"] == 0
    sig04 = findings(out)["SIG-04"]
    assert sig04["verdict"] == "waived"
    assert sig04["waiver"] == {
        "requirement": "SIG-04",
        "contract": ID,
        "justification": "Le recteur a donné son accord par courrier du 3 mars 2000.",
        "author": "Préfecture d'Eure-et-Loir",
        "date": "2000-03-10",
        "expires": None,
    }
    assert "waiver" not in findings(out)["SIG-01"]  # findings not waived keep their keys
    assert [w["requirement"] for w in report["waivers"]["applied"]] == ["SIG-02", "SIG-04"]


def test_one_gap_waived_one_left_still_fails(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, waiver("SIG-04"), "-f", "json")
    assert code == 1
    assert findings(out)["SIG-02"]["verdict"] == "violated"
    assert findings(out)["SIG-04"]["verdict"] == "waived"


def test_an_expired_waiver_is_not_applied_and_is_reported(tmp_path: Path) -> None:
    waivers = waiver("SIG-02", expire="2002-01-01") + waiver("SIG-04", expire=AT)
    code, out, _ = check(tmp_path, waivers, "-f", "json")
    assert code == 1
    assert findings(out)["SIG-04"]["verdict"] == "violated"  # it ends on its expiry day
    review = json.loads(out)["waivers"]
    assert [w["requirement"] for w in review["expired"]] == ["SIG-04"]
    assert [w["requirement"] for w in review["applied"]] == ["SIG-02"]


def test_orphaned_waivers_are_reported_with_why(tmp_path: Path) -> None:
    waivers = waiver("SIG-01") + waiver("SIG-02", contract="cls-inconnu")
    code, out, _ = check(tmp_path, waivers, "-f", "markdown")  # one line per waiver
    assert code == 1
    assert "Orphelines (2)" in out
    assert "SIG-01 — contrat cls-2000-saint-albert-du-perche" in out
    assert "exigence ni violée ni inconnue dans ce contrat" in out
    assert "aucun contrat vérifié de cet identifiant" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_the_dérogation(tmp_path: Path, fmt: str) -> None:
    code, out, _ = check(tmp_path, waiver("SIG-02") + waiver("SIG-04"), "-f", fmt)
    assert code == 0
    if fmt == "csv-contracts":
        assert "SIG-02, SIG-04" in out
    else:
        assert "Le recteur a donné son accord par courrier du 3 mars 2000." in out


def test_the_streamed_json_reviews_the_waivers_of_the_whole_batch(tmp_path: Path) -> None:
    other = str(ROOT / "fixtures" / "contrat-exemple.yaml")
    code, out, _ = check(tmp_path, waiver("SIG-02") + waiver("SIG-04"), "-f", "json", other)
    assert code == 0
    assert len(json.loads(out)["waivers"]["applied"]) == 2


def test_compact_lists_the_waived_requirements(tmp_path: Path) -> None:
    _, out, _ = check(tmp_path, waiver("SIG-04"), "--compact")
    assert "1 dérogée : SIG-04" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (waiver("SIG-99"), "yaml:2 : derogations[0].exigence : exigence inconnue : « SIG-99 »"),
        (waiver("SIG-02").replace("    auteur: Préfecture d'Eure-et-Loir\n", ""), "« auteur »"),
        (waiver("SIG-02").replace("2000-03-10", "10/03/2000"), "attendu une date AAAA-MM-JJ"),
        (waiver("SIG-02") + "    auteurs: x\n", "clé inconnue : « auteurs »"),
        (waiver("SIG-02") + waiver("SIG-02"), "dérogation en double"),
        ("  - [1\n", "YAML illisible"),
    ],
)
def test_a_wrong_waivers_file_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    code, out, err = check(tmp_path, content)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_an_unknown_requirement_gets_a_suggestion(tmp_path: Path) -> None:
    code, _, err = check(tmp_path, waiver("SIG-4"))
    assert code == 2
    assert "vouliez-vous dire « SIG-04 » ?" in err


def test_the_error_gives_the_line_of_the_waiver(tmp_path: Path) -> None:
    content = waiver("SIG-02") + waiver("SIG-04").replace("2000-03-10", "demain")
    code, _, err = check(tmp_path, content)
    assert code == 2
    assert "derogations.yaml:11 : derogations[1].date" in err


def test_only_derogee_shows_the_waived_findings(tmp_path: Path) -> None:
    code, out, _ = check(tmp_path, waiver("SIG-04"), "-f", "json", "--only", "derogee")
    assert code == 1  # the status and the exit code stay those of the whole check
    assert list(findings(out)) == ["SIG-04"]


def test_the_letter_lists_the_dérogations_granted(tmp_path: Path) -> None:
    from tests.test_documents import letter_text

    output = tmp_path / "lettre.docx"
    code, _, _ = check(
        tmp_path, waiver("SIG-02") + waiver("SIG-04"), "-f", "lettre", "-o", str(output)
    )
    assert code == 0
    text = letter_text(output.read_bytes())
    assert "Dérogations accordées" in text
    assert "Exigences non respectées" not in text
    assert "Le recteur a donné son accord par courrier du 3 mars 2000." in text
