"""Reading a contract record (YAML or JSON) into a :class:`Contract`, with precise errors.

Input: a path, a text, a mapping or a :class:`Contract`. Output: a :class:`LoadedRecord` (the
contract, the display name of its file, and warnings), or :class:`RecordError` carrying every
problem found — never another exception for bad input.

Steps: read (UTF-8, BOM accepted) → parse (JSON, or YAML with the *safe* loader only: a
record never constructs Python objects) keeping the YAML node tree for line numbers →
check the top level is a mapping, empty or with a top-level key of the format → validate
with pydantic, which notes whether some object has a key that is not one of its fields →
if so, walk the data against the model for the unknown keys (warnings) → translate each
pydantic error into a French :class:`Problem` with its record path (``signataires[2].role``),
its line and column in the file, and a suggestion for near misses.

When a record has errors, the :class:`RecordError` lists the warnings too (severity
``avertissement``), all sorted by position in the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cls_check.errors import Problem, RecordError
from cls_check.model import safety
from cls_check.model.contract import (
    DATE_PATTERN,
    DEPARTEMENT_PATTERN,
    INSEE_PATTERN,
    SUPPORTED_FORMAT,
    Contract,
    NotFalse,
    UnwritableText,
    admits_none,
    list_item,
    model_class,
    nested_models,
    strip_optional,
    validate_noting_unknown_keys,
)
from cls_check.model.safety import TooLongNumber, path_text, short
from cls_check.model.source import DEFAULT_MAX_SIZE, display_name, read_record_file
from cls_check.suggest import closest

__all__ = ["LoadedRecord", "load_record", "record_from_text"]

Syntax = Literal["yaml", "json", "auto"]
PathPart = str | int

NOT_A_RECORD = (
    "le fichier ne contient pas un enregistrement de contrat (une table clé: valeur est attendue)"
)
#: Enumerations with at most this many values are listed in full in messages.
MAX_LISTED_VALUES = 20

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


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
        (Problem(f"l'enregistrement n'est pas une table clé: valeur (reçu : {_kind_of(source)})"),),
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


def _parse(text: str, file: str, syntax: Syntax) -> tuple[Any, _Tree]:
    if syntax == "auto":
        if file.lower().endswith(".json"):
            syntax = "json"
        elif text.lstrip().startswith("{"):
            try:
                return _parse_json(text, file)
            except RecordError as json_error:
                try:  # a YAML flow mapping is not JSON
                    return _parse_yaml(text, file)
                except RecordError:
                    raise json_error from None
        else:
            syntax = "yaml"
    return _parse_json(text, file) if syntax == "json" else _parse_yaml(text, file)


# --------------------------------------------------------------------------- parsing

_JSON_MESSAGES = (
    (
        "Expecting value",
        "valeur attendue (texte entre guillemets, nombre, true, false, null, [ ou {)",
    ),
    (
        "Expecting property name enclosed in double quotes",
        "nom de clé entre guillemets doubles attendu (virgule en trop ?)",
    ),
    ("Expecting ',' delimiter", "virgule attendue entre deux éléments"),
    ("Expecting ':' delimiter", "« : » attendu après la clé"),
    ("Unterminated string", "texte non terminé (guillemet fermant manquant)"),
    (
        "Invalid control character",
        "caractère de contrôle interdit dans un texte (retour à la ligne ?)",
    ),
    ("Invalid \\escape", "séquence d'échappement « \\ » invalide"),
    ("Invalid \\uXXXX escape", "séquence d'échappement « \\u » invalide"),
    ("Extra data", "contenu en trop après la fin de l'enregistrement"),
)


def _parse_json(text: str, file: str) -> tuple[Any, _Tree]:
    """The data, and a way to get the node tree for line numbers — built only when a
    problem needs a line (composing is a hundred times slower than parsing JSON)."""

    def refuse(constant: str) -> Any:
        raise ValueError(constant)

    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        table = dict(items)
        if len(table) != len(items):
            keys = [key for key, _ in items]
            repeated.extend(key for i, key in enumerate(keys) if key in keys[:i])
        return table

    try:
        data = json.loads(
            text, parse_constant=refuse, parse_int=safety.json_int, object_pairs_hook=pairs
        )
    except json.JSONDecodeError as error:
        detail = next((fr for en, fr in _JSON_MESSAGES if error.msg.startswith(en)), None)
        problem = Problem(
            f"syntaxe JSON invalide : {detail or 'caractère inattendu'}",
            line=error.lineno,
            column=error.colno,
        )
        raise RecordError(file, (problem,)) from None
    except RecursionError:
        raise RecordError(file, (Problem(_TOO_DEEP),)) from None
    except ValueError as error:  # NaN, Infinity
        raise RecordError(
            file, (Problem(f"syntaxe JSON invalide : valeur non admise ({short(str(error))})"),)
        ) from None
    problems = _json_duplicates(text, repeated) if repeated else ()
    return data, _Tree(functools.partial(_compose_quietly, text), False, problems)


def _json_duplicates(text: str, keys: list[str]) -> tuple[Problem, ...]:
    """The repeated keys of a JSON text with their lines (read again as YAML, which JSON
    nearly is); without lines if that fails."""
    try:
        loader = safety.RecordYamlLoader(text)
        try:
            root = loader.get_single_node()
            loader.construct_document(root)
            found = safety.duplicate_problems(loader.duplicates, root)
        finally:
            loader.dispose()
    except Exception:  # lines are a bonus
        found = []
    if found:
        return tuple(found)
    return tuple(
        Problem(
            f"clé « {short(safety.escaped(key))} » en double : une clé ne peut figurer qu'une "
            "fois dans une même table",
            hint="Gardez une seule des deux valeurs.",
        )
        for key in dict.fromkeys(keys)
    )


@dataclass(frozen=True, slots=True)
class _Tree:
    """How to get the node tree of a text, for line numbers, and what parsing found wrong.

    ``walk_always``: look for unknown keys in the tree even when validation found nothing
    (YAML, whose tree is built anyway). Otherwise the tree is built only when a problem
    needs a line. ``problems``: errors found while parsing (repeated keys), reported with
    validation's.
    """

    compose: Callable[[], Node | None]
    walk_always: bool
    problems: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, root: Node | None, problems: list[Problem]) -> _Tree:
        return cls(lambda: root, True, tuple(problems))


NO_TREE = _Tree(lambda: None, walk_always=False)


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def record_lines(file: str, paths: Iterable[str]) -> dict[str, int]:
    """The line of each record path (``signataires[2].role``) in the file ``file``, for
    the reports that point into the record (SARIF, JUnit). Read again from the file, once
    the record is checked: line numbers are a bonus, never a failure — a path not found,
    or a file that cannot be read again, is simply left out."""
    try:
        root = _compose_quietly(read_record_file(file, file))
    except RecordError:
        return {}
    lines = {}
    for path in paths:
        parts: list[PathPart] = [
            int(index) if index else key for key, index in _PATH_PART.findall(path)
        ]
        node = _node_at(root, parts)
        if node is not None:
            lines[path] = node.start_mark.line + 1
    return lines


def _compose_quietly(text: str) -> Node | None:
    """The YAML node tree of a JSON text, for line numbers only (None when it fails)."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except Exception:  # line numbers are a bonus, never a failure
        return None


