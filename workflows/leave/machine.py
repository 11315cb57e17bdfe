"""The leave workflow (请假 → 审批 → 销假): its states, transitions and their effects.

One Machine for every leave case, built once with no model; services fire events on ORM rows through
it: `MACHINE.events["approve"].trigger(case, ctx=ctx)`. Callbacks receive the action's context, open
and close the task rows, and so stay inside the caller's transaction.
"""
from datetime import date, timedelta

from sqlalchemy import select
from transitions import EventData, Machine

from models import Case, LeaveRequest, utcnow
from workflows import approval, clock, history, locks, policy, tasks
from workflows.engine import ActionContext
from workflows.errors import InvalidInput
from workflows.leave import balance, blackouts, grant_checks, overstay, services

STATES = ["draft", "pending", "returned", "approved", "reported", "rejected", "withdrawn", "closed", "cancelled",
          "extended"]
FINAL_STATES = {"rejected", "withdrawn", "closed", "cancelled", "extended"}


def _ctx(event: EventData) -> ActionContext:
    return event.kwargs["ctx"]


def _rules(case: Case, ctx: ActionContext) -> dict:
    """The leave section of the policy version the case was opened under."""
    return policy.pinned_body(ctx.session, case.policy_id, case.policy_version)["leave"]


def _step_due_days(case: Case, ctx: ActionContext) -> int:
    return _rules(case, ctx)["step_due_days"]


# Leaves that hold their days: on the way, granted, or taken (a closed leave up to the return date).
_HOLDING_STATES = ("pending", "returned", "approved", "reported", "closed", "extended")


def _check_no_overlap(event: EventData) -> None:
    """No two live leaves of one cadre may share a day: name the other request."""
    case, ctx = event.model, _ctx(event)
    locks.lock_person(ctx.session, case.subject.id)  # held to commit: the cap check runs under it too
    mine = case.leave
    others = ctx.session.scalars(
        select(LeaveRequest).join(LeaveRequest.case)
        .where(Case.subject_person_id == case.subject.id, Case.id != case.id,
               Case.state.in_(_HOLDING_STATES),
               LeaveRequest.start_date <= mine.end_date, LeaveRequest.end_date >= mine.start_date))
    for other in others:
        last = other.end_date
        if other.case.state == "closed" and other.actual_return_date is not None:
            last = min(last, other.actual_return_date - timedelta(days=1))
        if other.start_date <= mine.end_date and mine.start_date <= last:
            raise InvalidInput("leave_overlaps", "start_date", other=other.case_id,
                               start=other.start_date.isoformat(), end=last.isoformat())


def _check_blackout(event: EventData) -> None:
    """篇十二 特殊时期: no leave may touch a period declared for the village or above it."""
    blackouts.check(_ctx(event).session, event.model)


def require_documents(case: Case, ctx: ActionContext) -> None:
    """A leave type whose policy asks for a supporting document (病假: a doctor's note) has one."""
    if case.leave.leave_type in _rules(case, ctx)["documents_required"] and not case.attachments:
        raise InvalidInput("document_required", "document", type=case.leave.leave_type)


def _check_documents(event: EventData) -> None:
    case = event.model
    if case.leave.proxy_by_id is not None:
        return  # entered by proxy while the cadre is away: the document comes with the completion
    require_documents(case, _ctx(event))


