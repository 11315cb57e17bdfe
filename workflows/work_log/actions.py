"""What users do to a work-log review: the reviewing office approves (reviewed) or returns it with a
comment; the team leader answers a return."""
from workflows import engine, tasks
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.registry import Action


def _task(case, user, kind: str):
    return tasks.held_by(case, user, kind)


def _run(kind: str, event: str, comment_required: bool):
    def run(case, ctx):
        if not engine.allowed(case, event):
            raise Conflict("action_not_allowed", action=event, state=case.state)
        task = _task(case, ctx.actor, kind)
        if task is None:
            raise Forbidden("no_open_task")
        if comment_required and not ctx.comment:
            raise InvalidInput("required", "comment")
        ctx.data["task"] = task
        engine.fire(case, event, ctx)
        return {"office": task.office_code}
    return run


def _who(kind: str, event: str):
    return lambda user, case: engine.allowed(case, event) and _task(case, user, kind) is not None


ACTIONS = {
    "approve": Action(run=_run("review", "approve", False), who=_who("review", "approve")),
    "return": Action(run=_run("review", "return", True), who=_who("review", "return")),
    "answer": Action(run=_run("answer", "answer", True), who=_who("answer", "answer")),
}
