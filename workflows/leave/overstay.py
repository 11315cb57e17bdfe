"""Overstay: an approved leave not reported back (销假) by its end date. The working days the cadre was
away past the approved end count as absence (旷工): up to the day they say they came back, or, where
the policy says "超假或未销假者一律视为旷工" (000 篇六, `overstay = "until_report"`), every working day
until the report itself. A job run each morning flags such leaves; under 篇六 it records the days
that have passed, and reporting back records any the job has not."""
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AbsenceDay, Case, Event, LeaveLedger, LeaveRequest
from workflows import calendar, history, policy
from workflows.sweep import register_job
from workflows.system import system_user


def record_absence(session: Session, case: Case, until: date) -> list[date]:
    """Record as absent every working day from the leave's end + 1 to `until` - 1 not yet recorded;
    write the new days to the ledger too. Returns the days added."""
    first = case.leave.end_date + timedelta(days=1)
    if until <= first:
        return []
    person_id = case.subject.id
    known = set(session.scalars(select(AbsenceDay.day).where(
        AbsenceDay.person_id == person_id, AbsenceDay.day >= first, AbsenceDay.day < until)))
    # A weekend or a holiday after the leave is nobody's working day: it is not absence.
    days = (first + timedelta(days=i) for i in range((until - first).days))
    added = [day for day in days if day not in known and calendar.is_working_day(session, day)]
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
        if until_report(session, case):
            added = record_absence(session, case, today)
        else:
            # The days count up to the return the cadre reports; until then the leave is only flagged, once.
            added = [] if _flagged(session, case) else [case.leave.end_date + timedelta(days=1)]
        if not added:
            continue
        flagged.append(case)
        history.record(session, case, actor, "overstay", case.state,
                       payload={"absent_days": [d.isoformat() for d in added]})
    return flagged


def until_report(session: Session, case: Case) -> bool:
    """篇六 "超假或未销假者一律视为旷工": every working day until the report back is absence."""
    body = policy.pinned_body(session, case.policy_id, case.policy_version)
    # A version published before the setting existed counts up to the return.
    return body["leave"].get("overstay", "until_return") == "until_report"


def _flagged(session: Session, case: Case) -> bool:
    return session.scalar(select(Event.id).where(Event.case_id == case.id, Event.action == "overstay")
                          .limit(1)) is not None


def flag_job(session: Session, on: date) -> list[str]:
    """The overstay flagging as a daily job of the sweep."""
    return [f"overstay: case {case.id} ({case.subject.name}) not back since {case.leave.end_date.isoformat()}"
            for case in flag(session, on)]


register_job("overstay", flag_job)


def make_up(session: Session, case: Case) -> list[date]:
    """补假 (篇六 "超假必须取得审批人员同意后方可补假"): an approver of the leave grants its overrun after the
    fact. The absent days become days of the leave: the ledger moves them from absence to the leave's
    type (new entries; none is edited), and they are no longer listed as absence."""
    days = sorted(a.day for a in case.leave.absences)
    for row in list(case.leave.absences):
        session.delete(row)
    for (year, month), n in _per_month(days).items():
        session.add(LeaveLedger(person_id=case.subject.id, case_id=case.id, leave_type="absence", year=year,
                                month=month, days=-n, entry="make_up"))
        session.add(LeaveLedger(person_id=case.subject.id, case_id=case.id, leave_type=case.leave.leave_type,
                                year=year, month=month, days=n, entry="make_up"))
    session.flush()
    session.expire(case.leave, ["absences"])
    return days
