"""A disk cache of compiled rule sets, so that a cold ``cls-check check`` skips the parser.

Input: a rule folder and the function that compiles it. Output: the same
:class:`~cls_check.ir.nodes.RuleSetIR` the function would return.

The key is a digest of everything the compiled IR depends on: every file of the rule
folder (and the bundled catalogue when the folder has none), the grammar, the source of
the front end and of the record model, the Python version, and the working directory
(rule spans name files relative to it). Change any of them and the rule set is compiled
again. Rule files with errors are never cached: their diagnostics are always fresh.

Where: ``$CLS_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/cls-check``, else
``~/.cache/cls-check``. ``CLS_CHECK_CACHE=0`` turns it off. A cache that cannot be read or
written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from cls_check.ir.nodes import RuleSetIR
from cls_check.resources import grammar_file, rules_dir

_FORMAT = b"cls-check-ir-cache-1"
_PACKAGE = Path(__file__).resolve().parent.parent
# The code whose output the cache stores: the front end, the IR, the record model.
_FRONT_END = ("dsl", "ir", "model")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("CLS_CHECK_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("CLS_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "cls-check"


def compiled(folder: Path, compile_folder: Callable[[Path], RuleSetIR]) -> RuleSetIR:
    """The compiled rule set of ``folder``, from the cache when it is there and current."""
    directory = cache_dir()
    if directory is None:
        return compile_folder(folder)
    try:
        entry = directory / f"{_key(folder)}.pickle"
    except OSError:
        return compile_folder(folder)
    cached = _read(entry)
    if cached is not None:
        return cached
    ruleset = compile_folder(folder)
    _write(entry, ruleset)
    return ruleset


def _key(folder: Path) -> str:
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    # fsencode: a folder or file name need not be UTF-8.
    digest.update(os.fsencode(os.getcwd()))
    digest.update(os.fsencode(folder.resolve()))
    files = sorted(p for p in folder.iterdir() if p.is_file())
    if not any(p.name == "exigences.yaml" for p in files):
        files.append(rules_dir() / "exigences.yaml")
    files.append(grammar_file())
    for part in _FRONT_END:
        files.extend(sorted((_PACKAGE / part).glob("*.py")))
    for path in files:
        with path.open("rb") as file:  # streamed: any file may sit in a rule folder
            size = os.fstat(file.fileno()).st_size
            digest.update(os.fsencode(path.name) + f":{size}:".encode())
            while chunk := file.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _read(entry: Path) -> RuleSetIR | None:
    try:
        value = pickle.loads(entry.read_bytes())
    except Exception:  # missing, unreadable, truncated, from another version: recompile
        return None
    return value if isinstance(value, RuleSetIR) else None


def _write(entry: Path, ruleset: RuleSetIR) -> None:
    """Atomically (write then rename): a concurrent reader never sees half a file."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=entry.parent, delete=False, suffix=".tmp") as out:
            out.write(pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, entry)
    except OSError:
        pass
