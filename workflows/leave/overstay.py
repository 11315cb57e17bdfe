"""Overstay: an approved leave not reported back (销假) by its end date. Every day past the end until
the report counts as absence (旷工). A job run each morning flags such leaves and records the days
that have passed; reporting back records any the job has not."""
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AbsenceDay, Case, LeaveLedger, LeaveRequest
from workflows import history
from workflows.sweep import register_job
from workflows.system import system_user


def record_absence(session: Session, case: Case, until: date) -> list[date]:
    """Record as absent every day from the leave's end + 1 to `until` - 1 not yet recorded; write the
    new days to the ledger too. Returns the days added."""
    first = case.leave.end_date + timedelta(days=1)
    if until <= first:
        return []
    person_id = case.subject.id
    known = set(session.scalars(select(AbsenceDay.day).where(
        AbsenceDay.person_id == person_id, AbsenceDay.day >= first, AbsenceDay.day < until)))
    added = [first + timedelta(days=i) for i in range((until - first).days) if first + timedelta(days=i) not in known]
    for day in added:
        session.add(AbsenceDay(person_id=person_id, day=day, case_id=case.id))
    for (year, month), n in _per_month(added).items():
        session.add(LeaveLedger(person_id=person_id, case_id=case.id, leave_type="absence", year=year,
                                month=month, days=n, entry="overstay"))
    if added:
        session.expire(case.leave, ["absences"])  # a read-only view of these rows: read it again
    return added


def _per_month(days: list[date]) -> dict[tuple[int, int], int]:
    months: dict[tuple[int, int], int] = {}
    for day in days:
        months[(day.year, day.month)] = months.get((day.year, day.month), 0) + 1
    return months


def flag(session: Session, today: date) -> list[Case]:
    """Flag every approved leave whose end has passed without a report; record the absent days so
    far. Running it twice on one day changes nothing. The caller commits."""
    overdue = session.scalars(select(Case).join(Case.leave).where(
        Case.kind == "leave", Case.state == "approved", LeaveRequest.end_date < today)
        .order_by(Case.id)).all()
    actor = system_user(session) if overdue else None
    flagged = []
    for case in overdue:
        added = record_absence(session, case, today)
        if not added:
            continue
        flagged.append(case)
        history.record(session, case, actor, "overstay", case.state,
                       payload={"absent_days": [d.isoformat() for d in added]})
    return flagged


def flag_job(session: Session, on: date) -> list[str]:
    """The overstay flagging as a daily job of the sweep."""
    return [f"overstay: case {case.id} ({case.subject.name}) not back since {case.leave.end_date.isoformat()}"
            for case in flag(session, on)]


register_job("overstay", flag_job)
