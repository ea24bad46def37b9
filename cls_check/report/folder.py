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
from dataclasses import dataclass

from cls_check.engine.values import french_date
from cls_check.report import labels
from cls_check.report.model import Report, Status

__all__ = [
    "GAP_LIMIT",
    "ContractLine",
    "DepartementLine",
    "FolderSummary",
    "GapLine",
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
    return dict.fromkeys(labels.STATUS_ORDER, 0)


def summarise(report: Report, limit: int = GAP_LIMIT) -> FolderSummary:
    """The summary of ``report``: every contract once, the ``limit`` most frequent gaps."""
    statuses = _zero()
    lines = []
    violated: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    titles: dict[str, str] = {}
    by_departement: dict[str, dict[Status, int]] = {}
    for contract in report.contracts:
        statuses[contract.status] += 1
        record = contract.record
        signed = record.date_signature
        lines.append(
            ContractLine(
                file=contract.file,
                id=contract.id,
                intitule=record.intitule,
                departement=record.departement,
                signed=french_date(signed) if signed is not None else None,
                status=contract.status,
                violated=contract.summary.violated,
                unknown=contract.summary.unknown,
            )
        )
        departement = record.departement or UNKNOWN_DEPARTEMENT
        by_departement.setdefault(departement, _zero())[contract.status] += 1
        for finding in contract.findings:
            if finding.verdict == "violated":
                violated[finding.requirement] += 1
            elif finding.verdict == "unknown":
                unknown[finding.requirement] += 1
            else:
                continue
            titles.setdefault(finding.requirement, finding.title)
    statuses["invalide"] = len(report.errors)
    gaps = sorted(titles, key=lambda r: (-violated[r], -unknown[r], r))[:limit]
    return FolderSummary(
        statuses=statuses,
        contracts=tuple(lines),
        gaps=tuple(GapLine(r, titles[r], violated[r], unknown[r]) for r in gaps),
        departements=tuple(
            DepartementLine(d, by_departement[d])
            for d in sorted(by_departement, key=lambda d: (d == UNKNOWN_DEPARTEMENT, d))
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
