"""Go-live: the day a county's (or city's) presence records begin (api.md, Presence: "a date it sets").
Days before it are `no_record` (days.statuses). The county office, or an admin, sets and moves it;
every move is kept (PresenceStartChange, append-only).

What a date may be (the product's choice; no seed speaks of it):
- at most GO_LIVE_AHEAD days ahead: a county plans its start, but not years out;
- at most GO_LIVE_BACK days back: to correct a start entered a little late. Further back would turn
  weeks nobody could sign in (the records had not begun) into absences, and absences feed recalls
  and subsidies; that is a data migration, not a setting."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OrgUnit, PresenceStartChange, User
from workflows import clock, offices
from workflows.errors import Conflict, Forbidden, InvalidInput, NotFound
from workflows.fields import MAX_ID

GO_LIVE_AHEAD, GO_LIVE_BACK = 366, 31
UNIT_KINDS = ("county", "city")


def unit_for(session: Session, unit_id: int, actor: User) -> OrgUnit:
    """The county (or city) whose date the actor may set: its county office, or an admin."""
    unit = session.get(OrgUnit, unit_id) if unit_id <= MAX_ID else None
    if unit is None or unit.kind not in UNIT_KINDS:
        raise NotFound("not_found", "unit_id")
    if not may_set(actor, unit):
        raise Forbidden("may_not_set_presence_from")
    return unit


def may_set(actor: User, unit: OrgUnit) -> bool:
    if actor.has_role("admin"):
        return True
    return unit.kind == "county" and ("county_office", unit.id) in offices.acting_offices(actor)


def units_of(actor: User) -> list[OrgUnit]:
    """The units whose date this actor sets from their own office (an admin reaches any from the admin pages)."""
    return [g.org_unit for g in actor.grants if g.org_unit is not None and g.org_unit.kind == "county"
            and may_set(actor, g.org_unit)]


def bounds(today: date) -> tuple[date, date]:
    return today - timedelta(days=GO_LIVE_BACK), today + timedelta(days=GO_LIVE_AHEAD)


def set_start(session: Session, actor: User, unit: OrgUnit, new: date) -> PresenceStartChange:
    """Move the unit's go-live date to `new`, recording who, when, and the date before."""
    if not may_set(actor, unit):
        raise Forbidden("may_not_set_presence_from")
    earliest, latest = bounds(clock.today())
    if not earliest <= new <= latest:
        raise InvalidInput("presence_from_out_of_range", "presence_from",
                           earliest=earliest.isoformat(), latest=latest.isoformat())
    if unit.presence_from == new:
        raise Conflict("presence_from_unchanged", "presence_from")
    change = PresenceStartChange(org_unit_id=unit.id, old_date=unit.presence_from, new_date=new,
                                 changed_by_id=actor.id, changed_by_name=actor.display_name[:100],
                                 changed_at=clock.utcnow())
    unit.presence_from = new
    session.add(change)
    session.flush()
    return change


def changes(session: Session, unit: OrgUnit) -> list[PresenceStartChange]:
    """Every move of the unit's date, newest first."""
    return list(session.scalars(select(PresenceStartChange).where(PresenceStartChange.org_unit_id == unit.id)
                                .order_by(PresenceStartChange.changed_at.desc(), PresenceStartChange.id.desc())))
