"""Parsing a JSON record: the data, or a :class:`RecordError` in French with the line.

Input: the text and the display name of its file. Output: the data and a
:class:`~cls_check.model.lines.Tree` that composes the text as YAML only when a problem needs
a line. A usual record is read by orjson (:mod:`~cls_check.model.json_usual`); anything else
by :func:`parse_with_hooks`, the reference: ``json.loads``, with numbers too long kept for
validation to refuse, NaN and Infinity refused, repeated keys errors with both lines.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from cls_check.errors import Problem, RecordError
from cls_check.model import safety
from cls_check.model.json_usual import read_usual_json
from cls_check.model.lines import Tree, compose_quietly, usual_first
from cls_check.model.safety import short

__all__ = ["parse_json", "parse_with_hooks"]

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


def parse_json(text: str, file: str) -> tuple[Any, Tree]:
    """The data, and a way to get the node tree for line numbers — built only when a
    problem needs a line (composing is a hundred times slower than parsing JSON). orjson
    reads a usual record, its checks included, in two thirds of the time ``json.loads``
    and its hooks take."""
    return usual_first(text, file, read_usual_json, parse_with_hooks)


def parse_with_hooks(text: str, file: str) -> tuple[Any, Tree]:
    """The reference reading: ``json.loads`` with a hook per object that notes repeated
    keys, one per integer that keeps those too long to convert, one that refuses NaN."""

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
        raise RecordError(file, (Problem(safety.TOO_DEEP),)) from None
    except ValueError as error:  # NaN, Infinity
        raise RecordError(
            file, (Problem(f"syntaxe JSON invalide : valeur non admise ({short(str(error))})"),)
        ) from None
    problems = _json_duplicates(text, repeated) if repeated else ()
    return data, Tree(functools.partial(compose_quietly, text), problems)


def _json_duplicates(text: str, keys: list[str]) -> tuple[Problem, ...]:
    """The repeated keys of a JSON text with their lines (read again as YAML, which JSON
    nearly is); without lines if that fails."""
    from cls_check.model import yaml_safety  # PyYAML: only for a record with a problem

    try:
        loader = yaml_safety.RecordYamlLoader(text)
        try:
            root = loader.get_single_node()
            loader.construct_document(root)
            found = yaml_safety.duplicate_problems(loader.duplicates, root)
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
