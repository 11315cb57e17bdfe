"""The leave procedure as the engine sees it: its machine, actions, details and policy section."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from models import Case, LeaveRequest
from workflows.leave import rules
from workflows.leave.actions import ACTIONS, is_proxy
from workflows.leave.details import details
from workflows.leave.machine import MACHINE
from workflows.registry import Procedure, register

LEAVE = register(Procedure(
    kind="leave",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    extra_viewers=is_proxy,
    extra_viewers_sql=lambda user: Case.id.in_(select(LeaveRequest.case_id).where(LeaveRequest.proxy_by_id == user.id)),
    # Who entered a leave by proxy is rarely anyone: read when there is one, not joined on every row.
    eager=(lambda: joinedload(Case.leave),
           lambda: joinedload(Case.leave).selectinload(LeaveRequest.absences),
           lambda: selectinload(Case.attachments)),
    eager_case=(lambda: joinedload(Case.leave).joinedload(LeaveRequest.absences),
                lambda: joinedload(Case.attachments)),
    policy_section="leave",
    validate_section=rules.validate_section,
))
