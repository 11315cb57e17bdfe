"""The term-end workflow (到期: extend or rotate).

    deciding ──extend──▶ extended    (the planned end moves; filed with the county office)
        └────rotate──▶ rotated       (a successor named: the handover case opens)
                          └──reopen──▶ deciding   (that handover was called off: decide again)

The dispatching unit holds the one task, `decide_term_end`. One Machine for every term-end case,
built once with no model; actions fire events on ORM rows."""
from transitions import EventData, Machine

from workflows import tasks

STATES = ["deciding", "extended", "rotated"]
FINAL_STATES = {"extended", "rotated"}
DECIDE_TASK = "decide_term_end"
DECIDER = "dispatching_unit"
# Who is told of an extension (api.md: "filed with the county office").
FILE_EXTENSION_WITH = ("county_office",)


def _close_decision(event: EventData) -> None:
    ctx = event.kwargs["ctx"]
    for task in [t for t in event.model.open_tasks if t.kind == DECIDE_TASK]:
        tasks.close(task, ctx.actor, event.event.name)


def _file_extension(event: EventData) -> None:
    tasks.file_with(event.kwargs["ctx"].session, event.model, FILE_EXTENSION_WITH, reason="extend")


def _ask_again(event: EventData) -> None:
    """The rotation's handover was called off: the unit decides again, with a new task."""
    ctx = event.kwargs["ctx"]
    case = event.model
    case.term_end.decision, case.term_end.handover_case_id = None, None
    tasks.open_office_task(ctx.session, case, DECIDE_TASK, 0, DECIDER, ctx.data.get("decide_within_days"))


TRANSITIONS = [
    {"trigger": "extend", "source": "deciding", "dest": "extended", "after": [_close_decision, _file_extension]},
    {"trigger": "rotate", "source": "deciding", "dest": "rotated", "after": _close_decision},
    # Fired when the handover the rotation opened is called off (workflows.term_end.reopening).
    {"trigger": "reopen", "source": "rotated", "dest": "deciding", "after": _ask_again},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="deciding",
                  send_event=True, auto_transitions=False, name="term_end")
