"""特殊时期 (000 篇十二 "特殊时期…全员在岗"): during a period an admin declared for a unit, everyone below
it stays at their post. A leave that touches any day of such a period is refused, not only one that
starts inside it; and declaring a period shows the approved leaves it catches, for the offices to
settle with their cadres (the leaves are not cancelled by it)."""
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import BlackoutPeriod, Case, LeaveRequest, OrgUnit
from workflows.errors import InvalidInput


def overlapping_period(session: Session, unit: OrgUnit, start: date, end: date) -> BlackoutPeriod | None:
    """The first period declared for `unit` or a unit above it that shares a day with start..end."""
    units = [u.id for u in unit.ancestors()]
    return session.scalars(select(BlackoutPeriod).where(
        BlackoutPeriod.org_unit_id.in_(units), BlackoutPeriod.start_date <= end,
        BlackoutPeriod.end_date >= start).order_by(BlackoutPeriod.start_date)).first()


def check(session: Session, case: Case) -> None:
    period = overlapping_period(session, case.org_unit, case.leave.start_date, case.leave.end_date)
    if period is not None:
        raise InvalidInput("blackout", "start_date", reason=period.reason, start=period.start_date.isoformat(),
                           end=period.end_date.isoformat())


def approved_leaves_during(session: Session, period: BlackoutPeriod) -> list[Case]:
    """Approved leaves, in the period's unit or below it, that share a day with the period."""
    candidates = session.scalars(
        select(Case).join(Case.leave)
        .where(Case.kind == "leave", Case.state == "approved", LeaveRequest.start_date <= period.end_date,
               LeaveRequest.end_date >= period.start_date)
        .options(joinedload(Case.leave), joinedload(Case.subject), joinedload(Case.org_unit))
        .order_by(LeaveRequest.start_date, Case.id)).unique().all()
    return [c for c in candidates if period.org_unit_id in {u.id for u in c.org_unit.ancestors()}]
