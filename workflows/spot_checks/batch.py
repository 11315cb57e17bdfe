"""The monthly batch (004 第十八条 "每月25日前，县（区）乡村振兴局汇总当月查岗中不在岗人员递交的情况说明分别报市委
组织部、市乡村振兴局"): on the policy's day, every explanation decided by then and not sent yet is filed
with the city's offices, together. One decided after that day goes in next month's batch: it is
never dropped, since the batch takes whatever is decided and unsent, however old."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Explanation
from workflows import approval, history, policy
from workflows.spot_checks import rules
from workflows.spot_checks.machine import DECIDED_STATES
from workflows.sweep import register_job
from workflows.system import system_user

REASON = "monthly_batch"


def due(session: Session, on: date) -> list[Case]:
    """The decided explanations not yet sent whose policy's batch day is `on`."""
    waiting = session.scalars(
        select(Case).join(Explanation, Explanation.case_id == Case.id)
        .where(Case.kind == "explanation", Case.state.in_(DECIDED_STATES), Explanation.batched_on.is_(None),
               Explanation.decided_on <= on)
        .order_by(Case.id)).all()
    return [case for case in waiting if _batch_day(session, case) == on.day]


def _batch_day(session: Session, case: Case) -> int:
    return rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))["batch_day"]


def send(session: Session, on: date) -> list[Case]:
    """File the day's batch with the city's offices. Running it twice changes nothing: a case sent
    has its batch date."""
    cases = due(session, on)
    actor = system_user(session) if cases else None
    for case in cases:
        offices = rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))["batch_to"]
        approval.file(session, case, reason=REASON, offices=offices)
        case.explanation.batched_on = on
        history.record(session, case, actor, REASON, case.state, payload={"offices": offices, "on": on.isoformat()})
    return cases


def batch_job(session: Session, on: date) -> list[str]:
    """The monthly batch as a daily job of the sweep: on other days it finds nothing to send."""
    cases = send(session, on)
    return [f"spot checks: {len(cases)} explanation(s) sent to the city"] if cases else []


register_job("spot_checks_batch", batch_job, order=60)
