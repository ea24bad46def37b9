"""One bad input never costs the batch: a folder of hostile files beside valid records.

The folder holds the reference record, a record signed on 9999-12-31, one with 10,000
signatories, and every kind of hostile input: names and bytes that are not UTF-8, lone
surrogates, huge integers, duplicate keys, an alias bomb, 200,000-deep nesting, lines
made against a backtracking regular expression, a Python
tag (which would create a file if it were executed), random bytes, a trailing comma, a
sparse file of several gigabytes, a named pipe, a folder named ``x.yaml``, a dangling link
and a loop of links. The real command runs on it (``--jobs 1`` and ``--jobs 2``): the
valid records are checked, each hostile path is an error entry with a French message, the
other files are listed as ignored, the exit code is 2, nothing is executed, and no
traceback reaches the terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"
VALID = {"valide.yaml", "an-9999.yaml", "signataires-10000.json"}
ENGLISH = ("Traceback", "Error", "expected", "found", "Input should", "Exceeds")


def build(folder: Path, marker: Path) -> set[str]:
    """Write the folder; the names of the hostile paths."""
    text = EXAMPLE.read_text(encoding="utf-8")
    record = yaml.safe_load(text)

    def write(name: str, content: str | bytes) -> None:
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)

    write("valide.yaml", text)
    write("an-9999.yaml", text.replace("date_signature: 1998-05-14", "date_signature: 9999-12-31"))
    many = dict(record, signataires=[{"role": "maire", "nom": f"M{i}"} for i in range(10_000)])
    write("signataires-10000.json", json.dumps(many, default=str))
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    hostile: dict[str, str | bytes] = {
        "surrogat.json": '{"format": "cls/1", "intitule": "\\ud800"}',
        "surrogat.yaml": 'format: cls/1\nintitule: "\\udfff"\n',
        "nombre-enorme.yaml": "moyens:\n  adjoints_securite:\n    - nombre: " + "9" * 5000 + "\n",
        "nombre-enorme.json": '{"moyens": {"adjoints_securite": [{"nombre": 1'
        + "0" * 5000
        + "}]}}",
        "nombre-grand.yaml": "moyens:\n  adjoints_securite:\n    - nombre: " + "9" * 40 + "\n",
        "cle-double.yaml": "format: cls/1\nid: a\nid: b\n",
        "cle-double.json": '{"id": "a",\n "id": "b"}',
        "bombe.yaml": bomb,
        "profond.yaml": "[" * 200_000 + "]" * 200_000,
        "profond.json": "[" * 200_000 + "]" * 200_000,
        "python.yaml": f"id: !!python/object/apply:os.system ['touch {marker}']\n",
        "virgule.json": '{"id": "a",}',
        # lines made against a regular expression that backtracks (unclosed flow lists)
        "virgules.yaml": "format: cls/1\nintitule: [a" + " ,a" * 100_000 + "\n",
        "espaces.yaml": "format: cls/1\nintitule: {a: b" + " " * 1_000_000 + "x\n",
        "latin1.yaml": "intitule: Sécurité\n".encode("latin-1"),
        "aleatoire.yaml": bytes(range(256)) * 8,
    }
    for name, content in hostile.items():
        write(name, content)
    names = set(hostile)
    with open(folder / "enorme.yaml", "wb") as handle:  # sparse: nothing is written
        handle.truncate(3 * 1024**3)
    names.add("enorme.yaml")
    (folder / "x.yaml").mkdir()
    (folder / "x.yaml" / "dedans.yaml").write_text(text, encoding="utf-8")
    (folder / "casse.yaml").symlink_to(folder / "absent.yaml")
    (folder / "boucle.yaml").symlink_to(folder / "boucle.yaml")
    names |= {"x.yaml", "casse.yaml", "boucle.yaml"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "tube.yaml")
        names.add("tube.yaml")
    if sys.platform == "linux":
        with open(os.fsencode(folder) + b"/caf\xe9.yaml", "w", encoding="utf-8") as named:
            named.write(text)
        names.add("caf\\xe9.yaml")
    (folder / "notes.txt").write_text("à lire\n", encoding="utf-8")
    return names


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_hostile_folder_is_reported_entry_by_entry(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    marker = tmp_path / "execute"
    hostile = build(folder, marker)
    result = subprocess.run(
        [sys.executable, "-m", "cls_check", "check", str(folder), "-f", "json", "-j", jobs],
        capture_output=True,
        timeout=300,  # a guard against a hang, not a measure of speed
        check=False,
    )
    assert result.returncode == 2, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr and not result.stderr.strip()
    report = json.loads(result.stdout)
    checked = {Path(c["file"]).name for c in report["contracts"]}
    assert checked == VALID
    failed = {e["file"].rsplit("/", 1)[-1]: e["problems"] for e in report["errors"]}
    assert set(failed) == hostile
    for name, problems in failed.items():
        for problem in problems:
            assert problem["message"], name
            assert not any(word in problem["message"] for word in ENGLISH), (name, problem)
    assert [Path(i["file"]).name for i in report["ignored"]] == ["notes.txt"]
    assert not marker.exists()


def test_the_text_report_of_a_hostile_folder_prints(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    build(folder, tmp_path / "execute")
    result = subprocess.run(
        [sys.executable, "-m", "cls_check", "check", str(folder), "--no-color"],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 2
    out = result.stdout.decode("utf-8")
    assert "caf\\xe9.yaml" in out or sys.platform != "linux"
    assert "Fichiers ignorés (1)" in out and "notes.txt" in out
    assert not result.stderr.strip()


def test_endless_standard_input_is_cut_at_the_size_limit() -> None:
    with open(os.devnull if not Path("/dev/zero").exists() else "/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "cls_check", "check", "-", "-f", "json", "--max-size", "1M"],
            stdin=zero,
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2
    ((error,),) = [json.loads(result.stdout)["errors"]]
    assert error["file"] == "<stdin>"
    assert "trop volumineux" in error["problems"][0]["message"] or not Path("/dev/zero").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_explain_never_opens_a_named_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "cls_check", "explain", str(tmp_path / "tube.yaml"), "SIG-01"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "tube nommé" in result.stderr.decode("utf-8")