_TOO_DEEP = "structure trop profondément imbriquée pour un enregistrement de contrat"

# (regular expression on the parser's problem, French text); the first that matches wins.
_YAML_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        r"mapping values are not allowed here",
        "« : » inattendu : une valeur qui contient « : » doit être entre guillemets, "
        "ou l'indentation est incorrecte",
    ),
    (
        r"could not find expected ':'",
        "« : » attendu : une clé sans valeur, ou une ligne mal indentée ?",
    ),
    (
        r"found character '\\t' that cannot start any token",
        "tabulation interdite : indentez avec des espaces",
    ),
    (
        r"found character '(.*)' that cannot start any token",
        "caractère « \\1 » interdit en début de valeur : mettez la valeur entre guillemets",
    ),
    (r"found undefined alias '(.*)'", "alias « *\\1 » non défini"),
    (r"found unhashable key", "une clé doit être un nom, pas une liste ni une table"),
    (
        r"could not determine a constructor for the tag '(.*)'",
        "étiquette « \\1 » non autorisée : un enregistrement ne contient que des textes, "
        "nombres, booléens, dates, listes et tables",
    ),
    (r"expected <block end>", "indentation incohérente, ou élément en trop"),
    (r"did not find expected key", "indentation incohérente (clé attendue)"),
    (r"did not find expected '-' indicator", "indentation incohérente (« - » attendu)"),
    (
        r"found unknown escape character '(.*)'",
        "séquence « \\\\\\1 » inconnue dans un texte entre guillemets doubles : doublez la barre "
        "oblique inverse, ou utilisez des guillemets simples",
    ),
    (r"expected ',' or '\]'", "« , » ou « ] » attendu (crochet non fermé ?)"),
    (r"expected ',' or '\}'", "« , » ou « } » attendu (accolade non fermée ?)"),
    (r"found incompatible YAML document", "version de YAML non prise en charge (YAML 1.1 attendu)"),
    (r"expected the node content", "valeur attendue"),
    (
        r"expected '<document start>'",
        "contenu en trop après l'enregistrement : une seule table est attendue au premier "
        "niveau (indentation ?)",
    ),
    (r"found unexpected document separator", "« --- » ou « ... » inattendu ici"),
    (r"mapping keys are not allowed here", "clé inattendue : l'indentation est incorrecte"),
    (r"sequence entries are not allowed here", "« - » inattendu : l'indentation est incorrecte"),
    (r"invalid indentation or unclosed", "indentation incohérente, ou crochet non fermé"),
    (
        r"expected alphabetic or numeric character",
        "nom d'ancre ou d'alias (&nom, *nom) invalide : si « & » ou « * » fait partie du "
        "texte, mettez-le entre guillemets",
    ),
    (
        r"expected escape sequence of",
        "séquence d'échappement incomplète : chiffres hexadécimaux attendus après "
        "« x », « u » ou « U »",
    ),
    (r"expected a comment or a line break", "caractère en trop en fin de ligne"),
    (
        r"expected (chomping|indentation indicator)",
        "indicateur de bloc (« | » ou « > ») mal formé",
    ),
    (
        r"expected a mapping( or list of mappings)? for merging",
        "« << » doit désigner une table, ou une liste de tables",
    ),
    (
        r"(found undefined tag handle|found non-specific tag|expected URI|expected '[>!]')",
        "étiquette (« ! ») invalide : si « ! » fait partie du texte, mettez-le entre guillemets",
    ),
    (r"(found duplicate|expected a digit|expected ' ')", "directive YAML (« % ») invalide"),
)
#: When no translation above applies: never the parser's English.
_YAML_FALLBACK = "structure incorrecte à cet endroit (indentation, ponctuation ou guillemets ?)"


