"""One contract's check as plain data: its findings, counts, status, questions and facts.

Input: the plain :class:`~cls_check.findings.Finding` tuple an engine returns, the record
it was checked on, and the record's warnings. Output: :class:`ContractResult`, what a
batch carries (a worker renders its JSON entry from it with orjson,
:func:`cls_check.report.json_format.rendered`) and what :mod:`cls_check.report.model`
converts into the public pydantic ``ContractReport`` when a library caller asks for one.

Each class has the fields, in the order, of the report model of the same name: the JSON
report is the same whichever of the two it is written from.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from cls_check.errors import Problem
from cls_check.findings import Finding
from cls_check.vocab import FORCES, VERDICTS, Force, Status, Verdict

if TYPE_CHECKING:
    from cls_check.model.contract import Contract
    from cls_check.report import model


def reported(finding: Finding) -> dict[str, Any]:
    """A finding's keys in the JSON report, in order: all but the in-process ``theme``, and
    ``waiver`` only when there is one."""
    data = {
        "requirement": finding.requirement,
        "rule": finding.rule,
        "verdict": finding.verdict,
        "force": finding.force,
        "title": finding.title,
        "message": finding.message,
        "evidence": finding.evidence,
        "source": finding.source,
    }
    if finding.waiver is not None:
        data["waiver"] = finding.waiver
    return data


class Judged(Protocol):
    """What a contract's status and counts read of a finding (plain or pydantic)."""

    @property
    def verdict(self) -> Verdict: ...

    @property
    def force(self) -> Force: ...


@dataclass(frozen=True)
class ForceCounts:
    satisfied: int = 0
    violated: int = 0
    unknown: int = 0
    not_applicable: int = 0
    waived: int = 0


@dataclass(frozen=True)
class Summary(ForceCounts):
    """Counts per verdict, and per verdict within each force."""

    obligation: ForceCounts = ForceCounts()
    recommandation: ForceCounts = ForceCounts()


def summary_of(findings: Iterable[Judged]) -> Summary:
    """Counted once per finding, by force; the totals are the sums of the two forces."""
    tally: dict[str, dict[str, int]] = {force: dict.fromkeys(VERDICTS, 0) for force in FORCES}
    for finding in findings:
        tally[finding.force][finding.verdict] += 1
    obligation, recommandation = tally["obligation"], tally["recommandation"]
    return Summary(
        **{verdict: obligation[verdict] + recommandation[verdict] for verdict in VERDICTS},
        obligation=ForceCounts(**obligation),
        recommandation=ForceCounts(**recommandation),
    )


def status_of(findings: Iterable[Judged]) -> Status:
    """``non_conforme`` if an obligation is violated, else ``incomplet`` if one is unknown;
    a waived finding counts for neither."""
    obligations = {f.verdict for f in findings if f.force == "obligation"}
    if "violated" in obligations:
        return "non_conforme"
    if "unknown" in obligations:
        return "incomplet"
    return "conforme"


def violated_forces(summary: Summary | model.Summary) -> frozenset[Force]:
    """The forces of the requirements a contract violates — from its counts, which stay
    those of the whole check when only some findings are shown (``--only``); plain or in
    the report model."""
    return frozenset(force for force in FORCES if getattr(summary, force).violated)


@dataclass(frozen=True)
class Question:
    """What the record must say to settle unknown findings, asked in plain French."""

    theme: str
    path: str
    question: str
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class CommuneRef:
    insee: str | None = None
    nom: str | None = None


@dataclass(frozen=True)
class RecordFacts:
    """What a reader needs to recognise the contract: its intitulé, département, signature
    date and communes, as the record gives them (``None`` where it does not)."""

    intitule: str | None = None
    departement: str | None = None
    date_signature: datetime.date | None = None
    statut: str | None = None
    communes: tuple[CommuneRef, ...] = ()


def record_facts(contract: Contract) -> RecordFacts:
    territoire = contract.territoire
    communes = territoire.communes if territoire else None  # none (false): no communes
    return RecordFacts(
        _text(contract.intitule),
        _text(territoire.departement) if territoire else None,
        _date(contract.date_signature),
        _text(contract.statut),
        tuple(CommuneRef(_text(c.insee), _text(c.nom)) for c in communes or ()),
    )


def _text(value: object) -> str | None:
    """A text of the record; ``None`` for unknown and for « none » (``false``)."""
    return value if isinstance(value, str) else None


def _date(value: object) -> datetime.date | None:
    return value if isinstance(value, datetime.date) else None


@dataclass(frozen=True)
class ContractResult:
    """The check of one contract record; ``warnings`` are the record's unknown keys."""

    file: str
    id: str | None
    status: Status
    summary: Summary
    findings: tuple[Finding, ...]
    warnings: tuple[Problem, ...] = ()
    questions: tuple[Question, ...] = ()
    record: RecordFacts = RecordFacts()
