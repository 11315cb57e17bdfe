"""Duty days (加班日): a township orders work on a non-working day for its villages (篇四 三6). On that
day a sign-in counts as present and a missing one as absent."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import DutyDay, OrgUnit, User
from workflows import offices
from workflows.errors import Conflict, Forbidden, NotFound

NOTE_MAX = 2000


def order(session: Session, actor: User, unit_id: int, day: date, note: str | None) -> DutyDay:
    """The township (any of its offices) orders a duty day for itself (all its villages) or one village."""
    unit = session.get(OrgUnit, unit_id)
    if unit is None or unit.kind not in ("township", "village"):
        raise NotFound("not_found", "org_unit_id")
    township = unit.ancestor_of_kind("township")
    if ("township", township.id) not in offices.acting_offices(actor):
        raise Forbidden("not_your_unit")
    if session.scalar(select(DutyDay.id).where(DutyDay.org_unit_id == unit.id, DutyDay.day == day)):
        raise Conflict("duty_day_exists", "date", date=day.isoformat())
    row = DutyDay(org_unit_id=unit.id, day=day, note=note, created_by_id=actor.id)
    session.add(row)
    session.flush()
    return row
