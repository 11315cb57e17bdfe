"""What users do to a recall case: so far, the county office withdraws a draft (with a comment)."""
from workflows import engine, tasks
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.recall.machine import PROPOSE_TASK
from workflows.registry import Action


def _my_task(case, user):
    return next((t for t in case.open_tasks if t.kind == PROPOSE_TASK and tasks.may_act_on(user, t)), None)


def _withdraw(case, ctx):
    """The office holding the draft drops it, saying why: the system's proposal is not a decision."""
    if not engine.allowed(case, "withdraw"):
        raise Conflict("action_not_allowed", action="withdraw", state=case.state)
    task = _my_task(case, ctx.actor)
    if task is None:
        raise Forbidden("no_open_task")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    engine.fire(case, "withdraw", ctx)
    return {"office": task.office_code}


def _may_withdraw(user, case) -> bool:
    return engine.allowed(case, "withdraw") and _my_task(case, user) is not None


ACTIONS = {
    "withdraw": Action(_withdraw, _may_withdraw),
}
