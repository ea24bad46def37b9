"""A folder as a préfecture has them: three hundred contracts, a few broken."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cls_check.cli import main

ROOT = Path(__file__).resolve().parent.parent


def folder_of_300(tmp_path: Path) -> Path:
    fixtures = sorted((ROOT / "fixtures").glob("*.yaml"))
    folder = tmp_path / "dossier"
    folder.mkdir()
    for n in range(297):
        source = fixtures[n % len(fixtures)]
        (folder / f"c{n:03}-{source.name}").write_bytes(source.read_bytes())
    (folder / "c297-casse.yaml").write_text("signataires: 3\n", encoding="utf-8")
    (folder / "c298-double.yaml").write_text("id: a\nid: b\n", encoding="utf-8")
    (folder / "c299-vide.json").write_text("{,}", encoding="utf-8")
    return folder


def test_three_hundred_contracts_three_broken(tmp_path: Path) -> None:
    folder = folder_of_300(tmp_path)
    runs = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            main, ["check", str(folder), "-f", "json", "-j", jobs, "--at", "2001-01-01"]
        )
        assert result.exit_code == 2
        runs[jobs] = result.stdout
    assert runs["1"] == runs["2"]  # the same report, whatever the number of processes
    assert runs["1"].count('"status": "') == 297
    result = CliRunner().invoke(main, ["check", str(folder), "--at", "2001-01-01"])
    recap = result.stdout.split("Synthèse du dossier")[1]
    assert "Écarts les plus fréquents" in recap
    assert "Total : " in recap and "3 invalides (300 entrées)" in recap


def test_the_json_report_carries_the_same_summary_as_the_text(tmp_path: Path) -> None:
    """Statuses, most frequent gaps and départements: for machines as for people."""
    import json

    from cls_check.report import folder
    from cls_check.report.model import Report

    folder_path = folder_of_300(tmp_path)
    result = CliRunner().invoke(
        main, ["check", str(folder_path), "-f", "json", "--at", "2001-01-01"]
    )
    data = json.loads(result.stdout)
    summary = data["summary"]
    assert (summary["conforme"], summary["invalide"]) == (
        sum(c["status"] == "conforme" for c in data["contracts"]),
        3,
    )
    assert sum(summary[s] for s in ("conforme", "non_conforme", "incomplet")) == 297
    people = folder.summarise(Report.model_validate({**data, "summary": None}))
    assert [g["requirement"] for g in summary["gaps"]] == [g.requirement for g in people.gaps]
    assert [(g["violated"], g["unknown"]) for g in summary["gaps"]] == [
        (g.violated, g.unknown) for g in people.gaps
    ]
    assert {d["departement"] for d in summary["departements"]} == {
        line.departement for line in people.departements
    }
