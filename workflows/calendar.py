"""Is this a working day? The one place that answers it.

For each year, in this order:
1. the State Council's holiday notice for that year, as an admin entered it (`HolidayNotice`): its
   holidays are off, its adjusted working days (调休上班) are worked, every other day is Monday–Friday;
2. the `chinesecalendar` package, for the years it knows;
3. Monday–Friday, for a year nobody has published yet: leave is still counted, and admins are told.

A year's entered days are read once and kept for the rest of the transaction, so counting a long
leave or finding a due date costs one query per year, not one per day."""
from collections.abc import Iterable
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar.constants import holidays as _package_holidays
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from models import CalendarDay, HolidayNotice

NOTICE, PACKAGE, WEEKDAYS = "notice", "package", "weekdays"

# The years the installed package has the official calendar of.
PACKAGE_YEARS = range(min(_package_holidays).year, max(_package_holidays).year + 1)

_CACHE_KEY = "zhucun.calendar"


def _entered(session: Session, year: int) -> dict[date, str] | None:
    """The current notice of a year as {day: 'holiday' | 'workday'}; None if none was entered.
    Kept in the session until its transaction ends (a notice saved meanwhile is seen after that)."""
    cache = session.info.setdefault(_CACHE_KEY, {})
    if year not in cache:
        rows = session.execute(
            select(HolidayNotice.id, CalendarDay.day, CalendarDay.kind)
            .outerjoin(CalendarDay, CalendarDay.notice_id == HolidayNotice.id)
            .where(HolidayNotice.year == year, HolidayNotice.superseded_at.is_(None))).all()
        cache[year] = {day: kind for _id, day, kind in rows if day is not None} if rows else None
    return cache[year]


def forget(session: Session) -> None:
    """Drop what this session remembers of the entered notices (after entering one)."""
    session.info.pop(_CACHE_KEY, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_transaction_end(session, transaction):
    # Another admin may enter a notice at any time: read it afresh in the next transaction.
    if transaction.parent is None:
        forget(session)


def source(session: Session, year: int) -> str:
    """Where the working days of a year come from: NOTICE, PACKAGE or WEEKDAYS."""
    if _entered(session, year) is not None:
        return NOTICE
    return PACKAGE if year in PACKAGE_YEARS else WEEKDAYS


def is_working_day(session: Session, day: date) -> bool:
    entered = _entered(session, day.year)
    if entered is not None:
        kind = entered.get(day)
        if kind is not None:
            return kind == "workday"
    elif day.year in PACKAGE_YEARS:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def count_working_days(session: Session, start: date, end: date) -> int:
    """Working days from start to end, both included; 0 if end is before start."""
    return sum(is_working_day(session, start + timedelta(d)) for d in range((end - start).days + 1))


def add_working_days(session: Session, start: date, n: int) -> date:
    """The day n working days after start (start itself not counted): a deadline of n working days
    set on `start` falls due at the end of the day returned. n = 0 gives start."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    while n:
        day += timedelta(days=1)
        n -= is_working_day(session, day)
    return day


def known_years(session: Session) -> set[int]:
    """Years whose holidays are known: the package's and those an admin entered a notice for."""
    entered = session.scalars(select(HolidayNotice.year).where(HolidayNotice.superseded_at.is_(None)))
    return set(PACKAGE_YEARS) | set(entered)


def unknown_years(session: Session, years: Iterable[int]) -> list[int]:
    """Those of `years` whose working days fall back to Monday–Friday, in order."""
    return sorted(y for y in set(years) if source(session, y) == WEEKDAYS)
