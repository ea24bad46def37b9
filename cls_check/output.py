"""Writing a report where the reviewer asked — standard output or ``--output`` — without
ever destroying anything.

Input: the report as pieces of UTF-8 (written as they come: a streamed batch is never
held whole) and the target. Output: the report there, complete, or an :class:`OutputError`.

* A target that is one of the records being checked — by name, through a symbolic link or
  a hard link — is refused before anything is written: the report would replace it.
* A regular file (or a new one) is written to a temporary file beside it, renamed over it
  once complete. Interrupted or failed, only that temporary file is removed: the target
  keeps its previous content, or does not exist. A symbolic link stays a link: the file
  it points to is replaced, with the permissions it had.
* Anything else (``/dev/null``, a FIFO, a terminal) is written directly and never removed.
* Standard output closed by its reader (``cls-check check dossier | head``) is not an
  error: the rest of the report goes nowhere, and the checks finish so that the exit code
  is theirs.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

import click

from cls_check import interrupt
from cls_check.errors import OutputError


def refuse_inputs(target: Path | None, inputs: Iterable[str]) -> None:
    """OutputError if ``target`` is the same file as one of ``inputs``."""
    if target is None:
        return
    try:
        written = os.stat(target)
    except OSError:  # not there yet: not an input either
        return
    for name in inputs:
        with suppress(OSError):
            read = os.stat(name)
            if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
                raise OutputError(
                    f"le rapport {target} remplacerait le contrat {name}, qui est vérifié",
                    "choisissez pour --output un fichier qui n'est pas un contrat à vérifier",
                )


def write(target: Path | None, pieces: Iterable[bytes]) -> None:
    """The report to ``target`` (None: standard output)."""
    if target is None:
        _to_stdout(pieces)
        return
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _cannot_write(target, error) from error
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _writing(target):
            out = open(target, "wb")  # noqa: SIM115 - _copy closes it
        _copy(target, pieces, out)
    else:
        _replace(target, Path(os.path.realpath(target)), info, pieces)


def _replace(
    target: Path, real: Path, info: os.stat_result | None, pieces: Iterable[bytes]
) -> None:
    """Write beside ``real``, then rename over it; on any failure remove only what was
    written here."""
    temporary = real.with_name(f".{real.name}.{secrets.token_hex(6)}.tmp")
    # A new report gets 0o666 less the umask; a replaced one keeps its permissions, and
    # the report under way is never readable by more people than the one it replaces.
    mode = info.st_mode & 0o777 if info is not None else 0o666
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as error:
        raise OutputError(
            f"impossible d'écrire {target} : le dossier {real.parent} n'accepte pas de "
            f"fichier temporaire ({error.strerror})",
            "choisissez un dossier où vous pouvez créer des fichiers, ou redirigez la "
            "sortie standard (> fichier)",
        ) from error
    try:
        _copy(target, pieces, os.fdopen(fd, "wb"), sync=True)
        interrupt.check()  # an interrupted check leaves no report, even a complete one
        with _writing(target):
            if info is not None:
                os.chmod(temporary, mode)  # what the umask took away
            os.replace(temporary, real)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise


def _copy(target: Path, pieces: Iterable[bytes], out: BinaryIO, *, sync: bool = False) -> None:
    """Each piece to ``out``, then close it. Errors of ``pieces`` (the batch's own) pass
    through as they are; errors of writing become an OutputError."""
    try:
        for piece in pieces:
            with _writing(target):
                out.write(piece)
        with _writing(target):
            out.flush()
            if sync:
                os.fsync(out.fileno())
    finally:
        with suppress(OSError):  # after a failed write: what is left in the buffer is lost
            out.close()


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise _cannot_write(target, error) from error


def _cannot_write(target: Path, error: OSError) -> OutputError:
    return OutputError(f"impossible d'écrire {target} : {error.strerror or error}")


def _to_stdout(pieces: Iterable[bytes]) -> None:
    iterator = iter(pieces)
    try:
        for piece in iterator:
            click.echo(piece, nl=False)
    except BrokenPipeError:
        silence_stdout()
        for _ in iterator:  # the checks go on: their result is the exit code
            pass


def silence_stdout() -> None:
    """Standard output's reader is gone: what is still to be written, and Python's last
    flush at exit, go to the null device instead of raising BrokenPipeError (as
    Python's documentation on SIGPIPE advises)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
