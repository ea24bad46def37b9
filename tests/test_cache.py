"""The disk cache of compiled rule sets, as the pipeline uses it: used when current, never
when anything changed, never trusted unless this user wrote it, and never a way to run code
that this user's cls-check did not compile."""

from __future__ import annotations

import hashlib
import hmac
import json
import marshal
import os
import pickle
import shutil
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import CodeType

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cls_check import pipeline
from cls_check.dsl import compile_rule_files, load_catalogue
from cls_check.dsl import compiler as front_end
from cls_check.dsl.catalogue import CATALOGUE_FILE
from cls_check.errors import RuleFileError
from cls_check.ir import cache, json_codec
from cls_check.ir import nodes as ir
from cls_check.ir.nodes import RuleSetIR
from cls_check.resources import rules_dir
from tests.engine.test_codegen_reference import conditions, numbers_of

ROOT = Path(__file__).resolve().parent.parent
# How many rules the bundled folder has: one per requirement of its catalogue.
REQUIREMENTS = len(load_catalogue(rules_dir() / CATALOGUE_FILE))


class Counting:
    """Counts the calls of a step of the pipeline, and runs it."""

    def __init__(self, step: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        module = front_end if step == "compile_folder" else pipeline
        self.step = getattr(module, step)
        monkeypatch.setattr(module, step, self)

    def __call__(self, *args: object) -> object:
        self.calls += 1
        return self.step(*args)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLS_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    return rules


@pytest.fixture
def compile_folder(monkeypatch: pytest.MonkeyPatch) -> Counting:
    """The front end: parse, check and lower a rule folder."""
    return Counting("compile_folder", monkeypatch)


@pytest.fixture
def compile_module(monkeypatch: pytest.MonkeyPatch) -> Counting:
    """Python's compiler, on the module the python backend generates."""
    return Counting("compile_module_source", monkeypatch)


def load(folder: Path, engine: str = "python") -> RuleSetIR:
    """What a new process would load (the rule sets kept in memory are forgotten)."""
    pipeline._built.cache_clear()
    return pipeline.load(folder, engine).ir


def test_second_load_comes_from_the_cache(folder: Path, compile_folder: Counting) -> None:
    first = load(folder)
    second = load(folder)
    assert compile_folder.calls == 1
    assert second == first


def test_an_edited_rule_file_is_compiled_again(folder: Path, compile_folder: Counting) -> None:
    load(folder)
    path = folder / "signataires.cls"
    path.write_text(path.read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8")
    load(folder)
    assert compile_folder.calls == 2


def test_a_corrupted_cache_is_ignored(folder: Path, compile_folder: Counting) -> None:
    load(folder)
    directory = cache.cache_dir()
    assert directory is not None
    for entry in directory.iterdir():
        entry.write_bytes(b"not a pickle")
    assert len(load(folder).rules) == REQUIREMENTS
    assert compile_folder.calls == 2


def test_cache_can_be_turned_off(
    folder: Path, monkeypatch: pytest.MonkeyPatch, compile_folder: Counting
) -> None:
    monkeypatch.setenv("CLS_CHECK_CACHE", "0")
    load(folder)
    load(folder)
    assert compile_folder.calls == 2


def test_the_same_folder_is_one_rule_set_in_a_process(
    folder: Path, compile_folder: Counting
) -> None:
    pipeline._built.cache_clear()
    assert pipeline.load(folder, "python") is pipeline.load(folder, "python")
    path = folder / "VERSION"
    path.write_text("2\n", encoding="utf-8")
    assert pipeline.load(folder, "python").ir.version == "2"


# ---------------------------------------------------------------- one read of each file


def test_each_rule_file_is_read_once_per_load(
    folder: Path, monkeypatch: pytest.MonkeyPatch, compile_folder: Counting
) -> None:
    """The fingerprint, the cache keys and the front end all work from one read."""
    reads: Counter[str] = Counter()
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        reads[path.name] += 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    expected = Counter({p.name: 1 for p in folder.iterdir() if p.suffix == ".cls"})
    expected.update((CATALOGUE_FILE, "VERSION"))
    for _ in ("compiled", "from the cache"):
        reads.clear()
        load(folder)
        assert +Counter({name: reads[name] for name in expected}) == expected
    assert compile_folder.calls == 1


def test_the_rule_set_sha256_is_the_fingerprint_of_what_was_read(folder: Path) -> None:
    assert load(folder).sha256 == compile_rule_files(folder).sha256


# ---------------------------------------------------------------- a start from the cache

#: What a plain ``check`` of one record does not need once the cache has the rule set.
NOT_NEEDED = (
    "lark",
    "cls_check.dsl.parser",
    "cls_check.dsl.checker",
    "cls_check.dsl.compiler",
    "cls_check.engine.durable",
    "cls_check.report.html",
    "cls_check.report.markdown",
    "cls_check.report.csv_format",
    "cls_check.report.ci_formats",
    "cls_check.report.letter",
    "cls_check.report.pdf",
    "concurrent.futures.process",
)


#: PyYAML and the modules reading YAML: a JSON record without a problem needs none of them
#: (the node tree for line numbers is composed only when a problem needs a line).
YAML_READING = (
    "yaml",
    "cls_check.model.parse_yaml",
    "cls_check.model.yaml_safety",
    "cls_check.model.yaml_lines",
    "cls_check.model.yaml_build",
)


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_a_check_from_the_cache_imports_only_what_it_needs(tmp_path: Path, syntax: str) -> None:
    env = {**os.environ, "CLS_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-X", "importtime", "-m", "cls_check", "check"]
    record = ROOT / "fixtures" / "contrat-exemple.yaml"
    if syntax == "json":
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        record = tmp_path / "contrat-exemple.json"
        record.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    imported: list[set[str]] = []
    for _ in ("compiles", "from the cache"):
        result = subprocess.run([*command, record], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        imported.append({line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()})
    assert "lark" in imported[0]  # the first start compiled the rules
    assert [name for name in NOT_NEEDED if name in imported[1]] == []
    read_yaml = [name for name in YAML_READING if name in imported[1]]
    assert read_yaml == (list(YAML_READING) if syntax == "yaml" else [])


# ---------------------------------------------------------------- compiled code


def code_entries() -> list[Path]:
    directory = cache.cache_dir()
    assert directory is not None
    return sorted(directory.glob("*.code"))


def test_the_generated_code_comes_from_the_cache(folder: Path, compile_module: Counting) -> None:
    first = pipeline.load(folder, "python").check(ROOT / "fixtures" / "projet-debut.yaml")
    assert compile_module.calls == 1 and len(code_entries()) == 1
    load(folder)
    assert compile_module.calls == 1
    again = pipeline.load(folder, "python").check(ROOT / "fixtures" / "projet-debut.yaml")
    assert again == first


def test_a_changed_rule_is_compiled_again(
    folder: Path, compile_folder: Counting, compile_module: Counting
) -> None:
    load(folder)
    path = folder / "signataires.cls"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("la signature d'un préfet ne suffit pas", "et lui seul"), "utf-8")
    pipeline._built.cache_clear()
    report = pipeline.load(folder, "python").check(ROOT / "fixtures" / "paris-prefet-simple.yaml")
    assert (compile_folder.calls, compile_module.calls) == (2, 2)
    assert report.finding("SIG-01").message.endswith("partie au contrat, et lui seul.")


def test_code_of_another_interpreter_is_not_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch, compile_module: Counting
) -> None:
    load(folder)
    monkeypatch.setattr(cache, "MAGIC_NUMBER", b"\x00\x00\r\n")
    load(folder)
    assert compile_module.calls == 2 and len(code_entries()) == 2


def planted_code(marker: Path) -> bytes:
    """A code object that creates a file when it runs."""
    return marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "<planted>", "exec"))


