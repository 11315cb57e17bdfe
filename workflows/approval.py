"""Approval steps on a case, for every procedure that has them: a route of steps fixed when it
starts (each step one office, any one of several, or several jointly), the tasks of the current
step, the joint rule, and filing (备案) once approved.

A procedure's machine calls these from its callbacks; its `approve`, `reject` and `return` actions
call `decide` and `approve`.
"""
from __future__ import annotations

from models import Case, Task, User
from workflows import tasks
from workflows.errors import Conflict, Forbidden, InvalidInput


def start(session, case: Case, steps: list[dict], filing: list[str], due_days: int | None) -> None:
    """Fix the route and open the first step's tasks."""
    case.route, case.filing, case.current_step = list(steps), list(filing), 0
    open_step(session, case, due_days)


def open_step(session, case: Case, due_days: int | None) -> None:
    if case.current_step == 0:
        check_route(session, case)
    step = case.route[case.current_step]
    for code in step["approvers"]:
        tasks.open_office_task(session, case, "approve", case.current_step, code, due_days)


def check_route(session, case: Case) -> None:
    """As a route sets off, a later step that could reach nobody is refused now (e.g. a team leader's
    step while the team has none), rather than the case stopping halfway."""
    for step in case.route[1:]:
        for code in step["approvers"]:
            tasks.check_reachable(session, case, code)


def has_next_step(case: Case) -> bool:
    return case.current_step + 1 < len(case.route)


def advance(session, case: Case, due_days: int | None) -> None:
    case.current_step += 1
    open_step(session, case, due_days)


def may_decide(user: User, case: Case) -> bool:
    """Whether the user holds an open approval task on the case (and is not its subject)."""
    return not _is_subject(user, case) and any(
        t.kind == "approve" and tasks.may_act_on(user, t) for t in case.open_tasks)


def decide(case: Case, actor: User, state: str = "pending") -> Task:
    """The approval task the actor acts on now, or the refusal saying why there is none."""
    if case.state != state:
        raise Conflict("action_not_allowed", state=case.state)
    if _is_subject(actor, case):
        raise Forbidden("own_case")
    task = next((t for t in case.open_tasks if t.kind == "approve" and tasks.may_act_on(actor, t)), None)
    if task is None:
        raise Forbidden("no_open_task")
    return task


def approve(case: Case, actor: User, fire, state: str = "pending") -> dict:
    """Record the actor's approval of the current step. A joint step waits for every office; any
    one office of a step that is not joint decides it. When the step is decided, `fire()` moves
    the case on (the machine's approve: the next step, or approved). `state` is the one the
    procedure's route runs in."""
    task = decide(case, actor, state)
    tasks.close(task, actor, "approve")
    waiting = [t for t in case.open_tasks if t.kind == "approve" and t.step == task.step]
    if waiting and case.route[task.step]["joint"]:
        return {"step": task.step, "office": task.office_code, "waiting_for": [t.office_code for t in waiting]}
    for other in waiting:
        tasks.close(other, actor, "approved_elsewhere", status="cancelled")
    fire()
    return {"step": task.step, "office": task.office_code}


def decline(case: Case, actor: User, action: str, comment: str | None, fire, state: str = "pending") -> dict:
    """Reject or return: either needs the approver's reasons, and ends the step."""
    if not comment:
        raise InvalidInput("required", "comment")
    task = decide(case, actor, state)
    tasks.close(task, actor, action)
    fire()
    return {"step": task.step, "office": task.office_code}


def file(session, case: Case, reason: str, offices: list[str] | None = None) -> None:
    """备案: file the case with the route's filing offices (or those given)."""
    tasks.file_with(session, case, case.filing if offices is None else offices, reason=reason)


def _is_subject(user: User, case: Case) -> bool:
    return user.person_id is not None and user.person_id == case.subject_person_id
