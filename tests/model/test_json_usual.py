"""Reading JSON with orjson gives what ``json.loads`` and its hooks give, or leaves the text
to them.

The reference is :func:`cls_check.model.parse_json.parse_with_hooks` (the data, the
repeated keys with their lines, the errors in French). On every fixture written as JSON and
on the benchmark's records, orjson must answer, and answer the same data (compared by
``repr``: ``1`` is not ``1.0``, ``-0.0`` is not ``0.0``); on what it would read otherwise
(integers beyond 64 bits, ``1e400``, lone surrogates, repeated keys, deep nesting), it must
say so; on random JSON-like texts, :func:`parse_json` must give what the reference gives.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import bench
from cls_check.errors import RecordError
from cls_check.model import load_record
from cls_check.model.json_usual import MAX_DEPTH, read_usual_json
from cls_check.model.lines import Tree, Unusual
from cls_check.model.parse_json import parse_json, parse_with_hooks
from tests.model.test_yaml_build import FIXTURES


def outcome(read: Callable[[str, str], tuple[Any, Tree]], text: str) -> tuple[Any, ...]:
    """What a reading gives, comparable: the data's ``repr`` and the problems found, or
    the problems of the error."""
    try:
        data, tree = read(text, "contrat.json")
    except RecordError as error:
        return ("erreur", error.file, error.problems)
    return (repr(data), tree.problems)


def read_by_orjson(text: str) -> bool:
    """Whether orjson answered; when it did, that it answered as the reference."""
    try:
        data = read_usual_json(text)
    except Unusual:
        return False
    assert outcome(parse_with_hooks, text) == (repr(data), ()), text[:200]
    return True


def as_json_texts(data: Any) -> list[str]:
    """The ways a tool writes a record: compact or indented, accents as they are or
    escaped."""
    return [
        json.dumps(data, ensure_ascii=False),
        json.dumps(data),
        json.dumps(data, indent=2, ensure_ascii=False),
        json.dumps(data, separators=(",", ":")),
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_written_as_json_is_read_by_orjson(path: Path) -> None:
    data = load_record(path).contract.model_dump(mode="json", exclude_unset=True)
    for text in as_json_texts(data):
        assert read_by_orjson(text)


def test_the_benchmark_records_are_read_by_orjson() -> None:
    for record in bench.generate(200):
        assert read_by_orjson(json.dumps(record, ensure_ascii=False))


USUAL = [
    '{"zero": -0, "moins_zero": -0.0, "un": 1, "un_virgule": 1.0, "e": 1E2, "petit": 1e-400}',
    '{"n": 123456789012345678, "m": -123456789012345678, "x": 0.1, "y": 5e-324}',
    '{"f": 1.7976931348623157e308, "g": 2.2250738585072014e-308, "h": 9007199254740993.0}',
    '{"é": "\\u00e9t\\u00c9", "emoji": "\\ud83d\\ude00", "brut": "😀 l\'îlot", "sep": "\\u2028"}',
    '{"echap": "\\"\\\\\\/\\b\\f\\n\\r\\t", "nul": "\\u0000", "del": "\x7f", "deux": "a:b"}',
    '{"vide": {}, "liste": [], "mix": [true, false, null, "", 0, [[]], {"a": {}}]}',
    ' \t\r\n{"a" : 1 , "b" :[ 1 ,2 ] }\r\n ',
    '"un texte"',
    "[1, 2.5, -3]",
    "null",
    '{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}',
    "[" * MAX_DEPTH + "]" * MAX_DEPTH,
    '{"crochets": "' + "[{" * MAX_DEPTH + '"}',
    '{"liste": [' + ",".join(['{"a": [1]}'] * MAX_DEPTH) + "]}",
]
UNUSUAL = [
    '{"n": 12345678901234567890123}',
    '{"n": 9223372036854775808}',
    '{"n": -9223372036854775809}',
    '{"n": 1234567890123456789}',
    '{"n": "0123456789012345678"}',
    '{"n": ' + "9" * 5000 + "}",
    '{"x": 1e400}',
    '{"x": -1e400}',
    '{"x": NaN}',
    '{"x": Infinity}',
    '{"x": -Infinity}',
    '{"x": "\\ud800"}',
    '{"x": "\\udc00\\ud800"}',
    '{"x": "\ud800"}',
    '{"x": "a\x01b"}',
    '{"x": "\\u003a"}',
    '{"x": "\\u003A"}',
    '{"x": "\\\\u003a"}',
    '{"a": 1} {"b": 2}',
    '{"a": 1,}',
    "\ufeff{}",
    "",
    '{"a": 1, "a": 1}',
    '{"a": {"b": [], "b": []}}',
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "[" * 2000 + "]" * 2000,
    '{"a": ' + '{"a": ' * MAX_DEPTH + "1" + "}" * MAX_DEPTH + "}",
]


@pytest.mark.parametrize(
    ("text", "usual"), [(text, True) for text in USUAL] + [(text, False) for text in UNUSUAL]
)
def test_orjson_reads_the_usual_values_and_leaves_the_rest_to_the_reference(
    text: str, usual: bool
) -> None:
    assert read_by_orjson(text) is usual
    assert outcome(parse_json, text) == outcome(parse_with_hooks, text)


def test_integers_beyond_64_bits_stay_integers_or_too_long() -> None:
    data, _ = parse_json('{"a": 18446744073709551616, "b": ' + "9" * 5000 + "}", "c.json")
    assert data["a"] == 2**64 and type(data["a"]) is int
    assert str(data["b"]) == "9" * 5000


def test_nan_and_huge_exponents_keep_their_french_messages() -> None:
    with pytest.raises(RecordError) as caught:
        parse_json('{"a": NaN}', "c.json")
    assert caught.value.problems[0].message == "syntaxe JSON invalide : valeur non admise (NaN)"
    data, _ = parse_json('{"a": 1e400}', "c.json")
    assert data == {"a": float("inf")}


def test_too_deep_is_still_a_record_error() -> None:
    with pytest.raises(RecordError) as caught:
        parse_json("[" * 20000 + "]" * 20000, "c.json")
    assert caught.value.problems[0].message.startswith("structure trop profondément imbriquée")


def duplicates(text: str) -> list[tuple[str, int | None]]:
    """The repeated keys the record's reading reports, by path and line; the same as the
    reference's."""
    data, tree = parse_json(text, "c.json")
    assert (repr(data), tree.problems) == outcome(parse_with_hooks, text)
    return [(p.path or "", p.line) for p in tree.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"format": "cls/1",\n "id": "a",\n "id": "b"}', [("id", 3)]),
        ('{"a": {\n  "b": 1,\n  "b": 2\n}}', [("a.b", 3)]),
        ('{"a": [\n  {"b": 1},\n  {"c": 1,\n   "c": 2}\n]}', [("a[1].c", 4)]),
        ('{"a": 1,\n "a": 2,\n "a": 3}', [("a", 2), ("a", 3)]),
    ],
    ids=["top level", "nested object", "object in a list", "three times"],
)
def test_repeated_keys_are_reported_at_every_depth_with_their_lines(
    text: str, expected: list[tuple[str, int]]
) -> None:
    assert duplicates(text) == expected


