"""Counting leave days: calendar days inclusive, or working days as `workflows.calendar` knows them
(an entered holiday notice, the official calendar package, else Monday–Friday)."""
from datetime import date, timedelta

from sqlalchemy.orm import Session

from workflows import calendar


def count_days(session: Session, start: date, end: date, counting: str) -> int:
    """Days from start to end inclusive; 'working' skips statutory holidays and weekends, and
    counts adjusted working weekends (调休上班)."""
    if counting == "calendar":
        return (end - start).days + 1
    return calendar.count_working_days(session, start, end)


def by_month(session: Session, start: date, end: date, counting: str) -> dict[tuple[int, int], int]:
    """The counted days of start..end inclusive, per (year, month) they fall in."""
    months: dict[tuple[int, int], int] = {}
    first = start
    while first <= end:
        next_month = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        last = min(end, next_month - timedelta(days=1))
        n = count_days(session, first, last, counting)
        if n:
            months[(first.year, first.month)] = n
        first = next_month
    return months
