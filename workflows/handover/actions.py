"""What users do to a handover case (api.md, "Handover"): the outgoing side adds items and submits the
list, marks the outgoing cadre absent, and resolves disputes; the incoming cadre confirms or disputes
each item; the team leader and the township sign off (or return it with reasons); the township files
the signed record; the incoming cadre and the dispatching unit tick off what follows the posting."""
from __future__ import annotations

from workflows import approval, engine, fields, offices, tasks
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.handover import items, machine, parties
from workflows.handover.machine import FILE_TASK, LIST_TASK, LISTING_STATES, REVIEW_TASK
from workflows.registry import Action

NOTE_MAX = 2000
# Who may call off a handover under way (a plan changed): the offices over the team.
CANCELLERS = ("township", "county_office")


def _my_task(case, user, kind: str):
    return tasks.held_by(case, user, kind)


def _task(case, ctx, kind: str, event: str | None = None):
    if event is not None and not engine.allowed(case, event):
        raise Conflict("action_not_allowed", action=event, state=case.state)
    task = _my_task(case, ctx.actor, kind)
    if task is None:
        raise Forbidden("no_open_task")
    return task


def _lister_payload(case, task) -> dict:
    """Who listed: the outgoing cadre, or the office listing for them (本人未到场)."""
    return {"office": task.office_code} if task.office_code else {}


def _add_item(case, ctx):
    task = _task(case, ctx, LIST_TASK)
    data = ctx.data
    from workflows.leave.services import attach  # the same checks as every upload
    added = [attach(ctx.session, case, ctx.actor, d) for d in data["documents"]]
    if added:
        ctx.session.flush()  # the files' ids, which the item keeps
    item = items.add(case.handover, data["heading"], data["title"], data["detail"], data["amount"],
                     documents=[a.id for a in added])
    ctx.session.flush()
    return {**_lister_payload(case, task), "item_id": item.id, "heading": item.heading, "title": item.title,
            "amount": items._text(item.amount), "documents": [a.filename for a in added]}


def _submit(case, ctx):
    task = _task(case, ctx, LIST_TASK, "submit")
    if any(i.status == "disputed" for i in case.handover.items):
        raise InvalidInput("dispute_open", "items")
    items.list_known(ctx.session, case.handover, case)
    items.check_headings(case.handover)
    engine.fire(case, "submit", ctx)
    if items.left_to_review(case.handover) == 0:
        engine.fire(case, "reviewed", ctx)  # returned from signing with every item confirmed
    return {**_lister_payload(case, task), "items": len(case.handover.items)}


def _mark_absent(case, ctx):
    """The outgoing cadre cannot take part (recalled, ill): the office that lists for them takes the task."""
    if case.state not in LISTING_STATES or case.handover.outgoing_absent:
        raise Conflict("action_not_allowed", action="mark_absent", state=case.state)
    if not _may_mark_absent(ctx.actor, case):
        raise Forbidden("no_open_task")
    reason = fields.text(ctx.data, "reason", max_length=NOTE_MAX)
    case.handover.outgoing_absent, case.handover.absent_reason = True, reason
    for task in [t for t in case.open_tasks if t.kind == LIST_TASK]:
        tasks.close(task, ctx.actor, "mark_absent", status="cancelled")
    machine.open_list_task(ctx.session, case)
    return {"reason": reason, "lister": parties.lister_office(case)}


def _review(status: str):
    def run(case, ctx):
        _task(case, ctx, REVIEW_TASK, "reviewed")
        item = items.find(case.handover, ctx.data["item_id"])
        items.review(item, status, ctx.data.get("note"))
        left = items.left_to_review(case.handover)
        if left == 0:
            engine.fire(case, "reviewed", ctx)
        return {"item_id": item.id, "heading": item.heading, "title": item.title, "note": item.note, "left": left}
    return run


def _resolve_item(case, ctx):
    task = _task(case, ctx, LIST_TASK)
    if case.state != "returned":
        raise Conflict("action_not_allowed", action="resolve_item", state=case.state)
    item = items.find(case.handover, ctx.data["item_id"])
    return {**_lister_payload(case, task), **items.resolve(item, ctx.data)}


def _approve(case, ctx):
    return approval.approve(case, ctx.actor, lambda: engine.fire(case, "approve", ctx), machine.SIGNING)


def _return(case, ctx):
    return approval.decline(case, ctx.actor, "return", ctx.comment, lambda: engine.fire(case, "return", ctx),
                            machine.SIGNING)


