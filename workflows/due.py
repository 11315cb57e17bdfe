"""Due dates in working days, counted from the jurisdiction's date a task was opened.

Working days are the calendar's (`workflows/calendar.py`): a holiday notice an admin entered, else
the official calendar of the `chinesecalendar` package, else Monday to Friday.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from models import Case, Task
from workflows import calendar, clock, policy, task_policy


def due_date(session: Session, opened_on: date, working_days: int) -> date:
    """A task opened on `opened_on` (the jurisdiction's date) with `working_days` to do it."""
    return calendar.add_working_days(session, opened_on, working_days)


def settings_for(session: Session, case: Case) -> dict:
    """The `[tasks]` settings of the policy version the case was opened under, for its kind."""
    return task_policy.settings(policy.pinned_body(session, case.policy_id, case.policy_version) or {}, case.kind)


def for_task(session: Session, case: Case, task_kind: str, calendar_days: int | None = None) -> date | None:
    """When a task of this kind opened today on `case` is due: the working days the case's pinned
    policy gives the kind under `[tasks]`; where it names none, the caller's calendar days (a
    procedure's older setting), or no due date at all."""
    opened_on = clock.today()
    working = settings_for(session, case)["due_working_days"].get(task_kind)
    if working:
        return due_date(session, opened_on, working)
    return opened_on + timedelta(days=calendar_days) if calendar_days else None


def is_overdue(task: Task) -> bool:
    """Open and past its due date (the jurisdiction's today)."""
    return task.status == "open" and task.due_date is not None and task.due_date < clock.today()
