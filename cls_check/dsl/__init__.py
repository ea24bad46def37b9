"""The rule language front end: rule files → checked IR.

Pipeline, one module per step, plain data between steps::

    text ──parser──▶ ast.RuleFile ──checker (types, names, catalogue)──▶ CheckedRuleSet
         ──ir.from_ast.lower──▶ ir.RuleSetIR

:func:`compile_rule_files` reads a rule folder; :func:`compile_rule_sources` compiles texts
given in memory. Both report *every* problem found — each file is parsed on its own, and
everything that parsed is checked — by raising :class:`~cls_check.errors.RuleFileError`.
Rule files are data: nothing in them is ever executed or imported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel

from cls_check.dsl import limits
from cls_check.dsl import types as T
from cls_check.dsl.agreement import missing_rules
from cls_check.dsl.catalogue import CATALOGUE_FILE, Catalogue, CatalogueError, parse_catalogue
from cls_check.dsl.checker import check
from cls_check.dsl.codes import Code
from cls_check.dsl.parser import parse_rule_file
from cls_check.errors import Diagnostic, RuleFileError, Span
from cls_check.ir.from_ast import lower
from cls_check.ir.nodes import RuleSetIR
from cls_check.resources import rules_dir

__all__ = ["compile_rule_files", "compile_rule_sources", "load_catalogue"]

VERSION_FILE = "VERSION"
RULE_SUFFIX = ".cls"


def _fingerprint(entries: Iterable[tuple[str, bytes]]) -> str:
    """sha256 over (relative name, bytes) pairs sorted by name, each framed by its lengths
    so that no two different sets of files give the same stream."""
    digest = hashlib.sha256()
    for name, data in sorted(entries):
        encoded = name.encode("utf-8")
        digest.update(f"{len(encoded)}:".encode() + encoded + f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


def _record_type(record_type: type[BaseModel] | T.RecordType | None) -> T.RecordType | None:
    if record_type is None or isinstance(record_type, T.RecordType):
        return record_type
    return T.record_type(record_type)


def _compile(
    sources: Mapping[str, str],
    catalogue: Catalogue,
    version: str,
    sha256: str,
    record_type: type[BaseModel] | T.RecordType | None,
    extra: tuple[Diagnostic, ...] = (),
    *,
    complete: bool,
    catalogue_text: str | None = None,
) -> RuleSetIR:
    diagnostics: list[Diagnostic] = list(extra)
    files = []
    lost: set[str] = set()
    for name in sorted(sources):
        result = parse_rule_file(name, sources[name])
        diagnostics.extend(result.diagnostics)
        files.append(result.file)
        lost |= result.lost_names
    unreadable = bool(diagnostics)
    checked = check(
        files,
        catalogue,
        _record_type(record_type),
        sources=sources,
        lost_names=frozenset(lost),
    )
    diagnostics.extend(checked.diagnostics)
    # A file that could not be read or parsed whole may hold the rules that seem missing.
    if complete and not unreadable:
        encoded = (info.requirement.id.value for info in checked.rules)
        diagnostics.extend(missing_rules(catalogue, encoded))
    if diagnostics:
        order = {name: index for index, name in enumerate(sorted(sources))}
        diagnostics.sort(
            key=lambda d: (order.get(d.span.file, -1), d.span.line, d.span.column, d.code)
        )
        shown = dict(sources)
        if catalogue_text is not None and catalogue.file not in shown:
            shown[catalogue.file] = catalogue_text
        raise RuleFileError(tuple(diagnostics), shown)
    # Reports list findings in the order of the catalogue (SIG, TER, PRI, …), whatever
    # the file names; a rule outside the catalogue cannot reach here (CLS220).
    position = {requirement: index for index, requirement in enumerate(catalogue.ids())}
    in_catalogue_order = tuple(
        sorted(
            checked.rules, key=lambda info: position.get(info.requirement.id.value, len(position))
        )
    )
    return lower(dataclasses.replace(checked, rules=in_catalogue_order), version, sha256)


def compile_rule_sources(
    sources: Mapping[str, str],
    catalogue: Catalogue,
    version: str = "0",
    *,
    record_type: type[BaseModel] | T.RecordType | None = None,
    complete: bool = False,
) -> RuleSetIR:
    """Compile rule texts (file name → text), for instance in tests.

    ``record_type`` is the record the paths refer to (a pydantic model class, or a
    :class:`~cls_check.dsl.types.RecordType`); by default the contract,
    :class:`cls_check.model.contract.Contract`. With ``complete``, every requirement of
    the catalogue must have a rule (as in a rule folder); by default the texts may encode
    some of them only. ``sha256`` fingerprints the texts and the version. Raises
    :class:`RuleFileError` with every diagnostic found.
    """
    entries = [(name, text.encode("utf-8")) for name, text in sources.items()]
    entries.append((VERSION_FILE, version.encode("utf-8")))
    return _compile(
        sources, catalogue, version, _fingerprint(entries), record_type, complete=complete
    )


def load_catalogue(path: Path, display_name: str | None = None) -> Catalogue:
    """Read a catalogue file; :class:`CatalogueError` if it is malformed."""
    name = display_name or _escaped(str(path))
    read = _read_source(path, name, limits.MAX_CATALOGUE_BYTES, Code.INVALID_CATALOGUE)
    if isinstance(read, Diagnostic):
        raise CatalogueError((read,))
    return parse_catalogue(read[1], name)


def _read_source(
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


def _escaped(name: str) -> str:
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


def compile_rule_files(
    directory: Path, *, record_type: type[BaseModel] | T.RecordType | None = None
) -> RuleSetIR:
    """Compile every ``*.cls`` file of ``directory`` (sorted by name).

    The catalogue is the folder's ``exigences.yaml``, else the bundled one; every
    requirement it lists must have a rule (CLS226), and a folder without any rule file is
    an error (CLS100), not an empty rule set under which every contract would comply. The
    version is the folder's ``VERSION`` file (stripped), else ``"0"``; ``sha256`` covers
    the rule files, the catalogue and ``VERSION``. Raises :class:`RuleFileError` with
    every problem.
    """
    directory = Path(directory)
    shown = _escaped(display_path(directory))
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    entries: list[tuple[str, bytes]] = []
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
    for path in rule_paths:
        name = os.path.join(shown, _escaped(path.name))
        if _escaped(path.name) != path.name:
            diagnostics.append(
                Diagnostic(
                    Code.UNREADABLE_FILE,
                    "nom de fichier illisible : il n'est pas encodé en UTF-8",
                    Span(name, 1, 1, 1, 1),
                    "renommez le fichier avec des lettres, des chiffres et des tirets",
                )
            )
            continue
        read = _read_source(path, name, limits.MAX_RULE_FILE_BYTES, Code.UNREADABLE_FILE)
        if isinstance(read, Diagnostic):
            diagnostics.append(read)
            continue
        sources[name] = read[1]
        entries.append((path.name, read[0]))

    catalogue_path = directory / CATALOGUE_FILE
    if not catalogue_path.is_file():
        catalogue_path = rules_dir() / CATALOGUE_FILE
        catalogue_name = str(catalogue_path)
    else:
        catalogue_name = os.path.join(shown, CATALOGUE_FILE)
    try:
        catalogue = load_catalogue(catalogue_path, catalogue_name)
        catalogue_bytes = catalogue_path.read_bytes()
        entries.append((CATALOGUE_FILE, catalogue_bytes))
    except CatalogueError as error:
        # Without a catalogue the rules cannot be checked; their syntax still can.
        for name in sorted(sources):
            diagnostics.extend(parse_rule_file(name, sources[name]).diagnostics)
        catalogue_text = _read_text(catalogue_path)
        if catalogue_text is not None:
            sources[catalogue_name] = catalogue_text
        raise RuleFileError((*error.diagnostics, *diagnostics), sources) from None

    version = "0"
    version_path = directory / VERSION_FILE
    if version_path.is_file():
        data = version_path.read_bytes()
        version = data.decode("utf-8", errors="replace").strip() or "0"
        entries.append((VERSION_FILE, data))

    return _compile(
        sources,
        catalogue,
        version,
        _fingerprint(entries),
        record_type,
        tuple(diagnostics),
        complete=True,
        catalogue_text=catalogue_bytes.decode("utf-8", errors="replace"),
    )


def _read_text(path: Path) -> str | None:
    read = _read_source(path, str(path), limits.MAX_CATALOGUE_BYTES, Code.INVALID_CATALOGUE)
    return None if isinstance(read, Diagnostic) else read[1]
