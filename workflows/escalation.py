"""Daily job: a task left past its due date by the policy's delay (in working days) is supervised
(督办) by the office above its holder. The holder keeps the task; the case shows in the supervising
office's inbox under 督办, its history gets an `escalate` event, and both sides are told.

Who is above whom:
- village and township offices, and a person's own task (the cadre's) → the county office;
- county offices, and a city-sent dispatching unit → the city office;
- a county-sent dispatching unit → the county office;
- city offices have no one above them here: their tasks are not escalated.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from models import OrgUnit, Supervision, Task, utcnow
from workflows import calendar, due, history, notifications
from workflows.sweep import register_job
from workflows.system import system_user


def office_above(task: Task) -> tuple[str, OrgUnit] | None:
    """The office that supervises this task when it lies too long: (office code, its unit)."""
    if task.office_code is None:
        county = task.case.org_unit.ancestor_of_kind("county")
        return ("county_office", county) if county is not None else None
    unit = task.org_unit
    if task.office_code == "dispatching_unit":
        above = "city" if unit.tier == "city" else "county"
    else:
        above = {"village": "county", "township": "county", "county": "city"}.get(unit.kind)
    if above is None:
        return None
    target = unit.ancestor_of_kind(above)
    return (f"{above}_office", target) if target is not None else None


def escalate(session: Session, on: date) -> list[str]:
    late = session.scalars(
        select(Task).where(Task.status == "open", Task.due_date < on,
                           ~exists().where(Supervision.task_id == Task.id))
        .options(joinedload(Task.case), joinedload(Task.org_unit)).order_by(Task.due_date, Task.id)).all()
    done = []
    for task in late:
        case = task.case
        delay = due.settings_for(session, case)["escalate_after_working_days"]
        if on < calendar.add_working_days(session, task.due_date, delay):
            continue
        above = office_above(task)
        if above is None:
            continue
        code, unit = above
        done.append(_supervise(session, task, code, unit))
    return done


def _supervise(session: Session, task: Task, code: str, unit: OrgUnit) -> str:
    case = task.case
    session.add(Supervision(task_id=task.id, case_id=case.id, office_code=code, org_unit_id=unit.id, at=utcnow()))
    history.record(session, case, system_user(session), "escalate", case.state,
                   payload={"task_id": task.id, "task_kind": task.kind, "due_date": task.due_date.isoformat(),
                            "office": code, "org_unit_id": unit.id})
    params = dict(task_kind=task.kind, case_kind=case.kind, due=task.due_date.isoformat(), office=code,
                  unit=unit.name)
    holders = notifications.task_holders(session, task)
    supervisors = notifications.office_holders(session, code, unit.id)
    notifications.notify_all(session, holders, "escalation", case, "task_escalated", task, **params)
    notifications.notify_all(session, supervisors, "escalation", case, "case_supervised", task, **params)
    return (f"escalate: task {task.id} (case {case.id}, {task.kind}) due {task.due_date.isoformat()} "
            f"→ {code} of {unit.name}, {len(supervisors)} supervisor(s) told")


register_job("escalation", escalate, order=20)
