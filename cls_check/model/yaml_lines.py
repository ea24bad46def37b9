"""The records people write in YAML, read line by line: the same data as libyaml's safe
loader, without its node tree, or :class:`Unusual` when the text holds anything else.

Input: a record's text. Output: its data — or :class:`Unusual`, and the caller reads the text
with libyaml (:mod:`cls_check.model.parse_yaml`), whose results, errors and line numbers are
the reference.

Why: libyaml composes a node tree and calls back into Python for every node (its resolver,
then PyYAML's constructors): a 200-line record cost a millisecond to parse, and its check
2.6 times the same record's from JSON. The records of the format are block mappings and
sequences whose values fit on their line or go on over the next, plain (texts, numbers,
booleans, dates, one-line ``[a, b]`` and ``{k: v}`` of words); read line by line, with the
scalars resolved by the loader's own implicit resolvers and built by its own constructors
(YAML 1.1: ``yes`` is a boolean, ``1998-05-14`` a date), they cost a fifth.

What is left to libyaml, so that this reading never has to be right about it: anchors and
aliases, tags, directives and further documents, block (``|``, ``>``) scalars, quoted
scalars over several lines or with escapes, nested or multi-line flow collections, keys
that are not plain ASCII words or that repeat, tabs, line breaks other than ``\\n``,
characters YAML refuses, a structure this reading does not recognise (which includes
every syntax error), any scalar whose constructor fails. ``tests/model/test_yaml_lines.py``
compares both readings on every fixture and on generated texts.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from cls_check.model.lines import Unusual
from cls_check.model.yaml_safety import RecordYamlLoader

__all__ = ["Unusual", "read_block_yaml"]


_STR = "tag:yaml.org,2002:str"
#: Characters that send the whole text to libyaml: tabs, line breaks other than ``\\n``
#: (``\\r\\n`` is read as ``\\n`` first), a byte order mark, and the characters YAML does
#: not allow in a stream (libyaml's reader refuses them).
_UNUSUAL_TEXT = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
#: A key: a plain word of letters, digits, ``_`` and ``-`` (before ``:`` and a space or the
#: end of the line). Other keys (quoted, accented, with spaces) are left to libyaml.
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
#: A word of a one-line flow collection (``[police, justice]``, ``{valeur: 16, unite: x}``):
#: it does not start with an indicator, and holds no ``,[]{}#:`` (quotes inside are its
#: own). Matched without backtracking, and collections split with ``str.split``: the
#: time of a line stays linear in its length, whatever it holds.
_WORD = re.compile(r"[^ ,\[\]{}#'\":?&*!|>%@`-][^,\[\]{}#:]*")
#: Plain scalars that cannot start a value: indicators libyaml reads otherwise.
_NOT_PLAIN_START = frozenset("[]{},#&*!|>'\"%@`")
_MAX_DEPTH = 100

_CONSTRUCTORS = RecordYamlLoader.yaml_constructors
# The safe loader's resolver and constructors, shared: for a scalar they only read it.
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
#: Each plain scalar already built (immutable values: texts, numbers, booleans, dates).
_PLAIN: dict[str, Any] = {}
_PLAIN_TEXT = 40
_PLAIN_MAX = 20_000
#: Each key already read (None: not a plain word read as a text).
_KEYS: dict[str, str | None] = {}


def plain_scalar(text: str) -> Any:
    """A plain scalar as the safe loader builds it: resolved by the loader's implicit
    resolvers (YAML 1.1), built by its constructors."""
    done = _PLAIN.get(text, _PLAIN)
    if done is not _PLAIN:
        return done
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        value: Any = text
    else:
        constructor = _CONSTRUCTORS.get(tag)
        if constructor is None:  # "<<" (merge), "=" (value)
            raise Unusual
        try:
            value = constructor(_CONSTRUCTOR, ScalarNode(tag, text))
        except Exception as error:  # a date that does not exist…: libyaml's path says why
            raise Unusual from error
    if len(text) <= _PLAIN_TEXT and len(_PLAIN) < _PLAIN_MAX:
        _PLAIN[text] = value
    return value


def _scalar(text: str) -> tuple[Any, str | None]:
    """A value on its line, after ``key:`` or ``-``, and its text when it is a plain scalar
    (which may go on over the next lines)."""
    first = text[0]
    if first == "'":
        end = text.find("'", 1)
        while end != -1 and text[end + 1 : end + 2] == "'":
            end = text.find("'", end + 2)
        if end == -1:
            raise Unusual  # on several lines
        _end_of_line(text[end + 1 :])
        return text[1:end].replace("''", "'"), None
    if first == '"':
        end = text.find('"', 1)
        if end == -1 or "\\" in text[:end]:
            raise Unusual  # on several lines, or escapes
        _end_of_line(text[end + 1 :])
        return text[1:end], None
    if first in "[{":
        end = text.find("]" if first == "[" else "}")
        if end == -1:
            raise Unusual  # on several lines
        _end_of_line(text[end + 1 :])
        inner = text[1:end]
        if not inner.strip(" "):
            return ([] if first == "[" else {}), None
        items = [item.strip(" ") for item in inner.split(",")]
        return (_flow_sequence(items) if first == "[" else _flow_mapping(items)), None
    plain = _plain(text)
    # after a comment, the scalar cannot go on over the next line
    return plain_scalar(plain), None if " #" in text else plain


def _flow_sequence(items: list[str]) -> list[Any]:
    for item in items:
        if _WORD.fullmatch(item) is None:
            raise Unusual  # nested, quoted, empty (``[a, ]``)…
    return [plain_scalar(item) for item in items]


def _flow_mapping(pairs: list[str]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for pair in pairs:
        head, colon, value = pair.partition(":")
        key = _key(head) if colon and value[:1] == " " else None
        value = value.lstrip(" ")
        if key is None or key in mapping or _WORD.fullmatch(value) is None:
            raise Unusual  # another key, repeated, "a:b", nested…
        mapping[key] = plain_scalar(value)
    return mapping


def _plain(text: str) -> str:
    """The text of a plain scalar on its line (the comment cut off), or :class:`Unusual`
    when libyaml would read something else there."""
    first = text[0]
    if first in _NOT_PLAIN_START or (first in "-?:" and text[1:2] in ("", " ")):
        raise Unusual
    comment = text.find(" #")
    if comment != -1:
        text = text[:comment]
    text = text.rstrip(" ")
    if ": " in text or text.endswith(":"):
        raise Unusual  # a mapping where a value was expected: libyaml's error
    return text


def _end_of_line(rest: str) -> None:
    """After a quoted scalar or a flow list: spaces, then nothing or a comment."""
    stripped = rest.lstrip(" ")
    if stripped and (stripped[0] != "#" or stripped == rest):
        raise Unusual


def _key(head: str) -> str | None:
    """The key ``head`` stands for before ``:``, or None when it is not a plain word read
    as a text (a number, a boolean, quoted, accented, with spaces…)."""
    known = _KEYS.get(head, _KEYS)
    if known is not _KEYS:
        return known  # type: ignore[return-value]
    key = plain_scalar(head) if _KEY.fullmatch(head) else None
    key = key if type(key) is str else None
    if len(_KEYS) < _PLAIN_MAX:
        _KEYS[head] = key
    return key


# The kinds of line: "key: value", "- value", "- key: value", "-" or "key:" alone (the
# value on the next lines), another text (the rest of a plain scalar), blank or comment.
ENTRY, ITEM, ITEM_ENTRY, OTHER, BLANK = range(5)
#: A line: (indent, kind, key, value, its text when plain, column of the key).
Line = tuple[int, int, str | None, Any, str | None, int]
_NOTHING = object()  # no value on the line: "key:" or "-"
_BLANK_LINE: Line = (-1, BLANK, None, None, None, -1)
#: Each line already read whose value is immutable: records repeat most of their lines.
_LINES: dict[str, Line] = {}
_LINE_TEXT = 120


def _read_line(line: str) -> Line:
    """What one line says, on its own."""
    content = line.lstrip(" ")
    if not content or content[0] == "#":
        return _BLANK_LINE
    indent = len(line) - len(content)
    kind = ENTRY
    if content[0] == "-" and (len(content) == 1 or content[1] == " "):
        content = content[1:].lstrip(" ")
        if not content or content[0] == "#":
            return (indent, ITEM, None, _NOTHING, None, indent)
        if content[0] == "-" and content[1:2] in ("", " "):
            raise Unusual  # "- - x": a sequence in a sequence
        kind = ITEM_ENTRY
    column = len(line) - len(content)
    head, colon, rest = content.partition(":")
    key = _key(head) if colon and rest[:1] in ("", " ") else None
    if key is None:
        if kind == ENTRY:
            return (indent, OTHER, None, content, None, column)
        value, plain = _scalar(content)
        read: Line = (indent, ITEM, None, value, plain, column)
    else:
        rest = rest.lstrip(" ")
        value, plain = (_NOTHING, None) if not rest or rest[0] == "#" else _scalar(rest)
        read = (indent, kind, key, value, plain, column)
    if type(value) not in (list, dict) and len(line) <= _LINE_TEXT and len(_LINES) < _PLAIN_MAX:
        _LINES[line] = read
    return read


def read_block_yaml(text: str) -> Any:
    """The data of ``text``, as the safe loader gives it, or :class:`Unusual`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNUSUAL_TEXT.search(text):
        raise Unusual
    lines = [_LINES.get(line) or _read_line(line) for line in text.split("\n")]
    root: dict[Any, Any] = {}
    # Each open collection: (its indent, the collection). Lines less indented close them.
    stack: list[tuple[int, Any]] = []
    # The last value read, (indent of its owner, its collection, its key or index, its
    # text): a key or "-" without one, or a plain scalar that may go on over the next lines.
    last: tuple[int, Any, Any, list[str] | None] | None = None
    for indent, kind, key, value, plain, column in lines:
        if kind == BLANK:
            if last is not None and last[3] is not None:
                last = None  # a plain scalar ends here (any line after is libyaml's)
            continue
        if not stack:
            if (
                not indent
                and kind == OTHER
                and value.startswith("---")
                and value[3:].lstrip(" ")[:1] in ("", "#")
            ):
                continue  # the start of the document
            if indent or kind != ENTRY:
                raise Unusual  # a top level that is not a mapping: libyaml says what
            stack.append((0, root))
        if last is not None:
            owner, collection, at, parts = last
            last = None
            if parts is not None:
                if indent > owner:  # the plain scalar goes on
                    if kind != OTHER:
                        raise Unusual
                    if " #" in value:
                        raise Unusual  # a comment, then maybe more lines: libyaml's
                    parts.append(_plain(value))
                    collection[at] = plain_scalar(" ".join(parts))
                    last = (owner, collection, at, parts)
                    continue
            elif indent > owner or (indent == owner and kind != ENTRY and type(collection) is dict):
                # the value of a key or "-" begins (a sequence may be at the key's column)
                if len(stack) >= _MAX_DEPTH:
                    raise Unusual
                collection[at] = {} if kind == ENTRY else []
                stack.append((indent, collection[at]))
        while stack[-1][0] > indent:
            stack.pop()
            if not stack:
                raise Unusual
        top, collection = stack[-1]
        if kind == ENTRY:
            if type(collection) is list:
                # after an indentless sequence ("key:" then "- …" at the key's column)
                stack.pop()
                if not stack:
                    raise Unusual
                top, collection = stack[-1]
            if type(collection) is not dict or top != indent:
                raise Unusual  # bad indentation
        elif kind == OTHER:
            raise Unusual  # a text where a key or "-" was expected
        else:
            if type(collection) is not list or top != indent:
                raise Unusual
            if kind == ITEM:
                collection.append(None if value is _NOTHING else value)
                at = len(collection) - 1
                if value is _NOTHING:
                    last = (indent, collection, at, None)
                elif plain is not None:
                    last = (indent, collection, at, [plain])
                continue
            # "- key: value": a mapping begins, its keys at the column of this one
            collection.append({})
            collection = collection[-1]
            stack.append((column, collection))
        if key in collection:
            raise Unusual  # repeated: libyaml's path names both lines
        if value is _NOTHING:
            collection[key] = None
            last = (column, collection, key, None)
        else:
            collection[key] = value
            if plain is not None:
                last = (column, collection, key, [plain])
    if not stack:
        raise Unusual  # an empty record: libyaml's path says so
    return root
