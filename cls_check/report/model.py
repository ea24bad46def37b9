"""The report: what a check found, as public, versioned pydantic models.

Input: a contract's check as plain data (:class:`~cls_check.report.result.ContractResult`,
the engine's :class:`~cls_check.findings.Finding` tuples) and the problems of records that
could not be checked. Output: :class:`Report` (a batch) and :class:`ContractReport` (one
contract), whose JSON form is the documented interface of architecture.md — keys exactly
as named there, plus ``warnings`` on each contract (unknown keys that were ignored).

These models are built only when asked for: by the library (``RuleSet.check``) and for the
human formats, whose renderers read them. The JSON of a contract checked in a batch is
written from the plain data by :mod:`cls_check.report.json_format`, to the same bytes.

Determinism: a report holds no timestamp (``checked_at`` is a date), lists keep the order
of the rule files and of the inputs, and :meth:`Report.to_json` sorts nothing itself but
serialises the same models to the same bytes.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from cls_check import findings as plain
from cls_check.errors import Problem
from cls_check.report import result
from cls_check.vocab import Force, Status, Verdict

REPORT_FORMAT = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, values: dict[str, Any]) -> Self:
        """An instance of values already of the right types, built without validation.

        For what is converted from plain data built by construction (every field given, in
        field order): validating ~40 findings and ~100 evidence items per contract cost
        more than evaluating the rules. ``tests/test_differential.py`` validates the models
        converted from engine output.
        """
        instance = cls.__new__(cls)
        _set(instance, "__dict__", values)
        _set(instance, "__pydantic_fields_set__", set(values))
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        return instance

    @classmethod
    def mirror(cls, plain: object, **models: Any) -> Self:
        """The model of plain data with the same fields (:mod:`cls_check.report.result`,
        :mod:`cls_check.findings`), built with :meth:`trusted`; ``models`` gives the fields
        whose values are themselves converted to models."""
        return cls.trusted(
            {
                name: models[name] if name in models else getattr(plain, name)
                for name in _field_names(cls)
            }
        )


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's field names, in order (``model_fields`` is slow to ask for each instance)."""
    return tuple(model.model_fields)


_set = object.__setattr__


class Evidence(_Frozen):
    """A fact of the record that decided the verdict: where it is and what it says.

    ``value`` is ``None`` when the record does not say (the information is missing); for an
    absence (« aucun signataire n'a le rôle prefet »), the evidence lists what was searched.
    """

    path: str
    value: Any = None


class Source(_Frozen):
    """The passage a finding comes from, as the requirement catalogue cites it.

    ``text`` is the year of the cited text (1997 or 1999 for the two circulars, as before
    other texts could be cited); ``document`` names the text, ``document_id`` is its id in
    the catalogue; ``kind`` says whether the quote was read in the text (``primaire``) or
    comes from another source reporting it (``secondaire``), which ``reference`` names.
    """

    section: str
    quote: str
    text: int
    document: str = ""
    document_id: str = ""
    kind: Literal["primaire", "secondaire"] = "primaire"
    reference: str | None = None


class Waiver(_Frozen):
    """A dérogation: a gap the authority accepted for one contract, and who said why.

    ``expires`` is the first day the waiver no longer applies (``None``: it never expires).
    """

    requirement: str
    contract: str
    justification: str
    author: str
    date: datetime.date
    expires: datetime.date | None = None


class OrphanedWaiver(Waiver):
    """A waiver that waived nothing in this check, and why (no such contract, no gap)."""

    reason: str


class WaiverReview(_Frozen):
    """What became of the waivers of ``--waivers``: applied, expired (not applied), or
    orphaned (nothing to waive)."""

    applied: tuple[Waiver, ...] = ()
    expired: tuple[Waiver, ...] = ()
    orphaned: tuple[OrphanedWaiver, ...] = ()


class Finding(_Frozen):
    """One rule's verdict on one contract; ``waived`` findings carry their ``waiver``."""

    requirement: str
    rule: str
    verdict: Verdict
    force: Force
    title: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    source: Source
    # Known in-process (for grouping in text reports), not part of the JSON interface.
    theme: str = Field(default="", exclude=True)
    # Absent from the JSON of findings not waived: most findings of most checks.
    waiver: Waiver | None = Field(default=None, exclude_if=lambda value: value is None)


class ForceCounts(_Frozen):
    satisfied: int = 0
    violated: int = 0
    unknown: int = 0
    not_applicable: int = 0
    waived: int = 0


class Summary(_Frozen):
    """Counts per verdict, and per verdict within each force."""

    satisfied: int = 0
    violated: int = 0
    unknown: int = 0
    not_applicable: int = 0
    waived: int = 0
    obligation: ForceCounts = ForceCounts()
    recommandation: ForceCounts = ForceCounts()

    @classmethod
    def of(cls, summary: result.Summary) -> Summary:
        return cls.mirror(
            summary,
            obligation=ForceCounts.mirror(summary.obligation),
            recommandation=ForceCounts.mirror(summary.recommandation),
        )


class InputProblem(_Frozen):
    """Why an input could not be checked, or a warning about it."""

    path: str | None = None
    line: int | None = None
    message: str
    hint: str | None = None

    @classmethod
    def of(cls, problem: Problem) -> InputProblem:
        return cls.mirror(problem)


class CommuneRef(_Frozen):
    insee: str | None = None
    nom: str | None = None


