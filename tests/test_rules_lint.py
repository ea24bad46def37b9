"""``cls-check rules lint [CHEMIN…]`` as legal staff use it: on the folder or the one file
they edit, with what a word processor puts in a text, every mistake of every file at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cls_check.api import load_rules
from cls_check.cli import main
from cls_check.resources import rules_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"


def lint(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["rules", "lint", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled rules in ``regles/`` of the working directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(rules_dir(), tmp_path / "regles")
    return Path("regles")


def append(path: Path, text: str) -> int:
    """Append ``text`` to a file; the number of its first line."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def test_a_single_file_is_checked_with_the_definitions_of_its_folder() -> None:
    # signataires.cls uses « paris », defined in communs.cls.
    assert "sauf si paris" in (rules_dir() / "signataires.cls").read_text(encoding="utf-8")
    code, out, err = lint(str(rules_dir() / "signataires.cls"))
    assert (code, err) == (0, "")
    signatories = [r for r in load_rules().rules if r.theme == "signataires"]
    assert out == f"{len(signatories)} règles vérifiées dans 1 fichier(s), aucune erreur.\n"


def test_a_line_of_garbage_is_reported_at_file_line_col_with_the_note_hint(copy: Path) -> None:
    line = append(copy / "signataires.cls", "ceci n'est pas une règle\n")
    for args in ([str(copy / "signataires.cls")], [str(copy)], ["--rules", str(copy)]):
        code, out, err = lint(*args)
        assert code == 2
        assert out == ""
        assert f"regles/signataires.cls:{line}:1: CLS101 ligne inattendue" in err
        assert "commencez une note par #" in err
        assert err.endswith("cls-check : 1 erreur(s) dans 1 fichier(s) de règles.\n")


def test_every_error_of_every_file_and_folder_in_one_run(copy: Path) -> None:
    shutil.copytree(copy, "autres")
    first = append(copy / "ccpd.cls", "à revoir\n")
    second = append(copy / "suivi.cls", "exigence SUI-01 « t »\n  force obligatoire\n")
    third = append(Path("autres/justice.cls"), "soit x = \n")
    code, _, err = lint(str(copy), "autres/justice.cls", "introuvable")
    assert code == 2
    assert f"regles/ccpd.cls:{first}:1:" in err
    assert f"regles/suivi.cls:{second + 1}:" in err
    assert f"autres/justice.cls:{third}:" in err
    assert "« introuvable » est introuvable" in err
    *_, last = err.splitlines()
    assert last.startswith("cls-check : ") and "fichier(s) de règles." in last
    found = int(last.split()[2])
    assert found >= 4  # at least one error per file, and the missing path


def test_a_file_alone_shows_its_own_errors_and_counts_its_neighbours(copy: Path) -> None:
    append(copy / "ccpd.cls", "à revoir\n")
    code, _, err = lint(str(copy / "signataires.cls"))
    assert code == 2
    assert "ccpd.cls:" not in err
    assert "le dossier regles ne se charge pas : 1 erreur(s) dans ses autres fichiers" in err


def test_a_misspelt_field_gets_the_closest_name(copy: Path) -> None:
    path = copy / "signataires.cls"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("de signataires", "de signatiares", 1), encoding="utf-8")
    code, _, err = lint(str(path))
    assert code == 2
    assert "« signatiares »" in err
    assert "vouliez-vous dire « signataires » ?" in err


def test_what_a_word_processor_writes_means_the_same(copy: Path) -> None:
    """No-break spaces before « : » and inside « … », typographic apostrophes: the rules
    load, and decide exactly as the originals."""
    for path in copy.glob("*.cls"):
        text = path.read_text(encoding="utf-8")
        text = text.replace(" :", "\u00a0:").replace("« ", "«\u202f").replace(" »", "\u202f»")
        text = text.replace("n'est pas", "n’est pas").replace("d'", "d’")
        path.write_text(text, encoding="utf-8")
    assert "\u00a0:" in (copy / "signataires.cls").read_text(encoding="utf-8")
    code, out, err = lint(str(copy))
    assert (code, err) == (0, "")
    assert out.endswith("aucune erreur.\n")
    edited = load_rules(copy).check(EXAMPLE, at=None)
    original = load_rules().check(EXAMPLE, at=None)
    assert [(f.requirement, f.verdict, f.message) for f in edited.findings] == [
        (f.requirement, f.verdict, f.message) for f in original.findings
    ]


def test_a_path_that_is_not_a_rule_file(copy: Path) -> None:
    code, _, err = lint(str(copy / "exigences.yaml"))
    assert code == 2
    assert "n'est pas un fichier de règles (.cls)" in err


def test_a_folder_without_rule_files(tmp_path: Path) -> None:
    code, out, err = lint(str(tmp_path))
    assert (code, out) == (2, "")
    assert "ne contient aucun fichier de règles (.cls)" in err