def sign(entry: Path, key: bytes, payload: bytes) -> None:
    """Write an entry as the cache does, under ``key``."""
    signature = hmac.new(key, entry.name.encode() + b"\n" + payload, hashlib.sha256)
    entry.write_bytes(signature.hexdigest().encode() + b"\n" + payload)


@pytest.mark.parametrize("tampering", ["foreign-key", "no-key", "flipped-byte", "renamed-ir"])
def test_unauthenticated_code_is_never_unmarshalled(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    compile_module: Counting,
    tampering: str,
) -> None:
    load(folder)
    (entry,) = code_entries()
    marker = tmp_path / "planted"
    if tampering == "foreign-key":
        sign(entry, b"k" * 32, planted_code(marker))
    elif tampering == "no-key":
        sign(entry, b"", planted_code(marker))
    elif tampering == "flipped-byte":
        data = bytearray(entry.read_bytes())
        data[-1] ^= 1
        entry.write_bytes(bytes(data))
    else:  # a signed IR entry moved over the code entry
        (ir_entry,) = entries(folder)
        shutil.copyfile(ir_entry, entry)

    def refuse(data: bytes) -> object:
        pytest.fail("marshal.loads was called on an entry whose signature did not verify")

    monkeypatch.setattr(marshal, "loads", refuse)
    report = pipeline.load(folder, "python").check(ROOT / "fixtures" / "projet-debut.yaml")
    pipeline._built.cache_clear()
    report = pipeline.load(folder, "python").check(ROOT / "fixtures" / "projet-debut.yaml")
    assert not marker.exists()
    assert compile_module.calls == 2
    assert report.status == "incomplet" and len(report.findings) == REQUIREMENTS


