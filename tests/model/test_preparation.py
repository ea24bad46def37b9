"""Input preparation on generated records, against a straightforward reference.

The model prepares each object's input before validating it (NFC strings, ``AAAA-MM-JJ``
strings of date fields as dates, tuples as lists) and notes unknown keys for the loader.
Reference: normalise everything first, guided by the annotations alone, then validate. On
records with accents in NFD form, date strings, tuples and unknown keys, every entry point
(the loader from a mapping and from JSON text, ``model_validate``, keyword arguments, a
nested model validated on its own) must give the reference's contract, leave the caller's
data as it was, and warn once per unknown key.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import unicodedata
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cls_check.model import Contract, load_record, record_from_text
from cls_check.model.introspect import list_item, model_class, strip_optional
from tests.model.test_loader_properties import SETTINGS, record_of

ACCENTED = st.text(alphabet="aeiouncAE éèêëàâçôîïùûüÿñœÉÈÀÇ'-", max_size=12)
RECORDS = st.deferred(lambda: record_of(Contract, ACCENTED))


def reference(annotation: Any, value: Any) -> Any:
    """What the model must hold for a valid ``value``: every string NFC, date strings as
    dates, tuples as lists, unknown keys dropped."""
    annotation = strip_optional(annotation)
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
        return dt.date.fromisoformat(value) if annotation is dt.date else value
    nested = model_class(annotation)
    if nested is not None and isinstance(value, dict):
        fields = nested.model_fields
        return {k: reference(fields[k].annotation, v) for k, v in value.items() if k in fields}
    item = list_item(annotation)
    if item is not None and isinstance(value, list | tuple):
        return [reference(item, v) for v in value]
    return value


def disguised(
    value: Any, chance: random.Random, unknown: list[bool], in_tuple: bool = False
) -> Any:
    """The same record as a caller may give it: strings in NFD form, tuples for lists,
    unknown keys (for each one, ``unknown`` notes whether it is in an object of a tuple)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value) if chance.random() < 0.5 else value
    if isinstance(value, list):
        as_tuple = chance.random() < 0.3
        items = [disguised(v, chance, unknown, in_tuple or as_tuple) for v in value]
        return tuple(items) if as_tuple else items
    if isinstance(value, dict):
        data = {k: disguised(v, chance, unknown, in_tuple) for k, v in value.items()}
        if chance.random() < 0.2:
            data[f"inconnu_{len(unknown)}"] = unicodedata.normalize("NFD", "Clé « inconnue »")
            unknown.append(in_tuple)
        return data
    return value


@SETTINGS
@given(RECORDS, st.randoms(use_true_random=False))
def test_every_entry_point_gives_the_reference(record: dict[str, Any], chance: Any) -> None:
    record = {"format": "cls/1", **record}  # a mapping with no key of the format is no record
    unknown: list[bool] = []
    given_data = disguised(record, chance, unknown)
    as_given = copy.deepcopy(given_data)
    expected = Contract.model_validate(reference(Contract, given_data))

    loaded = load_record(given_data)
    assert loaded.contract == expected
    # The loader does not look for unknown keys in the objects of a tuple (JSON has none).
    assert len(loaded.warnings) == unknown.count(False)
    assert Contract.model_validate(given_data) == expected
    assert Contract(**given_data) == expected
    for name, info in Contract.model_fields.items():
        nested = model_class(info.annotation)
        if nested is not None and isinstance(given_data.get(name), dict):
            assert nested.model_validate(given_data[name]) == getattr(expected, name)
    assert given_data == as_given  # nothing of the caller's data was changed

    text = json.dumps(given_data, ensure_ascii=chance.random() < 0.5, default=str)
    from_text = record_from_text(text, "r.json")
    assert from_text.contract == expected
    assert len(from_text.warnings) == len(unknown)
