"""The monthly sheet's workflow: the compiling office submits it (the rows frozen then), the signing
offices approve it in turn (or return it to the compiler), and after the last signature it is filed
with the policy's offices, the cadres' dispatching units each once.

One Machine for every sheet, built once with no model; actions fire events on ORM rows."""
from transitions import EventData, Machine

from models import Case, Filing
from workflows import approval, policy, tasks
from workflows.attendance_sheet import rules, sheet
from workflows.engine import ActionContext

STATES = ["compiling", "pending", "returned", "filed"]
DISPATCHING_UNIT = "dispatching_unit"


def _ctx(event: EventData) -> ActionContext:
    return event.kwargs["ctx"]


def section(session, case: Case) -> dict:
    """The [attendance_sheet] section of the policy version the case was opened under."""
    return rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))


def open_compile_task(session, case: Case, due) -> None:
    """The compiling office's task: check the month's rows and submit them."""
    task = tasks.open_office_task(session, case, "compile", 0, section(session, case)["compiled_by"], None)
    task.due_date = due


def _due_signatures(case: Case) -> None:
    """Signing is due the day the sheet must be filed (篇四 每月5日前), the seed's deadline rather than the
    policy's general one for approvals: late, it is overdue in the inbox."""
    for task in case.tasks:
        # A task opened in this action has no status until it is flushed.
        if task.status in (None, "open") and task.kind == "approve" and task.step == case.current_step:
            task.due_date = case.attendance_sheet.file_by


def _freeze(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    sheet.freeze(ctx.session, case.attendance_sheet, ctx.data.get("leave_slips"), ctx.data.get("rows"))
    for task in case.open_tasks:
        if task.kind == "compile":
            tasks.close(task, ctx.actor, "submit")


def _start_route(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    settings = section(ctx.session, case)
    approval.start(ctx.session, case, rules.route(settings), settings["file_with"], due_days=None)
    _due_signatures(case)


def _has_next_step(event: EventData) -> bool:
    return approval.has_next_step(event.model)


def _advance(event: EventData) -> None:
    approval.advance(_ctx(event).session, event.model, due_days=None)
    _due_signatures(event.model)


def _file(event: EventData) -> None:
    """报送 … 同时抄送派出单位: the offices over the unit, and each dispatching unit of its cadres once."""
    case, ctx = event.model, _ctx(event)
    approval.file(ctx.session, case, reason="approve", offices=[c for c in case.filing if c != DISPATCHING_UNIT])
    if DISPATCHING_UNIT in case.filing:
        for unit in sheet.dispatching_units(ctx.session, case.attendance_sheet):
            ctx.session.add(Filing(case=case, office_code=DISPATCHING_UNIT, org_unit_id=unit.id, reason="approve"))


def _send_back(event: EventData) -> None:
    """Returned: the compiler corrects the records and submits again (frozen anew), by the filing day."""
    case, ctx = event.model, _ctx(event)
    tasks.cancel_open(case, ctx.actor, "return")
    open_compile_task(ctx.session, case, case.attendance_sheet.file_by)


TRANSITIONS = [
    {"trigger": "submit", "source": ["compiling", "returned"], "dest": "pending", "before": _freeze,
     "after": _start_route},
    {"trigger": "approve", "source": "pending", "dest": "pending", "conditions": _has_next_step, "after": _advance},
    {"trigger": "approve", "source": "pending", "dest": "filed", "after": _file},
    {"trigger": "return", "source": "pending", "dest": "returned", "after": _send_back},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="compiling",
                  send_event=True, auto_transitions=False, name="attendance_sheet")
