"""A cadre's daily entry (工作日志 / 民情日记): written on the day, revised that day only, every wording
kept; and who reads whose entries (the person record's read rule, workflows/people.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Person, Team, User, WorkLogEntry, WorkLogRevision, utcnow
from workflows import clock, fields, locks, people
from workflows.errors import Forbidden, InvalidInput

# 户 visited in one day: more than this is a typing error, not a day's walk.
MAX_HOUSEHOLDS = 500


@dataclass(frozen=True)
class EntryInput:
    work_done: str
    households_count: int | None = None
    households: str | None = None
    note: str | None = None


def read_input(data: dict) -> EntryInput:
    """The entry's fields from an API body or a form: what was done is required; the households a
    count, names, or both; a note."""
    day = fields.a_date(data, "date", required=False)
    if day is not None and day != clock.today():
        # An entry is written on its day and changed that day only: yesterday's stands as written.
        raise InvalidInput("work_log_today_only", "date", today=clock.today().isoformat())
    return EntryInput(
        work_done=fields.text(data, "work_done"),
        households_count=fields.integer(data, "households_count", required=False, low=0, high=MAX_HOUSEHOLDS),
        households=fields.text(data, "households", required=False),
        note=fields.text(data, "note", required=False))


def _team_of(person: Person | None, on: date) -> Team:
    term = person.current_term(on) if person is not None else None
    if term is None:
        raise Forbidden("work_log_not_posted")
    return term.team


def today_entry(session: Session, person_id: int) -> WorkLogEntry | None:
    return session.scalars(select(WorkLogEntry).where(
        WorkLogEntry.person_id == person_id, WorkLogEntry.day == clock.today())).first()


def write(session: Session, actor: User, inp: EntryInput) -> tuple[WorkLogEntry, bool]:
    """Today's entry of the actor: written, or revised if they wrote one today. Returns (entry,
    created). The caller commits."""
    today = clock.today()
    team = _team_of(actor.person, today)
    locks.lock_person(session, actor.person_id)  # two tabs saving at once: one entry, two revisions
    entry = today_entry(session, actor.person_id)
    created = entry is None
    if created:
        entry = WorkLogEntry(person_id=actor.person_id, team_id=team.id, day=today, revision=0,
                             work_done=inp.work_done)
        session.add(entry)
    entry.work_done, entry.households_count = inp.work_done, inp.households_count
    entry.households, entry.note = inp.households, inp.note
    entry.revision += 1
    entry.updated_at = utcnow()
    session.add(WorkLogRevision(entry=entry, seq=entry.revision, work_done=inp.work_done,
                                households_count=inp.households_count, households=inp.households,
                                note=inp.note, written_by_id=actor.id))
    session.flush()
    return entry, created


def _month_query(start: date, end: date):
    return (select(WorkLogEntry).where(WorkLogEntry.day >= start, WorkLogEntry.day <= end)
            .options(selectinload(WorkLogEntry.person), selectinload(WorkLogEntry.revisions))
            .order_by(WorkLogEntry.day, WorkLogEntry.person_id))


def of_person(session: Session, reader: User, person_id: int, start: date, end: date) -> list[WorkLogEntry]:
    """A cadre's entries of a period, for a reader who may read the cadre's record (else 403)."""
    people.readable_person(session, person_id, reader, clock.today())
    return list(session.scalars(_month_query(start, end).where(WorkLogEntry.person_id == person_id)))


def of_team(session: Session, reader: User, team_id: int, start: date, end: date) -> list[WorkLogEntry]:
    """A team's entries of a period, for a reader who may read the team (else 403): of those, the
    entries of the cadres whose record the reader may read (a dispatching unit reads its own)."""
    today = clock.today()
    people.readable_team(session, team_id, reader, today)
    found = session.scalars(_month_query(start, end).where(WorkLogEntry.team_id == team_id)).all()
    allowed: dict[int, bool] = {}
    for entry in found:
        if entry.person_id not in allowed:
            allowed[entry.person_id] = people.may_read_person(reader, entry.person, today)
    return [e for e in found if allowed[e.person_id]]
