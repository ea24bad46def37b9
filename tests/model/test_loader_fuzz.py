"""Fuzzing the record loader from the fixtures: mutated bytes, texts and structures.

Whatever the mutation — a flipped byte, a lone surrogate, odd Unicode, a subtree replaced by
junk, a huge number — loading either succeeds, and then the record is checked and its
report written in JSON and text without error, or raises :class:`RecordError` whose every
message is French and can be written in UTF-8. Nothing else comes out.

The number of examples is bounded (``CLS_FUZZ_EXAMPLES``, default 30 per test) to stay
within the CI budget; raise it locally for a longer search.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cls_check.api import load_rules
from cls_check.errors import RecordError
from cls_check.model import LoadedRecord, load_record, record_from_text
from cls_check.model.source import decode_record
from cls_check.report import render

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.yaml"))
SETTINGS = settings(
    max_examples=int(os.environ.get("CLS_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Words of the parsers' and pydantic's own (English) messages.
ENGLISH = ("Input should", "expected", "found", "Error", "Traceback", "while ")

FIXTURE_BYTES = st.sampled_from(FIXTURES).map(lambda p: p.read_bytes())
#: Every code point, lone surrogates and unassigned ones included.
ODD_TEXT = st.text(st.characters(exclude_categories=()), max_size=12) | st.sampled_from(
    ["\ud800", "a\udfffb", "\u202e", "\x00", "\u0085", "e\u0301", "\ufeff", "𝔠𝔩𝔰", "\\ud800"]
)
JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**5000 // 10**4000, -1, 10**30, 2**63, 1e308])
    | st.floats()
    | ODD_TEXT
    | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ODD_TEXT, inner, max_size=3),
    max_leaves=10,
)


def outcome(load: Callable[[], LoadedRecord]) -> None:
    """Success (and then a report that can be written), or a French RecordError."""
    try:
        loaded = load()
    except RecordError as error:
        assert error.problems
        for problem in error.problems:
            text = f"{error.file} {problem.path} {problem.message} {problem.hint}"
            text.encode("utf-8")
            assert not any(word in problem.message for word in ENGLISH), problem
        return
    rules = load_rules()
    report = rules.check(loaded)
    whole = rules.report((report,))
    whole.to_json().encode("utf-8")
    render(whole, "text").encode("utf-8")


@SETTINGS
@given(FIXTURE_BYTES, st.data())
def test_mutated_bytes(original: bytes, data: st.DataObject) -> None:
    raw = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.integers(0, 255))
        if action == "replace":
            raw[position] = byte
        elif action == "insert":
            raw.insert(position, byte)
        else:
            del raw[position]
    outcome(lambda: record_from_text(decode_record(bytes(raw), "c.yaml"), "c.yaml"))


@SETTINGS
@given(FIXTURE_BYTES, st.data())
def test_odd_unicode_inserted_in_the_text(original: bytes, data: st.DataObject) -> None:
    text = original.decode("utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        text = text[:position] + data.draw(ODD_TEXT) + text[position:]
    outcome(lambda: record_from_text(text, "c.yaml"))


def _places(data: Any, parts: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place of a record (mapping keys and list indexes), the root included."""
    found = [parts]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*parts, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*parts, index))
    return found


@SETTINGS
@given(st.sampled_from(FIXTURES), st.data())
def test_subtrees_replaced_by_junk(path: Path, data: st.DataObject) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        places = [p for p in _places(record) if p]
        place = data.draw(st.sampled_from(places))
        parent = record
        for part in place[:-1]:
            parent = parent[part]
        parent[place[-1]] = data.draw(JUNK)
    outcome(lambda: load_record(record))
    as_json = json.dumps(record, default=str)  # ensure_ascii: surrogates become \ud800
    outcome(lambda: record_from_text(as_json, "c.json"))
    try:
        as_yaml = yaml.safe_dump(record, allow_unicode=False)
    except (yaml.YAMLError, UnicodeError):
        return
    outcome(lambda: record_from_text(as_yaml, "c.yaml"))


@pytest.mark.parametrize(
    "text",
    [
        'format: cls/1\nintitule: "\\ud800"\n',
        '{"intitule": "\\udfff"}',
        "moyens:\n  adjoints_securite:\n    - nombre: " + "9" * 5000 + "\n",
        '{"moyens": {"adjoints_securite": [{"nombre": ' + "9" * 5000 + "}]}}",
        "moyens:\n  adjoints_securite:\n    - nombre: " + "9" * 40 + "\n",
    ],
)
def test_known_hostile_texts(text: str) -> None:
    with pytest.raises(RecordError):
        record_from_text(text, "c.json" if text.startswith("{") else "c.yaml")
    outcome(lambda: record_from_text(text, "c.json" if text.startswith("{") else "c.yaml"))
