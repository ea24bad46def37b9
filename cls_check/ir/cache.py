"""A disk cache of compiled rule sets, so that a cold ``cls-check check`` skips the parser
and the compiler.

Two kinds of entries, each stored and found under a name the caller gives:

* :func:`load` / :func:`store`: the IR of a rule set, as JSON (:mod:`cls_check.ir.json_codec`);
* :func:`load_code` / :func:`store_code`: the code object of the module the ``python``
  backend generates (:mod:`marshal`), so that it is not compiled again at every start.
  Its entry's name also covers the bytecode magic number, the marshal version and the
  Python version: another interpreter never reads it.

:mod:`cls_check.pipeline` decides the names: a digest of everything the compiled IR
depends on (the rule folder as read, the front end's own code, the working directory,
the Python version) and, for code, of the generated source itself. Rule files with errors
are never cached: their diagnostics are always fresh.

Whoever can write the cache decides which rules run, so nothing in it is trusted until it
is authenticated:

* an entry is used only if its HMAC-SHA256, under a random key kept in the folder
  (``key``, 0600), matches its content and its file name: a file planted without the
  key — an empty rule set that would make every contract ``conforme``, or code of one's
  own — is ignored and compiled over. The signature is checked *before* anything is
  decoded: an entry that does not verify is never parsed as JSON, nor given to
  ``marshal.loads``;
* the folder must belong to the user running cls-check and be writable by nobody else,
  or the cache is not used at all; a key or an entry that is not a regular file of this
  user, or that others can write (the key: read), is ignored and replaced. Files are
  opened relative to the checked folder, without following links.

Reading a JSON entry runs no code. A code entry *is* code: once authenticated it is
trusted exactly as the JSON IR is — whoever holds the key could as well sign an IR that
decides every verdict — and is run as the rule set's functions; unauthenticated, it is
never unmarshalled. What is left to trust is therefore the user's own account (and root):
anything able to write the user's files — a CI cache restored into the folder, a shared
volume mounted as the user — can bring its own key, and with it rules or code. Do not
share the folder; ``CLS_CHECK_CACHE=0`` turns the cache off.

The folder does not grow without end: every edit of a rule file makes new entries, so when
one is stored, only the :data:`MAX_ENTRIES` most recently used are kept (an entry is
touched each time it is read) and temporary files left by a writer that died are removed.

Where: ``$CLS_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/cls-check``, else
``~/.cache/cls-check``; no cache when there is no home (``HOME`` unset and no password
entry), nor off POSIX, where ownership cannot be checked this way. A cache that cannot be
read, written or trusted is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType

from cls_check.ir import json_codec
from cls_check.ir.nodes import RuleSetIR

_FORMAT = b"cls-check-ir-cache-3"
_KEY = "key"
_KEY_SIZE = 32
_SUFFIX = ".json"
_CODE_SUFFIX = ".code"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_TEMPORARY = ".tmp"
#: Entries kept when one is stored: the most recently used (a rule folder has two).
MAX_ENTRIES = 64
#: A temporary file older than this was left by a writer that died.
_STALE_SECONDS = 3600


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


def load(name: str) -> RuleSetIR | None:
    """The rule set stored under ``name``, if this user's cache has it, signed."""
    payload = _load(name + _SUFFIX)
    if payload is None:
        return None
    try:
        return json_codec.loads(payload)
    except (ValueError, TypeError, RecursionError):  # from an older version of the IR
        return None


def store(name: str, ruleset: RuleSetIR) -> None:
    _store_signed(name + _SUFFIX, json_codec.dumps(ruleset))


def load_code(name: str) -> CodeType | None:
    """The code object stored under ``name`` for this interpreter, if this user's cache
    has it, signed: nothing else is ever unmarshalled."""
    payload = _load(_code_entry(name))
    if payload is None:
        return None
    try:
        code = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store_code(name: str, code: CodeType) -> None:
    _store_signed(_code_entry(name), marshal.dumps(code))


class _Untrusted(Exception):
    """The cache folder cannot be used: missing and not creatable, or not private."""


def _code_entry(name: str) -> str:
    """Bytecode is only valid for the interpreter that wrote it: its magic number, the
    marshal format and the Python version are part of the entry's name."""
    digest = hashlib.sha256(_FORMAT + b"\ncode\n" + MAGIC_NUMBER)
    digest.update(f"\n{marshal.version}\n{sys.version}\n{name}".encode())
    return digest.hexdigest() + _CODE_SUFFIX


def _load(entry: str) -> bytes | None:
    """The payload of ``entry`` once its signature verifies; None otherwise."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        with _private_folder(directory) as fd:
            key = _read_key(fd)
            return _read(fd, entry, key) if key is not None else None
    except _Untrusted:
        return None


def _store_signed(entry: str, payload: bytes) -> None:
    directory = cache_dir()
    if directory is None:
        return
    try:
        with _private_folder(directory) as fd:
            key = _read_key(fd) or _new_key(fd)
            _store(fd, entry, _signature(key, entry, payload) + b"\n" + payload)
            _prune(fd)
    except _Untrusted:
        return


def _prune(fd: int) -> None:
    """Keep the :data:`MAX_ENTRIES` entries used last; remove stale temporary files.
    Another process may be pruning too: a file already gone is no error."""
    entries: list[tuple[int, str]] = []
    now = time.time()
    try:
        names = os.listdir(fd)
    except OSError:
        return
    for name in names:
        if not name.endswith((_SUFFIX, _CODE_SUFFIX, _TEMPORARY)):
            continue
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError:
            continue
        if name.endswith(_TEMPORARY):
            if now - info.st_mtime > _STALE_SECONDS:
                with suppress(OSError):
                    os.unlink(name, dir_fd=fd)
        else:
            entries.append((info.st_mtime_ns, name))
    entries.sort(reverse=True)
    for _, name in entries[MAX_ENTRIES:]:
        with suppress(OSError):
            os.unlink(name, dir_fd=fd)


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


def _signature(key: bytes, entry: str, payload: bytes) -> bytes:
    """Binds the content to its file name: an entry cannot be renamed to serve other rules,
    nor an IR be read as code."""
    return hmac.new(key, entry.encode() + b"\n" + payload, hashlib.sha256).hexdigest().encode()


def _read(fd: int, entry: str, key: bytes) -> bytes | None:
    data = _read_bytes(fd, entry, forbidden=stat.S_IWGRP | stat.S_IWOTH)
    if data is None:
        return None
    signature, _, payload = data.partition(b"\n")
    if not hmac.compare_digest(signature, _signature(key, entry, payload)):
        return None
    with suppress(OSError):  # used now: the last to be pruned
        os.utime(entry, dir_fd=fd, follow_symlinks=False)
    return payload


def _store(fd: int, name: str, data: bytes) -> None:
    """Write then rename, 0600: a concurrent reader never sees half a file."""
    temporary = f".{secrets.token_hex(8)}{_TEMPORARY}"
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
