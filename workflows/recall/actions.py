"""What users do to a recall case: the holder of a draft submits or withdraws it; the offices of the
route approve, reject, or (the deciding office of a recall) criticize; the dispatching unit names the
replacement an adjustment needs, and confirms a recall with the talk its head held."""
from workflows import approval, clock, engine, fields, policy, tasks
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.recall import machine, services
from workflows.recall.machine import CONFIRM_TASK, PROPOSE_TASK
from workflows.registry import Action


def _my_task(case, user, kind: str = PROPOSE_TASK):
    return tasks.held_by(case, user, kind)


def _own_task(case, actor, event: str, kind: str = PROPOSE_TASK):
    if not engine.allowed(case, event):
        raise Conflict("action_not_allowed", action=event, state=case.state)
    task = _my_task(case, actor, kind)
    if task is None:
        raise Forbidden("no_open_task")
    return task


def _withdraw(case, ctx):
    """The holder of the draft drops it, saying why: the system's proposal is not a decision."""
    task = _own_task(case, ctx.actor, "withdraw")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    engine.fire(case, "withdraw", ctx)
    return {"office": task.office_code}


def _submit(case, ctx):
    """Send the application or proposal on its route, with the documents that support it."""
    task = _own_task(case, ctx.actor, "submit")
    from workflows.leave.services import attach  # the same checks as every upload
    for document in ctx.data.get("documents") or ():
        attach(ctx.session, case, ctx.actor, document)
    engine.fire(case, "submit", ctx)
    return {"office": task.office_code, "documents": [d.filename for d in ctx.data.get("documents") or ()]}


def _is_last_step(case) -> bool:
    return case.current_step is not None and not approval.has_next_step(case)


def _approve(case, ctx):
    if (case.state == "pending" and case.recall.path == "adjustment" and _is_last_step(case)
            and case.recall.replacement_person_id is None
            and machine.section(case, ctx.session)["replacement_required"]):
        # 篇九 第七条 "且提出符合条件的接替人选，再报经同级组织和扶贫部门审核批准".
        approval.decide(case, ctx.actor)
        raise InvalidInput("replacement_required", "replacement_person_id")
    return approval.approve(case, ctx.actor, lambda: engine.fire(case, "approve", ctx))


def _reject(case, ctx):
    return approval.decline(case, ctx.actor, "reject", ctx.comment, lambda: engine.fire(case, "reject", ctx))


def _criticize(case, ctx):
    """批评教育: the deciding office closes a recall proposal with criticism, saying what for."""
    if case.recall.path != "recall":
        raise Conflict("action_not_allowed", action="criticize", state=case.state)
    task = approval.decide(case, ctx.actor)
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    tasks.close(task, ctx.actor, "criticize")
    tasks.cancel_open(case, ctx.actor, "criticize")
    engine.fire(case, "criticize", ctx)
    return {"office": task.office_code}


def _confirm(case, ctx):
    task = _own_task(case, ctx.actor, "confirm", CONFIRM_TASK)
    talk = ctx.data.get("talk_date")
    if talk is None:
        raise InvalidInput("required", "talk_date")
    if talk > clock.today():
        raise InvalidInput("talk_in_future", "talk_date", today=clock.today().isoformat())
    engine.fire(case, "confirm", ctx)
    return {"office": task.office_code, "talk_date": talk.isoformat()}


def _is_unit(user, case) -> bool:
    from workflows import offices
    unit = case.subject.home_unit if case.subject is not None else None
    return unit is not None and ("dispatching_unit", unit.id) in offices.acting_offices(user)


def _propose_replacement(case, ctx):
    """篇九 第七条: the dispatching unit names the qualified replacement its application needs."""
    if case.recall.path != "adjustment" or case.state not in ("draft", "pending"):
        raise Conflict("action_not_allowed", action="propose_replacement", state=case.state)
    if not _is_unit(ctx.actor, case):
        raise Forbidden("dispatching_unit_only")
    person_id = ctx.data.get("replacement_person_id")
    if person_id is None:
        raise InvalidInput("required", "replacement_person_id")
    person = services.replacement_for(ctx.session, person_id, case.subject,
                                      policy.pinned_body(ctx.session, case.policy_id, case.policy_version))
    case.recall.replacement = person
    return {"replacement_person_id": person.id}


# ---------------------------------------------------------------- who is offered what

def _holder_may(event: str, kind: str = PROPOSE_TASK):
    return lambda user, case: engine.allowed(case, event) and _my_task(case, user, kind) is not None


def _approver_may(event: str):
    return lambda user, case: engine.allowed(case, event) and approval.may_decide(user, case)


def _may_criticize(user, case) -> bool:
    return case.recall is not None and case.recall.path == "recall" and _approver_may("criticize")(user, case)


def _may_propose_replacement(user, case) -> bool:
    return (case.recall is not None and case.recall.path == "adjustment" and case.state in ("draft", "pending")
            and _is_unit(user, case))


# ---------------------------------------------------------------- reading input

def _read_submit(data: dict) -> dict:
    return {"documents": fields.documents(data, "documents")}


def _read_confirm(data: dict) -> dict:
    return {"talk_date": fields.a_date(data, "talk_date"), "note": fields.text(data, "note", required=False)}


def _read_replacement(data: dict) -> dict:
    return {"replacement_person_id": fields.integer(data, "replacement_person_id", low=1, high=fields.MAX_ID)}


# In the order the page and the API offer them.
ACTIONS = {
    "approve": Action(_approve, who=_approver_may("approve")),
    "criticize": Action(_criticize, who=_may_criticize),
    "reject": Action(_reject, who=_approver_may("reject")),
    "submit": Action(_submit, who=_holder_may("submit"), read=_read_submit),
    "withdraw": Action(_withdraw, who=_holder_may("withdraw")),
    "confirm": Action(_confirm, who=_holder_may("confirm", CONFIRM_TASK), read=_read_confirm),
    "propose_replacement": Action(_propose_replacement, who=_may_propose_replacement, read=_read_replacement),
}
