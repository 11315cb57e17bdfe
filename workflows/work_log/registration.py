"""The work-log review as the engine sees it, and the [work_log] policy section."""
from sqlalchemy import and_
from sqlalchemy.orm import joinedload

from models import Case, WorkLogReview
from workflows import registry
from workflows.registry import Procedure, register
from workflows.work_log import rules
from workflows.work_log.actions import ACTIONS
from workflows.work_log.details import details, summary
from workflows.work_log.machine import MACHINE


def _led_villages(user) -> set[int]:
    return {g.org_unit_id for g in user.grants if g.role == "team_leader"}


def _is_leader(user, case) -> bool:
    """The team leader reads the review of their team's logs, answered or not."""
    return case.village_id in _led_villages(user)


def _leader_sql(user):
    villages = sorted(_led_villages(user))
    if not villages:
        return None
    return and_(Case.kind == "work_log_review", Case.village_id.in_(villages))


WORK_LOG_REVIEW = register(Procedure(
    kind="work_log_review",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    summary=summary,
    extra_viewers=_is_leader,
    extra_viewers_sql=_leader_sql,
    eager=(lambda: joinedload(Case.work_log_review).joinedload(WorkLogReview.team),),
    eager_case=(lambda: joinedload(Case.work_log_review).joinedload(WorkLogReview.team),),
))

registry.register_section("work_log", rules.validate_section)
