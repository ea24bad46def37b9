"""The report: what a check found, as public, versioned pydantic models.

Input: findings from an engine and the problems of records that could not be checked.
Output: :class:`Report` (a batch) and :class:`ContractReport` (one contract), whose JSON
form is the documented interface of architecture.md — keys exactly as named there, plus
``warnings`` on each contract (unknown keys that were ignored). Every renderer in
:mod:`cls_check.report` reads these models and nothing else.

Determinism: a report holds no timestamp (``checked_at`` is a date), lists keep the order
of the rule files and of the inputs, and :meth:`Report.to_json` sorts nothing itself but
serialises the same models to the same bytes.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from cls_check.model.contract import Contract
from cls_check.vocab import FORCES, VERDICTS, Force, Status, Verdict

REPORT_FORMAT = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, values: dict[str, Any]) -> Self:
        """An instance of values already of the right types, built without validation.

        For what the engine builds by construction (every field given, in field order):
        validating ~40 findings and ~100 evidence items per contract cost more than
        evaluating the rules. ``tests/report`` validates engine output against the models.
        """
        instance = cls.__new__(cls)
        _set(instance, "__dict__", values)
        _set(instance, "__pydantic_fields_set__", set(values))
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        return instance


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
    def of(cls, findings: tuple[Finding, ...]) -> Summary:
        tally: dict[str, dict[str, int]] = {
            scope: dict.fromkeys(VERDICTS, 0) for scope in ("all", *FORCES)
        }
        for finding in findings:
            tally["all"][finding.verdict] += 1
            tally[finding.force][finding.verdict] += 1
        by_force: dict[str, ForceCounts] = {f: ForceCounts.trusted(tally[f]) for f in FORCES}
        return cls.trusted({**tally["all"], **by_force})


class InputProblem(_Frozen):
    """Why an input could not be checked, or a warning about it."""

    path: str | None = None
    line: int | None = None
    message: str
    hint: str | None = None


def violated_forces(summary: Summary) -> frozenset[Force]:
    """The forces of the requirements a contract violates — from its counts, which stay
    those of the whole check when only some findings are shown (``--only``)."""
    return frozenset(force for force in FORCES if getattr(summary, force).violated)


def contract_status(findings: tuple[Finding, ...]) -> Status:
    """``non_conforme`` if an obligation is violated, else ``incomplet`` if one is unknown;
    a waived finding counts for neither."""
    obligations = {f.verdict for f in findings if f.force == "obligation"}
    if "violated" in obligations:
        return "non_conforme"
    if "unknown" in obligations:
        return "incomplet"
    return "conforme"


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
    def of(cls, contract: Contract) -> RecordFacts:
        territoire = contract.territoire
        communes = territoire.communes if territoire else None  # none (false): no communes
        return cls.trusted(
            {
                "intitule": _text(contract.intitule),
                "departement": _text(territoire.departement) if territoire else None,
                "date_signature": _date(contract.date_signature),
                "statut": _text(contract.statut),
                "communes": tuple(
                    CommuneRef.trusted({"insee": _text(c.insee), "nom": _text(c.nom)})
                    for c in communes or ()
                ),
            }
        )


def _text(value: object) -> str | None:
    """A text of the record; ``None`` for unknown and for « none » (``false``)."""
    return value if isinstance(value, str) else None


def _date(value: object) -> datetime.date | None:
    return value if isinstance(value, datetime.date) else None


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

    def finding(self, requirement: str) -> Finding:
        """The finding for a requirement id (``SIG-01``); KeyError if no rule encodes it."""
        for f in self.findings:
            if f.requirement == requirement:
                return f
        raise KeyError(requirement)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


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
