"""What users do to an explanation case: each action's effect, who may take it, and how its input is read."""
from workflows import access, approval, engine, fields
from workflows.errors import Conflict, Forbidden
from workflows.registry import Action

TEXT_MAX = 5000


def _submit(case, ctx):
    """The cadre writes (or corrects) the explanation."""
    if not access.is_subject(ctx.actor, case):
        raise Forbidden("applicant_only")
    if case.state not in ("open", "returned"):
        raise Conflict("action_not_allowed", action="submit", state=case.state)
    # The API's reader checked it already; a page's form only parses it.
    ctx.data["text"] = fields.text(ctx.data, "text", max_length=TEXT_MAX)
    engine.fire(case, "submit", ctx)


def _may_submit(user, case) -> bool:
    return case.state in ("open", "returned") and access.is_subject(user, case)


def _at_deciding_step(case) -> bool:
    """The last step decides (excused or counted); the steps before it sign (签字) and pass it on."""
    return case.state == "pending" and not approval.has_next_step(case)


def _approve(case, ctx):
    return approval.approve(case, ctx.actor, lambda: engine.fire(case, "approve", ctx))


def _reject(case, ctx):
    approval.decide(case, ctx.actor)  # 403 for whoever holds no task here, before saying why not
    if not _at_deciding_step(case):
        raise Forbidden("explanation_signs_only")
    return approval.decline(case, ctx.actor, "reject", ctx.comment, lambda: engine.fire(case, "reject", ctx))


def _return(case, ctx):
    return approval.decline(case, ctx.actor, "return", ctx.comment, lambda: engine.fire(case, "return", ctx))


def _read_text(data: dict) -> dict:
    return {"text": fields.text(data, "text", max_length=TEXT_MAX)}


def _decider(user, case) -> bool:
    return case.state == "pending" and approval.may_decide(user, case)


ACTIONS = {
    "submit": Action(_submit, _may_submit, _read_text),
    "approve": Action(_approve, _decider),
    "reject": Action(_reject, lambda user, case: _decider(user, case) and _at_deciding_step(case)),
    "return": Action(_return, _decider),
}
