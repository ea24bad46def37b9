"""The usual records' validator against the reference (each object prepared, then validated).

The fast path may only change the time a validation takes: for any data, it either returns
the reference's contract exactly (values, their types, the fields given) or declines, and
then the reference decides — errors, warnings and messages included. Checked on the
fixtures, on generated records, on records disguised as callers give them (NFD accents,
tuples, unknown keys, empty texts, zeros for false) and on junk; and that it really skips
the per-object preparation, is built once, lazily, from several threads.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from cls_check.model import Contract, contract, load_record, validation
from cls_check.model.validation import UsualRecords, validate_prepared
from tests.model.test_loader_properties import JUNK, JUNK_RECORDS, SETTINGS, record_of
from tests.model.test_preparation import ACCENTED, disguised

FIXTURES = sorted(Path("fixtures").glob("*.yaml"))
EXAMPLE = Path("fixtures/contrat-exemple.yaml")

USUAL = UsualRecords()
USUAL.validate({})  # the first validation only counts: the validator is built on the second


def exactly(model: BaseModel) -> tuple[str, str]:
    """A model as data whose equality is exact: ``1`` is not ``1.0``, the given fields count."""
    return repr(model), repr(model.model_dump(exclude_unset=True))


def agrees_with_the_reference(data: Any) -> bool:
    """Whether the fast path gave the reference's contract (``True``) or declined (``False``);
    fails if it gave anything else, or accepted what the reference refuses or warns about."""
    try:
        expected, unknown_keys = validate_prepared(data)
    except ValidationError:
        expected, unknown_keys = None, False
    fast = USUAL.validate(data)
    if fast is None:
        return False
    assert expected is not None and not unknown_keys, data
    assert type(fast) is Contract
    assert exactly(fast) == exactly(expected), data
    return True


def yaml_data(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def test_the_fixtures_take_the_fast_path() -> None:
    """They are usual records: valid, NFC, without unknown keys."""
    assert all(agrees_with_the_reference(yaml_data(path)) for path in FIXTURES)


def test_the_fast_path_does_not_prepare(monkeypatch: pytest.MonkeyPatch) -> None:
    data = yaml_data(EXAMPLE)
    calls: list[Any] = []

    def counted(model: Any, given_data: Any) -> Any:
        calls.append(model)
        return given_data

    monkeypatch.setattr(contract, "prepare", counted)
    assert USUAL.validate(data) is not None
    assert calls == []
    Contract.model_validate(data)
    assert calls, "the reference prepares each object"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.update(inconnu=1), "an unknown key: a warning"),
        (lambda d: d["territoire"]["communes"][0].update(inconnu=1), "a nested unknown key"),
        (lambda d: d.update(id=unicodedata.normalize("NFD", "clé-é")), "a text not NFC"),
        (lambda d: d["signataires"][0].update(nom=""), "an empty free text is false"),
        (lambda d: d["signataires"][0].update(nom=0), "a zero is not false"),
        (lambda d: d["signataires"][0].update(nom="\ud800"), "a lone surrogate"),
        (lambda d: d.update(signataires=tuple(d["signataires"])), "a tuple for a list"),
        (lambda d: d.update(date_signature="1998-02-30"), "an impossible day"),
        (lambda d: d.update(date_signature="1998-5-14"), "a date not AAAA-MM-JJ"),
        (lambda d: d.update(date_signature=dt.datetime(1998, 5, 14)), "a date with a time"),
        (lambda d: d.update({1: "x"}), "a key that is not a text"),
        (lambda d: d.update(duree_mois=36.0), "a float for an integer"),
        (lambda d: d.update(duree_mois=True), "true for a number"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_what_the_preparation_does_declines_the_fast_path(change: Any, why: str) -> None:
    data = copy.deepcopy(yaml_data(EXAMPLE))
    assert agrees_with_the_reference(copy.deepcopy(data)), "the fixture is a usual record"
    change(data)
    assert not agrees_with_the_reference(data), why


def test_dates_as_text_take_the_fast_path() -> None:
    data = yaml_data(EXAMPLE)
    as_text = {**data, "date_signature": data["date_signature"].isoformat()}
    assert agrees_with_the_reference(as_text)
    assert USUAL.validate(as_text) == USUAL.validate(data)


RECORDS = st.deferred(lambda: record_of(Contract, ACCENTED))


@SETTINGS
@given(RECORDS, st.randoms(use_true_random=False))
def test_generated_and_disguised_records_give_the_reference(record: Any, chance: Any) -> None:
    record = {"format": "cls/1", **record}
    agrees_with_the_reference(record)
    agrees_with_the_reference(disguised(record, chance, []))


@SETTINGS
@given(st.one_of(JUNK_RECORDS, JUNK))
def test_junk_gives_the_reference(junk: Any) -> None:
    if isinstance(junk, dict):
        agrees_with_the_reference(junk)


def test_the_first_validation_builds_nothing() -> None:
    usual = UsualRecords()
    data = yaml_data(EXAMPLE)
    assert usual.validate(data) is None  # one record: the cold start does not pay the build
    assert usual.validate(data) is not None


def test_built_once_from_several_threads_and_the_models_stay_complete(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds: list[Any] = []
    build = validation._build
    monkeypatch.setattr(validation, "_build", lambda: builds.append(1) or build())
    usual = UsualRecords()
    data = yaml_data(EXAMPLE)
    usual.validate(data)
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(usual.validate(data))) for _ in "1234"
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(r == results[0] is not None for r in results[1:])
    assert builds == [1]
    for model in (Contract, contract.Commune, contract.Affectation):
        assert model.__pydantic_complete__
    assert load_record(data).contract == results[0]
    assert Contract.model_json_schema()["title"] == "Contract"
