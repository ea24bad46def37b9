"""Defences of the record loader against hostile input, each turned into a :class:`Problem`:
those JSON and YAML records share. The YAML ones (repeated keys noted by the loaders, alias
bombs) are in :mod:`cls_check.model.yaml_safety`, imported only when YAML is read.

* **Duplicate keys** (YAML and JSON) are errors: the parsers would keep the last value
  silently. JSON's are found by :func:`~cls_check.model.parse_json.parse_json`, then read
  again as YAML for their lines.
* **Integers too long to convert** (Python refuses more than 4,300 digits): read as a
  :class:`TooLongNumber` (:func:`json_int` for JSON), which validation refuses at its path
  like any other wrong value.
* **Lone surrogates**: in the text itself (a caller's string), :func:`raw_surrogate` refuses
  them before parsing; made by escapes (``"\\ud800"`` in JSON or YAML), the model refuses
  them at their path (:class:`~cls_check.model.prepare.UnwritableText`) and
  :func:`unwritable_text` says why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cls_check.errors import Problem

PathPart = str | int

#: Nesting beyond the parsers' limits (recursion in JSON, libyaml's depth in YAML).
TOO_DEEP = "structure trop profondément imbriquée pour un enregistrement de contrat"

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class TooLongNumber:
    """An integer with too many digits for Python to convert: a value no field accepts."""

    digits: str

    def __str__(self) -> str:
        return self.digits


def json_int(digits: str) -> int | TooLongNumber:
    """``parse_int`` for ``json.loads``: a number too long is kept for validation to refuse."""
    try:
        return int(digits)
    except ValueError:
        return TooLongNumber(digits)


def encodable(text: str) -> bool:
    """Whether ``text`` has no lone surrogate — the only characters without a UTF-8 form:
    checked at C speed, a few times faster than a regular expression's search."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def raw_surrogate(text: str) -> Problem | None:
    """A lone surrogate in the text itself (a caller's string, not a file read as UTF-8)."""
    if text.isascii() or encodable(text):
        return None
    found = _SURROGATE.search(text)
    if found is None:
        return None
    start = found.start()
    line = text.count("\n", 0, start) + 1
    return Problem(
        f"caractère isolé U+{ord(found.group()):04X} (demi-paire UTF-16) dans le texte : "
        "il n'existe pas en UTF-8",
        line=line,
        column=start - (text.rfind("\n", 0, start) + 1) + 1,
    )


def unwritable_text(text: str) -> tuple[str, str]:
    """The message and hint for a string holding a lone surrogate."""
    character = _SURROGATE.search(text)
    code = f" U+{ord(character.group()):04X}" if character else ""
    return (
        f"texte « {short(escaped(text))} » invalide : il contient un caractère isolé{code} "
        "(demi-paire UTF-16), qui n'existe pas en UTF-8",
        "Remplacez la séquence « \\uD8xx » par le caractère voulu, écrit tel quel.",
    )


def escaped(text: str) -> str:
    """A string with lone surrogates written as ``\\ud800``: safe to print and to encode."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def short(text: str, limit: int = 80) -> str:
    """A value for a message: NFC, on one line, at most ``limit`` characters."""
    text = unicodedata.normalize("NFC", text).replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def path_text(parts: list[PathPart]) -> str:
    """``signataires[2].role``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
