"""The disk cache of compiled rule sets: used when current, never when anything changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cls_check.dsl import compile_rule_files
from cls_check.ir import cache
from cls_check.ir.nodes import RuleSetIR
from cls_check.resources import rules_dir


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
