"""Opening term-end cases by the calendar: each day the sweep opens one for every term still running
whose planned end is at most the policy's `notice_days` away (the policy of the term's village), with
a `decide_term_end` task for the cadre's dispatching unit. Once per term and planned end: a second
sweep, or a later day, opens nothing more for it; an extension moves the planned end, and the new one
gets its own case when its day comes."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, joinedload

from models import OrgUnit, Person, Team, Term, TermEnd
from workflows import engine, offices, policy, tasks
from workflows.errors import Conflict
from workflows.sweep import register_job
from workflows.system import system_user
from workflows.term_end import rules
from workflows.term_end.machine import DECIDE_TASK, DECIDER

KIND = "term_end"


def _horizon(session: Session) -> int:
    """The most days ahead any policy in use opens a case: how far the sweep needs to look."""
    ids = session.scalars(select(OrgUnit.policy_id).where(OrgUnit.policy_id.is_not(None)).distinct()).all()
    bodies = [v.body for v in (policy.latest(session, i) for i in ids) if v is not None]
    return max((rules.section(b)["notice_days"] for b in bodies), default=rules.section(None)["notice_days"])


def _terms_near_end(session: Session, on: date) -> list[Term]:
    """Running terms ending within the horizon with no case yet for their planned end, in one statement
    with their team, village and cadre."""
    opened = exists().where(and_(TermEnd.term_id == Term.id, TermEnd.planned_end_date == Term.planned_end_date))
    last = on + timedelta(days=_horizon(session))
    return list(session.scalars(
        select(Term).where(Term.end_date.is_(None), Term.planned_end_date >= on, Term.planned_end_date <= last,
                           ~opened)
        .options(joinedload(Term.team).joinedload(Team.village), joinedload(Term.person).joinedload(Person.home_unit))
        .order_by(Term.planned_end_date, Term.id)).unique())


def open_due(session: Session, on: date) -> list[tuple[TermEnd, str | None]]:
    """Open the cases owed on `on`; the caller commits. Each opened row, or a term skipped with why."""
    found, versions, actor = [], {}, None
    for term in _terms_near_end(session, on):
        village = term.team.village
        try:
            version = policy.in_force(session, village, versions)
        except Conflict:
            continue  # no policy over the village: nobody's rules say when to ask
        section = rules.section(version.body)
        if term.planned_end_date - timedelta(days=section["notice_days"]) > on:
            continue  # this policy asks later
        if offices.resolve(DECIDER, village, term.person) is None:
            found.append((term, "no_dispatching_unit"))  # nobody could decide it: said, not opened
            continue
        actor = actor or system_user(session)
        case = engine.open_case(session, KIND, actor, version, org_unit=village, subject=term.person, village=village,
                                payload={"term_id": term.id, "planned_end_date": term.planned_end_date.isoformat()})
        row = TermEnd(case=case, term=term, planned_end_date=term.planned_end_date)
        session.add(row)
        tasks.open_office_task(session, case, DECIDE_TASK, 0, DECIDER, section["decide_within_days"])
        session.flush()
        found.append((row, None))
    return found


def _line(found, skipped: str | None) -> str:
    if skipped is not None:
        return f"term end: term {found.id} of {found.person.name} not opened ({skipped})"
    term = found.term
    return (f"term end: case {found.case_id} ({term.person.name}, {term.team.name}, "
            f"planned end {found.planned_end_date.isoformat()})")


def opening_job(session: Session, on: date) -> list[str]:
    return [_line(found, skipped) for found, skipped in open_due(session, on)]


# After the sweep's own jobs (reminders, escalation, overstay), like the other procedures' jobs.
register_job("term_ends", opening_job, order=60)
