"""The dispatching unit's actions on a recall case once the cadre's term has ended: name the replacement
(`name_replacement` {"person_id", "start_date"}) and file the change (`file_change`). Neither moves the
case: it has reached `recalled` or `adjusted`, and what follows is the team's, not the decision's.

They join the recall procedure's actions from here, so that the recall package names none of them."""
from __future__ import annotations

from models import Case, User
from workflows import fields, tasks
from workflows.errors import Conflict, Forbidden
from workflows.recall.actions import ACTIONS
from workflows.registry import Action
from workflows.vacancy import eligibility, services


def _my_task(case: Case, user: User, kind: str):
    return tasks.held_by(case, user, kind)


def _read_replacement(data: dict) -> dict:
    return {"person_id": fields.integer(data, "person_id", low=1, high=fields.MAX_ID),
            "start_date": fields.a_date(data, "start_date")}


def _name_replacement(case: Case, ctx) -> dict:
    task = _my_task(case, ctx.actor, services.NAME_TASK)
    if task is None:
        raise Forbidden("no_open_task")
    vacancy = services.vacancy_of(ctx.session, case)
    if vacancy is None or not vacancy.is_open:
        raise Conflict("vacancy_filled")
    section = services.settings_for(ctx.session, case)
    start = ctx.data["start_date"]
    person = eligibility.check(ctx.session, vacancy, ctx.data["person_id"], start, section)
    services.fill(ctx.session, case, vacancy, person, start, ctx.actor)
    tasks.close(task, ctx.actor, services.NAME_TASK)
    return {"person_id": person.id, "person": person.name, "start_date": start.isoformat(),
            "position": vacancy.position, "team": vacancy.team.name}


def _may_name_replacement(user: User, case: Case) -> bool:
    return _my_task(case, user, services.NAME_TASK) is not None


def _file_change(case: Case, ctx) -> dict:
    """备案: the change is filed with the offices the policy names, once, closing the task."""
    task = _my_task(case, ctx.actor, services.FILE_TASK)
    if task is None:
        raise Forbidden("no_open_task")
    offices = services.settings_for(ctx.session, case)["file_change_with"]
    tasks.file_with(ctx.session, case, offices, reason=services.FILE_TASK)
    tasks.close(task, ctx.actor, services.FILE_TASK)
    return {"offices": list(offices), "due_date": task.due_date.isoformat() if task.due_date else None}


def _may_file_change(user: User, case: Case) -> bool:
    return _my_task(case, user, services.FILE_TASK) is not None


ACTIONS["name_replacement"] = Action(_name_replacement, _may_name_replacement, read=_read_replacement)
ACTIONS["file_change"] = Action(_file_change, _may_file_change)
