"""Validating a record's data into a :class:`Contract`: pydantic alone for the usual record,
the prepared validation for everything else.

Input: the data of a record (read from YAML or JSON, or a caller's mapping). Output: the
contract, and whether some object of the record has a key that is not one of its fields (the
loader then warns about it); or pydantic's :class:`~pydantic.ValidationError`.

Two paths, one result. The reference is ``Contract.model_validate``: pydantic calls
:func:`~cls_check.model.prepare.prepare` on every object of the record (NFC, ``""`` as
``false``, dates from ``AAAA-MM-JJ`` text, tuples as lists, zeros refused for ``false``,
unknown keys noted) — a Python call per object, some 40 % of the validation. The usual
record needs none of it: its texts are NFC already, it has no unknown key, no empty free
text, no zero for ``false``, no tuple. For it, a validator built from the model's own core
schema, with the per-object preparation taken out and what it did expressed in the schema
(unknown keys, an empty free text and a zero for ``false`` refused; dates accepted as
``AAAA-MM-JJ`` text), validates the whole record in pydantic-core. Whatever that validator
refuses, and a record with a text that is not NFC (checked on its JSON serialisation, at C
speed), goes to the reference, which alone gives data, errors and messages: the fast path
changes no result, only the time (tests compare both on generated and mutated records).

The validator is built on the second validation of a process (a few milliseconds): a
command checking one record, the cold start, does not pay for it.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError
from pydantic_core import SchemaValidator

from cls_check.model.contract import PREPARE_HOOK, Contract
from cls_check.model.introspect import nested_models
from cls_check.model.prepare import DATE_PATTERN, noting_unknown_keys

__all__ = ["UsualRecords", "validate_noting_unknown_keys", "validate_prepared"]


def validate_noting_unknown_keys(data: dict[str, Any]) -> tuple[Contract, bool]:
    """``Contract.model_validate(data)``, and whether some object of the record has a key
    that is not one of its fields (the model ignores it; the loader warns about it)."""
    contract = _usual.validate(data)
    if contract is not None:
        return contract, False
    return validate_prepared(data)


def validate_prepared(data: dict[str, Any]) -> tuple[Contract, bool]:
    """The reference: each object prepared, then validated by pydantic (see
    :mod:`cls_check.model.prepare`), noting unknown keys."""
    with noting_unknown_keys() as noted:
        return Contract.model_validate(data), bool(noted)


# --------------------------------------------------------------------------- the schema

#: A date written as text, ``AAAA-MM-JJ`` exactly (what JSON gives), as the preparation reads
#: it: the pattern first, then the calendar (an impossible day is refused).
_DATE_TEXT: dict[str, Any] = {
    "type": "chain",
    "steps": [
        {"type": "str", "strict": True, "pattern": f"^{DATE_PATTERN.pattern}$"},
        {"type": "date", "strict": False},
    ],
}

#: ``Literal[False]`` without the ``0 == False`` of a literal check: a boolean, then false.
_FALSE_ONLY: dict[str, Any] = {
    "type": "chain",
    "steps": [{"type": "bool", "strict": True}, {"type": "literal", "expected": [False]}],
}


def _without_preparation(node: Any, hook: Any) -> Any:
    """A copy of the core schema ``node`` in which the preparation is expressed or refused.

    ``hook``: the function of the models' ``model_validator(mode="before")``, whose nodes
    are taken out. Unknown keys are forbidden; a date also accepts its ``AAAA-MM-JJ`` text;
    ``false`` refuses ``0``; a free text that may be ``false`` refuses ``""`` (the
    preparation reads it as ``false``). The model's own schema is never modified."""
    if isinstance(node, list):
        return [_without_preparation(item, hook) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if kind == "function-before" and getattr(node["function"]["function"], "__func__", None) is (
        hook
    ):
        return _without_preparation(node["schema"], hook)
    copied = {k: _without_preparation(v, hook) for k, v in node.items() if k != "metadata"}
    if kind == "model-fields":
        copied["extra_behavior"] = "forbid"
    elif kind == "date":
        return {"type": "union", "choices": [copied, _DATE_TEXT]}
    elif kind == "literal" and copied["expected"] == [False]:
        return _FALSE_ONLY
    elif kind == "union" and _FALSE_ONLY in copied["choices"]:
        copied["choices"] = [
            {**choice, "min_length": 1} if choice.get("type") == "str" else choice
            for choice in copied["choices"]
        ]
    return copied


def _models(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``model`` and every model class nested in it (the same class more than once)."""
    yield model
    for nested, _ in nested_models(model).values():
        if nested is not None:
            yield from _models(nested)


def _build() -> SchemaValidator:
    """The validator of the usual record, built from ``Contract``'s core schema.

    pydantic-core reuses the validator of a model class it meets in a schema (its
    "prebuilt" validator, with the preparation) when the class is complete: the classes are
    marked incomplete while the new validator is built, then complete again."""
    schema = _without_preparation(Contract.__pydantic_core_schema__, PREPARE_HOOK)
    models = set(_models(Contract))
    try:
        for model in models:
            model.__pydantic_complete__ = False
        return SchemaValidator(schema)
    finally:
        for model in models:
            model.__pydantic_complete__ = True


class UsualRecords:
    """The fast path: the validator, built on the second validation; thread-safe."""

    def __init__(self) -> None:
        self._validator: SchemaValidator | None = None
        self._first = True
        self._lock = threading.Lock()

    def validate(self, data: dict[str, Any]) -> Contract | None:
        """The contract if ``data`` is a usual record, else ``None`` (the reference decides)."""
        validator = self._validator or self._built()
        if validator is None or not _all_texts_nfc(data):
            return None
        try:
            contract: Contract = validator.validate_python(data)
        except ValidationError:
            return None
        return contract

    def _built(self) -> SchemaValidator | None:
        with self._lock:
            if self._first:  # one record: not worth the build
                self._first = False
                return None
            if self._validator is None:
                self._validator = _build()
            return self._validator


_usual = UsualRecords()


def _all_texts_nfc(data: dict[str, Any]) -> bool:
    """Whether every string of ``data`` is NFC (and encodable: orjson refuses a lone
    surrogate, as it refuses a value that is not JSON data — both left to the reference).

    Checked on the JSON serialisation: a string is NFC in it when it is NFC alone, since
    the quotes around it combine with nothing."""
    try:
        serialised = orjson.dumps(data)
    except TypeError:  # orjson.JSONEncodeError
        return False
    return serialised.isascii() or unicodedata.is_normalized("NFC", serialised.decode())
