"""The vacancy a recall or an adjustment leaves (domain §4: "every adjustment or recall leaves a vacancy:
the dispatching unit must send a replacement promptly, and the change must be filed … within 3 days").

When the recall workflow ends a cadre's term (workflows.recall.hooks), the team gets a Vacancy row
and the cadre's dispatching unit two tasks on the recall case: `name_replacement` (due in the policy's
replacement_due_days) and, where the policy files a change of members, `file_change` (due in
file_within_days calendar days; late, it shows overdue like any task). Runs in the caller's
transaction."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Person, Team, Term, User, Vacancy, utcnow
from models.org import LEADING_POSITIONS
from workflows import clock, people, policy, tasks
from workflows.recall import hooks
from workflows.errors import Conflict
from workflows.vacancy import handover, leadership, rules

NAME_TASK = "name_replacement"
FILE_TASK = "file_change"
# The office that names the replacement and files the change: the unit that sent the cadre.
UNIT_OFFICE = "dispatching_unit"


def settings_for(session: Session, case: Case) -> dict:
    """The `[vacancy]` rules of the policy version the case was opened under."""
    return rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))


def team_settings(session: Session, team: Team) -> dict:
    """The `[vacancy]` rules the team's village runs under now (defaults where it has no policy)."""
    try:
        return rules.settings(policy.in_force(session, team.village).body)
    except Conflict:
        return rules.settings(None)


def _ended_term(case: Case, on: date) -> Term | None:
    """The term the case ended: the subject's term at the case's village that ended on `on`, else
    (the workflow may end it after telling us) their latest term there."""
    terms = [t for t in case.subject.terms if case.village_id is None or t.team.village_id == case.village_id]
    ended = [t for t in terms if t.end_date == on]
    found = ended or terms
    return max(found, key=lambda t: (t.start_date, t.id)) if found else None


@hooks.on_term_ended
def open_vacancy(session: Session, case: Case, on: date) -> Vacancy | None:
    """The post the case's cadre left, and the dispatching unit's tasks to fill it and file the change."""
    term = _ended_term(case, on)
    if term is None:
        return None  # the cadre held no post there: nothing was left empty
    section = settings_for(session, case)
    # The cadre serves through `on`, their term's last day: the post is empty from the next.
    vacancy = Vacancy(team=term.team, position=term.position, left_person=case.subject, left_term=term,
                      case=case, opened_on=on + timedelta(days=1))
    session.add(vacancy)
    tasks.open_office_task(session, case, NAME_TASK, 0, UNIT_OFFICE, section["replacement_due_days"])
    open_filing_task(session, case, section)
    if term.position in LEADING_POSITIONS:
        leadership.leader_left(vacancy)
    return vacancy


def open_filing_task(session: Session, case: Case, section: dict) -> None:
    """004 第十七条: a change of members is filed within file_within_days. One open task files every
    change made before it is done (the departure and the replacement together)."""
    if not section["file_change_with"]:
        return
    if any(t.kind == FILE_TASK for t in case.open_tasks):
        return
    tasks.open_office_task(session, case, FILE_TASK, 0, UNIT_OFFICE, section["file_within_days"])


def vacancy_of(session: Session, case: Case) -> Vacancy | None:
    return session.scalars(select(Vacancy).where(Vacancy.case_id == case.id)).first()


def open_vacancies(session: Session, team: Team) -> list[Vacancy]:
    """The team's posts still empty, oldest first."""
    return list(session.scalars(select(Vacancy).where(Vacancy.team_id == team.id, Vacancy.filled_at.is_(None))
                                .order_by(Vacancy.opened_on, Vacancy.id)))


def planned_end(vacancy: Vacancy, start: date, term_years: int) -> date:
    """The replacement serves out the batch's term; one who starts after it would have ended serves
    a term of its own."""
    left = vacancy.left_term
    if left is not None and left.planned_end_date > start:
        return left.planned_end_date
    return people.planned_end(start, term_years)


def fill(session: Session, case: Case, vacancy: Vacancy, person: Person, start: date, actor: User) -> Term:
    """The replacement's term on the team, in the same post, from `start`; the vacancy filled; the
    change filed where the policy says; and the handover begun."""
    body = policy.pinned_body(session, case.policy_id, case.policy_version) or {}
    term = Term(person=person, team=vacancy.team, position=vacancy.position, start_date=start,
                planned_end_date=planned_end(vacancy, start, policy.term_years(body)))
    session.add(term)
    vacancy.filled_by, vacancy.filled_term, vacancy.filled_at = person, term, utcnow()
    open_filing_task(session, case, settings_for(session, case))
    handover.begin(session, vacancy, term, actor)
    return term


def replacement(case: Case) -> dict | None:
    """The replacement named for the post the case left empty, as a recall's details give it under
    "replacement" (api.md): {"person": {"id", "name"}, "start_date", "position"}; None until named."""
    vacancy = case.vacancy
    if vacancy is None or vacancy.filled_by is None:
        return None
    return {"person": {"id": vacancy.filled_by.id, "name": vacancy.filled_by.name},
            "start_date": vacancy.filled_term.start_date.isoformat(), "position": vacancy.position}


def candidates(session: Session, case: Case) -> list[Person]:
    """Whom the page offers to fill the post: the dispatching unit's own people serving on no team now
    (the eligibility check still decides when one is named)."""
    unit_id = case.subject.home_unit_id if case.subject is not None else None
    if unit_id is None:
        return []
    today = clock.today()
    found = session.scalars(select(Person).where(Person.home_unit_id == unit_id).order_by(Person.name)).all()
    return [p for p in found if p.id != case.subject_person_id and p.current_term(today) is None
            and not any(t.start_date > today for t in p.terms)]