def test_an_escaped_colon_does_not_hide_a_repeated_key() -> None:
    """``\\u003a`` is a colon the text does not count: it would make up for the one lost
    with the repeated key."""
    for colon in ("\\u003a", "\\u003A"):
        text = '{"a": "' + colon + '",\n "b": 1,\n "b": 2}'
        assert duplicates(text) == [("b", 3)]


# --------------------------------------------------------------------------- generated texts

SPACES = st.sampled_from(["", " ", "\n", "\t", "\r\n  "])
NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1]).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.from_regex(r"\A-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][-+]?[0-9]{1,3})?\Z"),
    st.sampled_from(["-0", "-0.0", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "01", "1."]),
)
ESCAPES = st.sampled_from(
    [
        "\\u003a",
        "\\u003A",
        "\\\\u003a",
        "\\ud800",
        "\\udc00",
        "\\ud83d\\ude00",
        "\\u00e9",
        '\\"',
        "\\n",
        "\\/",
        "\\x",
        "\x01",
        "\ud800",
        ":",
        "é",
        "😀",
    ]
)
STRINGS = st.one_of(
    st.text(max_size=6).map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.text(max_size=6).map(json.dumps),
    st.lists(st.one_of(ESCAPES, st.text(max_size=2)), max_size=4).map(
        lambda parts: '"' + "".join(parts).replace('"', "") + '"'
    ),
)
KEYS = st.one_of(st.sampled_from(['"a"', '"b"', '"é"', '":"', '"\\u0061"', '""']), STRINGS)
SCALARS = st.one_of(st.sampled_from(["true", "false", "null"]), NUMBERS, STRINGS)


def containers(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    items = st.tuples(SPACES, values, SPACES).map("".join)
    pairs = st.tuples(SPACES, KEYS, SPACES, values).map(lambda p: f"{p[0]}{p[1]}{p[2]}:{p[3]}")
    return st.one_of(
        st.lists(items, max_size=4).map(lambda xs: "[" + ",".join(xs) + "]"),
        st.lists(pairs, max_size=5).map(lambda xs: "{" + ",".join(xs) + "}"),
    )


JSONISH = st.recursive(SCALARS, containers, max_leaves=20)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A JSON-like text: a value, often an object; sometimes changed by a character put in
    or taken out (most of those are syntax errors)."""
    text: str = draw(st.one_of(containers(JSONISH), JSONISH))
    if draw(st.integers(0, 4)) == 0 and text:
        at = draw(st.integers(0, len(text) - 1))
        change = draw(st.sampled_from(["", ",", ":", "}", "]", '"', "1"]))
        text = text[:at] + change + text[at + 1 :]
    return draw(SPACES) + text + draw(SPACES)


@settings(max_examples=500, deadline=None)
@given(texts())
def test_parse_json_gives_what_json_loads_with_its_hooks_gives(text: str) -> None:
    assert outcome(parse_json, text) == outcome(parse_with_hooks, text)
