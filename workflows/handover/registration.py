"""The handover procedure as the engine sees it: its machine, actions, details and policy section."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import Case, Handover, User
from workflows.handover import rules  # noqa: F401  (the [handover] section)
from workflows.handover.actions import ACTIONS
from workflows.handover.details import details
from workflows.handover.machine import MACHINE
from workflows.registry import Procedure, register


def _incoming(user: User, case: Case) -> bool:
    """The incoming cadre reads the handover from its opening, before any task of theirs."""
    return user.person_id is not None and case.handover is not None and case.handover.incoming_person_id == user.person_id


def _incoming_sql(user: User):
    if user.person_id is None:
        return None
    return Case.id.in_(select(Handover.case_id).where(Handover.incoming_person_id == user.person_id))


HANDOVER = register(Procedure(
    kind="handover",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    extra_viewers=_incoming,
    extra_viewers_sql=_incoming_sql,
    eager=(lambda: joinedload(Case.handover),),
    eager_case=(lambda: joinedload(Case.handover).joinedload(Handover.items),),
))
