"""The summary of a folder of contracts: what a reviewer reads first, or last, of a batch.

Input: a :class:`~cls_check.report.model.Report`. Output: a :class:`FolderSummary` — the
contracts per status, one line per contract (id, intitulé, département, signature date,
status, counts), the most frequent gaps (requirements violated or unknown in the most
contracts), and the statuses per département — which the text, Markdown and HTML
renderers lay out when a report has more than one input.

Plain data, computed in one pass over the contracts; the order is deterministic: contracts
and errors in input order, gaps by number of contracts (violated first) then requirement
id, départements by code with contracts of unknown département last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cls_check import vocab
from cls_check.report import labels
from cls_check.report.model import BatchSummary, ContractReport, DepartementCount, GapCount, Report
from cls_check.report.result import ContractResult
from cls_check.values import french_date
from cls_check.vocab import Status

__all__ = [
    "GAP_LIMIT",
    "ContractLine",
    "DepartementLine",
    "Digest",
    "FolderSummary",
    "GapLine",
    "batch_summary",
    "digest",
    "summarise",
]

#: How many of the most frequent gaps a summary lists.
GAP_LIMIT = 10
UNKNOWN_DEPARTEMENT = "(non renseigné)"


@dataclass(frozen=True, slots=True)
class ContractLine:
    file: str
    id: str | None
    intitule: str | None
    departement: str | None
    signed: str | None
    status: Status
    violated: int
    unknown: int


@dataclass(frozen=True, slots=True)
class GapLine:
    """A requirement and in how many contracts it is violated, or unknown."""

    requirement: str
    title: str
    violated: int
    unknown: int


@dataclass(frozen=True, slots=True)
class DepartementLine:
    departement: str
    statuses: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


@dataclass(frozen=True, slots=True)
class FolderSummary:
    statuses: dict[Status, int]
    contracts: tuple[ContractLine, ...]
    gaps: tuple[GapLine, ...]
    departements: tuple[DepartementLine, ...]

    @property
    def inputs(self) -> int:
        return sum(self.statuses.values())


def _zero() -> dict[Status, int]:
    return dict.fromkeys(vocab.STATUS_ORDER, 0)


@dataclass(frozen=True, slots=True)
class Digest:
    """What the summary needs of one contract: small enough for a worker to send back with
    the contract's JSON, so that a streamed batch gets its summary without the reports."""

    status: Status
    departement: str | None
    violated: tuple[str, ...]
    unknown: tuple[str, ...]


def digest(contract: ContractReport | ContractResult) -> Digest:
    findings = contract.findings
    return Digest(
        status=contract.status,
        departement=contract.record.departement,
        violated=tuple(f.requirement for f in findings if f.verdict == "violated"),
        unknown=tuple(f.requirement for f in findings if f.verdict == "unknown"),
    )


@dataclass(slots=True)
class _Tally:
    statuses: dict[Status, int]
    violated: Counter[str]
    unknown: Counter[str]
    by_departement: dict[str | None, dict[Status, int]]

    @classmethod
    def of(cls, digests: Iterable[Digest], invalid: int) -> _Tally:
        tally = cls(_zero(), Counter(), Counter(), {})
        for one in digests:
            tally.statuses[one.status] += 1
            tally.violated.update(one.violated)
            tally.unknown.update(one.unknown)
            tally.by_departement.setdefault(one.departement, _zero())[one.status] += 1
        tally.statuses["invalide"] = invalid
        return tally

    def gaps(self, limit: int) -> list[str]:
        found = set(self.violated) | set(self.unknown)
        return sorted(found, key=lambda r: (-self.violated[r], -self.unknown[r], r))[:limit]

    def departements(self) -> list[str | None]:
        return sorted(self.by_departement, key=lambda d: (d is None, d or ""))


def summarise(report: Report, limit: int = GAP_LIMIT) -> FolderSummary:
    """The summary of ``report``: every contract once, the ``limit`` most frequent gaps."""
    titles = {f.requirement: f.title for c in report.contracts for f in c.findings}
    tally = _Tally.of(map(digest, report.contracts), len(report.errors))
    lines = tuple(
        ContractLine(
            file=contract.file,
            id=contract.id,
            intitule=contract.record.intitule,
            departement=contract.record.departement,
            signed=french_date(signed) if (signed := contract.record.date_signature) else None,
            status=contract.status,
            violated=contract.summary.violated,
            unknown=contract.summary.unknown,
        )
        for contract in report.contracts
    )
    return FolderSummary(
        statuses=tally.statuses,
        contracts=lines,
        gaps=tuple(
            GapLine(r, titles[r], tally.violated[r], tally.unknown[r]) for r in tally.gaps(limit)
        ),
        departements=tuple(
            DepartementLine(d or UNKNOWN_DEPARTEMENT, tally.by_departement[d])
            for d in tally.departements()
        ),
    )


def batch_summary(
    digests: Iterable[Digest], invalid: int, titles: Mapping[str, str], limit: int = GAP_LIMIT
) -> BatchSummary:
    """The same summary as data, for the JSON report of a batch (no line per contract:
    the report's contracts are that table)."""
    tally = _Tally.of(digests, invalid)
    return BatchSummary(
        **tally.statuses,
        gaps=tuple(
            GapCount(
                requirement=r,
                title=titles.get(r, ""),
                violated=tally.violated[r],
                unknown=tally.unknown[r],
            )
            for r in tally.gaps(limit)
        ),
        departements=tuple(
            DepartementCount(
                departement=d,
                conforme=counts["conforme"],
                non_conforme=counts["non_conforme"],
                incomplet=counts["incomplet"],
            )
            for d in tally.departements()
            for counts in (tally.by_departement[d],)
        ),
    )


def status_counts(statuses: dict[Status, int]) -> str:
    """``1 conforme, 2 non conformes, 0 incomplet, 0 invalide``."""
    return ", ".join(labels.status_count(status, statuses[status]) for status in statuses)


def gap_counts(gap: GapLine) -> str:
    """``violée dans 3 contrats, inconnue dans 1``."""
    parts = []
    if gap.violated:
        parts.append(f"violée dans {labels.plural(gap.violated, 'contrat', 'contrats')}")
    if gap.unknown:
        parts.append(f"inconnue dans {labels.plural(gap.unknown, 'contrat', 'contrats')}")
    return ", ".join(parts)


def contract_facts(line: ContractLine) -> str:
    """``Intitulé (59, signé le 14 mai 1998)``, with what the record gives."""
    details = [
        part for part in (line.departement, line.signed and f"signé le {line.signed}") if part
    ]
    name = labels.clean(line.intitule) if line.intitule else labels.contract_label(line.id)
    return f"{name} ({', '.join(details)})" if details else name