def _check_limits(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    balance.check_limits(ctx.session, case, _rules(case, ctx))


def _start_route(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    for task in case.open_tasks:
        if task.kind == "revise":
            tasks.close(task, ctx.actor, "resubmitted")
    case.current_step = 0
    approval.open_step(ctx.session, case, _step_due_days(case, ctx))


def _is_report(event: EventData) -> bool:
    """A report (报备) has no approval steps: it is recorded and filed at once."""
    return not event.model.route


def _file_report(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    approval.file(ctx.session, case, reason="report")
    applicant = tasks.subject_user(ctx.session, case)
    if applicant is not None:
        tasks.open_user_task(ctx.session, case, "report_back", applicant)


def _has_next_step(event: EventData) -> bool:
    return approval.has_next_step(event.model)


def _advance(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    approval.advance(ctx.session, case, _step_due_days(case, ctx))


def _finish_approval(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    grant_checks.check_before_granting(ctx.session, case, _rules(case, ctx))
    applicant = tasks.subject_user(ctx.session, case)
    if applicant is not None:
        tasks.open_user_task(ctx.session, case, "report_back", applicant)
    approval.file(ctx.session, case, reason="approve")
    rules = _rules(case, ctx)
    balance.record_approval(ctx.session, case, rules["day_counting"])
    if case.leave.proxy_by_id is not None and case.leave.completed_at is None and applicant is not None:
        # 篇六: the cadre owes the written request, within the policy's days of coming back.
        tasks.open_user_task(ctx.session, case, "complete", applicant,
                             due=_completion_due(rules, back=case.leave.end_date + timedelta(days=1)))
    if case.leave.extends is not None:
        # The leave goes on under this request: the report back is owed here, not on the first one.
        first = case.leave.extends
        MACHINE.events["extended"].trigger(first, ctx=ctx)
        history.record(ctx.session, first, ctx.actor, "extended", "approved", payload={"extension": case.id})
    stand_in_days = rules.get("stand_in_days")
    before = services.days_before(case.leave)
    if stand_in_days and before + case.leave.days >= stand_in_days > before:
        # 篇九: so long an absence (an extension counts with the leave it continues) obliges the
        # dispatching unit to send a stand-in or adjust the post; once, when the absence reaches it.
        tasks.open_office_task(ctx.session, case, "stand_in", 0, "dispatching_unit", rules["step_due_days"])


def _cancel_open(event: EventData) -> None:
    tasks.cancel_open(event.model, _ctx(event).actor, event.event.name)


def _send_back(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    tasks.cancel_open(case, ctx.actor, "return")
    # Whoever filled in the form corrects it: the proxy, for a leave entered on the cadre's behalf.
    author = case.leave.proxy_by or tasks.subject_user(ctx.session, case)
    if author is not None:
        tasks.open_user_task(ctx.session, case, "revise", author)


def _undo_approval(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    tasks.cancel_open(case, ctx.actor, "cancel")
    balance.record_cancellation(ctx.session, case)


def _hand_over_report(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    for task in case.open_tasks:
        if task.kind == "report_back":
            tasks.close(task, ctx.actor, "extended", status="cancelled")


def _record_return(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    case.leave.actual_return_date = ctx.data["actual_return_date"]
    # Working days past the end are absence: up to the return, or (篇六) up to this report back.
    until = clock.today() if overstay.until_report(ctx.session, case) else case.leave.actual_return_date
    overstay.record_absence(ctx.session, case, until)
    # 004 第十六条 "批准请假的部门，应对驻村工作队请销假情况登记备案"; 篇九 "向准假单位销假，准假单位要将请销假
    # 情况记录备案": the offices that approved the leave (or took the report) receive the return as a filing.
    approval.file(ctx.session, case, reason="report_back", offices=_approving_offices(case))
    for task in case.open_tasks:
        if task.kind == "report_back":
            tasks.close(task, ctx.actor, "report_back")
        elif task.kind == "complete":
            # The days to complete the written request run from the day the cadre came back.
            task.due_date = _completion_due(_rules(case, ctx), back=case.leave.actual_return_date)


def _approving_offices(case: Case) -> list[str]:
    """Every office on the leave's route, in order, once; for a report (no route), those it was filed with."""
    if not case.route:
        return list(case.filing)
    return list(dict.fromkeys(code for step in case.route for code in step["approvers"]))


def _completion_due(rules: dict, back: date) -> date:
    """篇六: the written request is due within the policy's days of the cadre's return."""
    return back + timedelta(days=rules["proxy"]["complete_within_days"])


def _record_completion(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    case.leave.completed_at = utcnow()
    for task in case.open_tasks:
        if task.kind == "complete":
            tasks.close(task, ctx.actor, "complete")


def _record_stand_in(event: EventData) -> None:
    tasks.close(_ctx(event).data["task"], _ctx(event).actor, "arranged")


TRANSITIONS = [
    {"trigger": "submit", "source": "draft", "dest": "reported", "conditions": _is_report,
     "before": [_check_blackout, _check_no_overlap], "after": _file_report},
    {"trigger": "submit", "source": ["draft", "returned"], "dest": "pending",
     "before": [_check_blackout, _check_no_overlap, _check_limits, _check_documents], "after": _start_route},
    {"trigger": "approve", "source": "pending", "dest": "pending", "conditions": _has_next_step,
     "after": _advance},
    {"trigger": "approve", "source": "pending", "dest": "approved", "after": _finish_approval},
    {"trigger": "reject", "source": "pending", "dest": "rejected", "after": _cancel_open},
    {"trigger": "return", "source": "pending", "dest": "returned", "after": _send_back},
    {"trigger": "withdraw", "source": ["draft", "pending", "returned"], "dest": "withdrawn",
     "after": _cancel_open},
    {"trigger": "report_back", "source": ["approved", "reported"], "dest": "closed", "after": _record_return},
    {"trigger": "cancel", "source": "approved", "dest": "cancelled", "after": _undo_approval},
    {"trigger": "extended", "source": "approved", "dest": "extended", "after": _hand_over_report},
    # The dispatching unit names a stand-in: the leave itself does not move (an internal transition).
    {"trigger": "arrange_stand_in", "source": ["approved", "closed"], "dest": None, "after": _record_stand_in},
    # 篇六: the cadre completes in writing a leave a proxy entered for them; the state does not move.
    {"trigger": "complete", "source": ["pending", "returned", "approved", "closed", "extended"], "dest": None,
     "after": _record_completion},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="draft",
                  send_event=True, auto_transitions=False, name="leave")
