"""A disk cache of compiled rule sets, so that a cold ``cls-check check`` skips the parser.

Input: a rule folder and the function that compiles it. Output: the same
:class:`~cls_check.ir.nodes.RuleSetIR` the function would return.

The entry's name is a digest of everything the compiled IR depends on: every file of the
rule folder (and the bundled catalogue when the folder has none), the grammar, the source
of the front end and of the record model, the Python version, and the working directory
(rule spans name files relative to it). Change any of them and the rule set is compiled
again. Rule files with errors are never cached: their diagnostics are always fresh.

Whoever can write the cache decides which rules run, so nothing in it is trusted:

* an entry is JSON of the IR (:mod:`cls_check.ir.json_codec`): reading it runs no code;
* it is used only if its HMAC-SHA256, under a random key kept in the folder (``key``,
  0600), matches its content and its name: a file planted without the key — an empty rule
  set that would make every contract ``conforme`` — is ignored and compiled over;
* the folder must belong to the user running cls-check and be writable by nobody else,
  or the cache is not used at all; a key or an entry that is not a regular file of this
  user, or that others can write (the key: read), is ignored and replaced. Files are
  opened relative to the checked folder, without following links.

What is left to trust is the user's own account (and root): anything able to write the
user's files — a CI cache restored into the folder, a shared volume mounted as the user —
can bring its own key. Do not share the folder; ``CLS_CHECK_CACHE=0`` turns the cache off.

Where: ``$CLS_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/cls-check``, else
``~/.cache/cls-check``; no cache when there is no home (``HOME`` unset and no password
entry), nor off POSIX, where ownership cannot be checked this way. A cache that cannot be
read, written or trusted is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from cls_check.ir import json_codec
from cls_check.ir.nodes import RuleSetIR
from cls_check.resources import grammar_file, rules_dir

_FORMAT = b"cls-check-ir-cache-2"
_PACKAGE = Path(__file__).resolve().parent.parent
# The code whose output the cache stores: the front end, the IR, the record model.
_FRONT_END = ("dsl", "ir", "model")
_KEY = "key"
_KEY_SIZE = 32
_SUFFIX = ".json"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off or there is nowhere to put it."""
    if os.environ.get("CLS_CHECK_CACHE", "1") == "0" or os.name != "posix":
        return None
    explicit = os.environ.get("CLS_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):  # no HOME and no password entry
            return None
    return Path(base) / "cls-check"


def compiled(folder: Path, compile_folder: Callable[[Path], RuleSetIR]) -> RuleSetIR:
    """The compiled rule set of ``folder``, from the cache when it is there, current and
    written by this user."""
    directory = cache_dir()
    if directory is None:
        return compile_folder(folder)
    try:
        name = _key(folder)
    except OSError:
        return compile_folder(folder)
    try:
        with _private_folder(directory) as fd:
            key = _read_key(fd)
            cached = _read(fd, name, key) if key is not None else None
            if cached is not None:
                return cached
            ruleset = compile_folder(folder)
            _write(fd, name, key or _new_key(fd), ruleset)
            return ruleset
    except _Untrusted:
        return compile_folder(folder)


class _Untrusted(Exception):
    """The cache folder cannot be used: missing and not creatable, or not private."""


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


@contextmanager
def _private_folder(directory: Path) -> Iterator[int]:
    """A descriptor of the cache folder, created private (0700) if missing; _Untrusted if
    it is not a folder of this user that nobody else can write."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        raise _Untrusted from None
    try:
        if not _owned(os.fstat(fd), stat.S_ISDIR, stat.S_IWGRP | stat.S_IWOTH):
            raise _Untrusted
        yield fd
    finally:
        os.close(fd)


def _owned(info: os.stat_result, kind: Callable[[int], bool], forbidden: int) -> bool:
    """Of that kind, this user's, and none of the ``forbidden`` permission bits."""
    return kind(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & forbidden


def _read_bytes(fd: int, name: str, forbidden: int) -> bytes | None:
    """The content of ``name`` in the folder; None if it is missing, unreadable, not a
    regular file of this user, or has a ``forbidden`` permission bit (it is then replaced:
    the folder is this user's)."""
    try:
        file = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=fd)
    except OSError:
        return None
    with os.fdopen(file, "rb") as handle:
        if not _owned(os.fstat(file), stat.S_ISREG, forbidden):
            return None
        try:
            return handle.read()
        except OSError:
            return None


def _read_key(fd: int) -> bytes | None:
    key = _read_bytes(fd, _KEY, forbidden=0o077)  # a key others can read is no secret
    return key if key is not None and len(key) == _KEY_SIZE else None


def _new_key(fd: int) -> bytes:
    """A fresh key. Two processes racing each install theirs: the loser's entry fails to
    verify later and is compiled again, once."""
    key = secrets.token_bytes(_KEY_SIZE)
    _store(fd, _KEY, key)
    return key


def _signature(key: bytes, name: str, payload: bytes) -> bytes:
    """Binds the content to its name: an entry cannot be renamed to serve other rules."""
    return hmac.new(key, name.encode() + b"\n" + payload, hashlib.sha256).hexdigest().encode()


def _read(fd: int, name: str, key: bytes) -> RuleSetIR | None:
    data = _read_bytes(fd, name + _SUFFIX, forbidden=stat.S_IWGRP | stat.S_IWOTH)
    if data is None:
        return None
    signature, _, payload = data.partition(b"\n")
    if not hmac.compare_digest(signature, _signature(key, name, payload)):
        return None
    try:
        return json_codec.loads(payload)
    except (ValueError, TypeError, RecursionError):  # from an older version of the IR
        return None


def _write(fd: int, name: str, key: bytes, ruleset: RuleSetIR) -> None:
    payload = json_codec.dumps(ruleset)
    _store(fd, name + _SUFFIX, _signature(key, name, payload) + b"\n" + payload)


def _store(fd: int, name: str, data: bytes) -> None:
    """Write then rename, 0600: a concurrent reader never sees half a file."""
    temporary = f".{secrets.token_hex(8)}.tmp"
    try:
        file = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=fd
        )
        with os.fdopen(file, "wb") as out:
            out.write(data)
        os.replace(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
    except OSError:
        with suppress(OSError):
            os.unlink(temporary, dir_fd=fd)
