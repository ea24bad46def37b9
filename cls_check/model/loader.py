"""Reading a contract record (YAML or JSON) into a :class:`Contract`, with precise errors.

Input: a path, a text, a mapping or a :class:`Contract`. Output: a :class:`LoadedRecord` (the
contract, the display name of its file, and warnings), or :class:`RecordError` carrying every
problem found — never another exception for bad input.

Steps: read (UTF-8, BOM accepted) → parse (JSON, or YAML with the *safe* loader only: a
record never constructs Python objects) keeping the YAML node tree for line numbers →
check the top level is a mapping, empty or with a top-level key of the format → validate
with pydantic (:mod:`cls_check.model.validation`), noting whether some object has a key that
is not one of its fields →
if so, walk the data against the model for the unknown keys (warnings) → translate each
pydantic error into a French :class:`Problem` with its record path (``signataires[2].role``),
its line and column in the file, and a suggestion for near misses.

When a record has errors, the :class:`RecordError` lists the warnings too (severity
``avertissement``), all sorted by position in the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from cls_check.errors import Problem, RecordError
from cls_check.model import safety
from cls_check.model.contract import Contract
from cls_check.model.lines import NO_TREE, Tree, compose_quietly, node_at, path_parts
from cls_check.model.messages import kind_of, show, unknown_keys, validation_problems
from cls_check.model.parse_json import parse_json
from cls_check.model.safety import short
from cls_check.model.source import DEFAULT_MAX_SIZE, display_name, read_record_file
from cls_check.model.validation import validate_noting_unknown_keys
from cls_check.suggest import closest

__all__ = ["LoadedRecord", "load_record", "record_from_text", "record_lines"]

Syntax = Literal["yaml", "json", "auto"]

NOT_A_RECORD = (
    "le fichier ne contient pas un enregistrement de contrat (une table clé: valeur est attendue)"
)


@dataclass(frozen=True, slots=True)
class LoadedRecord:
    """A validated contract, the name of the file it came from, and the warnings."""

    contract: Contract
    file: str  # display name: the path as given, or "<stdin>", or "<dict>"
    warnings: tuple[Problem, ...]


# --------------------------------------------------------------------------- entry points


def load_record(
    source: str | os.PathLike[str] | Mapping[str, Any] | Contract,
    *,
    name: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> LoadedRecord:
    """Load one record.

    ``source`` is a path (``str`` or path-like; ``.json`` files are read as JSON, anything
    else as YAML), a mapping (validated directly; display name ``<dict>``), or a
    :class:`Contract` (passed through; display name ``<contrat>``). ``name`` overrides the
    display name. A file is read only if it is a regular file of at most ``max_size``
    bytes (a named pipe is never opened for reading). Raises :class:`RecordError` for any
    bad input.
    """
    if isinstance(source, Contract):
        return LoadedRecord(source, name or "<contrat>", ())
    if isinstance(source, Mapping):
        return _from_data(dict(source), name or "<dict>", NO_TREE)
    if isinstance(source, str | os.PathLike):
        path = os.fsdecode(os.fspath(source))
        file = name or display_name(path)
        text = read_record_file(path, file, max_size)
        syntax: Syntax = "json" if path.lower().endswith(".json") else "yaml"
        return record_from_text(text, file, syntax=syntax)
    # Not in the signature, but library callers pass what json.load gave them.
    raise RecordError(
        name or "<dict>",
        (Problem(f"l'enregistrement n'est pas une table clé: valeur (reçu : {kind_of(source)})"),),
    )


def record_from_text(text: str, file: str, *, syntax: Syntax = "auto") -> LoadedRecord:
    """Load one record from its text; ``file`` is the display name used in problems.

    ``syntax="auto"``: JSON when ``file`` ends with ``.json``; otherwise JSON when the text
    starts with ``{`` and parses as JSON; otherwise YAML.
    """
    text = text.removeprefix("\ufeff")
    raw_surrogate = safety.raw_surrogate(text)
    if raw_surrogate is not None:
        raise RecordError(file, (raw_surrogate,))
    data, tree = _parse(text, file, syntax)
    return _from_data(data, file, tree)


def _parse(text: str, file: str, syntax: Syntax) -> tuple[Any, Tree]:
    if syntax == "auto":
        if file.lower().endswith(".json"):
            syntax = "json"
        elif text.lstrip().startswith("{"):
            try:
                return parse_json(text, file)
            except RecordError as json_error:
                try:  # a YAML flow mapping is not JSON
                    return _parse_yaml(text, file)
                except RecordError:
                    raise json_error from None
        else:
            syntax = "yaml"
    return parse_json(text, file) if syntax == "json" else _parse_yaml(text, file)


def _parse_yaml(text: str, file: str) -> tuple[Any, Tree]:
    """:func:`cls_check.model.parse_yaml.parse_yaml`, imported on the first YAML text:
    checking JSON records never imports PyYAML (a twentieth of a cold start)."""
    from cls_check.model import parse_yaml as yaml_reading

    return yaml_reading.parse_yaml(text, file)


def record_lines(file: str, paths: Iterable[str]) -> dict[str, int]:
    """The line of each record path (``signataires[2].role``) in the file ``file``, for
    the reports that point into the record (SARIF, JUnit). Read again from the file, once
    the record is checked: line numbers are a bonus, never a failure — a path not found,
    or a file that cannot be read again, is simply left out."""
    try:
        root = compose_quietly(read_record_file(file, file))
    except RecordError:
        return {}
    lines = {}
    for path in paths:
        node = node_at(root, path_parts(path))
        if node is not None:
            lines[path] = node.start_mark.line + 1
    return lines


# --------------------------------------------------------------------------- validation


def _from_data(data: Any, file: str, tree: Tree) -> LoadedRecord:
    """Validate; the node tree (for line numbers) is asked for only when there is a problem."""
    if data is None:
        raise RecordError(file, (Problem(f"{NOT_A_RECORD} ; le fichier est vide"),))
    if not isinstance(data, dict):
        root = tree.compose()
        line = root.start_mark.line + 1 if root is not None else None
        raise RecordError(file, (Problem(f"{NOT_A_RECORD} ; trouvé : {kind_of(data)}", line=line),))
    if data and not any(isinstance(key, str) and key in Contract.model_fields for key in data):
        raise RecordError(file, (_no_format_key(data, tree),))
    try:
        contract, has_unknown_keys = validate_noting_unknown_keys(data)
    except ValidationError as error:
        root = tree.compose()
        warnings = list(unknown_keys(data, Contract, [], root))
        problems = validation_problems(error.errors(include_url=False), root) + warnings
        raise RecordError(file, _in_file_order([*tree.problems, *problems])) from None
    if tree.problems:
        warnings = list(unknown_keys(data, Contract, [], tree.compose()))
        raise RecordError(file, _in_file_order([*tree.problems, *warnings]))
    if has_unknown_keys:
        warnings = list(unknown_keys(data, Contract, [], tree.compose()))
        return LoadedRecord(contract, file, _in_file_order(warnings))
    return LoadedRecord(contract, file, ())


def _no_format_key(data: dict[Any, Any], tree: Tree) -> Problem:
    """A mapping none of whose keys is a top-level key of the format: another kind of file
    (or a record nested one level too deep), not a draft with misspelt keys."""
    root = tree.compose()
    keys = [key if isinstance(key, str) else show(key) for key in data]
    hint = next(
        (
            f"Vouliez-vous dire « {match} » (au lieu de « {short(key)} ») ?"
            for key in keys[:20]
            if (match := closest(key, Contract.model_fields)) is not None
        ),
        "Les clés de premier niveau sont celles de « cls-check init » "
        "(format, id, statut, territoire, signataires…).",
    )
    shown = ", ".join(short(key, 30) for key in keys[:5]) + (", …" if len(keys) > 5 else "")
    return Problem(
        f"aucune clé du format cls/1 : ce n'est pas un enregistrement de contrat "
        f"(clés trouvées : {shown})",
        line=root.start_mark.line + 1 if root is not None else None,
        hint=hint,
    )


def _in_file_order(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0)))
