"""The JSON report: the documented, versioned interface for programs.

Input: a :class:`~cls_check.report.model.Report`. Output: exactly :meth:`Report.to_json`
(keys as architecture.md names them, two-space indent, a final newline), so that the JSON
a program reads is the model's own serialisation and nothing else. ``Finding.theme`` is
in-process only and does not appear.

:func:`stream` writes the same bytes piece by piece, one contract at a time, for batches
too large to hold: a batch of 100,000 contracts never exists as one model or one string.
Each contract's entry is written from its plain data
(:class:`~cls_check.report.result.ContractResult`) by orjson, where it was checked
(:func:`rendered`): no report model is built for it. orjson writes what pydantic writes —
same keys in the same order, ``waiver`` only when there is one, ISO dates, non-ASCII text
as it is, ``null`` for NaN and infinities; an integer beyond 64 bits, which orjson
refuses, is written by pydantic's own serialiser (``tests/report/test_json_plain.py``
proves the two byte-identical on generated records).

Invariants: byte-identical for equal reports, streamed or not; ``Report.model_validate_json``
reads it back to an equal report (apart from ``theme``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson
import pydantic_core
from pydantic import BaseModel

from cls_check.report.model import ContractReport, InputError, Report
from cls_check.report.result import ContractResult, reported, violated_forces
from cls_check.vocab import Force, Status

#: How the two lists of an empty report are laid out by the model's serialisation.
_EMPTY_LISTS = b'"contracts": [],\n  "errors": []'


def render(report: Report) -> str:
    """The report as JSON text (the model's serialisation)."""
    return report.to_json()


@dataclass(frozen=True, slots=True)
class RenderedContract:
    """A contract's entry in the JSON report, rendered where it was checked — a worker
    process sends back these bytes rather than models to pickle — with the forces of the
    requirements it violates and its status (for the exit code)."""

    json: bytes  # indented for its place in the report's list of contracts
    violated: frozenset[Force]
    status: Status


def rendered(contract: ContractResult) -> RenderedContract:
    return RenderedContract(
        _in_list(_contract_data(contract)), violated_forces(contract.summary), contract.status
    )


def contract_json(contract: ContractResult) -> bytes:
    """The contract's JSON, as ``ContractReport.of(contract)`` serialises it (no newline).

    orjson writes the dataclasses of plain data itself, field by field (from their
    ``__dict__``: they have no slots, which orjson writes ~15x slower); a finding, a named
    tuple, is given as a dict without its in-process ``theme``."""
    return _dumps(_contract_data(contract))


def _contract_data(contract: ContractResult) -> dict[str, Any]:
    return {
        "file": contract.file,
        "id": contract.id,
        "status": contract.status,
        "summary": contract.summary,
        "findings": [reported(f) for f in contract.findings],
        "warnings": [
            {"path": w.path, "line": w.line, "message": w.message, "hint": w.hint}
            for w in contract.warnings
        ],
        "questions": contract.questions,
        "record": contract.record,
    }


def _dumps(data: object) -> bytes:
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits: as pydantic writes it
        return pydantic_core.to_json(data, indent=2, inf_nan_mode="null")


#: A contract's entry is written where it stands in the report — an element of a list in a
#: table — and cut out: already indented, rather than indented again line by line.
_HEAD = b'{\n  "contracts": [\n    '
_TAIL = b"\n  ]\n}"


def _in_list(data: object) -> bytes:
    """``data`` as an element of the report's list of contracts (four spaces of indent)."""
    return _dumps({"contracts": [data]})[len(_HEAD) : -len(_TAIL)]


def stream(
    head: Report,
    contracts: Iterable[ContractReport | RenderedContract],
    errors: Callable[[], Iterable[InputError]],
    tail: Callable[[], Report] | None = None,
) -> Iterator[bytes]:
    """The JSON of ``head`` with ``contracts`` and then ``errors()`` as its two lists,
    piece by piece, in UTF-8: the concatenation is ``Report.to_json()`` of the whole.

    Bytes, as pydantic serialises: no decoding and re-encoding of ~30 KB per contract.
    ``errors`` is called once the contracts are exhausted: a batch knows which inputs
    failed only at its end. So is ``tail``, if given: the report whose keys after the two
    lists (``ignored``, ``waivers``) are written — what became of the waivers is known at
    the end too.
    """
    before, after = _skeleton(head)
    yield before + b'"contracts": ['
    yield from _elements(contracts)
    yield b',\n  "errors": ['
    yield from _elements(errors())
    yield _skeleton(tail())[1] if tail else after


def _skeleton(report: Report) -> tuple[bytes, bytes]:
    """The report's JSON before and after its two (emptied) lists."""
    skeleton = report.model_copy(update={"contracts": (), "errors": ()}).to_json().encode()
    before, after = skeleton.split(_EMPTY_LISTS)
    return before, after


def _elements(entries: Iterable[BaseModel | RenderedContract]) -> Iterator[bytes]:
    separator = b"\n    "
    for entry in entries:
        yield separator + (entry.json if isinstance(entry, RenderedContract) else _entry(entry))
        separator = b",\n    "
    yield b"]" if separator == b"\n    " else b"\n  ]"


def _entry(model: BaseModel) -> bytes:
    return _indented(model.__pydantic_serializer__.to_json(model, indent=2))


def _indented(json: bytes) -> bytes:
    """An element of a list two levels deep in the report (four spaces of indent).
    Strings in JSON cannot hold a newline, so indenting every line is safe."""
    return json.replace(b"\n", b"\n    ")
