"""Loading a rule set, in one place: read → parse → check → lower → cache → backend.

Input: a rule folder (default: the bundled rules) and the name of a backend. Output: a
:class:`~cls_check.ruleset.RuleSet`, or :class:`~cls_check.errors.RuleFileError` with every
problem of the rule files, or :class:`~cls_check.errors.EngineError`.

The steps, each a function of its own module, plain data between them:

1. **read** (:func:`cls_check.dsl.read.read_rule_folder`): the rule files, the catalogue
   and ``VERSION``, each file read once. Their fingerprint is the rule set's ``sha256``,
   and every cache key below is derived from it: the folder is fingerprinted once.
2. **parse → check → lower** (:func:`cls_check.dsl.compiler.compile_folder`): only when
   no cache has the rule set, so that lark and the checker are imported only then.
3. **cache**: in memory, the same folder, content and backend give the same
   :class:`RuleSet` object for the life of the process; on disk (:mod:`cls_check.ir.cache`,
   signed entries), the IR, and the code the ``python`` backend generates from it.
4. **backend** (:func:`cls_check.engine.create_engine`): the IR compiled for evaluation;
   the generated module's code object comes from the disk cache when it is there.

A folder with a problem (a file that cannot be read, a broken catalogue) is never looked
up nor stored: the front end reports it afresh each time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path
from types import CodeType

from cls_check.dsl.read import RuleFolder, read_rule_folder
from cls_check.engine import create_engine
from cls_check.engine.codegen import compile_module_source
from cls_check.errors import Diagnostic
from cls_check.ir import cache
from cls_check.ir.nodes import RuleSetIR
from cls_check.resources import grammar_file, rules_dir
from cls_check.ruleset import RuleSet

__all__ = ["load"]

_FORMAT = b"cls-check-rules-1"
_PACKAGE = Path(__file__).resolve().parent
# The code whose output the disk cache stores: the front end, the IR, the record model,
# and the modules at the bottom they import (a Duration, a Force, a diagnostic's code are
# in the IR and its messages).
_FRONT_END = ("dsl", "ir", "model")
_FRONT_END_MODULES = ("codes.py", "dates.py", "errors.py", "resources.py", "suggest.py", "vocab.py")


def load(directory: str | os.PathLike[str] | None, engine: str) -> RuleSet:
    """The rule set of ``directory`` (default: the bundled rules) on the named backend."""
    folder = Path(directory).resolve() if directory is not None else rules_dir().resolve()
    read = read_rule_folder(folder)
    return _built(engine, _key(folder, read), read)


def _key(folder: Path, read: RuleFolder) -> str | None:
    """The name of the rule set in the caches: what was read, where, with which front end
    and Python (rule spans name files relative to the working directory). None when the
    folder has a problem: it is compiled each time, to report it."""
    if read.problems or isinstance(read.catalogue, Diagnostic):
        return None
    digest = hashlib.sha256(_FORMAT)
    for part in (sys.version, os.getcwd(), str(folder), read.shown, read.catalogue_name):
        # surrogateescape: a folder or file name need not be UTF-8.
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(read.sha256.encode() + _front_end())
    return digest.hexdigest()


@functools.cache
def _front_end() -> bytes:
    """A digest of the grammar and of the code that turns rule files into the IR."""
    digest = hashlib.sha256()
    files = [grammar_file(), *(_PACKAGE / name for name in _FRONT_END_MODULES)]
    for part in _FRONT_END:
        files.extend(sorted((_PACKAGE / part).glob("*.py")))
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path.name}:{len(data)}:".encode() + data)
    return digest.digest()


@functools.lru_cache(maxsize=16)
def _built(engine: str, key: str | None, read: RuleFolder) -> RuleSet:
    ir = _lowered(key, read)
    return RuleSet(ir, create_engine(engine, ir, _compiled_module))


def _lowered(key: str | None, read: RuleFolder) -> RuleSetIR:
    if key is not None:
        cached = cache.load(key)
        if cached is not None:
            return cached
    # The front end (lark, the checker) is imported only when the disk cache misses.
    from cls_check.dsl.compiler import compile_folder

    ruleset = compile_folder(read)
    if key is not None:
        cache.store(key, ruleset)
    return ruleset


def _compiled_module(source: str, filename: str) -> CodeType:
    """The code of a generated module, from the disk cache when this user's signed entry
    is there: named after the source itself, it cannot be stale."""
    name = hashlib.sha256(filename.encode() + b"\0" + source.encode()).hexdigest()
    code = cache.load_code(name)
    if code is None:
        code = compile_module_source(source, filename)
        cache.store_code(name, code)
    return code
