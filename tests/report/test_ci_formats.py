"""SARIF and JUnit: the gaps of each contract, pointing at the line of their record."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from click.testing import CliRunner

from cls_check.cli import main
from cls_check.report import render
from cls_check.report.ci_formats import INPUT_RULE
from cls_check.report.model import Report

ROOT = Path(__file__).resolve().parents[2]
VIOLATING = ROOT / "fixtures" / "viole-signataires.yaml"  # SIG-02 and SIG-04 violated
DRAFT = ROOT / "fixtures" / "projet-debut.yaml"


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args, "--at", "2001-01-01"])
    return result.exit_code, result.stdout


def line_of_first_signatory_role(path: Path) -> int:
    """Found with PyYAML's own node tree, independently of cls-check."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    signataires = next(value for key, value in root.value if key.value == "signataires")
    role = next(value for key, value in signataires.value[0].value if key.value == "role")
    return int(role.start_mark.line) + 1


def test_sarif_lists_gaps_at_the_line_of_their_evidence(tmp_path: Path) -> None:
    broken = tmp_path / "double.yaml"
    broken.write_text("id: a\nid: b\n", encoding="utf-8")
    code, out = check(str(VIOLATING), str(DRAFT), str(broken), "-f", "sarif")
    assert code == 2
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    results = run["results"]
    violated = [r for r in results if r["level"] == "error" and r["ruleId"] != INPUT_RULE]
    assert sorted(r["ruleId"] for r in violated) == ["SIG-02", "SIG-04"]
    sig02 = next(r for r in violated if r["ruleId"] == "SIG-02")
    location = sig02["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == str(VIOLATING)
    assert location["region"]["startLine"] == line_of_first_signatory_role(VIOLATING)
    notes = [r for r in results if r["level"] == "note"]
    assert notes and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                         == str(DRAFT) for r in notes)  # fmt: skip
    assert any("Un diagnostic local de sécurité a-t-il été établi ?" in r["message"]["text"]
               for r in notes)  # fmt: skip
    (invalid,) = [r for r in results if r["ruleId"] == INPUT_RULE]
    assert invalid["locations"][0]["physicalLocation"]["region"]["startLine"] == 2  # the twin
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} >= {"SIG-02", INPUT_RULE}


def test_junit_has_a_suite_per_contract_and_a_case_per_requirement() -> None:
    code, out = check(str(VIOLATING), str(DRAFT), "-f", "junit")
    assert code == 1
    suites = ET.fromstring(out).findall("testsuite")
    assert [s.get("name") for s in suites] == [str(VIOLATING), str(DRAFT)]
    violating = suites[0]
    failed = [c for c in violating.findall("testcase") if c.find("failure") is not None]
    assert [c.get("name", "")[:6] for c in failed] == ["SIG-02", "SIG-04"]
    assert violating.get("failures") == "2"
    assert failed[0].get("line") == str(line_of_first_signatory_role(VIOLATING))
    skipped = [c for c in suites[1].findall("testcase") if c.find("skipped") is not None]
    assert len(skipped) == int(suites[1].get("skipped", "0")) > 0


def test_hostile_text_still_makes_well_formed_documents(hostile: Report) -> None:
    ET.fromstring(render(hostile, "junit").encode("utf-8"))
    json.loads(render(hostile, "sarif"))
