"""``cls-check rules test`` as legal staff use it: run the French scenarios against the rules
they edit, read each failure in French, find the verdicts no scenario reaches."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cls_check.cli import main
from cls_check.resources import rules_dir
from cls_check.specs import read_scenarios, scenario_counts

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"
SCENARIOS = len(read_scenarios(FEATURES))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["rules", "test", *args])
    return result.exit_code, result.stdout, result.stderr


def summary(out: str) -> str:
    return out.strip().splitlines()[-1]


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the rules where SIG-02 looks for the prefect instead of the prosecutor."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(rules_dir(), "regles")
    path = Path("regles/signataires.cls")
    text = path.read_text(encoding="utf-8")
    assert 's.role = "procureur"' in text
    path.write_text(text.replace('s.role = "procureur"', 's.role = "prefet"'), encoding="utf-8")
    return Path("regles")


def test_the_bundled_scenarios_pass_on_the_bundled_rules() -> None:
    code, out, err = run()
    assert (code, err) == (0, "")
    assert out == f"{SCENARIOS} scénarios, {SCENARIOS} réussis, 0 en échec\n"


def test_a_rule_broken_on_purpose_fails_naming_the_scenario_in_french(broken: Path) -> None:
    code, out, _ = run("--rules", str(broken))
    assert code == 1
    name = "SIG-02 violée — le procureur n'a pas signé"
    lines = (FEATURES / "signataires.feature").read_text(encoding="utf-8").splitlines()
    title = lines.index(f"  Scénario: {name}") + 1
    step = lines.index("    Alors l'exigence SIG-02 est violée", title) + 1
    failure = next(block for block in out.split("\n\n") if name in block)
    assert failure.startswith("ÉCHEC ")
    assert failure.splitlines()[0].endswith(f"signataires.feature:{title} — {name}")
    assert f"ligne {step} : Alors l'exigence SIG-02 est violée" in failure
    assert "attendu : violée ; obtenu : satisfaite" in failure
    assert summary(out).startswith(f"{SCENARIOS} scénarios, ")
    assert summary(out).endswith(" en échec") and not summary(out).endswith(" 0 en échec")


def test_only_the_scenarios_of_the_requirements_named(broken: Path) -> None:
    code, out, _ = run("--rules", str(broken), "sig-01")
    assert code == 0
    count = int(summary(out).split()[0])
    assert scenario_counts(FEATURES)["SIG-01"] <= count < SCENARIOS
    code, out, _ = run("--rules", str(broken), "SIG-02")
    assert code == 1
    assert "SIG-02 violée — le procureur n'a pas signé" in out


def test_an_unknown_requirement_gets_the_closest_id() -> None:
    code, _, err = run("SIG-2")
    assert code == 2
    assert "vouliez-vous dire « SIG-02 » ?" in err


def _features(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "essai.feature").write_text("# language: fr\n" + text, encoding="utf-8")
    return folder


def test_coverage_lists_the_verdicts_no_scenario_reaches(tmp_path: Path) -> None:
    features = _features(
        tmp_path / "scenarios",
        "Fonctionnalité: SIG-02\n"
        "  Scénario: SIG-02 satisfaite — le procureur a signé\n"
        "    Soit le contrat de référence\n"
        "    Alors l'exigence SIG-02 est satisfaite\n",
    )
    code, out, _ = run("SIG-02", "--features", str(features), "--coverage")
    assert code == 1
    assert "1 scénario, 1 réussi, 0 en échec" in out
    assert "verdicts qu'aucun scénario n'atteint :" in out
    assert "SIG-02 : aucun scénario « l'exigence SIG-02 est violée »" in out
    assert "SIG-02 : aucun scénario « l'exigence SIG-02 est inconnue »" in out
    assert "SIG-01" not in out


def test_coverage_of_the_whole_folder_finds_a_removed_scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FEATURES, "features", ignore=shutil.ignore_patterns("*.py"))
    path = Path("features/signataires.feature")
    text = path.read_text(encoding="utf-8")
    scenario = (
        "  Scénario: SIG-02 inconnue — la liste des signataires manque\n"
        "    Soit le contrat de référence\n"
        "    Quand le champ « signataires » est absent\n"
        "    Alors l'exigence SIG-02 est inconnue\n\n"
    )
    assert scenario in text
    path.write_text(text.replace(scenario, ""), encoding="utf-8")
    code, out, _ = run("--features", "features", "--coverage")
    assert code == 1
    assert out.endswith(
        "verdicts qu'aucun scénario n'atteint :\n"
        "  SIG-02 : aucun scénario « l'exigence SIG-02 est inconnue »\n"
    )
    assert f"{SCENARIOS - 1} scénarios, {SCENARIOS - 1} réussis, 0 en échec" in out
    code, out, _ = run("--coverage")
    assert code == 0
    assert out.endswith("chaque verdict que les règles peuvent donner a son scénario.\n")


def test_scenarios_beside_the_rules_and_their_own_contracts(tmp_path: Path) -> None:
    rules = tmp_path / "regles"
    shutil.copytree(rules_dir(), rules)
    (tmp_path / "fixtures").mkdir()
    shutil.copy(ROOT / "fixtures" / "contrat-exemple.yaml", tmp_path / "fixtures" / "mien.yaml")
    _features(
        tmp_path / "features",
        "Fonctionnalité: à côté\n"
        "  Scénario: SIG-02 violée — sans procureur\n"
        "    Soit le contrat « mien »\n"
        "    Quand le procureur n'a pas signé\n"
        "    Alors l'exigence SIG-02 est violée\n",
    )
    code, out, _ = run("--rules", str(rules))
    assert (code, out) == (0, "1 scénario, 1 réussi, 0 en échec\n")


def test_an_unknown_step_is_reported_with_the_closest_known_ones(tmp_path: Path) -> None:
    features = _features(
        tmp_path / "scenarios",
        "Fonctionnalité: f\n"
        "  Scénario: une faute de frappe\n"
        "    Soit le contrat de référence\n"
        "    Quand le champs « diagnostic.date » vaut 1998-06-01\n",
    )
    code, out, _ = run("--features", str(features))
    assert code == 1
    assert "ligne 5 : Quand le champs « diagnostic.date » vaut 1998-06-01" in out
    assert "étape inconnue" in out
    assert "    Quand le champ « … » vaut …\n" in out
    assert "cls-check rules test --etapes" in out


def test_a_divergence_is_expected_to_fail_and_reported_when_it_passes(tmp_path: Path) -> None:
    features = _features(
        tmp_path / "scenarios",
        "Fonctionnalité: f\n"
        "  @divergence\n"
        "  Scénario: attendue\n"
        "    Soit le contrat de référence\n"
        "    Alors l'exigence SIG-02 est violée\n"
        "  @divergence\n"
        "  Scénario: réglée\n"
        "    Soit le contrat de référence\n"
        "    Alors l'exigence SIG-02 est satisfaite\n",
    )
    code, out, _ = run("--features", str(features))
    assert code == 1
    assert "réglée\n  le scénario marqué @divergence réussit" in out
    assert summary(out) == (
        "2 scénarios, 0 réussi, 1 en échec, 1 divergence attendue (@divergence)"
    )


def test_the_list_of_steps() -> None:
    code, out, _ = run("--etapes")
    assert code == 0
    assert out == (ROOT / "docs" / "etapes.md").read_text(encoding="utf-8")


def test_it_runs_where_only_the_runtime_dependencies_are_installed() -> None:
    """No pytest, pytest-bdd or hypothesis: the command line and its own dependencies
    (the Gherkin parser among them)."""
    script = (
        "import sys\n"
        "for name in ('pytest', 'pytest_bdd', 'hypothesis'):\n"
        "    sys.modules[name] = None\n"
        "from cls_check.cli import main\n"
        "main(['rules', 'test', 'SIG-02'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(" réussis, 0 en échec\n")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "Fonctionnalité: f\n  Scénario: s\n    Soit le contrat de référence\n"
            "  du texte perdu\n",
            5,
            "ligne inattendue « du texte perdu » ; attendu : la fin du fichier, une ligne de "
            'tableau (| … |), un texte entre « """ », une étape (Soit, Quand, Alors, Et…)',
        ),
        (
            "Fonctionnalité: f\n  Plan du scénario: s\n    Alors l'exigence <id> est violée\n"
            "    Exemples:\n      | id | mot |\n      | SIG-02 |\n",
            7,
            "les lignes du tableau n'ont pas toutes le même nombre de cellules",
        ),
    ],
)
def test_a_broken_feature_file_is_named_with_its_line_in_french(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    features = _features(tmp_path / "scenarios", text)
    code, out, err = run("--features", str(features))
    assert (code, out) == (2, "")
    assert err.startswith(f"cls-check : erreur : essai.feature:{line} : {message}")
    assert "expected" not in err and "Traceback" not in err
