"""The commented record template that ``cls-check init`` writes, built from the model.

Output: YAML text with every field of the format, each under a French comment (its
description, its type, its enumerated values, what ``false`` or ``[]`` says for it).

Invariant: the template says nothing about the contract — it loads as an empty draft
(status ``incomplet``, no warning). So every value is ``null``; nested objects are written
out with their fields, which are ``null`` too; a list is ``null`` and the shape of its items
is shown in comments, because a list written out would claim that it has items.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from pydantic import BaseModel

from cls_check.model.contract import Contract
from cls_check.model.reference import FieldDoc, describe

__all__ = ["record_template"]

WIDTH = 92
INDENT = "  "

HEADER = """\
# Contrat local de sécurité — enregistrement au format cls/1, à remplir.
# Modèle écrit par « cls-check init » ; le format est décrit dans docs/format.md (sources
# de cls-check).
#
# Chaque information a trois états :
#   null (ou clé absente) : on ne sait pas (encore) ; la vérification dit ce qui manque ;
#   []                    : il n'y en a aucun ;
#   false                 : non ; pour un champ marqué « false admis » : le contrat n'en a pas.
# Remplacez les null au fur et à mesure : tel quel, ce modèle est un projet valide.
# Une liste : remplacez null par ses éléments, écrits comme l'élément donné en commentaire
# (ôtez les « # »), ou par [] s'il n'y en a aucun.
"""


def record_template() -> str:
    """The template of a whole record."""
    lines = HEADER.splitlines()
    for field in describe(Contract).fields:
        lines.append("")
        lines.extend(_field_lines(field, ""))
    return "\n".join(lines) + "\n"


def _object_lines(model: type[BaseModel], path: str, margin: str) -> list[str]:
    lines: list[str] = []
    for field in describe(model, path).fields:
        lines.extend(_field_lines(field, margin))
    return lines


def _field_lines(field: FieldDoc, margin: str) -> list[str]:
    lines = _comment(field.description, margin) + _comment(_type_line(field), margin)
    if field.nested is None:
        return [*lines, f"{margin}{field.name}: {_placeholder(field.default)}"]
    if not field.is_list:
        inner = _object_lines(field.nested, field.path, margin + INDENT)
        return [*lines, f"{margin}{field.name}:", *inner]
    item = _object_lines(field.nested, field.item_path, margin + INDENT * 2)
    sample = [f"{margin}{INDENT}-", *item]
    return [
        *lines,
        f"{margin}{field.name}: null",
        *(f"{margin}#{line[len(margin) :]}" for line in sample),
    ]


def _type_line(field: FieldDoc) -> str:
    text = field.kind[0].upper() + field.kind[1:]
    if field.values:
        text += " : " + ", ".join(field.values)
    if field.known_none is not None:
        token, meaning = field.known_none
        text += f" ; {token} {meaning}"
    return text + "."


#: French punctuation that a line never starts with, or never ends with.
_GLUED_TO_PREVIOUS = re.compile(r" (?=[»:;?!])")
_GLUED_TO_NEXT = re.compile(r"(?<=«) ")
_GLUE = "\0"  # a space where a line may not break (not whitespace for textwrap)


def _comment(text: str, margin: str) -> list[str]:
    prefix = f"{margin}# "
    glued = _GLUED_TO_NEXT.sub(_GLUE, _GLUED_TO_PREVIOUS.sub(_GLUE, text))
    lines = textwrap.wrap(
        glued,
        WIDTH,
        initial_indent=prefix,
        subsequent_indent=prefix,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_GLUE, " ") for line in lines]


def _placeholder(default: Any) -> str:
    """``null``, or the value an absent key reads as (``format: cls/1``)."""
    return "null" if default is None else str(default)
