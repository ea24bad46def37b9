"""The JSON report: the documented, versioned interface for programs.

Input: a :class:`~cls_check.report.model.Report`. Output: exactly :meth:`Report.to_json`
(keys as architecture.md names them, two-space indent, a final newline), so that the JSON
a program reads is the model's own serialisation and nothing else. ``Finding.theme`` is
in-process only and does not appear.

:func:`stream` writes the same bytes piece by piece, one contract at a time, for batches
too large to hold: a batch of 100,000 contracts never exists as one model or one string.

Invariants: byte-identical for equal reports, streamed or not; ``Report.model_validate_json``
reads it back to an equal report (apart from ``theme``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pydantic import BaseModel

from cls_check.report.model import ContractReport, InputError, Report

#: How the two lists of an empty report are laid out by the model's serialisation.
_EMPTY_LISTS = '"contracts": [],\n  "errors": []'


def render(report: Report) -> str:
    """The report as JSON text (the model's serialisation)."""
    return report.to_json()


def stream(
    head: Report,
    contracts: Iterable[ContractReport],
    errors: Callable[[], Iterable[InputError]],
) -> Iterator[str]:
    """The JSON of ``head`` with ``contracts`` and then ``errors()`` as its two lists,
    piece by piece: the concatenation is ``Report.to_json()`` of the whole report.

    ``errors`` is called once the contracts are exhausted: a batch knows which inputs
    failed only at its end.
    """
    skeleton = head.model_copy(update={"contracts": (), "errors": ()}).to_json()
    before, after = skeleton.split(_EMPTY_LISTS)
    yield before + '"contracts": ['
    yield from _elements(contracts)
    yield ',\n  "errors": ['
    yield from _elements(errors())
    yield after


def _elements(models: Iterable[BaseModel]) -> Iterator[str]:
    """The elements of a list two levels deep in the report (four spaces of indent).
    Strings in JSON cannot hold a newline, so indenting every line is safe."""
    separator = "\n    "
    for model in models:
        yield separator + model.model_dump_json(indent=2).replace("\n", "\n    ")
        separator = ",\n    "
    yield "]" if separator == "\n    " else "\n  ]"
