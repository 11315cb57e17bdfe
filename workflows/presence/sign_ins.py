"""Signing in (签到) and the day a cadre could not sign, recorded by the keeper.

A sign-in is dated by the jurisdiction's day (workflows.clock), never the server's zone: at 23:30 UTC
it is already 07:30 the next day in Beijing. Each runs inside the caller's UnitOfWork."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import MissedDay, Person, SignIn, Term, User
from workflows import clock, locks, offices, people
from workflows.errors import Conflict, Forbidden, InvalidInput, NotFound
from workflows.fields import MAX_ID
from workflows.presence import jurisdiction, rules

NOTE_MAX, LOCATION_MAX, REASON_MAX = 2000, 200, 2000


@dataclass(frozen=True)
class Posting:
    person: Person
    term: Term


def posting(person: Person | None, on: date) -> Posting:
    """Only a posted cadre (an active Term on that day) signs, or has a day recorded."""
    term = person.current_term(on) if person is not None else None
    if term is None:
        raise Forbidden("sign_in_not_posted")
    return Posting(person, term)


def _taken(session: Session, person_id: int, day: date) -> bool:
    signed = session.scalar(select(SignIn.id).where(SignIn.person_id == person_id, SignIn.day == day))
    missed = session.scalar(select(MissedDay.id).where(MissedDay.person_id == person_id, MissedDay.day == day))
    return signed is not None or missed is not None


def sign_in(session: Session, actor: User, note: str | None = None, location: str | None = None) -> SignIn:
    """The cadre signs in for today: late after the policy's hour; refused after its cut-off (篇六),
    when the day waits for the keeper; one a day."""
    now = clock.now()
    today = now.date()
    post = posting(actor.person, today)
    settings = jurisdiction.settings_of(session, post.term.team.village)
    if "cutoff" in settings and now.time() > rules.parse_time(settings["cutoff"]):
        raise Conflict("sign_in_after_cutoff", "at", cutoff=settings["cutoff"])
    locks.lock_person(session, post.person.id)
    if _taken(session, post.person.id, today):
        raise Conflict("already_signed_in", "date", date=today.isoformat())
    row = SignIn(person_id=post.person.id, day=today, at=clock.utcnow(), note=note, location=location,
                 late=now.time() > rules.parse_time(settings["late_after"]), recorded_by_id=actor.id)
    session.add(row)
    session.flush()
    return row


def sign_out(session: Session, actor: User) -> SignIn:
    """篇六 "周五下午实行签退制，签退时间为下午五点": on the policy's sign-out days the cadre signs out of
    today's sign-in; before the hour it is recorded as leaving early (早退). Once a day."""
    now = clock.now()
    today = now.date()
    post = posting(actor.person, today)
    rule = jurisdiction.settings_of(session, post.term.team.village).get("sign_out")
    if rule is None or now.isoweekday() not in rule["weekdays"]:
        raise Conflict("no_sign_out_today", "date", date=today.isoformat())
    locks.lock_person(session, post.person.id)
    row = todays_sign_in(session, post.person.id, today)
    if row is None:
        raise Conflict("not_signed_in", "date", date=today.isoformat())
    if row.out_at is not None:
        raise Conflict("already_signed_out", "date", date=today.isoformat())
    row.out_at, row.left_early = clock.utcnow(), now.time() < rules.parse_time(rule["at"])
    session.flush()
    return row


def todays_sign_in(session: Session, person_id: int, day: date) -> SignIn | None:
    return session.scalar(select(SignIn).where(SignIn.person_id == person_id, SignIn.day == day))


def signs_out_today(session: Session, village, on) -> str | None:
    """The hour of today's sign-out where the village's policy has one today (篇六: Fridays, 17:00)."""
    rule = jurisdiction.settings_of(session, village).get("sign_out")
    return rule["at"] if rule is not None and on.isoweekday() in rule["weekdays"] else None


def _offices_held(session: Session, actor: User, post: Posting, codes: list[str], on: date) -> list[str]:
    """Which of these offices the actor holds for the cadre's village (the team leader: its current
    leader, by posting or by grant)."""
    held = []
    acting = offices.acting_offices(actor)
    village = post.term.team.village
    for code in codes:
        if code == "team_leader":
            if people.leads(actor, post.term.team, on) and actor.person_id != post.person.id:
                held.append(code)
            continue
        unit = offices.resolve(code, village, post.person)
        if unit is not None and (code, unit.id) in acting:
            held.append(code)
    return held


def record_missed_day(session: Session, actor: User, person_id: int, day: date, reason: str) -> MissedDay:
    """The keeper (policy: the team leader for members, the township for the leader) records a day the
    cadre could not sign, with a reason. Where the policy names more offices to confirm it, the day
    counts once each has (`confirm_missed_day`)."""
    today = clock.today()
    if day > today:
        raise InvalidInput("date_in_future", "date")
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("person_not_found", "person_id", id=person_id)
    post = posting(person, day)
    settings = jurisdiction.settings_of(session, post.term.team.village)
    keepers = settings["missed_day_keepers"][post.term.applicant_role]
    held = _offices_held(session, actor, post, keepers, today)
    if not held:
        raise Forbidden("not_the_keeper")
    locks.lock_person(session, person.id)
    if _taken(session, person.id, day):
        raise Conflict("already_signed_in", "date", date=day.isoformat())
    row = MissedDay(person_id=person.id, day=day, reason=reason, recorded_by_id=actor.id, confirmations=[])
    _confirm(row, actor, held, _wanted(settings, post))
    session.add(row)
    session.flush()
    if not row.confirmed:
        # The offices still to confirm it are told (篇六); imported here: that module builds on this one.
        from workflows.presence import confirmations
        confirmations.notify_pending(session, row, actor, today)
    return row


def _wanted(settings: dict, post: Posting) -> set[str]:
    """The offices that must confirm the day. The leader never confirms their own: for them the
    keeper's record (the township) stands in for the 第一书记's confirmation."""
    wanted = set(settings["missed_day_confirmed_by"])
    if post.term.applicant_role == "leader":
        wanted.discard("team_leader")
    return wanted


def _confirm(row: MissedDay, actor: User, held: list[str], wanted: set[str]) -> None:
    done = {c["office"] for c in row.confirmations}
    added = [{"office": code, "user_id": actor.id, "at": clock.utcnow().isoformat()}
             for code in held if code not in done]
    row.confirmations = [*row.confirmations, *added]
    row.confirmed = wanted <= {c["office"] for c in row.confirmations}


def confirm_missed_day(session: Session, actor: User, missed_id: int) -> MissedDay:
    """篇六: another office the policy names (the village duty person, the 第一书记) confirms the day."""
    row = session.get(MissedDay, missed_id) if missed_id <= MAX_ID else None
    if row is None:
        raise NotFound("not_found", "id")
    post = posting(row.person, row.day)
    settings = jurisdiction.settings_of(session, post.term.team.village)
    wanted = _wanted(settings, post)
    pending = sorted(wanted - {x["office"] for x in row.confirmations})
    if not pending:
        raise Conflict("already_confirmed")
    held = _offices_held(session, actor, post, pending, clock.today())
    if not held:
        raise Forbidden("not_the_keeper")
    _confirm(row, actor, held, wanted)
    session.flush()
    return row
