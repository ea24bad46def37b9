"""Finding the inputs of a batch: every path met is checked, an error, or ignored with its reason.

Input: the paths a reviewer gave (``-`` for standard input). Output: a :class:`Discovery` —
the records to check, in order; the paths that cannot be checked, each an
:class:`~cls_check.report.model.InputError` with a French message; and the files met in
folders that are not records, each an :class:`~cls_check.report.model.IgnoredInput` with
the reason. Nothing is dropped silently, and nothing here ever blocks or reads a file:

* folders are walked in sorted order (deterministic reports), without following links to
  folders (no loops), skipping hidden entries (``.git``…) with a reason;
* a path is classified by ``lstat``/``stat`` only: a named pipe, a device or a socket is an
  error, never opened; a dangling link, a loop of links, an unreadable folder, a folder
  named like a record (``x.yaml/``) and a name that is not UTF-8 are errors too;
* a path given by name is checked whatever its suffix (the reviewer chose it); in a folder,
  only ``.yaml``, ``.yml`` and ``.json`` files are records.

Reading (the size limit, UTF-8) happens where the record is checked, by
:func:`cls_check.model.source.read_record_file`; standard input is read here, within the
same limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from cls_check.errors import RecordError
from cls_check.model.source import (
    DEFAULT_MAX_SIZE,
    decode_record,
    display_name,
    has_undecodable_name,
    not_regular,
    too_big,
)
from cls_check.report.model import IgnoredInput, InputError, InputProblem

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"
STDIN_NAME = "<stdin>"

_NOT_UTF8_NAME = (
    "nom de fichier illisible : il contient des octets qui ne sont pas de l'UTF-8 ; "
    "renommez le fichier (ou le dossier) pour qu'il soit vérifié"
)


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to check: a file path, or standard input with its text already read."""

    name: str
    text: str | None = None  # set for standard input only


@dataclass(slots=True)
class Discovery:
    inputs: list[Input] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    ignored: list[IgnoredInput] = field(default_factory=list)

    def error(self, path: str, message: str, hint: str | None = None) -> None:
        problem = InputProblem(message=message, hint=hint)
        self.errors.append(InputError(file=display_name(path), problems=(problem,)))

    def ignore(self, path: str, reason: str) -> None:
        self.ignored.append(IgnoredInput(file=display_name(path), reason=reason))


def discover(
    paths: Iterable[str],
    read_stdin: Callable[[int], bytes],
    max_size: int = DEFAULT_MAX_SIZE,
) -> Discovery:
    """Classify every path given, and every path met in the folders given, in order."""
    found = Discovery()
    for raw in paths:
        if raw == STDIN:
            _stdin(found, read_stdin, max_size)
        elif raw == "":
            found.error(raw, "chemin vide", "Donnez le chemin d'un fichier ou d'un dossier.")
        elif has_undecodable_name(raw):
            found.error(raw, _NOT_UTF8_NAME)
        else:
            _given(found, raw)
    return found


def _stdin(found: Discovery, read_stdin: Callable[[int], bytes], max_size: int) -> None:
    raw = read_stdin(max_size + 1)
    if len(raw) > max_size:
        problem = too_big(None, max_size)
        found.errors.append(
            InputError(
                file=STDIN_NAME,
                problems=(InputProblem(message=problem.message, hint=problem.hint),),
            )
        )
        return
    try:
        found.inputs.append(Input(STDIN_NAME, decode_record(raw, STDIN_NAME)))
    except RecordError as error:
        problems = tuple(
            InputProblem(line=p.line, message=p.message, hint=p.hint) for p in error.problems
        )
        found.errors.append(InputError(file=STDIN_NAME, problems=problems))


def _given(found: Discovery, path: str) -> None:
    """A path the reviewer named: a file whatever its suffix, or a folder to walk."""
    mode = _mode(found, path)
    if mode is None:
        return
    if stat.S_ISDIR(mode):
        if _named_like_a_record(path):
            _record_named_folder(found, path)
            return
        before = len(found.inputs), len(found.errors)
        _walk(found, path)
        if (len(found.inputs), len(found.errors)) == before:  # nothing to report otherwise
            found.error(path, "aucun enregistrement (.yaml, .yml, .json) dans ce dossier")
    elif stat.S_ISREG(mode):
        found.inputs.append(Input(path))
    else:
        found.error(path, not_regular(mode))


def _walk(found: Discovery, top: str) -> None:
    """Depth first, each folder's entries sorted by name (the order of sorted paths);
    iterative, for folders that nest deeply."""
    stack: list[Iterator[str]] = []
    names = _listed(found, top)
    if names is not None:
        stack.append(iter([os.path.join(top, name) for name in names]))
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        name = os.path.basename(path)
        if has_undecodable_name(name):
            found.error(path, _NOT_UTF8_NAME)
        elif name.startswith("."):
            found.ignore(path, "fichier ou dossier caché : non parcouru")
        elif _met(found, path):
            inside = _listed(found, path)
            if inside is not None:
                stack.append(iter([os.path.join(path, n) for n in inside]))


def _listed(found: Discovery, folder: str) -> list[str] | None:
    """The names in a folder, sorted; None after recording why it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries)
    except OSError as error:
        found.error(
            folder,
            f"dossier illisible ({_reason(error)}) : son contenu n'est pas vérifié",
            "Vérifiez les droits d'accès du dossier.",
        )
        return None


def _met(found: Discovery, path: str) -> bool:
    """Classify one entry of a folder; True if it is a folder to walk."""
    link = os.path.islink(path)
    mode = _mode(found, path)
    if mode is None:
        return False
    if stat.S_ISDIR(mode):
        if link:
            found.ignore(
                path, "lien vers un dossier : non suivi (donnez son chemin pour le vérifier)"
            )
            return False
        if _named_like_a_record(path):
            _record_named_folder(found, path)
            return False
        return True
    if not stat.S_ISREG(mode):
        found.error(path, not_regular(mode))
    elif _named_like_a_record(path):
        found.inputs.append(Input(path))
    else:
        found.ignore(path, "pas un enregistrement (extension .yaml, .yml ou .json attendue)")
    return False


def _mode(found: Discovery, path: str) -> int | None:
    """The file type of ``path`` (following links), or None after recording why not."""
    try:
        return os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            found.error(path, "boucle de liens symboliques : le lien ne mène à aucun fichier")
        elif isinstance(error, FileNotFoundError) and os.path.islink(path):
            found.error(path, "lien symbolique cassé : sa cible n'existe pas")
        elif isinstance(error, FileNotFoundError):
            found.error(path, "fichier ou dossier introuvable")
        else:
            found.error(path, f"accès impossible ({_reason(error)})")
        return None


def _named_like_a_record(path: str) -> bool:
    return path.rstrip("/\\").lower().endswith(RECORD_SUFFIXES)


def _record_named_folder(found: Discovery, path: str) -> None:
    found.error(
        path,
        "c'est un dossier, pas un fichier d'enregistrement (son nom finit par une extension "
        "d'enregistrement) : son contenu n'est pas vérifié",
        "Renommez le dossier sans l'extension pour que ses fichiers soient vérifiés.",
    )


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "accès non autorisé"
    return error.strerror or str(error)
