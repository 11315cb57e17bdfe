"""The recall workflow. So far: a draft (proposed by the system on a ground it knows, or by an office)
that the county office withdraws with a comment → dismissed. A person decides: the system never
recalls by itself. The proposal, decision, notice and confirmation steps of issue 12 extend STATES and
TRANSITIONS.

One Machine for every recall case, built once with no model; actions fire events on ORM rows."""
from transitions import EventData, Machine

from workflows import tasks

STATES = ["draft", "dismissed"]
# The county office's task on a draft the system opened: take it up as a proposal, or withdraw it.
PROPOSE_TASK = "propose"


def _close_tasks(event: EventData) -> None:
    ctx = event.kwargs["ctx"]
    for task in event.model.open_tasks:
        tasks.close(task, ctx.actor, event.event.name)


TRANSITIONS = [
    {"trigger": "withdraw", "source": "draft", "dest": "dismissed", "after": _close_tasks},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="draft",
                  send_event=True, auto_transitions=False, name="recall")
