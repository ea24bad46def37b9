"""Reading the bytes of a record safely: never block, never read without bound, never crash
on a name.

Input: a path (or the bytes of standard input) and a size limit. Output: the record's text
(UTF-8, BOM accepted), or :class:`~cls_check.errors.RecordError` with a French message
saying what to do.

Why it is careful: a path may name a named pipe or a device (opening a pipe for reading
blocks until a writer comes; ``/dev/zero`` never ends), a file of several gigabytes, a
dangling symbolic link or a loop of links, and its name may hold bytes that are not UTF-8.
The file is opened without blocking, checked to be a regular file *on the descriptor* (no
race between a check and the open), and read up to the limit plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat

from cls_check.errors import Problem, RecordError

#: Default limit on the size of one record (bytes): a contract is some kilobytes; ten
#: thousand signatories are about 400 KB.
DEFAULT_MAX_SIZE = 10 * 1024 * 1024

_NON_BLOCKING = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def display_name(path: str) -> str:
    """A path as it can be printed and written in JSON: bytes that are not UTF-8 (which
    Python holds as lone surrogates) shown as ``\\xe9``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def has_undecodable_name(path: str) -> bool:
    """Whether the path holds bytes that are not UTF-8."""
    return display_name(path) != path


def size_text(size: int) -> str:
    """A size for people: « 12,5 Mo », « 300 ko »."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",").replace(",0 Mo", " Mo")
    if size >= 1024:
        return f"{size // 1024} ko"
    return f"{size} octets"


def too_big(size_read: int | None, max_size: int) -> Problem:
    found = f" ({size_text(size_read)})" if size_read is not None else ""
    return Problem(
        f"fichier trop volumineux{found} : la limite est de {size_text(max_size)}",
        hint="Un contrat tient en quelques dizaines de ko ; vérifiez le fichier, ou relevez "
        "la limite avec --max-size.",
    )


def read_record_file(path: str, file: str, max_size: int = DEFAULT_MAX_SIZE) -> str:
    """The text of the record at ``path`` (``file`` is its display name in problems)."""

    def fail(problem: Problem | str) -> RecordError:
        return RecordError(file, (problem if isinstance(problem, Problem) else Problem(problem),))

    try:
        descriptor = os.open(path, _NON_BLOCKING)
    except OSError as error:
        raise fail(open_problem(path, error)) from None
    except ValueError:  # a library caller's string holding NUL, which no path can
        raise fail("chemin de fichier invalide : il contient un caractère nul (\\0)") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise fail("c'est un dossier, pas un fichier d'enregistrement")
        if not stat.S_ISREG(status.st_mode):
            raise fail(not_regular(status.st_mode))
        if status.st_size > max_size:
            raise fail(too_big(status.st_size, max_size))
        raw = _read_at_most(descriptor, max_size + 1)
    except OSError as error:
        raise fail(f"lecture du fichier impossible : {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(raw) > max_size:  # it grew while being read
        raise fail(too_big(None, max_size))
    return decode_record(raw, file)


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(descriptor, min(limit - size, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def open_problem(path: str, error: OSError) -> str:
    """Why a path cannot be opened, in French."""
    if error.errno == errno.ELOOP:
        return "boucle de liens symboliques : le lien ne mène à aucun fichier"
    if isinstance(error, FileNotFoundError):
        if os.path.islink(path):
            return "lien symbolique cassé : sa cible n'existe pas"
        return "fichier introuvable"
    if isinstance(error, PermissionError):
        return "lecture du fichier non autorisée"
    if isinstance(error, IsADirectoryError):
        return "c'est un dossier, pas un fichier d'enregistrement"
    return f"lecture du fichier impossible : {error.strerror or error}"


def not_regular(mode: int) -> str:
    """Why a path that is neither a file nor a folder is not read."""
    if stat.S_ISFIFO(mode):
        kind = "un tube nommé (FIFO)"
    elif stat.S_ISSOCK(mode):
        kind = "une socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "un périphérique"
    else:
        kind = "un fichier spécial"
    return f"c'est {kind}, pas un fichier ordinaire : il n'est pas lu"


def decode_record(raw: bytes, file: str) -> str:
    """UTF-8 text (a BOM is accepted), or the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = Problem(
            "le fichier n'est pas en UTF-8 "
            f"(octet 0x{raw[error.start]:02x} inattendu) ; enregistrez-le en UTF-8",
            line=line,
            hint="Dans votre éditeur : « Enregistrer sous… », encodage UTF-8.",
        )
        raise RecordError(file, (problem,)) from None
