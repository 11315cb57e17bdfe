"""Opening and closing task rows and filings: the inbox side of every transition."""
from datetime import date

from sqlalchemy.orm import Session

from models import Case, Filing, Task, User, utcnow
from workflows import due as due_dates
from workflows import offices
from workflows.errors import Conflict

# Rules on who can hold an office that a part of the product registers (e.g. a team whose leader left
# has nobody to take the team leader's tasks): fn(session, office_code, unit) raises to refuse a task
# nobody could act on, as a missing office is refused below.
_OFFICE_CHECKS = []


def check_office(fn):
    """Register fn(session, office_code, unit) (usable as a decorator)."""
    if fn not in _OFFICE_CHECKS:
        _OFFICE_CHECKS.append(fn)
    return fn


def _run_checks(session: Session, office_code: str, unit) -> None:
    for check in _OFFICE_CHECKS:
        check(session, office_code, unit)


def check_reachable(session: Session, case: Case, office_code: str) -> None:
    """Refuse now a task this case will address to the office later, where a registered check says
    nobody could take it (an office with no unit at all is left to the step that opens it)."""
    unit = offices.resolve_for(office_code, case)
    if unit is not None:
        _run_checks(session, office_code, unit)


def open_office_task(session: Session, case: Case, kind: str, step: int, office_code: str,
                     due_days: int | None) -> Task:
    unit = offices.resolve_for(office_code, case)
    if unit is None:
        # A task nobody can see would stall the case for good: refuse the action instead.
        raise Conflict("office_missing", office=office_code)
    _run_checks(session, office_code, unit)
    return open_task_at(session, case, kind, office_code, unit, due_days, step)


def open_task_at(session: Session, case: Case, kind: str, office_code: str, unit, due_days: int | None,
                 step: int = 0, due: date | None = None) -> Task:
    """A task for the office held at `unit`, where the case's own place does not say which (a dispatching
    unit's round, the county of a round)."""
    task = Task(case=case, kind=kind, step=step, office_code=office_code, org_unit_id=unit.id, opened_at=utcnow(),
                due_date=due or due_dates.for_task(session, case, kind, calendar_days=due_days))
    session.add(task)
    return task


def open_user_task(session: Session, case: Case, kind: str, assignee: User, due: date | None = None) -> Task:
    if due is None:
        due = due_dates.for_task(session, case, kind)
    task = Task(case=case, kind=kind, step=0, assignee_id=assignee.id, opened_at=utcnow(), due_date=due)
    session.add(task)
    return task


def may_act_on(user: User, task: Task) -> bool:
    """An open task is the user's: assigned to them, or addressed to an office they hold."""
    if task.status != "open":
        return False
    if task.assignee_id is not None:
        return task.assignee_id == user.id
    return (task.office_code, task.org_unit_id) in offices.acting_offices(user)


def held_by(case: Case, user: User, kind: str) -> Task | None:
    """The open task of this kind on the case that is the user's to act on, if any."""
    return next((t for t in case.open_tasks if t.kind == kind and may_act_on(user, t)), None)


def close(task: Task, actor: User, outcome: str, status: str = "done") -> None:
    task.status = status
    task.outcome = outcome
    task.closed_at = utcnow()
    task.closed_by_id = actor.id


def cancel_open(case: Case, actor: User, outcome: str) -> None:
    """Close every task still open on the case: the case moved past them."""
    for task in case.open_tasks:
        close(task, actor, outcome, status="cancelled")


def file_with(session: Session, case: Case, office_codes, reason: str) -> None:
    for code in office_codes:
        unit = offices.resolve_for(code, case)
        if unit is not None:
            session.add(Filing(case=case, office_code=code, org_unit_id=unit.id, reason=reason))


def subject_user(session: Session, case: Case) -> User | None:
    """The active account of the person the case is about, if it has one."""
    if case.subject_person_id is None:
        return None
    # The accounts come with the case where an action loaded it (workflows.engine.load_case).
    return next((u for u in case.subject.accounts if u.active), None)
