"""Date arithmetic past the year 9999: exact, ordered with dates, never a crash."""

from __future__ import annotations

import datetime
import operator

from hypothesis import given
from hypothesis import strategies as st

from cls_check.dates import LateDate, from_ordinal, shift_date
from cls_check.ir.nodes import Duration
from cls_check.values import evidence_value, format_value

LAST = datetime.date(9999, 12, 31)


def test_a_year_after_the_last_representable_day_is_a_late_date() -> None:
    assert shift_date(LAST, Duration(12, "mois")) == LateDate(10000, 12, 31)
    assert shift_date(LAST, Duration(1, "jours")) == LateDate(10000, 1, 1)
    assert shift_date(datetime.date(9999, 3, 31), Duration(11, "mois")) == LateDate(10000, 2, 29)
    assert shift_date(datetime.date(9999, 1, 31), Duration(1, "mois")) == datetime.date(9999, 2, 28)


def test_late_dates_order_after_every_date_and_equal_none() -> None:
    late = LateDate(10000, 1, 1)
    # Both sides: a date on the left asks the late date (reflected comparisons).
    for op in (operator.lt, operator.le):
        assert op(LAST, late) and not op(late, LAST)
    for op in (operator.gt, operator.ge):
        assert op(late, LAST) and not op(LAST, late)
    assert not operator.eq(LAST, late) and not operator.eq(late, LAST)
    assert late < LateDate(10000, 1, 2)


def test_late_dates_are_shown_like_dates() -> None:
    late = LateDate(10000, 5, 1)
    assert format_value(late) == "1er mai 10000"
    assert evidence_value(late) == "10000-05-01"


@given(st.integers(min_value=LAST.toordinal() - 800, max_value=10**9))
def test_ordinals_round_trip_beyond_the_calendar(ordinal: int) -> None:
    assert from_ordinal(ordinal).toordinal() == ordinal


@given(st.dates(), st.integers(min_value=0, max_value=10**5), st.sampled_from(["jours", "mois"]))
def test_shifts_agree_with_the_calendar_where_it_reaches(
    start: datetime.date, amount: int, unit: str
) -> None:
    shifted = shift_date(start, Duration(amount, unit))  # type: ignore[arg-type]
    assert shifted >= start
    if unit == "jours" and isinstance(shifted, datetime.date):
        assert shifted == start + datetime.timedelta(days=amount)
