"""What a signed handover changes (domain §5, api.md "done"): the outgoing term ends and the incoming term
starts on the handover date; the cadre's role at the village, and a leader's office with the tasks
it holds, pass to the successor (each moved task's case records it); the record is to be filed with
the county. Runs inside the sign-off's transaction."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Task, Term, User
from workflows import history, people, policy, tasks
from workflows.handover import machine, parties
from workflows.vacancy import leadership

# The history event on a case whose open task followed the leader's office to the successor.
OFFICE_MOVED = "office_handed_over"


def complete(session: Session, case: Case, actor: User) -> None:
    handover = case.handover
    on = handover.handover_date
    term = handover.outgoing_term
    if term.end_date is None or term.end_date > on:
        term.end_date = on
    if handover.incoming_term is None:
        handover.incoming_term = _incoming_term(session, case, on)
        session.add(handover.incoming_term)
    village = handover.team.village
    leadership.grant_cadre(handover.incoming_person, village)
    if parties.leader_leaving(case) and leadership.holds_office(case.subject, village):
        _move_leader_office(session, case, actor)
    section = machine.section(case, session)
    tasks.open_office_task(session, case, machine.FILE_TASK, 0, section["filed_by"], section["file_within_days"])


def _incoming_term(session: Session, case: Case, on) -> Term:
    """The post from the handover date: a member of the team taking over the leader's post ends their
    member's term the day before and serves out its planned end in the new post; anyone else starts a
    term of the policy's length."""
    handover = case.handover
    post = handover.outgoing_term.position
    held = next((t for t in handover.incoming_person.terms
                 if t.team_id == handover.team_id and t.end_date is None and t.start_date < on), None)
    if held is not None:
        held.end_date = on - timedelta(days=1)
        return Term(person=handover.incoming_person, team=handover.team, position=post, start_date=on,
                    planned_end_date=held.planned_end_date)
    return Term(person=handover.incoming_person, team=handover.team, position=post, start_date=on,
                planned_end_date=people.planned_end(on, policy.term_years(
                    policy.pinned_body(session, case.policy_id, case.policy_version))))


def _move_leader_office(session: Session, case: Case, actor: User) -> None:
    """The team leader's office goes from the outgoing leader to the successor (a recalled leader's went
    to the replacement when named). Its open tasks are addressed to the office, so they follow it;
    each one's case says so in its history."""
    handover, village = case.handover, case.handover.team.village
    leadership.revoke_office(case.subject, village)
    leadership.grant_office(handover.incoming_person, village)
    moved = session.scalars(select(Task).where(Task.status == "open", Task.office_code == leadership.LEADER_OFFICE,
                                               Task.org_unit_id == village.id)).all()
    payload = {"office": leadership.LEADER_OFFICE, "from": {"id": case.subject.id, "name": case.subject.name},
               "to": {"id": handover.incoming_person.id, "name": handover.incoming_person.name},
               "handover_case_id": case.id}
    for other in sorted({t.case for t in moved if t.case_id != case.id}, key=lambda c: c.id):
        history.record(session, other, actor, OFFICE_MOVED, other.state, None,
                       {**payload, "tasks": [t.id for t in moved if t.case_id == other.id]})
