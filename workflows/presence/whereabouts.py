"""The whereabouts board (去向牌, 001 第九条（二）"建立去向牌制度"): where each cadre posted to a village,
or to the villages of a township, is today — in the village (signed in at …), on leave or an official
trip until …, not signed in yet, absent, or a rest day. Read from the day's derived status, today's
sign-ins and the leaves covering today, in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import OrgUnit, Person, SignIn, Team, Term, User
from workflows import calendar, people
from workflows.errors import Forbidden, NotFound
from workflows.presence import days as presence_days


@dataclass(frozen=True)
class Entry:
    person: Person
    village: OrgUnit
    position: str
    status: str            # present / trip / leave / open (not signed in yet) / absent / rest / no_record
    late: bool
    signed_at: datetime | None
    away: presence_days.Away | None


def unit_for(session: Session, unit_id: int, reader: User, today: date) -> OrgUnit:
    """The village or township whose board the reader may see: the offices at it or over it, and the
    cadres of the village's own team."""
    unit = session.get(OrgUnit, unit_id)
    if unit is None or unit.kind not in ("village", "township"):
        raise NotFound("not_found", "unit_id")
    if people.holds_office_over(reader, unit):
        return unit
    if unit.kind == "village" and reader.person is not None:
        term = reader.person.current_term(today)
        if term is not None and term.team.village_id == unit.id:
            return unit
    raise Forbidden("not_your_unit")


def _posted(session: Session, unit: OrgUnit, today: date) -> list[Term]:
    """The terms running today in the unit's villages, by village and post."""
    village_ids = [unit.id] if unit.kind == "village" else list(session.scalars(
        select(OrgUnit.id).where(OrgUnit.parent_id == unit.id, OrgUnit.kind == "village")))
    terms = session.scalars(
        select(Term).join(Team, Team.id == Term.team_id)
        .where(Team.village_id.in_(village_ids), Term.start_date <= today)
        .options(joinedload(Term.person), joinedload(Term.team).joinedload(Team.village))).all()
    running = [t for t in terms if people.last_day(t) >= today]
    return sorted(running, key=lambda t: (t.team.village.name, t.applicant_role != "leader", t.person.name))


def board(session: Session, unit: OrgUnit, today: date) -> list[Entry]:
    terms = _posted(session, unit, today)
    ids = [t.person_id for t in terms]
    derived = presence_days.statuses(session, ids, today, today, today)
    signed = dict(session.execute(select(SignIn.person_id, SignIn.at).where(
        SignIn.person_id.in_(ids), SignIn.day == today)).all()) if ids else {}
    away = {a.person_id: a for a in presence_days.granted_away(session, ids, today, today) if a.last >= today}
    working = calendar.is_working_day(session, today)
    entries = []
    for term in terms:
        day = derived[term.person_id][today]
        status, gone = day.status, away.get(term.person_id)
        if status == "open":  # today, not signed in: away, resting, or still to come
            status = gone.kind if gone is not None else ("open" if working else "rest")
        entries.append(Entry(term.person, term.team.village, term.position, status, day.late,
                             signed.get(term.person_id), gone))
    return entries
