"""What users do to a monthly sheet: the compiling office submits it, the signing offices approve or
return it. Who may act is whoever holds the open task (an office's grant), never the request."""
from workflows import approval, engine, tasks
from workflows.attendance_sheet import machine, sheet
from workflows.errors import Conflict, Forbidden
from workflows.registry import Action

COMPILING_STATES = ("compiling", "returned")


def _compile_task(user, case):
    return next((t for t in case.open_tasks if t.kind == "compile" and tasks.may_act_on(user, t)), None)


def _submit(case, ctx):
    """Freeze the month's rows; under 篇六 the leave slips on paper must match the month's granted leaves."""
    if case.state not in COMPILING_STATES:
        raise Conflict("action_not_allowed", action="submit", state=case.state)
    if _compile_task(ctx.actor, case) is None:
        raise Forbidden("no_open_task")
    settings = machine.section(ctx.session, case)
    found = sheet.live_rows(ctx.session, case.attendance_sheet)
    slips = None
    if settings["match_leave_slips"]:
        slips = sheet.read_slips(ctx.data)
        sheet.match_slips(ctx.session, case.attendance_sheet, slips, [r["person"]["id"] for r in found])
    ctx.data.update(leave_slips=slips, rows=found)
    engine.fire(case, "submit", ctx)
    return {"leave_slips": slips} if slips is not None else None


def _may_submit(user, case) -> bool:
    return case.state in COMPILING_STATES and _compile_task(user, case) is not None


def _approve(case, ctx):
    return approval.approve(case, ctx.actor, lambda: engine.fire(case, "approve", ctx))


def _return(case, ctx):
    return approval.decline(case, ctx.actor, "return", ctx.comment, lambda: engine.fire(case, "return", ctx))


def _signer(user, case) -> bool:
    return case.state == "pending" and approval.may_decide(user, case)


def _read_submit(data: dict) -> dict:
    # Read only where the policy asks for slips (the action knows the policy); kept raw until then.
    return {"leave_slips": data.get("leave_slips", [])}


ACTIONS = {
    "submit": Action(_submit, _may_submit, _read_submit),
    "approve": Action(_approve, _signer),
    "return": Action(_return, _signer),
}
