"""The explanation workflow (情况说明, 004 第十八条): the cadre a spot check found absent writes it, the
dispatching unit's head signs it, the county office decides: excused (the day is not absence) or
counted. Either way it is filed with the county organisation department and rural-revitalisation
bureau, and goes to the city with its month's batch (workflows.spot_checks.batch).

One Machine for every explanation case, built once with no model; actions fire events on ORM rows."""
from transitions import EventData, Machine

from models import Case, utcnow
from workflows import approval, calendar, clock, policy, tasks
from workflows.engine import ActionContext
from workflows.spot_checks import rules

STATES = ["open", "pending", "returned", "excused", "counted"]
# Decided: the day is excused, or counted as absence. Nothing moves a decided explanation again.
DECIDED_STATES = ("excused", "counted")


def _ctx(event: EventData) -> ActionContext:
    return event.kwargs["ctx"]


def section(session, case: Case) -> dict:
    """The [spot_checks] section of the policy version the case was opened under."""
    return rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))


def open_explain_task(session, case: Case) -> None:
    """The cadre's task to write (or correct) the explanation, due the policy's working days from today."""
    cadre = tasks.subject_user(session, case)
    if cadre is None:
        return  # a cadre with no account: the case waits on the page of whoever helps them
    days = section(session, case)["explain_within_days"]
    tasks.open_user_task(session, case, "explain", cadre, due=calendar.add_working_days(session, clock.today(), days))


def _record_text(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    case.explanation.text = ctx.data["text"]
    case.explanation.submitted_at = utcnow()
    for task in case.open_tasks:
        if task.kind == "explain":
            tasks.close(task, ctx.actor, "submit")


def _start_route(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    approval.start(ctx.session, case, rules.route(section(ctx.session, case)),
                   section(ctx.session, case)["file_with"], due_days=None)


def _has_next_step(event: EventData) -> bool:
    return approval.has_next_step(event.model)


def _advance(event: EventData) -> None:
    approval.advance(_ctx(event).session, event.model, due_days=None)


def _decided(event: EventData) -> None:
    """Excused or counted: dated for the monthly batch, and filed with the county offices (报…备案)."""
    case, ctx = event.model, _ctx(event)
    tasks.cancel_open(case, ctx.actor, event.event.name)
    case.explanation.decided_on = clock.today()
    approval.file(ctx.session, case, reason=event.event.name)


def _send_back(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    tasks.cancel_open(case, ctx.actor, "return")
    open_explain_task(ctx.session, case)


TRANSITIONS = [
    {"trigger": "submit", "source": ["open", "returned"], "dest": "pending", "before": _record_text,
     "after": _start_route},
    {"trigger": "approve", "source": "pending", "dest": "pending", "conditions": _has_next_step, "after": _advance},
    {"trigger": "approve", "source": "pending", "dest": "excused", "after": _decided},
    {"trigger": "reject", "source": "pending", "dest": "counted", "after": _decided},
    {"trigger": "return", "source": "pending", "dest": "returned", "after": _send_back},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="open",
                  send_event=True, auto_transitions=False, name="explanation")
