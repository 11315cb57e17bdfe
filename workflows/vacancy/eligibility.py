"""Who may fill a vacancy. Each rule refuses with the reason, naming the field the caller gave.

- the person exists and serves on no team from the day in question on (一村一队: one posting at a time);
- under a policy that excludes grades (篇九 第五条(四) "近两年考核被评为基本称职及以下等次的"), no annual
  grade of the last GRADE_YEARS years and this one among them;
- under keep_one_of_previous_batch (001 第四条 "至少保留1名上一批工作队员"), the team still holds, on the
  replacement's first day, a member whose term began before the case that opened the vacancy."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models import Person, Vacancy
from workflows import clock, people, records
from workflows.errors import Conflict, InvalidInput
from workflows.vacancy.rules import GRADE_YEARS


def check(session: Session, vacancy: Vacancy, person_id: int, start: date, section: dict) -> Person:
    """The eligible replacement, or the refusal saying why."""
    if start < vacancy.opened_on:
        raise InvalidInput("before_vacancy", "start_date", date=vacancy.opened_on.isoformat())
    person = session.get(Person, person_id)
    if person is None:
        raise InvalidInput("replacement_not_found", "person_id", id=person_id)
    _not_posted(person, start)
    not_graded_out(session, person, section["replacement_excluded_grades"])
    if section["keep_one_of_previous_batch"]:
        keep_one(vacancy, start)
    return person


def _not_posted(person: Person, start: date) -> None:
    """A term that has not ended by today (or by the start date) holds the person elsewhere."""
    since = min(clock.today(), start)
    held = next((t for t in person.terms if people.last_day(t) >= since), None)
    if held is not None:
        raise InvalidInput("on_another_team", "person_id", team=held.team.name)


def not_graded_out(session: Session, person: Person, excluded: list[str], field: str = "person_id") -> None:
    """Refuse a person graded so in the last years (篇九 第五条(四)); also the replacement an adjustment
    application names (篇九 第七条 "合格的接替人选"), under its own field."""
    if not excluded:
        return
    first_year = clock.today().year - GRADE_YEARS
    for grade in records.grades(session, person):
        year = grade["period"][:4]
        if grade["kind"] == "annual" and year.isdigit() and int(year) >= first_year and grade["grade"] in excluded:
            raise InvalidInput("excluded_grade", field, grade=grade["grade"], period=grade["period"])


def keep_one(vacancy: Vacancy, start: date) -> None:
    """The team keeps one member of the batch serving before the change (its case) began."""
    began = vacancy.case.created_at.date()
    previous = [t for t in vacancy.team.terms
                if t.person_id != vacancy.left_person_id and t.start_date < began and t.covers(start)]
    if not previous:
        raise Conflict("keep_one_of_previous_batch", "person_id", team=vacancy.team.name)
