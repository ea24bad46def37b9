"""The first step of loading rules: a rule folder read once, and its fingerprint.

Input: a folder. Output: a :class:`RuleFolder` — the text of each rule file (``*.cls``,
sorted by name), of the catalogue (the folder's ``exigences.yaml``, else the bundled one)
and of ``VERSION``, each file read once, with the reasons a file could not be read (as
diagnostics, for the front end to report) and :attr:`RuleFolder.sha256`, the fingerprint
of what was read. The fingerprint is the rule set's ``sha256`` and, in
:mod:`cls_check.pipeline`, the key of the rule sets kept in memory and on disk.

This module imports neither lark nor the checker: it runs on every load, the rest of the
front end only when no cache has the rule set.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cls_check.codes import Code
from cls_check.errors import Diagnostic, RuleFileError, Span
from cls_check.resources import rules_dir

__all__ = [
    "CATALOGUE_FILE",
    "MAX_CATALOGUE_BYTES",
    "MAX_RULE_FILE_BYTES",
    "RULE_SUFFIX",
    "VERSION_FILE",
    "RuleFolder",
    "display_path",
    "escaped",
    "fingerprint",
    "read_rule_folder",
    "read_source",
]

RULE_SUFFIX = ".cls"
#: The catalogue's file name, in a rule folder and in the bundled rules.
CATALOGUE_FILE = "exigences.yaml"
VERSION_FILE = "VERSION"

#: Size of one rule file. The bundled files are under 20 kB; a thousand requirements of
#: ordinary length fit in 1 MB.
MAX_RULE_FILE_BYTES = 4 * 1024 * 1024

#: Size of ``exigences.yaml``: the bundled one is 27 kB for 40 requirements; this leaves
#: room for tens of thousands.
MAX_CATALOGUE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RuleFolder:
    """A rule folder as read: everything its compiled rule set depends on.

    ``sources`` maps the rule files' display names (as diagnostics show them) to their
    text; ``problems`` are the rule files that could not be read. ``catalogue`` is the
    catalogue's bytes and text, or why it could not be read.
    """

    shown: str
    sources: tuple[tuple[str, str], ...]
    problems: tuple[Diagnostic, ...]
    catalogue_name: str
    catalogue: tuple[bytes, str] | Diagnostic
    version: str
    sha256: str


def fingerprint(entries: Iterable[tuple[str, bytes]]) -> str:
    """sha256 over (relative name, bytes) pairs sorted by name, each framed by its lengths
    so that no two different sets of files give the same stream."""
    digest = hashlib.sha256()
    for name, data in sorted(entries):
        encoded = name.encode("utf-8")
        digest.update(f"{len(encoded)}:".encode() + encoded + f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


def read_rule_folder(directory: Path) -> RuleFolder:
    """Read the rule files, the catalogue and ``VERSION`` of ``directory``.

    Raises :class:`RuleFileError` (CLS100) when the folder cannot be listed or holds no
    rule file: there is nothing to compile. Every other problem is kept in the result.
    """
    shown = escaped(display_path(directory))
    try:
        rule_paths = sorted(p for p in directory.glob(f"*{RULE_SUFFIX}") if p.is_file())
    except OSError as error:
        span = Span(shown, 1, 1, 1, 1)
        raise RuleFileError(
            (Diagnostic(Code.UNREADABLE_FILE, f"dossier de règles illisible : {error}", span),)
        ) from None
    if not rule_paths:
        raise RuleFileError(
            (
                Diagnostic(
                    Code.UNREADABLE_FILE,
                    f"aucun fichier de règles (*{RULE_SUFFIX}) dans le dossier {shown}",
                    Span(shown, 1, 1, 1, 1),
                    "indiquez avec --rules un dossier qui contient les fichiers .cls (et "
                    "leur catalogue exigences.yaml), ou retirez --rules pour les règles "
                    "fournies",
                ),
            )
        )
    problems: list[Diagnostic] = []
    sources: list[tuple[str, str]] = []
    entries: list[tuple[str, bytes]] = []
    for path in rule_paths:
        name = os.path.join(shown, escaped(path.name))
        if escaped(path.name) != path.name:
            problems.append(
                Diagnostic(
                    Code.UNREADABLE_FILE,
                    "nom de fichier illisible : il n'est pas encodé en UTF-8",
                    Span(name, 1, 1, 1, 1),
                    "renommez le fichier avec des lettres, des chiffres et des tirets",
                )
            )
            continue
        read = read_source(path, name, MAX_RULE_FILE_BYTES, Code.UNREADABLE_FILE)
        if isinstance(read, Diagnostic):
            problems.append(read)
            continue
        sources.append((name, read[1]))
        entries.append((path.name, read[0]))

    catalogue_path = directory / CATALOGUE_FILE
    if not catalogue_path.is_file():
        catalogue_path = rules_dir() / CATALOGUE_FILE
        catalogue_name = str(catalogue_path)
    else:
        catalogue_name = os.path.join(shown, CATALOGUE_FILE)
    catalogue = read_source(
        catalogue_path, catalogue_name, MAX_CATALOGUE_BYTES, Code.INVALID_CATALOGUE
    )
    if not isinstance(catalogue, Diagnostic):
        entries.append((CATALOGUE_FILE, catalogue[0]))

    version = "0"
    version_path = directory / VERSION_FILE
    if version_path.is_file():
        data = version_path.read_bytes()
        version = data.decode("utf-8", errors="replace").strip() or "0"
        entries.append((VERSION_FILE, data))

    return RuleFolder(
        shown=shown,
        sources=tuple(sources),
        problems=tuple(problems),
        catalogue_name=catalogue_name,
        catalogue=catalogue,
        version=version,
        sha256=fingerprint(entries),
    )


def read_source(
    path: Path, name: str, size_limit: int, code: Code
) -> tuple[bytes, str] | Diagnostic:
    """The bytes and text of a file, or why it cannot be read (too big, not UTF-8…)."""
    try:
        if path.stat().st_size > size_limit:
            return Diagnostic(
                code,
                f"fichier trop volumineux : plus de {size_limit // 2**20} Mo",
                Span(name, 1, 1, 1, 1),
                "un fichier de règles ou un catalogue tient en quelques centaines de ko ; "
                "vérifiez que c'est le bon fichier, ou répartissez-le en plusieurs",
            )
        data = path.read_bytes()
        return data, data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Diagnostic(
            code,
            f"fichier illisible : il n'est pas encodé en UTF-8 (octet {error.start})",
            Span(name, line, 1, line, 1),
            "enregistrez le fichier en UTF-8 depuis votre éditeur",
        )
    except OSError as error:
        return Diagnostic(code, f"fichier illisible : {error.strerror}", Span(name, 1, 1, 1, 1))


def escaped(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 written as ``\\xff``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working directory if inside it."""
    try:
        return (
            os.path.relpath(path)
            if path.is_absolute() and path.resolve().is_relative_to(Path.cwd().resolve())
            else str(path)
        )
    except (OSError, ValueError):
        return str(path)
