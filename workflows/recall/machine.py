"""The recall workflow (召回 / 调整, domain §4). A person decides: the system never recalls by itself.

    draft ──submit──▶ pending ──approve (each step)──▶ adjusted            (adjustment on application)
      │                  │──approve──▶ notified ──confirm──▶ recalled     (recall: the notice, the talk)
      │                  │──criticize──▶ criticized                       (批评教育: a warning recorded)
      │                  └──reject──▶ rejected
      └──withdraw──▶ dismissed

One Machine for every recall case, built once with no model; actions fire events on ORM rows."""
from datetime import date

from sqlalchemy import select
from transitions import EventData, Machine

from models import Case, Recall, Team, Term
from workflows import approval, clock, policy, tasks
from workflows.recall import hooks, rules

STATES = ["draft", "pending", "notified", "adjusted", "recalled", "criticized", "rejected", "dismissed"]
FINAL_STATES = {"adjusted", "recalled", "criticized", "rejected", "dismissed"}
# Whoever holds a draft (the office the system gave it to, or the one who opened it): submit or withdraw.
PROPOSE_TASK = "propose"
# The dispatching unit's task once the notice is issued: recall the cadre, its head holding a talk (002).
CONFIRM_TASK = "confirm"


def _ctx(event: EventData):
    return event.kwargs["ctx"]


def section(case: Case, session) -> dict:
    return rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))


def tier(case: Case) -> str | None:
    home = case.subject.home_unit if case.subject is not None else None
    return home.tier if home is not None else None


def _close_tasks(event: EventData) -> None:
    ctx = event.kwargs["ctx"]
    for task in event.model.open_tasks:
        tasks.close(task, ctx.actor, event.event.name)


def _start_route(event: EventData) -> None:
    """The route fixed with the concrete offices at the cadre's dispatching unit's level (同级)."""
    case, ctx = event.model, _ctx(event)
    _close_tasks(event)
    rules_ = section(case, ctx.session)
    steps = (rules.adjustment_route(rules_, tier(case)) if case.recall.path == "adjustment"
             else rules.decision_route(rules_, tier(case)))
    approval.start(ctx.session, case, steps, [], None)


def _has_next_step(event: EventData) -> bool:
    return approval.has_next_step(event.model)


def _is_adjustment(event: EventData) -> bool:
    return event.model.recall.path == "adjustment"


def _advance(event: EventData) -> None:
    approval.advance(_ctx(event).session, event.model, None)


def _cancel_open(event: EventData) -> None:
    tasks.cancel_open(event.model, _ctx(event).actor, event.event.name)


OUTCOMES = {"approve": "recall", "reject": "rejected", "criticize": "criticized"}


def _record_decision(event: EventData) -> None:
    event.model.recall.decided_on = clock.today()
    event.model.recall.outcome = OUTCOMES.get(event.event.name, event.event.name)


def _adjust(event: EventData) -> None:
    """Approved at the last step: the term ends on the approval date."""
    case, ctx = event.model, _ctx(event)
    _record_decision(event)
    case.recall.outcome = "adjusted"
    end_term(ctx.session, case, case.recall.decided_on)


def _issue_notice(event: EventData) -> None:
    """召回通知: numbered and dated by the deciding office, to the dispatching unit's inbox."""
    case, ctx = event.model, _ctx(event)
    _record_decision(event)
    r = case.recall
    task = next(t for t in case.tasks if t.kind == "approve" and t.outcome == "approve")
    r.notice_office, r.notice_unit_id = task.office_code, task.org_unit_id
    r.notice_no = notice_number(ctx.session, section(case, ctx.session)["notice_prefix"], r.decided_on)
    tasks.open_office_task(ctx.session, case, CONFIRM_TASK, 0, "dispatching_unit", None)


def notice_number(session, prefix: str, on: date) -> str:
    """The next number of the year with this prefix: 驻村召〔2026〕3号."""
    head = f"{prefix}〔{on.year}〕"
    used = session.scalars(select(Recall.notice_no).where(Recall.notice_no.like(f"{head}%"))).all()
    numbers = [int(n[len(head):-1]) for n in used if n[len(head):-1].isdigit()]
    return f"{head}{max(numbers, default=0) + 1}号"


def _recall(event: EventData) -> None:
    """The dispatching unit recalled the cadre, its head holding the talk: the term ends on the notice date."""
    case, ctx = event.model, _ctx(event)
    r = case.recall
    r.talk_date, r.talk_note = ctx.data["talk_date"], ctx.data.get("note")
    r.outcome = "recalled"
    _close_tasks(event)
    end_term(ctx.session, case, r.decided_on)


def end_term(session, case: Case, on: date) -> None:
    """End the cadre's term on the team of the case's village (if still open), then tell the parts that follow."""
    term = session.scalars(select(Term).join(Term.team).where(
        Term.person_id == case.subject_person_id, Team.village_id == case.village_id,
        Term.start_date <= on, Term.end_date.is_(None))).first()
    if term is not None:
        term.end_date = on
    hooks.term_ended(session, case, on)


def _criticize(event: EventData) -> None:
    _record_decision(event)
    # A warning on the cadre's record (workflows.recall.warnings), which may open a ground-5 draft.
    from workflows.recall import warnings
    warnings.after_criticism(_ctx(event).session, event.model, _ctx(event).actor)


TRANSITIONS = [
    {"trigger": "withdraw", "source": "draft", "dest": "dismissed", "after": _close_tasks},
    {"trigger": "submit", "source": "draft", "dest": "pending", "after": _start_route},
    {"trigger": "approve", "source": "pending", "dest": "pending", "conditions": _has_next_step, "after": _advance},
    {"trigger": "approve", "source": "pending", "dest": "adjusted", "conditions": _is_adjustment, "after": _adjust},
    {"trigger": "approve", "source": "pending", "dest": "notified", "after": _issue_notice},
    {"trigger": "criticize", "source": "pending", "dest": "criticized", "unless": _is_adjustment,
     "after": _criticize},
    {"trigger": "reject", "source": "pending", "dest": "rejected", "after": [_cancel_open, _record_decision]},
    {"trigger": "confirm", "source": "notified", "dest": "recalled", "after": _recall},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="draft",
                  send_event=True, auto_transitions=False, name="recall")
