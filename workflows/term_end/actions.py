"""What the dispatching unit does with a term-end case (api.md, "Handover", last bullet): extend the
term to a new end date, or rotate it by naming a successor and a handover date, which opens the
handover (workflows.handover.services). Both read the case's pinned policy."""
from __future__ import annotations

from models import Person
from workflows import engine, fields, people, policy, tasks
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.handover.services import Opening, open_handover
from workflows.registry import Action
from workflows.term_end import rules
from workflows.term_end.machine import DECIDE_TASK


def _my_task(case, user):
    return tasks.held_by(case, user, DECIDE_TASK)


def _may_decide(user, case) -> bool:
    return case.state == "deciding" and _my_task(case, user) is not None


def _check(case, ctx, event: str):
    """The decision is the task holder's, once, on a term still running."""
    if not engine.allowed(case, event):
        raise Conflict("action_not_allowed", action=event, state=case.state)
    if _my_task(case, ctx.actor) is None:
        raise Forbidden("no_open_task")
    term = case.term_end.term
    if term.end_date is not None:
        raise Conflict("term_already_ended", end_date=term.end_date.isoformat())
    return term


def _required(data: dict, name: str):
    value = data.get(name)
    if value is None:
        raise InvalidInput("required", name)
    return value


def _extend(case, ctx):
    term = _check(case, ctx, "extend")
    end = _required(ctx.data, "end_date")
    before = term.planned_end_date
    limit = people.years_after(before, policy.term_years(rules.body_of(ctx.session, case)))
    if end <= before:
        raise InvalidInput("extension_not_later", "end_date", planned_end=before.isoformat())
    if end > limit:
        raise InvalidInput("extension_too_long", "end_date", latest=limit.isoformat())
    term.planned_end_date = end
    case.term_end.decision, case.term_end.new_end_date = "extend", end
    engine.fire(case, "extend", ctx)
    return {"term_id": term.id, "planned_end_date": {"before": before.isoformat(), "after": end.isoformat()}}


def _rotate(case, ctx):
    term = _check(case, ctx, "rotate")
    person_id = _required(ctx.data, "incoming_person_id")
    on = _required(ctx.data, "handover_date")
    overlap = rules.of_case(ctx.session, case)["overlap_days"]
    earliest = rules.earliest_handover(overlap)
    if on < earliest:
        raise InvalidInput("overlap_too_short", "handover_date", days=overlap, earliest=earliest.isoformat())
    if on > term.planned_end_date:
        raise InvalidInput("handover_after_term", "handover_date", planned_end=term.planned_end_date.isoformat())
    incoming = ctx.session.get(Person, person_id)
    if incoming is None:
        raise InvalidInput("unknown_person", "incoming_person_id")
    handover = open_handover(ctx.session, ctx.actor, Opening(term, incoming, on, "term_end", parent=case))
    ctx.session.flush()  # the handover case's id, which the decision keeps
    case.term_end.decision, case.term_end.handover_case_id = "rotate", handover.id
    engine.fire(case, "rotate", ctx)
    assessment = _assess_at_end(ctx, term)
    return {"term_id": term.id, "incoming": {"id": incoming.id, "name": incoming.name},
            "handover_date": on.isoformat(),
            "handover_case_id": handover.id,
            "assessment_case_id": assessment.id if assessment is not None else None}


def _assess_at_end(ctx, term):
    """篇十五 期满考核: a term that really ends (rotated, not extended) is assessed by the dispatching unit."""
    from workflows.assessment.term_end import assess_at_term_end  # term end knows assessment only here
    return assess_at_term_end(ctx.session, ctx.actor, term)


def _read_extend(data: dict) -> dict:
    return {"end_date": fields.a_date(data, "end_date")}


def _read_rotate(data: dict) -> dict:
    return {"incoming_person_id": fields.integer(data, "incoming_person_id", low=1, high=fields.MAX_ID),
            "handover_date": fields.a_date(data, "handover_date")}


# In the order the page and the API offer them.
ACTIONS = {
    "rotate": Action(_rotate, who=_may_decide, read=_read_rotate),
    "extend": Action(_extend, who=_may_decide, read=_read_extend),
}
