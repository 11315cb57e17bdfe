"""The last check before a leave is granted and its days are booked to the ledger.

Submitting a request checks it for overlap and caps under the cadre's lock (workflows.locks), so two
requests of one cadre cannot both pass at once. Some may still have got in together: requests filed
before the checks took the lock, or rows written by hand or by an import. So the approval that
grants a leave takes the same lock and checks again, against the leaves already granted only: a
request still waiting does not hold up another's approval, the first one granted wins.

A refusal is a 409 Conflict, not a 422: the approver sent nothing wrong and cannot fix it by
changing their input; the request has to be returned or rejected, and stays pending until then.
"""
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, LeaveRequest
from workflows import locks
from workflows.leave import balance
from workflows.errors import Conflict, InvalidInput

# Leaves whose days are granted or taken (a closed leave up to the day before the cadre came back).
GRANTED_STATES = ("approved", "reported", "closed", "extended")


def check_before_granting(session: Session, case: Case, leave_rules: dict) -> None:
    """Refuse to grant a leave that overlaps one already granted, or that the granted days of its
    type leave no room for under the policy's caps."""
    locks.lock_person(session, case.subject.id)
    _check_no_granted_overlap(session, case)
    try:
        balance.check_limits(session, case, leave_rules, asking=False)
    except InvalidInput as refused:
        raise Conflict(refused.code, **refused.params) from None


def _check_no_granted_overlap(session: Session, case: Case) -> None:
    mine = case.leave
    others = session.scalars(
        select(LeaveRequest).join(LeaveRequest.case)
        .where(Case.subject_person_id == case.subject.id, Case.id != case.id, Case.state.in_(GRANTED_STATES),
               LeaveRequest.start_date <= mine.end_date, LeaveRequest.end_date >= mine.start_date)
        .order_by(LeaveRequest.start_date))
    for other in others:
        last = other.end_date
        if other.case.state == "closed" and other.actual_return_date is not None:
            last = min(last, other.actual_return_date - timedelta(days=1))
        if mine.start_date <= last:
            raise Conflict("overlaps_granted_leave", other=other.case_id, start=other.start_date.isoformat(),
                           end=last.isoformat())
