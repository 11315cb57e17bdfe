"""Counting leave days: calendar days inclusive, or working days on the Chinese official calendar."""
from datetime import date, timedelta

import chinese_calendar

from workflows.errors import InvalidInput


def count_days(start: date, end: date, counting: str) -> int:
    """Days from start to end inclusive; 'working' skips statutory holidays and weekends, and
    counts adjusted working weekends (调休上班), as the State Council's calendar says."""
    span = (end - start).days + 1
    if counting == "calendar":
        return span
    try:
        return sum(chinese_calendar.is_workday(start + timedelta(d)) for d in range(span))
    except NotImplementedError:
        # The official calendar for that year is not yet published in the installed package.
        raise InvalidInput("calendar_year_unknown", "end_date", year=end.year) from None


def by_month(start: date, end: date, counting: str) -> dict[tuple[int, int], int]:
    """The counted days of start..end inclusive, per (year, month) they fall in."""
    months: dict[tuple[int, int], int] = {}
    first = start
    while first <= end:
        next_month = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        last = min(end, next_month - timedelta(days=1))
        n = count_days(first, last, counting)
        if n:
            months[(first.year, first.month)] = n
        first = next_month
    return months
