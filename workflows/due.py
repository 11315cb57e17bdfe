"""Due dates in working days, counted from the jurisdiction's date a task was opened.

A stand-in for the working-day calendar (`workflows/calendar.py`, with the holidays an admin
entered): the official calendar of the `chinesecalendar` package where it knows the year (statutory
holidays off, adjusted working weekends 调休上班 on), Monday to Friday where it does not.
"""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from sqlalchemy.orm import Session

from models import Case, Task
from workflows import clock, policy, task_policy


def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # The package does not know that year's holiday notice yet.
        return day.weekday() < 5


def add_working_days(session: Session, start: date, n: int) -> date:
    """The n-th working day after `start` (start itself not counted)."""
    del session  # the calendar module reads admin-entered holidays from it
    day = start
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def due_date(session: Session, opened_on: date, working_days: int) -> date:
    """A task opened on `opened_on` (the jurisdiction's date) with `working_days` to do it."""
    return add_working_days(session, opened_on, working_days)


def for_task(session: Session, case: Case, task_kind: str, calendar_days: int | None = None) -> date | None:
    """When a task of this kind opened today on `case` is due: the working days the case's pinned
    policy gives the kind under `[tasks]`; where it names none, the caller's calendar days (a
    procedure's older setting), or no due date at all."""
    opened_on = clock.today()
    row = policy.pinned(session, case.policy_id, case.policy_version)
    working = task_policy.settings(row.body, case.kind)["due_working_days"].get(task_kind) if row else None
    if working:
        return due_date(session, opened_on, working)
    return opened_on + timedelta(days=calendar_days) if calendar_days else None


def is_overdue(task: Task) -> bool:
    """Open and past its due date (the jurisdiction's today)."""
    return task.status == "open" and task.due_date is not None and task.due_date < clock.today()