def test_a_signed_code_entry_is_unmarshalled(
    folder: Path, monkeypatch: pytest.MonkeyPatch, compile_module: Counting
) -> None:
    """The other side of the test above: what this user's cls-check stored is read."""
    load(folder)
    read: list[CodeType] = []
    loads = marshal.loads

    def counted(data: bytes) -> object:
        code = loads(data)
        read.append(code)
        return code

    monkeypatch.setattr(marshal, "loads", counted)
    load(folder)
    assert compile_module.calls == 1 and len(read) == 1


def test_a_folder_with_a_problem_is_never_looked_up(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unreadable rule file does not change the fingerprint of the others: the
    problem must still be reported, not hidden by the rule set cached without it."""
    load(folder)
    (folder / "vide.cls").write_bytes(b"\xff\xfe")
    looked_up: list[str] = []
    monkeypatch.setattr(cache, "load", lambda name: looked_up.append(name))
    with pytest.raises(RuleFileError) as error:
        load(folder)
    (problem,) = error.value.diagnostics
    assert problem.code == "CLS100" and "UTF-8" in problem.message
    assert looked_up == []


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


def test_a_planted_pickle_is_never_run(
    folder: Path, tmp_path: Path, compile_folder: Counting
) -> None:
    proof, planted = tmp_path / "proof", tmp_path / "planted"
    pickle.loads(pickle.dumps(Payload(proof))).close()
    assert proof.exists()  # the payload is live
    load(folder)
    (entry,) = entries(folder)
    for path in (entry, entry.with_suffix(".pickle")):
        path.write_bytes(pickle.dumps(Payload(planted)))
    ruleset = load(folder)
    assert not planted.exists()
    assert compile_folder.calls == 2 and len(ruleset.rules) == REQUIREMENTS


def unsigned_empty_rule_set(entry: Path, key: bytes) -> None:
    """What a writer without our key can plant: a well-formed entry of no rules."""
    sign(entry, key, json_codec.dumps(RuleSetIR((), (), "1", "0" * 64)))


@pytest.mark.parametrize("key", [b"", b"k" * 32], ids=["no-key", "another-key"])
def test_a_planted_empty_rule_set_is_not_trusted(
    folder: Path, key: bytes, compile_folder: Counting
) -> None:
    load(folder)
    (entry,) = entries(folder)
    unsigned_empty_rule_set(entry, key)
    assert len(load(folder).rules) == REQUIREMENTS
    assert compile_folder.calls == 2
    assert len(load(folder).rules) == REQUIREMENTS  # compiled over
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


def test_a_folder_others_can_write_is_not_used(folder: Path, compile_folder: Counting) -> None:
    directory = cache.cache_dir()
    assert directory is not None
    directory.mkdir(mode=0o700)
    directory.chmod(0o777)
    load(folder)
    load(folder)
    assert compile_folder.calls == 2
    assert list(directory.iterdir()) == []


def test_a_folder_of_another_user_is_not_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch, compile_folder: Counting
) -> None:
    load(folder)
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    load(folder)
    assert compile_folder.calls == 2


def test_the_folder_and_its_files_are_private(folder: Path) -> None:
    load(folder)
    directory = cache.cache_dir()
    assert directory is not None
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for path in directory.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_key_others_can_read_is_replaced(folder: Path, compile_folder: Counting) -> None:
    """Whoever read it could sign entries: a new key invalidates every entry."""
    load(folder)
    directory = cache.cache_dir()
    assert directory is not None
    key = directory / "key"
    old = key.read_bytes()
    key.chmod(0o644)
    load(folder)
    assert compile_folder.calls == 2
    assert key.read_bytes() != old and stat.S_IMODE(key.stat().st_mode) == 0o600
    load(folder)
    assert compile_folder.calls == 2


@pytest.mark.parametrize("change", ["group-writable", "symlink"])
def test_an_entry_others_could_have_written_is_ignored(
    folder: Path, tmp_path: Path, change: str, compile_folder: Counting
) -> None:
    load(folder)
    (entry,) = entries(folder)
    if change == "group-writable":
        entry.chmod(0o660)
    else:
        elsewhere = tmp_path / "elsewhere.json"
        entry.rename(elsewhere)
        entry.symlink_to(elsewhere)
    load(folder)
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
    assert len(load(folder).rules) == REQUIREMENTS


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


def test_the_cache_key_covers_every_module_the_front_end_imports() -> None:
    """An edit to any module the front end, the IR or the record model import (a Duration
    in dates.py, a Force in vocab.py) compiles the rule set again: no stale IR is read."""
    import ast

    package = Path(pipeline.__file__).resolve().parent
    imported: set[str] = set()
    for part in pipeline._FRONT_END:
        for path in (package / part).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "cls_check."
                ):
                    imported.add(node.module.split(".")[1])  # type: ignore[union-attr]
    outside = {name for name in imported if name not in pipeline._FRONT_END}
    assert {f"{name}.py" for name in outside} <= set(pipeline._FRONT_END_MODULES)


def test_the_folder_keeps_only_the_entries_used_last(folder: Path) -> None:
    """Every edit of a rule file makes new entries: the folder must not grow for ever."""
    code = compile("1", "<règles>", "eval")
    for number in range(cache.MAX_ENTRIES + 10):
        before = set(code_entries())
        cache.store_code(f"rules-{number}", code)
        (new,) = set(code_entries()) - before
        os.utime(new, (number, number))  # stored in this order, a second apart
        if number == 0:
            first = new
        elif number % 5 == 0:
            assert cache.load_code("rules-0") is not None  # the first, used all along
    assert len(code_entries()) == cache.MAX_ENTRIES
    assert first in code_entries()
    assert cache.load_code("rules-1") is None  # stored early, never used since
    assert cache.load_code(f"rules-{cache.MAX_ENTRIES + 9}") is not None


def test_a_temporary_file_left_by_a_dead_writer_is_removed(folder: Path) -> None:
    cache.store_code("rules", compile("1", "<règles>", "eval"))
    directory = Path(os.environ["CLS_CHECK_CACHE_DIR"])
    stale, fresh = directory / ".mort.tmp", directory / ".en-cours.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(stale, (0, 0))
    cache.store_code("other rules", compile("2", "<règles>", "eval"))
    assert not stale.exists() and fresh.exists()