class RecordFacts(_Frozen):
    """What a reader needs to recognise the contract: its intitulé, département, signature
    date and communes, as the record gives them (``None`` where it does not)."""

    intitule: str | None = None
    departement: str | None = None
    date_signature: datetime.date | None = None
    statut: str | None = None
    communes: tuple[CommuneRef, ...] = ()

    @classmethod
    def of(cls, facts: result.RecordFacts) -> RecordFacts:
        return cls.mirror(facts, communes=tuple(map(CommuneRef.mirror, facts.communes)))


class Question(_Frozen):
    """What the record must say to settle unknown findings, asked in plain French."""

    theme: str
    path: str
    question: str
    requirements: tuple[str, ...]


class ContractReport(_Frozen):
    """The check of one contract record."""

    file: str
    id: str | None
    status: Status
    summary: Summary
    findings: tuple[Finding, ...]
    warnings: tuple[InputProblem, ...] = ()
    questions: tuple[Question, ...] = ()
    record: RecordFacts = RecordFacts()

    @classmethod
    def of(cls, contract: result.ContractResult) -> ContractReport:
        """The public model of a contract's check (what ``RuleSet.check`` returns)."""
        return cls.mirror(
            contract,
            summary=Summary.of(contract.summary),
            findings=tuple(map(_finding, contract.findings)),
            warnings=tuple(map(InputProblem.of, contract.warnings)),
            questions=tuple(map(Question.mirror, contract.questions)),
            record=RecordFacts.of(contract.record),
        )

    def finding(self, requirement: str) -> Finding:
        """The finding for a requirement id (``SIG-01``); KeyError if no rule encodes it."""
        for f in self.findings:
            if f.requirement == requirement:
                return f
        raise KeyError(requirement)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def _finding(finding: plain.Finding) -> Finding:
    """The model of a finding (~40 per contract, ~80 evidence items: the lookups of
    :func:`_shared` are inlined)."""
    evidence: list[Evidence] = []
    table = _EVIDENCE
    for item in finding.evidence:
        entry = table.get(id(item))
        if entry is not None and entry[0] is item:
            evidence.append(entry[1])
        elif type(item.value) is list:  # not shared by the engine: not kept either
            evidence.append(Evidence.mirror(item))
        else:
            evidence.append(_shared(item, Evidence, table))
    values = result.reported(finding)
    values["evidence"] = tuple(evidence)
    values["source"] = _shared(finding.source, Source, _SOURCES)
    values["theme"] = finding.theme
    values["waiver"] = None if finding.waiver is None else Waiver.mirror(finding.waiver)
    return Finding.trusted(values)


def _shared(item: _Plain, model: type[_Model], table: dict[int, tuple[_Plain, _Model]]) -> _Model:
    """The model of a plain object the engine shares — an evidence item read again (the
    next check of a draft, the next contract of a batch), a rule's citation — built once
    per object, from a bounded table keyed by identity. An entry holds the object itself,
    so that its id cannot be another's while it is there; models are immutable, and
    threads at worst build one twice (dict operations are atomic)."""
    entry = table.get(id(item))
    if entry is not None and entry[0] is item:
        return entry[1]
    if len(table) >= _SHARED_LIMIT:
        table.clear()
    built = model.mirror(item)
    table[id(item)] = (item, built)
    return built


_Plain = TypeVar("_Plain")
_Model = TypeVar("_Model", bound=_Frozen)
_SHARED_LIMIT = 8192
_EVIDENCE: dict[int, tuple[plain.Evidence, Evidence]] = {}
_SOURCES: dict[int, tuple[plain.Source, Source]] = {}


class InputError(_Frozen):
    """An input that could not be checked, with every problem found in it."""

    file: str
    problems: tuple[InputProblem, ...]


class IgnoredInput(_Frozen):
    """A file met in a folder that is not checked, and why (not a record, hidden…)."""

    file: str
    reason: str


class ToolInfo(_Frozen):
    name: str = "cls-check"
    version: str
    report_format: int = REPORT_FORMAT


class RulesInfo(_Frozen):
    version: str
    sha256: str


class GapCount(_Frozen):
    """A requirement and in how many contracts of a batch it is violated, or unknown."""

    requirement: str
    title: str
    violated: int
    unknown: int


class DepartementCount(_Frozen):
    """The contracts of one département (``None``: the record does not say), by status."""

    departement: str | None
    conforme: int = 0
    non_conforme: int = 0
    incomplet: int = 0


class BatchSummary(_Frozen):
    """A batch at a glance: inputs per status, the most frequent gaps, per département."""

    conforme: int = 0
    non_conforme: int = 0
    incomplet: int = 0
    invalide: int = 0
    gaps: tuple[GapCount, ...] = ()
    departements: tuple[DepartementCount, ...] = ()


class Report(_Frozen):
    """A batch check: the contracts checked, in input order, the inputs that were not, and
    the files met in folders that were ignored (with the reason)."""

    tool: ToolInfo
    rules: RulesInfo
    checked_at: datetime.date
    contracts: tuple[ContractReport, ...] = ()
    errors: tuple[InputError, ...] = ()
    ignored: tuple[IgnoredInput, ...] = ()
    # Only when the check was given waivers (``--waivers``).
    waivers: WaiverReview | None = Field(default=None, exclude_if=lambda value: value is None)
    # Given by a batch (``cls-check check``): the folder summary, for machines.
    summary: BatchSummary | None = Field(default=None, exclude_if=lambda value: value is None)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
