"""Dates and durations of the rule language, exact beyond the year 9999.

Input: nothing from ``cls_check`` — this module sits at the bottom of the package so that
the rule language (:mod:`cls_check.ir`), the engines and the reports (through
:mod:`cls_check.values`) share one notion of a day and of a duration.

``date_signature + 12 mois`` on a record signed on 9999-12-31 is a day that
:class:`datetime.date` cannot hold. Rather than crash, or saturate at 9999-12-31 (which
would make « after the deadline » and « on the deadline » the same), such a day is a
:class:`LateDate`: the same year, month and day, ordered with dates and with other late
dates on the proleptic Gregorian calendar, equal to no date. Every comparison the rules
make is therefore decided as if dates had no upper bound; reports show it as « 14 mai
10000 » (messages) and ``"10000-05-14"`` (evidence). Both backends use these functions
(the durable one reads :meth:`LateDate.toordinal` for order), so they agree.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Literal, TypeAlias

DurationUnit = Literal["jours", "mois", "ans"]


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time written in a rule (``12 mois``); added to dates, never compared."""

    amount: int
    unit: DurationUnit

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


#: Days in 400 Gregorian years: shifting by it keeps month, day and weekday.
_CYCLE_DAYS = 146_097
_LAST_ORDINAL = datetime.date.max.toordinal()
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, slots=True)
class LateDate:
    """A day after 9999-12-31 (``year`` > 9999), as :class:`datetime.date` would be."""

    year: int
    month: int
    day: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def toordinal(self) -> int:
        """Days since 0001-01-01 (day 1), as :meth:`datetime.date.toordinal` counts."""
        before = self.year - 1
        days = before * 365 + before // 4 - before // 100 + before // 400
        days += sum(_month_length(self.year, m) for m in range(1, self.month))
        return days + self.day

    def _order(self, other: object) -> int | None:
        """-1, 0 or 1 against a date or a late date; None for anything else."""
        if not isinstance(other, datetime.date | LateDate) or isinstance(other, datetime.datetime):
            return None
        mine, theirs = self.toordinal(), other.toordinal()
        return (mine > theirs) - (mine < theirs)

    def __lt__(self, other: object) -> bool:
        order = self._order(other)
        return NotImplemented if order is None else order < 0

    def __le__(self, other: object) -> bool:
        order = self._order(other)
        return NotImplemented if order is None else order <= 0

    def __gt__(self, other: object) -> bool:
        order = self._order(other)
        return NotImplemented if order is None else order > 0

    def __ge__(self, other: object) -> bool:
        order = self._order(other)
        return NotImplemented if order is None else order >= 0


AnyDate: TypeAlias = datetime.date | LateDate


def _month_length(year: int, month: int) -> int:
    return _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))


def day(year: int, month: int, day_of_month: int) -> AnyDate:
    """A date, or a late date after 9999."""
    if year <= datetime.MAXYEAR:
        return datetime.date(year, month, day_of_month)
    return LateDate(year, month, day_of_month)


def from_ordinal(ordinal: int) -> AnyDate:
    if ordinal <= _LAST_ORDINAL:
        return datetime.date.fromordinal(ordinal)
    cycles = (ordinal - _LAST_ORDINAL) // _CYCLE_DAYS + 1
    same = datetime.date.fromordinal(ordinal - cycles * _CYCLE_DAYS)
    return LateDate(same.year + 400 * cycles, same.month, same.day)


def shift_date(date: AnyDate, duration: Duration) -> AnyDate:
    """Add a duration; a month later than the 31st of January is the last day of February."""
    if duration.unit == "jours":
        return from_ordinal(date.toordinal() + duration.amount)
    months = duration.amount * (12 if duration.unit == "ans" else 1)
    year, month0 = divmod(date.month - 1 + months, 12)
    year += date.year
    return day(year, month0 + 1, min(date.day, _month_length(year, month0 + 1)))
