"""Leave balances: the ledger of days used, and the policy's limits on them.

An approval writes one ledger entry per calendar month the leave touches, with the days the policy
counts in that month, so monthly and yearly caps are sums over the ledger."""
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Case, LeaveLedger, LeaveRequest
from workflows import days as day_count
from workflows.errors import InvalidInput

# Requests that will use their days if granted: counted against a cap alongside the granted ones,
# so that two requests cannot together pass a cap that each passes alone.
_ASKING_STATES = ("pending", "returned")


def _months(session: Session, leave: LeaveRequest, counting: str) -> dict[tuple[int, int], int]:
    return day_count.by_month(session, leave.start_date, leave.end_date, counting)


def record_approval(session: Session, case: Case, counting: str) -> None:
    leave = case.leave
    for (year, month), n in _months(session, leave, counting).items():
        session.add(LeaveLedger(person_id=case.subject.id, case_id=case.id, leave_type=leave.leave_type,
                                year=year, month=month, days=n, entry="approve"))


def record_cancellation(session: Session, case: Case) -> None:
    """Give back the days an approval took: the same entries, negated (the ledger is never edited)."""
    taken = session.scalars(select(LeaveLedger).where(LeaveLedger.case_id == case.id,
                                                      LeaveLedger.entry == "approve"))
    for entry in list(taken):
        session.add(LeaveLedger(person_id=entry.person_id, case_id=case.id, leave_type=entry.leave_type,
                                year=entry.year, month=entry.month, days=-entry.days, entry="cancel"))


def _granted(session: Session, person_id: int, leave_type: str, year: int, month: int | None) -> int:
    query = select(func.coalesce(func.sum(LeaveLedger.days), 0)).where(
        LeaveLedger.person_id == person_id, LeaveLedger.leave_type == leave_type, LeaveLedger.year == year)
    if month is not None:
        query = query.where(LeaveLedger.month == month)
    return session.scalar(query)


def _asked(session: Session, case: Case, counting: str) -> dict[tuple[int, int], int]:
    """Days of the cadre's other open requests of the same type, per month."""
    months: dict[tuple[int, int], int] = {}
    others = session.scalars(select(LeaveRequest).join(LeaveRequest.case).where(
        Case.subject_person_id == case.subject.id, Case.id != case.id, Case.state.in_(_ASKING_STATES),
        LeaveRequest.leave_type == case.leave.leave_type))
    for other in others:
        for key, n in _months(session, other, counting).items():
            months[key] = months.get(key, 0) + n
    return months


def check_limits(session: Session, case: Case, leave_body: dict, asking: bool = True) -> None:
    """Refuse a request over the policy's limits for its type, saying what is used and allowed.
    `asking=False` counts only the days granted, not the other requests still waiting."""
    leave = case.leave
    limit = leave_body.get("limits", {}).get(leave.leave_type)
    if not limit:
        return
    if "per_request" in limit and leave.days > limit["per_request"]:
        raise InvalidInput("over_request_limit", "end_date", type=leave.leave_type, days=leave.days,
                           max=limit["per_request"])
    counting = leave_body["day_counting"]
    mine = _months(session, leave, counting)
    asked = _asked(session, case, counting) if asking else {}
    if "per_month" in limit:
        for (year, month), n in sorted(mine.items()):
            used = _granted(session, case.subject.id, leave.leave_type, year, month) + asked.get((year, month), 0)
            if used + n > limit["per_month"]:
                raise InvalidInput("over_month_cap", "start_date", type=leave.leave_type, year=year,
                                   month=month, used=used, cap=limit["per_month"], days=n)
    if "per_year" in limit:
        for year in sorted({y for y, _ in mine}):
            n = sum(d for (y, _), d in mine.items() if y == year)
            used = _granted(session, case.subject.id, leave.leave_type, year, None) + \
                sum(d for (y, _), d in asked.items() if y == year)
            if used + n > limit["per_year"]:
                raise InvalidInput("over_year_cap", "start_date", type=leave.leave_type, year=year,
                                   used=used, cap=limit["per_year"], days=n)


def yearly(session: Session, person_id: int, year: int) -> dict[str, int]:
    """Days granted per leave type in a year."""
    rows = session.execute(select(LeaveLedger.leave_type, func.sum(LeaveLedger.days))
                           .where(LeaveLedger.person_id == person_id, LeaveLedger.year == year)
                           .group_by(LeaveLedger.leave_type))
    return {leave_type: int(n) for leave_type, n in rows}


def history(session: Session, person_id: int) -> list[LeaveLedger]:
    return list(session.scalars(select(LeaveLedger).where(LeaveLedger.person_id == person_id)
                                .order_by(LeaveLedger.at.desc(), LeaveLedger.id.desc())))
