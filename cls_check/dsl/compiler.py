"""The front end's steps after reading: parse → check → lower, rule texts to the IR.

Input: rule texts — a :class:`~cls_check.dsl.read.RuleFolder` as read, or texts given in
memory. Output: a :class:`~cls_check.ir.nodes.RuleSetIR`, or
:class:`~cls_check.errors.RuleFileError` with *every* problem found: each file is parsed
on its own, and everything that parsed is checked.

:func:`compile_folder` is the step :mod:`cls_check.pipeline` runs when no cache has the
rule set; :func:`compile_rule_files` (read, then the same steps, no cache: what
``rules lint`` and the tests use) and :func:`compile_rule_sources` (texts in memory) share
it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel

from cls_check.codes import Code
from cls_check.dsl import read as R
from cls_check.dsl import types as T
from cls_check.dsl.agreement import missing_rules
from cls_check.dsl.catalogue import Catalogue, CatalogueError, parse_catalogue
from cls_check.dsl.checker import check
from cls_check.dsl.lower import lower
from cls_check.dsl.parser import parse_rule_file
from cls_check.errors import Diagnostic, RuleFileError
from cls_check.ir.nodes import RuleSetIR

__all__ = ["compile_folder", "compile_rule_files", "compile_rule_sources", "load_catalogue"]


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
    entries.append((R.VERSION_FILE, version.encode("utf-8")))
    return _compile(
        sources, catalogue, version, R.fingerprint(entries), record_type, complete=complete
    )


def load_catalogue(path: Path, display_name: str | None = None) -> Catalogue:
    """Read a catalogue file; :class:`CatalogueError` if it is malformed."""
    name = display_name or R.escaped(str(path))
    read = R.read_source(path, name, R.MAX_CATALOGUE_BYTES, Code.INVALID_CATALOGUE)
    if isinstance(read, Diagnostic):
        raise CatalogueError((read,))
    return parse_catalogue(read[1], name)


def compile_rule_files(
    directory: Path, *, record_type: type[BaseModel] | T.RecordType | None = None
) -> RuleSetIR:
    """Compile every ``*.cls`` file of ``directory`` (sorted by name), with no cache.

    The catalogue is the folder's ``exigences.yaml``, else the bundled one; every
    requirement it lists must have a rule (CLS226), and a folder without any rule file is
    an error (CLS100), not an empty rule set under which every contract would comply. The
    version is the folder's ``VERSION`` file (stripped), else ``"0"``; ``sha256`` covers
    the rule files, the catalogue and ``VERSION``. Raises :class:`RuleFileError` with
    every problem.
    """
    return compile_folder(R.read_rule_folder(Path(directory)), record_type=record_type)


def compile_folder(
    folder: R.RuleFolder, *, record_type: type[BaseModel] | T.RecordType | None = None
) -> RuleSetIR:
    """Parse, check and lower a rule folder already read (see :func:`compile_rule_files`)."""
    sources = dict(folder.sources)
    catalogue_read = folder.catalogue
    try:
        if isinstance(catalogue_read, Diagnostic):
            raise CatalogueError((catalogue_read,))
        catalogue = parse_catalogue(catalogue_read[1], folder.catalogue_name)
    except CatalogueError as error:
        # Without a catalogue the rules cannot be checked; their syntax still can.
        diagnostics = list(folder.problems)
        for name in sorted(sources):
            diagnostics.extend(parse_rule_file(name, sources[name]).diagnostics)
        if not isinstance(catalogue_read, Diagnostic):
            sources[folder.catalogue_name] = catalogue_read[1]
        raise RuleFileError((*error.diagnostics, *diagnostics), sources) from None
    return _compile(
        sources,
        catalogue,
        folder.version,
        folder.sha256,
        record_type,
        folder.problems,
        complete=True,
        catalogue_text=catalogue_read[0].decode("utf-8", errors="replace"),
    )
