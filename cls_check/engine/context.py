"""The dates a check is made for.

Two dates matter and they are not the same:

* the **check date** (``date du contrôle``): the day the review is made — ``--at`` or
  today. Rules about what should have happened by now (a meeting within twelve months of
  the signature) compare with it;
* the **reference date**: the date that decides which texts apply. A contract is governed
  by the texts in force when it was signed (the catalogue's ``en_vigueur`` is read against
  the signature date), so a signed contract's reference is its signature date, whatever
  the check date. A draft (``statut: projet``) has no signature yet: its reference is the
  check date. A contract whose date and status are not both known has no reference date:
  whether the 1999 circular applies to it is unknown. ``false`` for either (the record
  says the contract has no signature date, no status) decides nothing more than absence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class EvaluationContext:
    check_date: datetime.date
    reference_date: datetime.date | None

    @classmethod
    def for_contract(
        cls,
        *,
        signed_on: datetime.date | Literal[False] | None,
        status: str | Literal[False] | None,
        at: datetime.date | None,
        today: datetime.date,
    ) -> EvaluationContext:
        check_date = at or today
        if signed_on:
            return cls(check_date=check_date, reference_date=signed_on)
        return cls(check_date=check_date, reference_date=check_date if status == "projet" else None)
