"""The work-log review (调阅) case: pending with the reviewing office → reviewed, or returned to the
team leader, whose answer sends it back to the office."""
from transitions import EventData, Machine

from workflows import offices, tasks
from workflows.engine import ActionContext

STATES = ["pending", "returned", "reviewed"]


def _ctx(event: EventData) -> ActionContext:
    return event.kwargs["ctx"]


def _close_mine(event: EventData) -> None:
    """The task the actor acted on is done."""
    ctx = _ctx(event)
    tasks.close(ctx.data["task"], ctx.actor, event.event.name)


def _ask_leader(event: EventData) -> None:
    """The reviewer's comment goes to the team leader (the village's team_leader office) to answer."""
    case, ctx = event.model, _ctx(event)
    tasks.open_office_task(ctx.session, case, "answer", 0, "team_leader", None)


def _back_to_reviewer(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    office = case.work_log_review.office_code
    if offices.resolve_for(office, case) is not None:
        tasks.open_office_task(ctx.session, case, "review", 0, office, None)


TRANSITIONS = [
    {"trigger": "approve", "source": "pending", "dest": "reviewed", "after": _close_mine},
    {"trigger": "return", "source": "pending", "dest": "returned", "after": [_close_mine, _ask_leader]},
    {"trigger": "answer", "source": "returned", "dest": "pending", "after": [_close_mine, _back_to_reviewer]},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="pending",
                  send_event=True, auto_transitions=False, name="work_log_review")
