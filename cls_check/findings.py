"""Findings as plain data: what an engine decides about one contract, rule by rule — and,
for ``explain``, the trace of how one rule decided.

Input: nothing — this module only defines data. It sits at the bottom of the package (it
imports only :mod:`cls_check.vocab`): the engines build these and return them, the batch
carries them between processes, :mod:`cls_check.report.json_format` writes them with
orjson, and :mod:`cls_check.report.model` turns them into the public pydantic models only
when a library caller asks for a report (``RuleSet.check``).

Why not the pydantic models themselves: a check builds ~40 findings and ~100 evidence items
per contract; as pydantic objects they cost an order of magnitude more than the evaluation
of the rules. These are immutable: a :class:`Finding` is a named tuple (the fastest to
build, one per rule per contract), the others frozen dataclasses, which orjson writes
itself, field by field in this order — the order of the JSON report's keys. They have no
``__slots__`` on purpose: orjson writes a dataclass from its ``__dict__`` ~15x faster than
from its slots (measured: 7 µs against 110 µs for 100 evidence items).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from cls_check.vocab import Force, Verdict

__all__ = ["Clause", "Evidence", "Finding", "Read", "RuleTrace", "Source", "Step", "Waiver"]


@dataclass(frozen=True)
class Evidence:
    """A fact of the record that decided the verdict: where it is and what it says.

    ``value`` is JSON-ready (:func:`cls_check.values.evidence_value`): ``None`` when the
    record does not say; for an absence, the evidence lists what was searched.
    """

    path: str
    value: object = None


@dataclass(frozen=True)
class Source:
    """The passage a finding comes from, as the requirement catalogue cites it (the
    fields of :class:`cls_check.ir.nodes.Source`; see the report's ``Source``)."""

    section: str
    quote: str
    text: int
    document: str = ""
    document_id: str = ""
    kind: Literal["primaire", "secondaire"] = "primaire"
    reference: str | None = None


@dataclass(frozen=True)
class Waiver:
    """A dérogation applied to a finding (see :mod:`cls_check.waivers`)."""

    requirement: str
    contract: str
    justification: str
    author: str
    date: datetime.date
    expires: datetime.date | None = None


class Finding(NamedTuple):
    """One rule's verdict on one contract; ``waived`` findings carry their ``waiver``.

    ``theme`` (the rule file's theme, for grouping in human reports) is not part of the
    JSON report.
    """

    requirement: str
    rule: str
    verdict: Verdict
    force: Force
    title: str
    message: str
    evidence: tuple[Evidence, ...]
    source: Source
    theme: str = ""
    waiver: Waiver | None = None


# ---------------------------------------------------------------- the trace of one rule
# What ``explain`` shows (built by :mod:`cls_check.engine.trace`, rendered by
# :mod:`cls_check.report.trace_text`).

Kind = Literal["condition", "figure"]


@dataclass(frozen=True, slots=True)
class Read:
    """A value read from the record, at its path (``actions[2].quartiers``)."""

    path: str
    value: object


@dataclass(slots=True)
class Step:
    """One node of the trace: an expression, its value (``None``: unknown), the record
    values read for it directly, and the steps of its parts. ``note`` says which element
    a quantifier's child is about, or how many elements a count went through."""

    text: str
    kind: Kind
    value: object = None
    note: str | None = None
    reads: list[Read] = field(default_factory=list)
    children: list[Step] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of the rule the verdict went through: ``applicable si``, ``inconnu si``,
    ``sauf si``, ``exige``, ``sinon si``, with its step."""

    role: str
    step: Step


@dataclass(frozen=True, slots=True)
class RuleTrace:
    requirement: str
    verdict: Verdict
    branch: str  # the sentence that says which clause decided
    clauses: tuple[Clause, ...]
