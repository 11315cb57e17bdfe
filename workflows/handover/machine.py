"""The handover workflow (交接, domain §5).

    listing ──submit──▶ reviewing ──(every item reviewed, none disputed)──▶ signing ──approve…──▶ done
       ▲                    │                                                  │
       └──submit── returned ◀──(an item disputed)──────────────────────────────┘ (return, with reasons)
    listing / reviewing / returned / signing ──cancel──▶ cancelled

The outgoing cadre (or, where they cannot take part, the office listing for them) lists the items
and submits; the incoming cadre confirms or disputes each; a dispute goes back to the outgoing cadre,
who resolves it and submits again; then the route of signatures (the team leader, the township).
Done: the terms switch on the handover date and the record is filed (workflows.handover.sign_off).

One Machine for every handover case, built once with no model; actions fire events on ORM rows."""
from transitions import EventData, Machine

from models import Case
from workflows import approval, due, policy, tasks
from workflows.handover import hooks, parties, rules

STATES = ["listing", "reviewing", "returned", "signing", "done", "cancelled"]
FINAL_STATES = {"done", "cancelled"}
# The state the route of signatures runs in.
SIGNING = "signing"
LIST_TASK = "list_items"
REVIEW_TASK = "review_items"
FILE_TASK = "file_record"
# The states in which the outgoing side lists or resolves items.
LISTING_STATES = ("listing", "returned")


def section(case: Case, session) -> dict:
    return rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))


def _ctx(event: EventData):
    return event.kwargs["ctx"]


def _close(case: Case, ctx, kind: str, outcome: str) -> None:
    for task in [t for t in case.open_tasks if t.kind == kind]:
        tasks.close(task, ctx.actor, outcome)


def open_list_task(session, case: Case) -> None:
    """The outgoing cadre's task; where they cannot take part, the office that lists for them: the team
    leader, or the township when the leader is the one leaving (the township witnesses either way)."""
    days = section(case, session)["list_within_days"]
    user = parties.outgoing_user(case)
    if user is not None and not case.handover.outgoing_absent:
        tasks.open_user_task(session, case, LIST_TASK, user, due.for_task(session, case, LIST_TASK, calendar_days=days))
    else:
        tasks.open_office_task(session, case, LIST_TASK, 0, parties.lister_office(case), days)


def _to_review(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    _close(case, ctx, LIST_TASK, "submit")
    days = section(case, ctx.session)["review_within_days"]
    tasks.open_user_task(ctx.session, case, REVIEW_TASK, parties.incoming_user(case),
                         due.for_task(ctx.session, case, REVIEW_TASK, calendar_days=days))


def _any_disputed(event: EventData) -> bool:
    return any(i.status == "disputed" for i in event.model.handover.items)


def _back_to_outgoing(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    _close(case, ctx, REVIEW_TASK, event.event.name)
    tasks.cancel_open(case, ctx.actor, event.event.name)
    open_list_task(ctx.session, case)


def _start_signing(event: EventData) -> None:
    case, ctx = event.model, _ctx(event)
    _close(case, ctx, REVIEW_TASK, "reviewed")
    approval.start(ctx.session, case, rules.sign_route(section(case, ctx.session), parties.leader_leaving(case)),
                   section(case, ctx.session)["file_with"], None)


def _has_next_step(event: EventData) -> bool:
    return approval.has_next_step(event.model)


def _advance(event: EventData) -> None:
    approval.advance(_ctx(event).session, event.model, None)


def _signed(event: EventData) -> None:
    from workflows.handover import sign_off
    sign_off.complete(_ctx(event).session, event.model, _ctx(event).actor)


def _cancel_open(event: EventData) -> None:
    tasks.cancel_open(event.model, _ctx(event).actor, event.event.name)
    hooks.cancelled(_ctx(event).session, event.model, _ctx(event).actor)


TRANSITIONS = [
    {"trigger": "submit", "source": list(LISTING_STATES), "dest": "reviewing", "after": _to_review},
    # Fired by the last confirm_item / dispute_item of a round, not offered to anyone.
    {"trigger": "reviewed", "source": "reviewing", "dest": "returned", "conditions": _any_disputed,
     "after": _back_to_outgoing},
    {"trigger": "reviewed", "source": "reviewing", "dest": "signing", "after": _start_signing},
    {"trigger": "approve", "source": "signing", "dest": "signing", "conditions": _has_next_step, "after": _advance},
    {"trigger": "approve", "source": "signing", "dest": "done", "after": _signed},
    {"trigger": "return", "source": "signing", "dest": "returned", "after": _back_to_outgoing},
    {"trigger": "cancel", "source": ["listing", "reviewing", "returned", "signing"], "dest": "cancelled",
     "after": _cancel_open},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="listing",
                  send_event=True, auto_transitions=False, name="handover")
