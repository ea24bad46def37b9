"""The dates a check is made for.

Two dates matter and they are not the same:

* the **check date** (``date du contrôle``): the day the review is made — ``--at`` or
  today. Rules about what should have happened by now (a meeting within twelve months of
  the signature) compare with it;
* the **reference date**: the date that decides which texts apply — ``--at`` when given,
  else the contract's signature date, else today for a draft. A signed contract without a
  date has no reference date: whether the 1999 circular applies to it is unknown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EvaluationContext:
    check_date: datetime.date
    reference_date: datetime.date | None

    @classmethod
    def for_contract(
        cls,
        *,
        signed_on: datetime.date | None,
        status: str | None,
        at: datetime.date | None,
        today: datetime.date,
    ) -> EvaluationContext:
        if at is not None:
            return cls(check_date=at, reference_date=at)
        if signed_on is not None:
            return cls(check_date=today, reference_date=signed_on)
        return cls(check_date=today, reference_date=None if status == "signe" else today)
