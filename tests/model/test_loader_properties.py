"""Properties of the loader on generated records.

(1) any record shaped like the model round-trips through ``model_dump(mode="json")``, JSON
    text and YAML text; (2) junk never raises anything but RecordError, and its messages are
    French; (3) unknown keys inserted anywhere are warnings, never errors.
"""

from __future__ import annotations

import copy
import json
import os
import typing
from typing import Any, Literal, get_args, get_origin

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cls_check.errors import RecordError
from cls_check.model import Contract, LoadedRecord, load_record, record_from_text
from cls_check.model.introspect import admits_none, list_item, model_class, strip_optional
from cls_check.model.reference import constraint

# CLS_HYPOTHESIS_EXAMPLES=5000 for a longer search; 200 keeps each test within seconds.
SETTINGS = settings(
    max_examples=int(os.environ.get("CLS_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --------------------------------------------------------------------------- record shapes


def _finite(min_value: float | None = None) -> st.SearchStrategy[float]:
    return st.floats(min_value=min_value, allow_nan=False, allow_infinity=False)


TEXTS_OF_FIELDS = st.text(max_size=12)


def value_of(
    annotation: Any, info: FieldInfo | None = None, texts: st.SearchStrategy[str] = TEXTS_OF_FIELDS
) -> st.SearchStrategy[Any]:
    """A valid value for a field, built from its annotation only (the model's shape);
    ``texts``: the free texts."""
    annotation = strip_optional(annotation)
    nested = model_class(annotation)
    if nested is not None:
        return record_of(nested, texts)
    item = list_item(annotation)
    if item is not None:
        return st.lists(value_of(item, texts=texts), max_size=3)
    if get_origin(annotation) is Literal:
        return st.sampled_from(get_args(annotation))
    if get_origin(annotation) is typing.Union:  # int | float, with or without Literal[False]
        options = [value_of(arg) for arg in get_args(annotation)]
        if any(get_origin(arg) is Literal for arg in get_args(annotation)):
            options = [st.just(False), st.integers(min_value=0), _finite(0.0)]
        return st.one_of(options)
    if annotation is str:
        pattern = constraint(info, "pattern")
        return st.from_regex(pattern, fullmatch=True) if pattern else texts
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(
            min_value=constraint(info, "ge"), max_value=constraint(info, "le") or 10**12
        )
    if annotation is float:
        return _finite()
    if annotation.__name__ == "date":
        return st.dates() | st.dates().map(lambda d: d.isoformat())
    raise AssertionError(f"no strategy for {annotation!r}")


def _none_of(annotation: Any) -> st.SearchStrategy[Any]:
    """``false`` for a field that may say "none" (not the quantities: their own strategy)."""
    if admits_none(annotation) and not admits_none(strip_optional(annotation)):
        return st.just(False)
    return st.nothing()


def record_of(
    model: type[BaseModel], texts: st.SearchStrategy[str] = TEXTS_OF_FIELDS
) -> st.SearchStrategy[dict[str, Any]]:
    """Random subsets of the fields, each null, a valid value, or false where it says the
    contract has none."""
    optional = {
        name: st.none() | value_of(info.annotation, info, texts) | _none_of(info.annotation)
        for name, info in model.model_fields.items()
    }
    return st.fixed_dictionaries({}, optional=optional)


RECORDS = st.deferred(lambda: record_of(Contract))

# --------------------------------------------------------------------------- (1) round trip


@SETTINGS
@given(RECORDS)
def test_generated_records_round_trip(record: dict[str, Any]) -> None:
    first = load_record(record)
    assert first.warnings == ()
    dumped = first.contract.model_dump(mode="json")
    assert load_record(dumped).contract == first.contract
    as_json = record_from_text(json.dumps(dumped, ensure_ascii=False), "r.json")
    assert as_json.contract == first.contract
    # allow_unicode=False: PyYAML's emitter writes U+0085 (NEL) raw, and reads it back as a
    # line break; escaped, every string survives.
    as_yaml = record_from_text(yaml.safe_dump(dumped, allow_unicode=False), "r.yaml")
    assert as_yaml.contract == first.contract


# --------------------------------------------------------------------------- (2) junk

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=10)
    | st.dates()
    | st.datetimes()
)


def _field_names(model: type[BaseModel], seen: set[str]) -> set[str]:
    for name, info in model.model_fields.items():
        seen.add(name)
        nested = model_class(info.annotation) or model_class(list_item(info.annotation))
        if nested is not None and nested.__name__ not in seen:
            seen.add(nested.__name__)
            _field_names(nested, seen)
    return seen


FIELD_NAMES = sorted(n for n in _field_names(Contract, set()) if n.islower())
KEYS = st.sampled_from(FIELD_NAMES) | st.text(max_size=8) | st.integers() | st.booleans()
JUNK = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)
# Mostly well-known keys, so that junk reaches every level of the model.
JUNK_RECORDS = st.dictionaries(KEYS, JUNK, max_size=6)


def _accepted_or_refused_in_french(load: Any) -> None:
    try:
        loaded = load()
    except RecordError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message and "Input should" not in problem.message, problem
    else:
        assert isinstance(loaded, LoadedRecord)


@SETTINGS
@given(st.one_of(JUNK_RECORDS, JUNK))
def test_junk_values_only_raise_record_errors(junk: Any) -> None:
    _accepted_or_refused_in_french(lambda: load_record(junk))


YAMLISH = st.text(alphabet="{}[]:,-'\"\n #&*!|>%@`\t\\ abcdeé019.", max_size=60)
TEXTS = st.one_of(st.text(max_size=60), YAMLISH, JUNK.map(lambda j: json.dumps(j, default=str)))


@SETTINGS
@given(TEXTS, st.sampled_from(["yaml", "json", "auto"]), st.sampled_from(["c.yaml", "<stdin>"]))
def test_junk_texts_only_raise_record_errors(text: str, syntax: Any, file: str) -> None:
    _accepted_or_refused_in_french(lambda: record_from_text(text, file, syntax=syntax))


@SETTINGS
@given(JUNK_RECORDS)
def test_junk_records_as_yaml_only_raise_record_errors(junk: dict[Any, Any]) -> None:
    try:
        text = yaml.safe_dump(junk, allow_unicode=True)
    except yaml.YAMLError:
        return
    _accepted_or_refused_in_french(lambda: record_from_text(text, "c.yaml"))


# --------------------------------------------------------------------------- (3) unknown keys


def _mappings(data: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        found.append(data)
        for value in data.values():
            _mappings(value, found)
    elif isinstance(data, list):
        for value in data:
            _mappings(value, found)
    return found


@SETTINGS
@given(RECORDS, st.data())
def test_unknown_keys_anywhere_are_warnings(record: dict[str, Any], data: st.DataObject) -> None:
    # With a key of the format at the top: a mapping with none is not a record at all.
    record = {"format": "cls/1", **record}
    expected = load_record(record).contract
    extended = copy.deepcopy(record)
    mappings = _mappings(extended, [])
    inserted = 0
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        target = data.draw(st.sampled_from(mappings))
        key = "inconnu_" + data.draw(st.text(max_size=6))
        if key not in target:
            target[key] = data.draw(JUNK)
            inserted += 1
    loaded = load_record(extended)
    assert loaded.contract == expected
    assert len(loaded.warnings) == inserted
    assert all(w.severity == "avertissement" for w in loaded.warnings)

    text = yaml.safe_dump(json.loads(json.dumps(extended, default=str)))
    from_text = record_from_text(text, "c.yaml")
    assert from_text.contract == expected
    assert len(from_text.warnings) == inserted
    assert all(w.line is not None for w in from_text.warnings)
