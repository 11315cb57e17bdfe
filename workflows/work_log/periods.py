"""Review periods: a run of whole months counted from January (every 2 months: Jan–Feb, Mar–Apr, …)."""
from __future__ import annotations

from datetime import date, timedelta


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def containing(day: date, every_months: int) -> tuple[date, date]:
    """The period of `every_months` months that holds `day`: (first day, last day)."""
    first_month = (day.month - 1) // every_months * every_months + 1
    start = date(day.year, first_month, 1)
    last_month = first_month + every_months - 1
    return start, month_end(date(day.year, last_month, 1))


def last_ended(on: date, every_months: int) -> tuple[date, date]:
    """The newest period that ended before `on`."""
    start, _ = containing(on, every_months)
    return containing(start - timedelta(days=1), every_months)


def parse_month(text: str) -> tuple[date, date]:
    """'YYYY-MM' → (first day, last day); ValueError when it is not one."""
    if not isinstance(text, str) or len(text) != 7 or text[4] != "-":
        raise ValueError(text)
    start = date(int(text[:4]), int(text[5:]), 1)
    return start, month_end(start)
