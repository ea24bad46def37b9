"""Where the report goes: ``--output`` never destroys anything, an interrupted check leaves
no partial report, and a reader that stops early (``| head``) is not an error."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cls_check.api import RuleSet
from cls_check.cli import main
from cls_check.errors import EngineError
from cls_check.model import LoadedRecord

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "contrat-exemple.yaml"
OLD = "rapport précédent\n"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def cls_check(*args: str) -> list[str]:
    return [sys.executable, "-m", "cls_check", *args]


def records(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        shutil.copy(EXAMPLE, folder / f"c{i:03d}.yaml")
    return folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---------------------------------------------------------------- an input is not an output


@pytest.mark.parametrize("how", ["same-path", "symlink", "hard-link", "in-a-folder"])
def test_an_input_is_never_overwritten(tmp_path: Path, how: str) -> None:
    record = tmp_path / "contrats" / "c.yaml"
    record.parent.mkdir()
    shutil.copy(EXAMPLE, record)
    checked = str(record.parent if how == "in-a-folder" else record)
    target = {
        "same-path": record,
        "in-a-folder": record,
        "symlink": tmp_path / "lien.json",
        "hard-link": tmp_path / "lien-dur.json",
    }[how]
    if how == "symlink":
        target.symlink_to(record)
    elif how == "hard-link":
        os.link(record, target)
    code, out, err = invoke("check", checked, "-f", "json", "-o", str(target))
    assert code == 2
    assert "remplacerait le contrat" in err and "aide :" in err
    assert out == ""
    assert record.read_bytes() == EXAMPLE.read_bytes()
    assert leftovers(record.parent) == [] and leftovers(tmp_path) == []


# ---------------------------------------------------------------- nothing is destroyed


@pytest.fixture
def failing_second_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine fails on the second contract (c001.yaml) of a batch."""
    checked = RuleSet.evaluate

    def fail_on_second(self: RuleSet, record: object, **kwargs: object) -> object:
        name = record.file if isinstance(record, LoadedRecord) else str(record)
        if name.endswith("c001.yaml"):
            raise EngineError("incohérence interne simulée")
        return checked(self, record, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RuleSet, "evaluate", fail_on_second)


@pytest.mark.usefixtures("failing_second_check")
def test_a_failed_report_keeps_the_previous_one(tmp_path: Path) -> None:
    """The report under way is dropped, the previous one stays as it was, and no
    temporary file is left."""
    folder = records(tmp_path / "contrats", 3)
    target = tmp_path / "rapport.json"
    target.write_text(OLD, encoding="utf-8")
    code, _, err = invoke("check", str(folder), "-f", "json", "-o", str(target))
    assert code == 2 and "incohérence interne simulée" in err
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("device", "message"),
    [("/dev/full", "impossible d'écrire"), ("/dev/null", "incohérence interne simulée")],
)
@pytest.mark.usefixtures("failing_second_check")
def test_a_device_is_never_removed(tmp_path: Path, device: str, message: str) -> None:
    """Through a link: /dev/full refuses every write; /dev/null takes the start of a
    batch that then fails. Neither the device nor the link to it is removed."""
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    folder = records(tmp_path / "contrats", 3)
    link = tmp_path / "lien.json"
    link.symlink_to(device)
    code, _, err = invoke("check", str(folder), "-f", "json", "-o", str(link))
    assert code == 2 and message in err
    assert link.is_symlink() and stat.S_ISCHR(os.stat(device).st_mode)
    assert leftovers(tmp_path) == []


def test_a_device_is_written_to_as_it_is() -> None:
    code, out, _ = invoke("check", str(EXAMPLE), "-f", "json", "-o", os.devnull)
    assert code in (0, 1) and out == ""
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_symlink_stays_a_link_to_the_new_report(tmp_path: Path) -> None:
    report = tmp_path / "rapports" / "dernier.json"
    report.parent.mkdir()
    report.write_text(OLD, encoding="utf-8")
    report.chmod(0o640)
    link = tmp_path / "rapport.json"
    link.symlink_to(report)
    code, _, _ = invoke("check", str(EXAMPLE), "-f", "json", "-o", str(link))
    assert code in (0, 1)
    assert link.is_symlink() and link.resolve() == report
    assert report.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert leftovers(report.parent) == []


def test_a_new_report_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        invoke("check", str(EXAMPLE), "-f", "html", "-o", str(tmp_path / "rapport.html"))
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "rapport.html").stat().st_mode) == 0o644


# ---------------------------------------------------------------- signals


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="finds the workers through /proc (Linux)"
)


def children(process: subprocess.Popen[Any], until: Callable[[list[str]], bool]) -> list[str]:
    """The process ids of ``process``'s children, once ``until`` them holds."""
    found: list[str] = []
    while not until(found):
        assert process.poll() is None, "the check ended before it could be interrupted"
        found = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        time.sleep(0.01)
    return found


@needs_proc
def test_an_interrupted_batch_leaves_no_partial_report_nor_workers(tmp_path: Path) -> None:
    """SIGTERM in the middle of a batch over two processes: « interrompu », exit 130, the
    previous report intact, no temporary file, no worker left running."""
    folder = records(tmp_path / "contrats", 600)
    out = tmp_path / "sortie"
    out.mkdir()
    target = out / "rapport.json"
    target.write_text(OLD, encoding="utf-8")
    command = cls_check("check", str(folder), "-f", "json", "-j", "2", "-o", str(target))
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    workers = children(process, until=lambda found: bool(leftovers(out)) and len(found) == 2)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate()
    assert process.returncode == 130, err
    assert "interrompu" in err
    assert "Aborted" not in err and "Traceback" not in err, err
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(out) == []
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


@needs_proc
def test_ctrl_c_says_interrompu_in_french(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, workers included."""
    folder = records(tmp_path / "contrats", 200)
    command = cls_check("check", str(folder), "-f", "json", "-j", "2")
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    # stdout is not read: the batch soon waits for its reader
    workers = children(process, until=lambda found: len(found) == 2)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate()
    assert process.returncode == 130
    assert err.decode().strip() == "cls-check : interrompu."
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


# ---------------------------------------------------------------- a reader that stops early


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path, jobs: str) -> None:
    """``cls-check check dossier | head -c 10``: no message, and the exit code the checks
    give (2: one record is not in the format), not 1 — the report is far larger than a
    pipe holds, so writing goes on after the reader is gone."""
    folder = records(tmp_path / "contrats", 12)
    (folder / "z-casse.yaml").write_text("signataires: [\n", encoding="utf-8")
    command = cls_check("check", str(folder), "-f", "json", "-j", jobs)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b'{\n  "tool"'
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait() == 2
    assert err == b""
