"""The command line as a reviewer uses it: reports, exit codes, and errors without tracebacks."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cls_check.api import RuleSet, load_rules
from cls_check.batch import Batch, CheckOptions, whole
from cls_check.cli import main
from cls_check.dsl import load_catalogue
from cls_check.dsl.catalogue import CATALOGUE_FILE
from cls_check.errors import EngineError
from cls_check.resources import rules_dir
from tests.report.samples import JSON_FINDING_KEYS, JSON_SOURCE_KEYS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def example() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, name: str, record: object) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return path


def test_reference_contract_reports_every_requirement_in_json() -> None:
    code, out, _ = invoke("check", str(EXAMPLE), "--format", "json", "--at", "2001-01-01")
    report = json.loads(out)
    keys = {"tool", "rules", "checked_at", "contracts", "errors", "ignored", "summary"}
    assert set(report) == keys
    (contract,) = report["contracts"]
    assert set(contract) >= {"file", "id", "status", "summary", "findings"}
    finding = contract["findings"][0]
    assert set(finding) == JSON_FINDING_KEYS
    assert set(finding["source"]) == JSON_SOURCE_KEYS
    catalogue = load_catalogue(rules_dir() / CATALOGUE_FILE)
    assert [f["requirement"] for f in contract["findings"]] == list(catalogue.ids())
    assert code == (1 if contract["status"] == "non_conforme" else 0)


def test_same_check_twice_gives_identical_json() -> None:
    first = invoke("check", str(EXAMPLE), "-f", "json", "--at", "2001-01-01")[1]
    second = invoke("check", str(EXAMPLE), "-f", "json", "--at", "2001-01-01")[1]
    assert first == second


def test_violated_obligation_exits_1_and_names_the_gap(tmp_path: Path) -> None:
    record = example()
    record["signataires"] = [s for s in record["signataires"] if s["role"] != "prefet"]  # type: ignore[attr-defined, index]
    code, out, _ = invoke("check", str(write(tmp_path, "sans-prefet.yaml", record)), "--no-color")
    assert code == 1
    assert "SIG-01" in out and "NON CONFORME" in out


def test_fail_on_never_exits_0_on_gaps(tmp_path: Path) -> None:
    record = example()
    record["signataires"] = []
    code, _, _ = invoke("check", str(write(tmp_path, "c.yaml", record)), "--fail-on", "never")
    assert code == 0


def test_unknown_role_exits_2_naming_the_path(tmp_path: Path) -> None:
    record = example()
    record["signataires"][1]["role"] = "prefet de police"  # type: ignore[index]
    code, out, _ = invoke("check", str(write(tmp_path, "bad.yaml", record)), "--no-color")
    assert code == 2
    assert "signataires[1].role" in out
    assert "prefet_de_police" in out


def test_folder_with_one_bad_file_checks_the_others(tmp_path: Path) -> None:
    for i in range(3):
        write(tmp_path, f"c{i}.yaml", example())
    (tmp_path / "broken.yaml").write_text("signataires: [\n", encoding="utf-8")
    code, out, _ = invoke("check", str(tmp_path), "-f", "json")
    report = json.loads(out)
    assert code == 2
    assert len(report["contracts"]) == 3
    assert [e["file"] for e in report["errors"]] == [str(tmp_path / "broken.yaml")]
    assert report["errors"][0]["problems"][0]["line"] is not None


def test_missing_path_is_an_error_not_silence(tmp_path: Path) -> None:
    code, out, _ = invoke("check", str(tmp_path / "absent.yaml"), "-f", "json")
    assert code == 2
    assert json.loads(out)["errors"][0]["problems"][0]["message"]


def test_stdin_is_read_with_a_dash() -> None:
    code, out, _ = invoke("check", "-", "-f", "json", input=json.dumps({"statut": "projet"}))
    report = json.loads(out)
    assert report["contracts"][0]["file"] == "<stdin>"
    assert report["contracts"][0]["status"] == "incomplet"
    assert code == 0


def test_draft_is_incomplete_not_non_compliant() -> None:
    code, out, _ = invoke("check", "-", "-f", "json", input="{}")
    contract = json.loads(out)["contracts"][0]
    assert contract["status"] == "incomplet"
    verdicts = {f["verdict"] for f in contract["findings"]}
    assert "violated" not in verdicts
    assert code == 0


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    code, out, _ = invoke("check", str(EXAMPLE), "-f", "html", "-o", str(target))
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert code in (0, 1)


def test_broken_rule_file_exits_2_with_position(tmp_path: Path) -> None:
    (tmp_path / "r.cls").write_text(
        "exigence SIG-01 « t »\n  force obligatoire\n", encoding="utf-8"
    )
    code, _, err = invoke("rules", "lint", "--rules", str(tmp_path))
    assert code == 2
    assert "r.cls:2:" in err


def test_schema_is_json_schema_of_the_record() -> None:
    code, out, _ = invoke("schema")
    schema = json.loads(out)
    assert code == 0
    assert "signataires" in schema["properties"]


def test_version_and_help() -> None:
    assert invoke("--version")[0] == 0
    code, out, _ = invoke("check", "--help")
    assert code == 0 and "--fail-on" in out


@pytest.mark.parametrize(
    "args", [["check"], ["check", "x", "--format", "pdf"], ["check", "x", "--at", "14/05/1998"]]
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert invoke(*args)[0] == 2


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"signataires": [{"role": 3}]', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cls_check", "check", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_parallel_jobs_give_the_same_report_in_the_same_order(tmp_path: Path) -> None:
    for i in range(30):
        record = example()
        record["id"] = f"cls-{i:02d}"
        record["signataires"] = record["signataires"][: i % 5]  # type: ignore[index]
        write(tmp_path, f"c{i:02d}.yaml", record)
    serial = invoke("check", str(tmp_path), "-f", "json", "--at", "2001-01-01", "-j", "1")
    parallel = invoke("check", str(tmp_path), "-f", "json", "--at", "2001-01-01", "-j", "2")
    assert serial == parallel
    ids = [c["id"] for c in json.loads(serial[1])["contracts"]]
    assert ids == sorted(ids)


def test_rules_list_show_doc_and_explain() -> None:
    requirements = load_catalogue(rules_dir() / CATALOGUE_FILE).ids()
    code, out, _ = invoke("rules", "list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[1:]] == list(requirements)
    code, out, _ = invoke("rules", "show", "sig-03")
    assert code == 0 and "pour chaque commune c de territoire.communes" in out
    code, out, _ = invoke("rules", "doc")
    headings = re.findall(r"^### ([A-Z]+-\d+) — ", out, flags=re.MULTILINE)
    assert code == 0 and sorted(headings) == sorted(r.requirement for r in load_rules().rules)
    code, out, _ = invoke("explain", str(EXAMPLE), "PRI-02", "--at", "2001-01-01")
    assert code == 0 and "18 des 18 emplois nouveaux" in out
    code, _, err = invoke("rules", "show", "SIG-3")
    assert code == 2 and "SIG-03" in err


def test_draft_report_says_what_information_is_missing() -> None:
    draft = ROOT / "fixtures" / "projet-debut.yaml"
    code, out, _ = invoke("check", str(draft), "--no-color")
    assert code == 0
    assert "STATUT : INCOMPLET" in out
    todo = out.split("Informations manquantes (10 questions) :")[1].split("\n\n")[0]
    assert "? Un diagnostic local de sécurité a-t-il été établi ? (diagnostic)" in todo
    assert todo.index("Diagnostic") < todo.index("Justice")  # by theme, in the circular's order
    assert "STATUT : CONFORME" not in out
    _, complete, _ = invoke("check", str(EXAMPLE), "--no-color", "--at", "2001-01-01")
    assert "Informations manquantes" not in complete


def test_streamed_json_is_the_report_of_the_whole_batch(tmp_path: Path) -> None:
    """--format json is written contract by contract; it is the same report, errors last."""
    for i in range(4):
        record = example()
        record["signataires"] = record["signataires"][: i + 1]  # type: ignore[index]
        write(tmp_path, f"c{i}.yaml", record)
    (tmp_path / "c2-broken.yaml").write_text("signataires: [\n", encoding="utf-8")
    at = datetime.date(2001, 1, 1)
    code, out, _ = invoke("check", str(tmp_path), str(tmp_path / "absent.yaml"), "-f", "json",
                          "--at", at.isoformat())  # fmt: skip
    options = CheckOptions(rules=None, engine="python", at=at, today=datetime.date.today())
    batch = Batch([str(tmp_path), str(tmp_path / "absent.yaml")], options, whole)
    assert out == batch.report(tuple(batch.contracts())).to_json()
    assert [e["file"] for e in json.loads(out)["errors"]] == [
        str(tmp_path / "absent.yaml"),
        str(tmp_path / "c2-broken.yaml"),
    ]
    assert code == 2


def test_an_unfinished_json_report_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report cut short (here: the engine fails on the second contract) is not left
    behind looking like a complete one."""
    for i in range(3):
        write(tmp_path, f"c{i}.yaml", example())
    checked = RuleSet.evaluate

    def fail_on_second(self: RuleSet, record: object, **kwargs: object) -> object:
        if str(getattr(record, "file", record)).endswith("c1.yaml"):
            raise EngineError("incohérence interne simulée")
        return checked(self, record, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RuleSet, "evaluate", fail_on_second)
    target = tmp_path / "out" / "rapport.json"
    target.parent.mkdir()
    code, _, err = invoke("check", str(tmp_path), "-f", "json", "-o", str(target))
    assert code == 2
    assert "incohérence interne simulée" in err
    assert not target.exists()


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_fail_on_sets_the_exit_code_by_force(tmp_path: Path, fmt: str) -> None:
    """A contract of 2000 that meets every obligation but associates no association
    misses a recommendation of 1999 (SIG-06): only --fail-on recommandation fails."""
    record = yaml.safe_load((ROOT / "fixtures" / "conforme-2000.yaml").read_text(encoding="utf-8"))
    for key in ("signataires", "partenaires_associes"):
        record[key] = [s for s in record[key] if s["role"] != "association"]
    path = str(write(tmp_path, "c.yaml", record))
    codes = {
        level: invoke("check", path, "-f", fmt, "--at", "2001-01-01", "--fail-on", level)[0]
        for level in ("obligation", "recommandation", "never")
    }
    assert codes == {"obligation": 0, "recommandation": 1, "never": 0}


def test_progress_is_erased_once_every_contract_is_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The report written next must not start on the line « 300/300 contrats vérifiés »."""
    from cls_check.cli.check import _progress

    _progress(120, 300)
    assert capsys.readouterr().err == "\r\x1b[2K120/300 contrats vérifiés"
    _progress(300, 300)
    assert capsys.readouterr().err == "\r\x1b[2K"
    _progress(3, 5)  # a handful of contracts: no progress at all
    assert capsys.readouterr().err == ""
