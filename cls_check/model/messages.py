"""The French problems of a record that does not validate, and the warnings of unknown keys.

Input: pydantic's errors (``ValidationError.errors()``) or the data, with the node tree of
the record when there is one. Output: :class:`Problem` values, each with its record path
(``signataires[2].role``), its line and column, a message saying what was found and what
was expected, and a hint for near misses (a suggestion, the author's spelling quoted).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from cls_check.errors import Problem
from cls_check.model import safety
from cls_check.model.contract import DEPARTEMENT_PATTERN, INSEE_PATTERN, SUPPORTED_FORMAT, Contract
from cls_check.model.introspect import (
    admits_none,
    list_item,
    model_class,
    nested_models,
    strip_optional,
)
from cls_check.model.lines import PathPart, key_node, mapping_at, node_at, scalar_text
from cls_check.model.prepare import DATE_PATTERN, NotFalse, UnwritableText
from cls_check.model.safety import TooLongNumber, path_text, short
from cls_check.suggest import closest

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

__all__ = ["kind_of", "show", "unknown_keys", "validation_problems"]

MAX_LISTED_VALUES = 20

# --------------------------------------------------------------------------- unknown keys


def unknown_keys(
    data: dict[Any, Any], model: type[BaseModel], parts: list[PathPart], root: Node | None
) -> Iterator[Problem]:
    fields = nested_models(model)
    mapping = mapping_at(root, parts)
    for key, value in data.items():
        known = fields.get(key) if isinstance(key, str) else None
        if known is not None:
            nested, is_list = known
            if nested is None:
                continue
            if not is_list and isinstance(value, dict):
                yield from unknown_keys(value, nested, [*parts, key], root)
            elif is_list and isinstance(value, list):
                for index, element in enumerate(value):
                    if isinstance(element, dict):
                        yield from unknown_keys(element, nested, [*parts, key, index], root)
            continue
        key_at = key_node(mapping, key)
        shown = safety.escaped(key) if isinstance(key, str) else _source_or_show(key, key_at)
        hint = None
        if isinstance(key, str):
            match = closest(key, model.model_fields)
            if match is not None:
                hint = f"Vouliez-vous dire « {match} » ?"
        elif key_at is not None and key_at.value != show(key):
            hint = f"YAML lit cette clé comme « {show(key)} » ; un nom de champ est attendu."
        yield Problem(
            f"clé inconnue « {short(shown)} » ignorée",
            path=path_text([*parts, shown]),
            line=key_at.start_mark.line + 1 if key_at is not None else None,
            column=key_at.start_mark.column + 1 if key_at is not None else None,
            severity="avertissement",
            hint=hint,
        )


# --------------------------------------------------------------------------- pydantic errors


def validation_problems(errors: list[ErrorDetails], root: Node | None) -> list[Problem]:
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
        node = node_at(root, parts)
        source = scalar_text(node)
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
            f"format « {show(value)} » non pris en charge ; cls-check lit le format "
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
        elif isinstance(value, bool) and source is not None and source != show(value):
            hint = f"YAML lit « {source} » comme {show(value)} ; mettez la valeur entre guillemets."
        return f"valeur « {short(show(value))} » inconnue ; valeurs attendues : {listed}", hint
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
        text = source if source is not None else show(value)
        return f'Écrivez la valeur entre guillemets : "{text}".'
    if annotation is str and isinstance(value, dt.date):
        return f'Écrivez la valeur entre guillemets : "{source or show(value)}".'
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


def show(value: Any) -> str:
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
    return kind_of(value)


def _found(value: Any, source: str | None = None) -> str:
    """What was found, in the author's spelling when the file is known (``01``, ``yes``)."""
    if isinstance(value, list | tuple):
        return "une liste trouvée"
    if isinstance(value, dict):
        return "une table trouvée"
    if isinstance(value, TooLongNumber):
        return f"nombre « {short(value.digits, 20)} » trop long ({len(value.digits)} chiffres)"
    if value is None or isinstance(value, str | int | float | dt.date):
        shown = source if source is not None and not isinstance(value, str) else show(value)
        return f"valeur « {short(shown)} » incorrecte"
    return f"{kind_of(value)} trouvée"


def kind_of(value: Any) -> str:
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


def _source_or_show(value: Any, node: ScalarNode | None) -> str:
    return node.value if node is not None else show(value)