_TOO_MANY_ALIASES = (
    "trop d'alias (*nom) : le fichier représenterait plus de "
    f"{safety.MAX_EXPANDED_VALUES:,} valeurs".replace(",", "\u202f")
)


def _parse_yaml(text: str, file: str) -> tuple[Any, _Tree]:
    """libyaml when it is there (ten times faster); on a syntax error, the pure-Python
    parser again, whose error messages the French translations below are written for."""
    loader: yaml.SafeLoader | None = None
    try:
        loader = safety.RecordYamlLoader(text)
        return _build(loader, text, file)
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in (error.problem or ""):
            mark = error.problem_mark
            raise RecordError(
                file, (Problem(_TOO_DEEP, line=mark.line + 1 if mark else None),)
            ) from None
    except yaml.YAMLError:  # read again below, for a precise message
        pass
    finally:
        if loader is not None:
            loader.dispose()
    return _parse_yaml_slowly(text, file)


def _build(loader: yaml.SafeLoader, text: str, file: str) -> tuple[Any, _Tree]:
    """Compose, refuse alias bombs before anything is built, construct. Syntax errors
    (``yaml.YAMLError``) are left to the caller."""
    try:
        root = loader.get_single_node()
        if root is not None and "*" in text and safety.expands_beyond(root):
            raise RecordError(file, (Problem(_TOO_MANY_ALIASES),))
        data = None if root is None else loader.construct_document(root)
    except RecursionError:
        raise RecordError(file, (Problem(_TOO_DEEP),)) from None
    except (yaml.YAMLError, RecordError):
        raise
    except Exception as error:  # a scalar the safe constructor cannot build
        raise RecordError(file, (_bad_scalar(root, error),)) from None
    duplicates: list[tuple[MappingNode, Node, Node]] = getattr(loader, "duplicates", [])
    return data, _Tree.of(root, safety.duplicate_problems(duplicates, root))


