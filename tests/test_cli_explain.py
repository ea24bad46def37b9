"""``cls-check explain``: the trace of a verdict, in text and JSON, and a broken record."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cls_check.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"
DRAFT = ROOT / "fixtures" / "projet-debut.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_trace_shows_the_figures_the_branch_and_the_lines_read() -> None:
    code, out, _ = invoke("explain", str(EXAMPLE), "PRI-02", "--at", "2001-01-01")
    assert code == 0
    trace = out.split("trace :\n")[1].split("source :")[0]
    assert "(effectif_cible * 2) > effectif_total : vrai (36 > 18)" in trace
    assert "      effectif_cible : 18\n" in trace and "effectif_total : 18\n" in trace
    assert "  sauf si :\n    (moyens n'est pas renseigné) ou (effectif_total = 0) : faux" in trace
    assert "lu : moyens.adjoints_securite[0].nombre = 8 (ligne 142)" in trace
    assert "branche : le cas général (exige) décide" in trace


def test_an_unknown_verdict_shows_the_condition_that_lacked_a_value() -> None:
    code, out, _ = invoke("explain", str(DRAFT), "PRI-02")
    assert code == 0
    assert "verdict : inconnue" in out
    assert "? Quels quartiers prioritaires" in out
    assert "(nombre de territoire.quartiers_prioritaires) >= 1 : inconnu (inconnu ≥ 1)" in out
    assert "lu : territoire.quartiers_prioritaires = inconnu" in out
    assert "branche : on ne sait pas si l'exigence s'applique" in out


def test_json_gives_the_same_tree_as_data() -> None:
    code, out, _ = invoke("explain", str(EXAMPLE), "PRI-02", "--at", "2001-01-01", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["finding"]["verdict"] == data["trace"]["verdict"] == "satisfied"
    roles = [c["role"] for c in data["trace"]["clauses"]]
    assert roles == ["applicable si", "sauf si", "exige"]
    requirement = data["trace"]["clauses"][2]["step"]
    assert requirement["shown"] == "vrai" and requirement["value"] is True
    reads = [
        r
        for c in data["trace"]["clauses"]
        for r in c["step"]["children"][0]["reads"]
        if r["path"] == "territoire.quartiers_prioritaires"
    ]
    assert reads and reads[0]["line"] == 27


def test_a_broken_record_gives_the_problems_and_hints_check_gives(tmp_path: Path) -> None:
    broken = tmp_path / "contrat.yaml"
    broken.write_text("format: cls/1\nid: x\nstatut: projet\nstatut: signe\n", encoding="utf-8")
    code, out, err = invoke("explain", str(broken), "PRI-02")
    assert code == 2 and out == ""
    assert f"{broken}:4  statut : clé « statut » en double" in err
    assert "  aide : Gardez une seule des deux valeurs." in err


def test_a_violation_shows_the_failing_element_and_the_message_chosen() -> None:
    code, out, _ = invoke(
        "explain", str(ROOT / "fixtures" / "agglomeration-maire-manquant.yaml"), "SIG-03"
    )
    assert code == 0 and "verdict : violée" in out
    assert ": faux (pour territoire.communes[2] ; 6 élément(s))" in out
    code, out, _ = invoke("explain", str(ROOT / "fixtures" / "viole-diagnostic.yaml"), "DIA-01")
    assert code == 0 and "verdict : violée" in out
    assert "  sinon si :\n" in out
    assert "branche : le cas général (exige) décide ; message : « sinon »" in out
