"""The JSON records people write, read by orjson: the same data as ``json.loads`` with the
hooks of :mod:`cls_check.model.parse_json`, or :class:`Unusual` when the text holds anything
else.

Input: a record's text. Output: its data — or :class:`Unusual`, and the caller reads the text
with ``json.loads`` and its hooks (:func:`~cls_check.model.parse_json.parse_with_hooks`),
whose data, errors (in French, with their lines) and repeated keys are the reference.

Why: the hook that finds repeated keys is a Python call per object; with it, parsing a
record cost nearly four times ``orjson.loads``. orjson keeps the last value of a repeated key
silently, so repeated keys are found by counting colons: outside strings, a ``:`` of a JSON
text only separates a key from its value; ``orjson.dumps`` of the data writes every kept key
once and every kept string again, with the colons it holds. The two counts are equal exactly
when no object lost a key — unless a string spelled a colon ``\\u003a`` (one the text does
not count): any ``\\u003`` sends the text to the reference.

What is left to the reference, so that this reading never has to be right about it: every
text orjson refuses (syntax errors, NaN and Infinity, numbers beyond a double such as
``1e400``, lone surrogates spelled ``\\ud800``, extra data, control characters, nesting
beyond 1,024), a run of 19 digits anywhere (orjson turns an integer beyond 64 bits into a
float; the reference keeps it, or a :class:`~cls_check.model.safety.TooLongNumber`), a
``\\u003`` escape, any repeated key, a text that does not encode to UTF-8, and nesting
deeper than :data:`MAX_DEPTH` (``json.loads`` recurses, and says
:data:`~cls_check.model.safety.TOO_DEEP` nearer Python's recursion limit than orjson's
1,024). ``tests/model/test_json_usual.py`` compares both readings on every fixture, on the
benchmark's records and on generated texts.
"""

from __future__ import annotations

from typing import Any

import orjson

from cls_check.model.lines import Unusual

__all__ = ["MAX_DEPTH", "Unusual", "read_usual_json"]

#: The deepest nesting read here: far below the depth where ``json.loads`` meets Python's
#: recursion limit (1,000 frames, the caller's included) and the 254 levels ``orjson.dumps``
#: writes, far above a record's (five).
MAX_DEPTH = 200

#: Digits as ``0`` (a run of 19 of them is a number that may not fit in 64 bits) and ``{``
#: as ``[``: one pass over the text, then a search and a count.
_DIGITS_AND_BRACKETS = bytes.maketrans(b"0123456789{", b"0000000000[")
_LONG_NUMBER = b"0" * 19


def read_usual_json(text: str) -> Any:
    """The data of a record's JSON text, or :class:`Unusual`."""
    try:
        raw = text.encode()
    except UnicodeEncodeError:  # a lone surrogate in the text itself
        raise Unusual from None
    marked = raw.translate(_DIGITS_AND_BRACKETS)
    if b"\\u003" in raw or _LONG_NUMBER in marked:
        raise Unusual
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise Unusual from None
    if marked.count(b"[") > MAX_DEPTH and not _shallow(data):
        raise Unusual  # and orjson.dumps below refuses to write past 254 levels
    if orjson.dumps(data).count(b":") != raw.count(b":"):
        raise Unusual  # a repeated key, lost by orjson
    return data


def _shallow(data: Any) -> bool:
    """Whether ``data`` nests at most :data:`MAX_DEPTH` lists and objects: looked at, a
    level at a time, only when the text holds more brackets than that."""
    level = [data]  # a string (brackets in a text) only gives its characters
    for _ in range(MAX_DEPTH):
        level = [
            child
            for node in level
            for child in (node.values() if type(node) is dict else node)
            if type(child) is dict or type(child) is list
        ]
        if not level:
            return True
    return False
