"""Finding the inputs of a batch: every path met is checked, an error, or ignored with a reason."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cls_check.batch import MAX_JOBS, bounded_jobs
from cls_check.inputs import Discovery, discover

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "fixtures" / "contrat-exemple.yaml").read_text(encoding="utf-8")


def no_stdin(_limit: int) -> bytes:
    raise AssertionError("standard input is read only for « - »")


def found_in(*paths: Path | str, stdin: bytes = b"", max_size: int = 1000) -> Discovery:
    return discover([str(p) for p in paths], lambda limit: stdin[:limit], max_size)


def errors(found: Discovery) -> dict[str, str]:
    return {e.file: e.problems[0].message for e in found.errors}


def test_folders_are_walked_in_sorted_order_with_records_only(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.json", "c.YML", "sub/z.yaml", "sub/deeper/y.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    found = found_in(tmp_path)
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in found.inputs]
    assert names == ["a.json", "b.yaml", "c.YML", "sub/deeper/y.json", "sub/z.yaml"]
    assert [(i.file, "pas un enregistrement" in i.reason) for i in found.ignored] == [
        (str(tmp_path / "notes.txt"), True)
    ]
    assert not found.errors


def test_a_file_named_on_the_command_line_is_checked_whatever_its_suffix(tmp_path: Path) -> None:
    (tmp_path / "contrat.txt").write_text("{}", encoding="utf-8")
    assert [i.name for i in found_in(tmp_path / "contrat.txt").inputs] == [
        str(tmp_path / "contrat.txt")
    ]


def test_hidden_entries_are_ignored_not_walked(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("{}", encoding="utf-8")
    (tmp_path / ".brouillon.yaml").write_text("{}", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("{}", encoding="utf-8")
    found = found_in(tmp_path)
    assert [i.name for i in found.inputs] == [str(tmp_path / "c.yaml")]
    assert [i.file for i in found.ignored] == [
        str(tmp_path / ".brouillon.yaml"),
        str(tmp_path / ".git"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_files_and_broken_links_are_errors_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube.yaml")
    (tmp_path / "casse.yaml").symlink_to(tmp_path / "absent.yaml")
    (tmp_path / "boucle.yaml").symlink_to(tmp_path / "boucle.yaml")
    (tmp_path / "x.yaml").mkdir()
    (tmp_path / "x.yaml" / "dedans.yaml").write_text("{}", encoding="utf-8")
    (tmp_path / "ok.yaml").write_text("{}", encoding="utf-8")
    found = found_in(tmp_path)  # would block forever if the pipe were opened
    assert [i.name for i in found.inputs] == [str(tmp_path / "ok.yaml")]
    messages = errors(found)
    assert "tube nommé" in messages[str(tmp_path / "tube.yaml")]
    assert "lien symbolique cassé" in messages[str(tmp_path / "casse.yaml")]
    assert "boucle de liens" in messages[str(tmp_path / "boucle.yaml")]
    assert "c'est un dossier" in messages[str(tmp_path / "x.yaml")]
    # Named on the command line, the same paths are errors too.
    assert len(found_in(tmp_path / "tube.yaml", tmp_path / "x.yaml").errors) == 2


def test_links_to_folders_are_not_followed_inside_a_walk(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.yaml").write_text("{}", encoding="utf-8")
    (tmp_path / "sub" / "parent").symlink_to(tmp_path, target_is_directory=True)
    found = found_in(tmp_path)
    assert [i.name for i in found.inputs] == [str(tmp_path / "sub" / "c.yaml")]
    assert [i.file for i in found.ignored] == [str(tmp_path / "sub" / "parent")]
    # Named on the command line, a link to a folder is walked.
    assert len(found_in(tmp_path / "sub" / "parent").inputs) == 1


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_a_name_that_is_not_utf8_is_an_error_shown_with_escapes(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.yaml"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write("{}")
    for found in (found_in(tmp_path), found_in(os.fsdecode(raw))):
        ((file, message),) = errors(found).items()
        assert file.endswith("caf\\xe9.yaml")
        assert "UTF-8" in message
        file.encode("utf-8")  # printable, and fit for JSON


def test_an_unreadable_folder_is_an_error_and_the_rest_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ferme").mkdir()
    (tmp_path / "ok.yaml").write_text("{}", encoding="utf-8")
    scandir = os.scandir

    def refusing(path: str) -> object:
        if path.endswith("ferme"):
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found = found_in(tmp_path)
    assert [i.name for i in found.inputs] == [str(tmp_path / "ok.yaml")]
    assert "dossier illisible (accès non autorisé)" in errors(found)[str(tmp_path / "ferme")]


def test_an_empty_path_and_a_missing_one_are_errors(tmp_path: Path) -> None:
    messages = errors(found_in("", tmp_path / "absent.yaml"))
    assert messages == {
        "": "chemin vide",
        str(tmp_path / "absent.yaml"): "fichier ou dossier introuvable",
    }


def test_standard_input_is_read_within_the_limit_and_as_utf8() -> None:
    assert found_in("-", stdin=b"id: x\n").inputs[0].text == "id: x\n"
    too_long = found_in("-", stdin=b"\0" * 5000, max_size=1000)
    assert "trop volumineux" in errors(too_long)["<stdin>"]
    latin1 = found_in("-", stdin="id: é\n".encode("latin-1"))
    assert "pas en UTF-8" in errors(latin1)["<stdin>"]


def test_standard_input_is_not_read_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("{}", encoding="utf-8")
    assert len(discover([str(tmp_path)], no_stdin).inputs) == 1


@pytest.mark.parametrize(
    ("jobs", "inputs", "expected"),
    [(1, 10, 1), (4, 2, 2), (4, 0, 1), (10**9, 10**6, MAX_JOBS), (3, 100, 3)],
)
def test_jobs_are_bounded_by_the_inputs_and_a_maximum(
    jobs: int, inputs: int, expected: int
) -> None:
    assert bounded_jobs(jobs, inputs) == expected
    assert 1 <= bounded_jobs(0, inputs) <= max(1, min(inputs, MAX_JOBS))
