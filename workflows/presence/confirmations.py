"""篇六 "由值班人员和由第一书记(队长)确认后予以备注": a missed day the policy asks more offices to confirm
waits for them. Who is waited on, who is told, and what the keeper sees of the days still waiting.
Pages and notifications read this module; confirming itself is sign_ins.confirm_missed_day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import MissedDay, Person, User
from models.org import LEADING_POSITIONS
from workflows import notifications, offices, people
from workflows.presence import jurisdiction
from workflows.presence.sign_ins import Posting, _offices_held, _wanted, posting

# The most unconfirmed days a page lists; more than this waiting is a matter for the county, not a list.
LIMIT = 200


@dataclass(frozen=True)
class Waiting:
    """A missed day: the offices that have confirmed it (office, user) and those still to."""
    row: MissedDay
    confirmed_by: list[tuple[str, User | None]]
    pending: list[str]
    mine: list[str]   # of the pending offices, those the reader holds


def pending_offices(session: Session, row: MissedDay, post: Posting | None = None) -> list[str]:
    post = post or posting(row.person, row.day)
    settings = jurisdiction.settings_of(session, post.term.team.village)
    return sorted(_wanted(settings, post) - {c["office"] for c in row.confirmations})


def holders(session: Session, code: str, post: Posting, on: date) -> list[User]:
    """The users who may confirm for this office: its holders at the village's unit, and for the
    team leader also the cadre posted to lead the team (第一书记 / 队长)."""
    found = []
    unit = offices.resolve(code, post.term.team.village, post.person) if code != "team_leader" else post.term.team.village
    if unit is not None:
        found += notifications.office_holders(session, code, unit.id)
    if code == "team_leader":
        leaders = [t.person_id for t in people.current_terms(post.term.team.terms, on) if t.position in LEADING_POSITIONS]
        if leaders:
            found += session.scalars(select(User).where(User.person_id.in_(leaders), User.active.is_(True))).all()
    return [u for u in dict.fromkeys(found) if code in _offices_held(session, u, post, [code], on)]


def notify_pending(session: Session, row: MissedDay, actor: User, on: date) -> int:
    """Tell each holder of an office still to confirm the day (not the keeper who recorded it)."""
    post = posting(row.person, row.day)
    told = 0
    for code in pending_offices(session, row, post):
        users = [u for u in holders(session, code, post, on) if u.id != actor.id]
        told += notifications.notify_all(session, users, "reminder", None, "missed_day_to_confirm",
                                         person=row.person.name, date=row.day.isoformat(), office=code)
    return told


def _unconfirmed(session: Session, *where) -> list[MissedDay]:
    return list(session.scalars(select(MissedDay).where(MissedDay.confirmed.is_(False), *where)
                                .options(joinedload(MissedDay.person).joinedload(Person.terms))
                                .order_by(MissedDay.day.desc(), MissedDay.id.desc()).limit(LIMIT)).unique())


def _waiting(session: Session, row: MissedDay, reader: User, on: date, users: dict[int, User]) -> Waiting:
    post = posting(row.person, row.day)
    pending = pending_offices(session, row, post)
    mine = _offices_held(session, reader, post, pending, on) if pending else []
    done = [(c["office"], users.get(c["user_id"])) for c in row.confirmations]
    return Waiting(row, done, pending, mine)


def _users(session: Session, rows: list[MissedDay]) -> dict[int, User]:
    ids = {c["user_id"] for r in rows for c in r.confirmations}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def waiting_for(session: Session, reader: User, on: date) -> list[Waiting]:
    """The missed days waiting for an office the reader holds."""
    rows = _unconfirmed(session)
    users = _users(session, rows)
    found = [_waiting(session, r, reader, on, users) for r in rows]
    return [w for w in found if w.mine]


def kept_by(session: Session, keeper: User, on: date) -> list[Waiting]:
    """The days this keeper recorded that still wait, with who has confirmed so far."""
    rows = _unconfirmed(session, MissedDay.recorded_by_id == keeper.id)
    users = _users(session, rows)
    return [_waiting(session, r, keeper, on, users) for r in rows]