def _parse_yaml_slowly(text: str, file: str) -> tuple[Any, _Tree]:
    loader: yaml.SafeLoader | None = None
    try:
        loader = safety.SlowRecordYamlLoader(text)
        return _build(loader, text, file)
    except yaml.MarkedYAMLError as error:
        raise RecordError(file, (_yaml_problem(error),)) from None
    except yaml.YAMLError as error:  # the reader: a character YAML does not allow
        raise RecordError(file, (_reader_problem(error, text),)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    problem, context = error.problem or "", error.context or ""
    problem = problem.replace("tag:yaml.org,2002:", "!!")
    if context.startswith("expected a single document"):
        detail = (
            "le fichier contient plusieurs documents YAML (séparés par « --- ») ; "
            "un seul enregistrement est attendu par fichier"
        )
    elif context.startswith("found duplicate anchor"):
        detail = "ancre (&nom) définie deux fois"
    elif "quoted scalar" in context and "end of stream" in problem:
        detail = "texte entre guillemets non terminé (guillemet fermant manquant)"
    elif "<stream end>" in problem or "end of stream" in problem:
        detail = "fin de fichier inattendue : crochet, accolade ou guillemet non fermé ?"
    else:
        detail = _YAML_FALLBACK
        for pattern, french in _YAML_MESSAGES:
            match = re.match(pattern, problem)
            if match:
                detail = match.expand(french)
                break
    mark = error.problem_mark or error.context_mark
    return Problem(
        f"syntaxe YAML invalide : {detail}",
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _reader_problem(error: yaml.YAMLError, text: str) -> Problem:
    position = getattr(error, "position", None)
    character = getattr(error, "character", None)
    line = column = None
    if isinstance(position, int):
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
    if isinstance(character, str) and len(character) == 1:
        character = ord(character)
    what = f" U+{character:04X}" if isinstance(character, int) else ""
    return Problem(f"caractère{what} non autorisé dans un fichier YAML", line=line, column=column)


def _bad_scalar(root: Node | None, error: Exception) -> Problem:
    """Find the scalar whose construction failed (an impossible date, a huge number…)."""
    for path, node in _scalars(root):
        try:
            yaml.constructor.SafeConstructor().construct_object(node)
        except Exception:  # this is the one
            if node.tag.endswith(":timestamp") and DATE_PATTERN.match(node.value):
                message = f"date « {short(node.value)} » impossible : ce jour n'existe pas"
            else:
                message = f"valeur « {short(node.value)} » illisible"
            return Problem(
                message,
                path=path_text(path) or None,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
    return Problem(f"valeur illisible ({short(str(error))})")


def _scalars(root: Node | None) -> Iterator[tuple[list[PathPart], ScalarNode]]:
    seen: set[int] = set()
    stack: list[tuple[list[PathPart], Node]] = [([], root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            yield path, node
        elif isinstance(node, SequenceNode):
            stack.extend(([*path, i], child) for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                label = key.value if isinstance(key, ScalarNode) else "?"
                stack.append(([*path, label], value))
                stack.append((path, key))


# --------------------------------------------------------------------------- validation


def _from_data(data: Any, file: str, tree: _Tree) -> LoadedRecord:
    """Validate; the node tree (for line numbers) is asked for only when there is a problem."""
    if data is None:
        raise RecordError(file, (Problem(f"{NOT_A_RECORD} ; le fichier est vide"),))
    if not isinstance(data, dict):
        root = tree.compose()
        line = root.start_mark.line + 1 if root is not None else None
        raise RecordError(
            file, (Problem(f"{NOT_A_RECORD} ; trouvé : {_kind_of(data)}", line=line),)
        )
    if data and not any(isinstance(key, str) and key in Contract.model_fields for key in data):
        raise RecordError(file, (_no_format_key(data, tree),))
    try:
        contract, unknown_keys = validate_noting_unknown_keys(data)
    except ValidationError as error:
        root = tree.compose()
        warnings = list(_unknown_keys(data, Contract, [], root))
        problems = _problems(error.errors(include_url=False), root) + warnings
        raise RecordError(file, _in_file_order([*tree.problems, *problems])) from None
    if tree.problems:
        warnings = list(_unknown_keys(data, Contract, [], tree.compose()))
        raise RecordError(file, _in_file_order([*tree.problems, *warnings]))
    if tree.walk_always or unknown_keys:
        warnings = list(_unknown_keys(data, Contract, [], tree.compose()))
        return LoadedRecord(contract, file, _in_file_order(warnings))
    return LoadedRecord(contract, file, ())


def _no_format_key(data: dict[Any, Any], tree: _Tree) -> Problem:
    """A mapping none of whose keys is a top-level key of the format: another kind of file
    (or a record nested one level too deep), not a draft with misspelt keys."""
    root = tree.compose()
    keys = [key if isinstance(key, str) else _show(key) for key in data]
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


# --------------------------------------------------------------------------- unknown keys


def _unknown_keys(
    data: dict[Any, Any], model: type[BaseModel], parts: list[PathPart], root: Node | None
) -> Iterator[Problem]:
    fields = nested_models(model)
    node = _node_at(root, parts) if root is not None else None
    mapping = node if isinstance(node, MappingNode) else None
    for key, value in data.items():
        known = fields.get(key) if isinstance(key, str) else None
        if known is not None:
            nested, is_list = known
            if nested is None:
                continue
            if not is_list and isinstance(value, dict):
                yield from _unknown_keys(value, nested, [*parts, key], root)
            elif is_list and isinstance(value, list):
                for index, element in enumerate(value):
                    if isinstance(element, dict):
                        yield from _unknown_keys(element, nested, [*parts, key, index], root)
            continue
        key_node = _key_node(mapping, key)
        shown = safety.escaped(key) if isinstance(key, str) else _source_or_show(key, key_node)
        hint = None
        if isinstance(key, str):
            match = closest(key, model.model_fields)
            if match is not None:
                hint = f"Vouliez-vous dire « {match} » ?"
        elif isinstance(key_node, ScalarNode) and key_node.value != _show(key):
            hint = f"YAML lit cette clé comme « {_show(key)} » ; un nom de champ est attendu."
        yield Problem(
            f"clé inconnue « {short(shown)} » ignorée",
            path=path_text([*parts, shown]),
            line=key_node.start_mark.line + 1 if key_node is not None else None,
            column=key_node.start_mark.column + 1 if key_node is not None else None,
            severity="avertissement",
            hint=hint,
        )


# --------------------------------------------------------------------------- node lookup


def _node_at(root: Node | None, parts: list[PathPart]) -> Node | None:
    node = root
    for part in parts:
        if node is None:
            return None
        node = _child(node, part)
    return node


def _child(node: Node, part: PathPart) -> Node | None:
    if isinstance(node, SequenceNode) and isinstance(part, int):
        items: list[Node] = node.value
        return items[part] if 0 <= part < len(items) else None
    if isinstance(node, MappingNode) and isinstance(part, str):
        pairs: list[tuple[Node, Node]] = node.value
        for key, value in reversed(pairs):  # the last of duplicate keys wins
            if isinstance(key, ScalarNode) and key.tag == _STR_TAG and key.value == part:
                return value
        for key, value in pairs:  # merge keys (<<: *anchor), when not flattened
            if isinstance(key, ScalarNode) and key.tag == _MERGE_TAG:
                sources = value.value if isinstance(value, SequenceNode) else [value]
                for source in sources:
                    found = _child(source, part)
                    if found is not None:
                        return found
    return None


def _key_node(mapping: MappingNode | None, key: Any) -> Node | None:
    if mapping is None:
        return None
    for key_node, _value in reversed(mapping.value):
        if not isinstance(key_node, ScalarNode):
            continue
        if isinstance(key, str):
            if key_node.tag == _STR_TAG and key_node.value == key:
                return key_node
            continue
        try:
            built = yaml.constructor.SafeConstructor().construct_object(key_node)
        except Exception:  # not this one
            continue
        if type(built) is type(key) and built == key:
            return key_node
    return None


# --------------------------------------------------------------------------- pydantic errors


def _problems(errors: list[ErrorDetails], root: Node | None) -> list[Problem]:
    groups: dict[str, tuple[list[PathPart], Any, FieldInfo | None, list[ErrorDetails]]] = {}
    for error in errors:
        if _NONE_MEMBER in error["loc"] and not _is_quantity(_resolve(error["loc"])[1]):
            continue  # "not false either": the other member's error says what was expected
        parts, annotation, info = _resolve(error["loc"])
        key = path_text(parts)
        if key not in groups:
            groups[key] = (parts, annotation, info, [])
        groups[key][3].append(error)
    problems = []
    for path, (parts, annotation, info, group) in groups.items():
        node = _node_at(root, parts)
        source = node.value if isinstance(node, ScalarNode) else None
        message, hint = _describe(group, annotation, info, source)
        problems.append(
            Problem(
                message,
                path=path or None,
                line=node.start_mark.line + 1 if node is not None else None,
                column=node.start_mark.column + 1 if node is not None else None,
                hint=hint,
            )
        )
    return problems


def _resolve(loc: tuple[int | str, ...]) -> tuple[list[PathPart], Any, FieldInfo | None]:
    """Follow a pydantic ``loc`` through the model: the record path, the type expected there
    and the field. The member of ``X | Literal[False]`` that is ``X`` is passed over (a
    nested object's fields follow it); other union members end it."""
    annotation: Any = Contract
    info: FieldInfo | None = None
    parts: list[PathPart] = []
    for element in loc:
        model = model_class(annotation)
        if model is not None and isinstance(element, str) and element in model.model_fields:
            info = model.model_fields[element]
            annotation = info.annotation
            parts.append(element)
            continue
        if element != _NONE_MEMBER and admits_none(annotation) and not _is_quantity(annotation):
            continue
        item = list_item(annotation)
        if item is not None and isinstance(element, int):
            annotation = item
            parts.append(element)
            continue
        break
    return parts, strip_optional(annotation), info


def _describe(
    group: list[ErrorDetails], annotation: Any, info: FieldInfo | None, source: str | None
) -> tuple[str, str | None]:
    """The French message and hint for the errors of one place of the record."""
    error = group[0]
    kind = error["type"]
    value = error.get("input")
    if isinstance(value, NotFalse):
        value = value.value
    expected = _expected(annotation, info)
    found = _found(value, source)
    literal_values = _enum_values(annotation)

    if isinstance(value, UnwritableText):
        return safety.unwritable_text(value.text)
    if kind == "literal_error" and len(group) == 1 and literal_values == (SUPPORTED_FORMAT,):
        return (
            f"format « {_show(value)} » non pris en charge ; cls-check lit le format "
            f"« {SUPPORTED_FORMAT} »",
            f"Écrivez « format: {SUPPORTED_FORMAT} », ou omettez la clé.",
        )
    if kind == "literal_error" and len(group) == 1 and literal_values:
        listed = (
            ", ".join(literal_values)
            if len(literal_values) <= MAX_LISTED_VALUES
            else "voir la liste dans le format cls/1"
        )
        hint = None
        if isinstance(value, str):
            match = closest(value, literal_values)
            if match is not None:
                hint = f"Vouliez-vous dire « {match} » ?"
        elif isinstance(value, bool) and source is not None and source != _show(value):
            hint = (
                f"YAML lit « {source} » comme {_show(value)} ; mettez la valeur entre guillemets."
            )
        return f"valeur « {short(_show(value))} » inconnue ; valeurs attendues : {listed}", hint
    if kind == "date_type" and isinstance(value, str):
        if DATE_PATTERN.fullmatch(value):
            return f"date « {value} » impossible : ce jour n'existe pas", None
        hint = None
        french = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", value.strip())
        if french:
            day, month, year = (int(g) for g in french.groups())
            hint = f"Vouliez-vous dire « {year:04d}-{month:02d}-{day:02d} » ?"
        return f"{found} ; attendu : {expected}", hint
    if kind == "date_type" and isinstance(value, dt.datetime):
        return f"{found} ; attendu : {expected}, sans heure", f"Écrivez « {value.date()} »."
    if kind == "greater_than_equal":
        bound = (error.get("ctx") or {}).get("ge")
        return f"{found} ; attendu : un nombre supérieur ou égal à {bound}", None
    if kind == "less_than_equal":
        bound = (error.get("ctx") or {}).get("le")
        return f"{found} ; attendu : un nombre inférieur ou égal à {bound}", None
    if any(e["type"] == "finite_number" for e in group):
        return f"{found} ; attendu : un nombre fini", None
    if kind == "nombre_negatif":
        return f"{found} ; attendu : un nombre positif ou nul, ou false", None
    if kind in _TYPE_ERRORS or len(group) > 1:
        return f"{found} ; attendu : {expected}", _type_hint(annotation, value, source)
    if kind == "string_pattern_mismatch":
        return f"{found} ; attendu : {expected}", None
    return f"{found} : {error['msg']}", None


_TYPE_ERRORS = frozenset(
    {
        "string_type",
        "int_type",
        "int_parsing",
        "int_from_float",
        "float_type",
        "float_parsing",
        "bool_type",
        "bool_parsing",
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "list_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
        "literal_error",
        "finite_number",
    }
)


def _type_hint(annotation: Any, value: Any, source: str | None) -> str | None:
    if annotation is str and isinstance(value, int | float) and not isinstance(value, bool):
        text = source if source is not None else _show(value)
        return f'Écrivez la valeur entre guillemets : "{text}".'
    if annotation is str and isinstance(value, dt.date):
        return f'Écrivez la valeur entre guillemets : "{source or _show(value)}".'
    if annotation in (int, float) or _is_quantity(annotation):
        if isinstance(value, str) and re.fullmatch(r"-?[0-9]+(?:[.,][0-9]+)?", value.strip()):
            return f"Écrivez le nombre sans guillemets : {value.strip().replace(',', '.')}."
        if annotation is int and isinstance(value, float) and value.is_integer():
            return f"Écrivez le nombre entier sans décimale : {int(value)}."
        if _is_quantity(annotation) and value is True:
            return "Donnez le chiffre, ou false si le diagnostic ne chiffre pas ce domaine."
    if annotation is bool and isinstance(value, str) and value.lower() in ("true", "false"):
        return f"Écrivez {value.lower()} sans guillemets."
    if annotation is bool and isinstance(value, str | int | float):
        return "Écrivez true (oui) ou false (non)."
    if list_item(annotation) is not None and isinstance(value, str):
        return f"Écrivez une liste : [{short(value)}]."
    return None


def _expected(annotation: Any, info: FieldInfo | None) -> str:
    expected = _expected_value(annotation, info)
    if info is not None and admits_none(info.annotation) and not _is_quantity(annotation):
        return f"{expected}, ou false si le contrat n'en a pas"
    return expected


def _expected_value(annotation: Any, info: FieldInfo | None) -> str:
    values = _enum_values(annotation)
    if values:
        if len(values) <= MAX_LISTED_VALUES:
            return "une des valeurs " + ", ".join(values)
        return "une des valeurs du format cls/1"
    if _is_quantity(annotation):
        return "un nombre (0 compris), ou false si le diagnostic ne chiffre pas ce domaine"
    if model_class(annotation) is not None:
        return "une table (clé: valeur)"
    if list_item(annotation) is not None:
        return "une liste"
    if annotation is dt.date:
        return "une date au format AAAA-MM-JJ"
    if annotation is bool:
        return "true ou false"
    if annotation is int:
        return "un nombre entier"
    if annotation is float or set(get_args(annotation)) == {int, float}:
        return "un nombre"
    if annotation is str:
        pattern = _pattern(info)
        if pattern == INSEE_PATTERN:
            return "un code INSEE de commune en texte (5 caractères : « 59991 », « 2A004 »)"
        if pattern == DEPARTEMENT_PATTERN:
            return "un code de département en texte (« 59 », « 971 », « 2A »)"
        return "un texte"
    return str(annotation)


def _pattern(info: FieldInfo | None) -> str | None:
    for item in info.metadata if info is not None else ():
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def _enum_values(annotation: Any) -> tuple[str, ...]:
    if get_origin(annotation) is Literal:
        args = get_args(annotation)
        if all(isinstance(a, str) for a in args):
            return tuple(args)
    return ()


#: How pydantic names the ``Literal[False]`` member of a union in an error's location.
_NONE_MEMBER = "literal[False]"


def _is_quantity(annotation: Any) -> bool:
    """A number or false (``int | float | Literal[False]``): the diagnostic's quantities."""
    return admits_none(strip_optional(annotation))


# --------------------------------------------------------------------------- showing values


def _show(value: Any) -> str:
    """A value as the author wrote it (YAML/JSON spelling), for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # beyond the int-to-text conversion limit
            return "un très grand nombre"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _kind_of(value)


def _found(value: Any, source: str | None = None) -> str:
    """What was found, in the author's spelling when the file is known (``01``, ``yes``)."""
    if isinstance(value, list | tuple):
        return "une liste trouvée"
    if isinstance(value, dict):
        return "une table trouvée"
    if isinstance(value, TooLongNumber):
        return f"nombre « {short(value.digits, 20)} » trop long ({len(value.digits)} chiffres)"
    if value is None or isinstance(value, str | int | float | dt.date):
        shown = source if source is not None and not isinstance(value, str) else _show(value)
        return f"valeur « {short(shown)} » incorrecte"
    return f"{_kind_of(value)} trouvée"


def _kind_of(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "une liste"
    if isinstance(value, Mapping):
        return "une table"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int | float):
        return "un nombre"
    if isinstance(value, dt.date):
        return "une date"
    return f"une valeur de type {type(value).__name__}"


def _source_or_show(value: Any, node: Node | None) -> str:
    return node.value if isinstance(node, ScalarNode) else _show(value)
