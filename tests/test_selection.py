"""``check --requirement/--theme/--only/--compact``: what a reviewer asks to see."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cls_check.cli import main

ROOT = Path(__file__).resolve().parent.parent
VIOLATING = ROOT / "fixtures" / "viole-signataires.yaml"  # SIG-02 and SIG-04 violated
DRAFT = ROOT / "fixtures" / "projet-debut.yaml"
AT = ("--at", "2001-01-01")


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args, *AT])
    return result.exit_code, result.stdout, result.stderr


def findings(*args: str) -> tuple[int, dict[str, object], list[str]]:
    code, out, _ = check(*args, "-f", "json")
    contract = json.loads(out)["contracts"][0]
    return code, contract, [f["requirement"] for f in contract["findings"]]


def test_requirements_choose_what_is_checked_and_the_exit_code() -> None:
    code, contract, ids = findings(str(VIOLATING), "-r", "sig-01", "-r", "SIG-03")
    assert ids == ["SIG-01", "SIG-03"] and code == 0 and contract["status"] == "conforme"
    code, contract, ids = findings(str(VIOLATING), "-r", "SIG-02")
    assert ids == ["SIG-02"] and code == 1 and contract["summary"]["violated"] == 1


def test_a_theme_chooses_its_requirements() -> None:
    _, contract, ids = findings(str(DRAFT), "--theme", "diagnostic")
    assert ids and all(i.startswith("DIA-") for i in ids)
    assert {q["path"] for q in contract["questions"]} == {"diagnostic"}


def test_only_narrows_what_is_shown_not_the_status_nor_the_exit_code() -> None:
    code, contract, ids = findings(str(VIOLATING), "--only", "unknown")
    assert ids == [] and code == 1 and contract["status"] == "non_conforme"
    code, out, _ = check(str(VIOLATING), "--only", "inconnue")
    assert code == 1 and "Aucune exigence de ces verdicts." in out
    _, _, ids = findings(str(VIOLATING), "--only", "violated")
    assert sorted(ids) == ["SIG-02", "SIG-04"]


def test_an_unknown_requirement_or_theme_is_an_error_with_a_suggestion() -> None:
    code, _, err = check(str(VIOLATING), "--theme", "signataire")
    assert code == 2 and "thème inconnu : « signataire »" in err and "signataires" in err
    code, _, err = check(str(VIOLATING), "-r", "SIG-3")
    assert code == 2 and "exigence inconnue" in err


def test_compact_gives_one_line_per_contract_with_its_gaps(tmp_path: Path) -> None:
    (tmp_path / "casse.yaml").write_text("signataires: 3\n", encoding="utf-8")
    code, out, _ = check(str(VIOLATING), str(DRAFT), str(tmp_path), "--compact")
    lines = out.replace("\n    ", " ").splitlines()  # continuation lines joined
    assert code == 2
    assert any(line.startswith("non conforme — ") and "SIG-02" in line for line in lines)
    assert any(line.startswith("incomplet — ") for line in lines)
    assert any(line.startswith("invalide — ") and "casse.yaml" in line for line in lines)
    assert out.rstrip().endswith("(3 entrées)")


def test_fail_on_incomplet_fails_a_draft_that_does_not_say_enough_yet() -> None:
    assert check(str(DRAFT))[0] == 0  # unknown is not a violation
    for fmt in ("text", "json"):
        assert check(str(DRAFT), "--fail-on", "incomplet", "-f", fmt)[0] == 1
    example = str(ROOT / "fixtures" / "contrat-exemple.yaml")
    assert check(example, "--fail-on", "incomplet")[0] == 0


def test_strict_makes_an_unknown_key_an_error(tmp_path: Path) -> None:
    record = tmp_path / "contrat.yaml"
    record.write_text("id: x\nsignatiares: []\n", encoding="utf-8")
    code, out, _ = check(str(record), "-f", "json")
    assert code == 0 and json.loads(out)["contracts"][0]["warnings"]
    code, out, _ = check(str(record), "-f", "json", "--strict")
    (error,) = json.loads(out)["errors"]
    assert code == 2 and error["problems"][0]["path"] == "signatiares"
    assert error["problems"][0]["message"].endswith("refusée (--strict)")
    assert "signataires" in error["problems"][0]["hint"]
