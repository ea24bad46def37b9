"""The disk cache of compiled rule sets: used when current, never when anything changed,
never trusted unless this user wrote it, and never a way to run code."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cls_check.dsl import compile_rule_files, load_catalogue
from cls_check.dsl.catalogue import CATALOGUE_FILE
from cls_check.ir import cache, json_codec
from cls_check.ir import nodes as ir
from cls_check.ir.nodes import RuleSetIR
from cls_check.resources import rules_dir
from tests.engine.test_codegen_reference import conditions, numbers_of

ROOT = Path(__file__).resolve().parent.parent
# How many rules the bundled folder has: one per requirement of its catalogue.
REQUIREMENTS = len(load_catalogue(rules_dir() / CATALOGUE_FILE))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLS_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    return rules


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, folder: Path) -> RuleSetIR:
        self.calls += 1
        return compile_rule_files(folder)


def test_second_load_comes_from_the_cache(folder: Path) -> None:
    compile_folder = Counting()
    first = cache.compiled(folder, compile_folder)
    second = cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 1
    assert second == first


def test_an_edited_rule_file_is_compiled_again(folder: Path) -> None:
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    path = folder / "signataires.cls"
    path.write_text(path.read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8")
    cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 2


def test_a_corrupted_cache_is_ignored(folder: Path) -> None:
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    directory = cache.cache_dir()
    assert directory is not None
    for entry in directory.iterdir():
        entry.write_bytes(b"not a pickle")
    assert isinstance(cache.compiled(folder, compile_folder), RuleSetIR)
    assert compile_folder.calls == 2


def test_cache_can_be_turned_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLS_CHECK_CACHE", "0")
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 2


# ---------------------------------------------------------------- nothing in it is trusted


def entries(folder: Path) -> list[Path]:
    directory = cache.cache_dir()
    assert directory is not None
    return sorted(directory.glob("*.json"))


class Payload:
    """A pickle that creates a file when it is loaded: what a planted cache would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_is_never_run(folder: Path, tmp_path: Path) -> None:
    proof, planted = tmp_path / "proof", tmp_path / "planted"
    pickle.loads(pickle.dumps(Payload(proof))).close()
    assert proof.exists()  # the payload is live
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    (entry,) = entries(folder)
    for path in (entry, entry.with_suffix(".pickle")):
        path.write_bytes(pickle.dumps(Payload(planted)))
    ruleset = cache.compiled(folder, compile_folder)
    assert not planted.exists()
    assert compile_folder.calls == 2 and len(ruleset.rules) == REQUIREMENTS


def unsigned_empty_rule_set(entry: Path, key: bytes) -> None:
    """What a writer without our key can plant: a well-formed entry of no rules."""
    empty = RuleSetIR((), (), "1", "0" * 64)
    payload = json_codec.dumps(empty)
    signature = hmac.new(key, entry.stem.encode() + b"\n" + payload, hashlib.sha256)
    entry.write_bytes(signature.hexdigest().encode() + b"\n" + payload)


@pytest.mark.parametrize("key", [b"", b"k" * 32], ids=["no-key", "another-key"])
def test_a_planted_empty_rule_set_is_not_trusted(folder: Path, key: bytes) -> None:
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    (entry,) = entries(folder)
    unsigned_empty_rule_set(entry, key)
    assert len(cache.compiled(folder, compile_folder).rules) == REQUIREMENTS
    assert compile_folder.calls == 2
    assert len(cache.compiled(folder, compile_folder).rules) == REQUIREMENTS  # compiled over
    assert compile_folder.calls == 2


def test_a_planted_empty_rule_set_does_not_make_a_contract_conforme(
    folder: Path, tmp_path: Path
) -> None:
    """End to end, in a fresh process: the draft stays incomplete, the gaps stay gaps."""
    command = [sys.executable, "-m", "cls_check", "check", "--rules", str(folder), "-f", "json"]
    record = str(ROOT / "fixtures" / "projet-debut.yaml")
    subprocess.run([*command, record], capture_output=True, check=False)
    (entry,) = entries(folder)
    unsigned_empty_rule_set(entry, b"k" * 32)
    result = subprocess.run([*command, record], capture_output=True, check=False)
    report = json.loads(result.stdout)
    assert report["contracts"][0]["status"] == "incomplet"
    assert len(report["contracts"][0]["findings"]) == REQUIREMENTS


def test_a_folder_others_can_write_is_not_used(folder: Path) -> None:
    directory = cache.cache_dir()
    assert directory is not None
    directory.mkdir(mode=0o700)
    directory.chmod(0o777)
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 2
    assert list(directory.iterdir()) == []


def test_a_folder_of_another_user_is_not_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 2


def test_the_folder_and_its_files_are_private(folder: Path) -> None:
    cache.compiled(folder, Counting())
    directory = cache.cache_dir()
    assert directory is not None
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for path in directory.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_key_others_can_read_is_replaced(folder: Path) -> None:
    """Whoever read it could sign entries: a new key invalidates every entry."""
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    directory = cache.cache_dir()
    assert directory is not None
    key = directory / "key"
    old = key.read_bytes()
    key.chmod(0o644)
    cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 2
    assert key.read_bytes() != old and stat.S_IMODE(key.stat().st_mode) == 0o600
    cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 2


@pytest.mark.parametrize("change", ["group-writable", "symlink"])
def test_an_entry_others_could_have_written_is_ignored(
    folder: Path, tmp_path: Path, change: str
) -> None:
    compile_folder = Counting()
    cache.compiled(folder, compile_folder)
    (entry,) = entries(folder)
    if change == "group-writable":
        entry.chmod(0o660)
    else:
        elsewhere = tmp_path / "elsewhere.json"
        entry.rename(elsewhere)
        entry.symlink_to(elsewhere)
    cache.compiled(folder, compile_folder)
    assert compile_folder.calls == 2


@pytest.mark.parametrize("failure", [RuntimeError, KeyError])
def test_no_home_means_no_cache(
    folder: Path, monkeypatch: pytest.MonkeyPatch, failure: type[Exception]
) -> None:
    """HOME unset, and a user id without a password entry: Path.home() raises."""

    def no_home() -> Path:
        raise failure("no home")

    monkeypatch.delenv("CLS_CHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir() is None
    compile_folder = Counting()
    assert len(cache.compiled(folder, compile_folder).rules) == REQUIREMENTS


def test_no_home_in_a_real_process(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    env.pop("CLS_CHECK_CACHE_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "cls_check", "check", str(ROOT / "fixtures" / "projet-debut.yaml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "INCOMPLET" in result.stdout


# ---------------------------------------------------------------- the stored form


def test_the_bundled_rules_read_back_as_they_were_written() -> None:
    ruleset = compile_rule_files(rules_dir())
    assert json_codec.loads(json_codec.dumps(ruleset)) == ruleset


@given(exprs=st.lists(st.one_of(conditions(3, ()), numbers_of(3, ())), max_size=4))
def test_any_expression_reads_back_as_it_was_written(exprs: list[ir.Expr]) -> None:
    definitions = tuple((f"d{i}", expr) for i, expr in enumerate(exprs))
    ruleset = RuleSetIR((), definitions, "1", "0" * 64)
    assert json_codec.loads(json_codec.dumps(ruleset)) == ruleset


@pytest.mark.parametrize(
    "data",
    [b"[]", b'{"RuleSetIR": []}', b'{"print": ["x"]}', b'{"Rule": [1], "Ref": ["x"]}', b"nan"],
)
def test_anything_but_a_rule_set_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        json_codec.loads(data)