def _cancel(case, ctx):
    if not engine.allowed(case, "cancel"):
        raise Conflict("action_not_allowed", action="cancel", state=case.state)
    office = _canceller(ctx.actor, case)
    if office is None:
        raise Forbidden("no_open_task")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    engine.fire(case, "cancel", ctx)
    return {"office": office}


def _file_record(case, ctx):
    """备案: the signed record is filed with the offices the policy names, closing the task."""
    task = _task(case, ctx, FILE_TASK)
    approval.file(ctx.session, case, FILE_TASK)
    tasks.close(task, ctx.actor, FILE_TASK)
    return {"office": task.office_code, "offices": list(case.filing)}


def _tick(case, ctx):
    """One reminder of what follows the posting done (002 "党组织关系转到派驻村"), said by whom."""
    if case.state != "done" or not _may_tick(ctx.actor, case):
        raise Forbidden("no_open_task")
    checklist = machine.section(case, ctx.session)["after_posting"]
    index = ctx.data["index"]
    if index >= len(checklist):
        raise InvalidInput("unknown_item", "index")
    if index in case.handover.checklist_done:
        raise Conflict("already_done", "index")
    case.handover.checklist_done = sorted([*case.handover.checklist_done, index])
    return {"index": index, "text": checklist[index]}


# ---------------------------------------------------------------- who is offered what

def _holder_may(kind: str, states):
    return lambda user, case: case.state in states and _my_task(case, user, kind) is not None


def _may_mark_absent(user, case) -> bool:
    if case.state not in LISTING_STATES or case.handover.outgoing_absent:
        return False
    mine = offices.acting_offices(user)
    for code in (parties.lister_office(case), "township"):
        unit = offices.resolve_for(code, case)
        if unit is not None and (code, unit.id) in mine:
            return True
    return False


def _canceller(user, case) -> str | None:
    mine = offices.acting_offices(user)
    for code in CANCELLERS:
        unit = offices.resolve_for(code, case)
        if unit is not None and (code, unit.id) in mine:
            return code
    return None


def _may_cancel(user, case) -> bool:
    return engine.allowed(case, "cancel") and _canceller(user, case) is not None


def _approver_may(event: str):
    return lambda user, case: engine.allowed(case, event) and approval.may_decide(user, case)


def _may_tick(user, case) -> bool:
    if case.state != "done":
        return False
    if user.person_id == case.handover.incoming_person_id:
        return True
    unit = offices.resolve("dispatching_unit", case.org_unit, case.handover.incoming_person)
    return unit is not None and ("dispatching_unit", unit.id) in offices.acting_offices(user)


# ---------------------------------------------------------------- reading input

def _read_item_ref(data: dict) -> dict:
    return {"item_id": fields.integer(data, "item_id", low=1, high=fields.MAX_ID),
            "note": fields.text(data, "note", required=False, max_length=NOTE_MAX)}


def _read_resolve(data: dict) -> dict:
    return {**data, "item_id": fields.integer(data, "item_id", low=1, high=fields.MAX_ID)}


def _read_absent(data: dict) -> dict:
    return {"reason": fields.text(data, "reason", max_length=NOTE_MAX)}


def _read_tick(data: dict) -> dict:
    return {"index": fields.integer(data, "index", low=0, high=100)}


# In the order the page and the API offer them.
ACTIONS = {
    "approve": Action(_approve, who=_approver_may("approve")),
    "return": Action(_return, who=_approver_may("return")),
    "confirm_item": Action(_review("confirmed"), who=_holder_may(REVIEW_TASK, ("reviewing",)), read=_read_item_ref),
    "dispute_item": Action(_review("disputed"), who=_holder_may(REVIEW_TASK, ("reviewing",)), read=_read_item_ref),
    "add_item": Action(_add_item, who=_holder_may(LIST_TASK, LISTING_STATES), read=items.read),
    "resolve_item": Action(_resolve_item, who=_holder_may(LIST_TASK, ("returned",)), read=_read_resolve),
    "submit": Action(_submit, who=_holder_may(LIST_TASK, LISTING_STATES)),
    "mark_absent": Action(_mark_absent, who=_may_mark_absent, read=_read_absent),
    "file_record": Action(_file_record, who=_holder_may(FILE_TASK, ("done",))),
    "tick": Action(_tick, who=_may_tick, read=_read_tick),
    "cancel": Action(_cancel, who=_may_cancel),
}
