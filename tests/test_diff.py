"""``cls-check diff``: which requirements changed verdict between two versions."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from cls_check.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"
AT = ("--at", "2001-01-01")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def without_procureur(tmp_path: Path, name: str = "v2.yaml") -> Path:
    record = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    record["signataires"] = [s for s in record["signataires"] if s["role"] != "procureur"]
    path = tmp_path / name
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return path


def test_two_records_show_the_requirement_that_changed_and_exit_1(tmp_path: Path) -> None:
    code, out, _ = invoke("diff", str(EXAMPLE), str(without_procureur(tmp_path)), *AT)
    assert code == 1
    assert "statut : conforme → non conforme" in out
    assert "SIG-02 (obligation) : satisfaite → violée" in out
    assert len([line for line in out.splitlines() if line[:3].isupper()]) == 1


def test_the_same_record_twice_changes_nothing_and_exits_0() -> None:
    code, out, _ = invoke("diff", str(EXAMPLE), str(EXAMPLE), *AT)
    assert code == 0 and "aucune exigence n'a changé de verdict" in out


def report(tmp_path: Path, name: str, records: dict[str, str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, text in records.items():
        (folder / file).write_text(text, encoding="utf-8")
    output = tmp_path / f"{name}.json"
    invoke("check", str(folder), "-f", "json", "-o", str(output), *AT)
    return output


def test_two_json_reports_pair_contracts_by_file_name_and_give_json(tmp_path: Path) -> None:
    example = EXAMPLE.read_text(encoding="utf-8")
    changed = without_procureur(tmp_path).read_text(encoding="utf-8")
    old = report(tmp_path, "janvier", {"a.yaml": example, "b.yaml": example})
    new = report(tmp_path, "mars", {"a.yaml": example, "b.yaml": changed})
    code, out, _ = invoke("diff", str(old), str(new), "-f", "json")
    diffs = json.loads(out)
    assert code == 1 and [d["new_file"].rsplit("/", 1)[-1] for d in diffs] == ["a.yaml", "b.yaml"]
    assert diffs[0]["changes"] == []
    assert [c["requirement"] for c in diffs[1]["changes"]] == ["SIG-02"]
    assert diffs[1]["changes"][0]["before"] == "satisfied"


def test_a_renamed_file_is_paired_by_contract_id(tmp_path: Path) -> None:
    example = EXAMPLE.read_text(encoding="utf-8")
    other = example.replace("id: cls-1998-val-de-lys", "id: cls-1998-autre")
    old = report(tmp_path, "janvier", {"a.yaml": example, "x.yaml": other})
    new = report(tmp_path, "avril", {"renomme.yaml": example, "x.yaml": other})
    assert invoke("diff", str(old), str(new))[0] == 0
    new = report(tmp_path, "mai", {"renomme.yaml": example, "double.yaml": example})
    code, _, err = invoke("diff", str(old), str(new))
    assert code == 2 and "double.yaml" in err  # two contracts of the same id: no pair


def test_a_contract_without_a_pair_is_named_not_dropped(tmp_path: Path) -> None:
    example = EXAMPLE.read_text(encoding="utf-8")
    old = report(tmp_path, "janvier", {"a.yaml": example, "b.yaml": example})
    other = example.replace("id: cls-1998-val-de-lys", "id: cls-1998-autre")
    new = report(tmp_path, "mars", {"a.yaml": example, "c.yaml": other})
    code, _, err = invoke("diff", str(old), str(new))
    assert code == 2 and "b.yaml" in err and "c.yaml" in err and "Traceback" not in err


def test_a_record_that_does_not_fit_the_format_exits_2_in_french(tmp_path: Path) -> None:
    broken = tmp_path / "casse.yaml"
    broken.write_text("signataires: [{role: prefet de police}]\n", encoding="utf-8")
    code, _, err = invoke("diff", str(EXAMPLE), str(broken))
    assert code == 2 and "prefet_de_police" in err and "Traceback" not in err
