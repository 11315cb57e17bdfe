"""The explanation procedure (情况说明) as the engine sees it: its machine, actions and details. Its
policy section is shared with the spot checks that open it (workflows.spot_checks.rules)."""
from sqlalchemy import and_
from sqlalchemy.orm import joinedload

from models import Case, Explanation, SpotCheckFinding
from workflows.registry import Procedure, register
from workflows.spot_checks.actions import ACTIONS
from workflows.spot_checks.details import details
from workflows.spot_checks.machine import MACHINE

_finding = (lambda: joinedload(Case.explanation).joinedload(Explanation.finding)
            .joinedload(SpotCheckFinding.spot_check))

EXPLANATION = register(Procedure(
    kind="explanation",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    # Whoever made the check follows what it found, whatever office decides the explanation.
    extra_viewers=lambda user, case: case.created_by_id == user.id,
    extra_viewers_sql=lambda user: and_(Case.kind == "explanation", Case.created_by_id == user.id),
    eager=(_finding,),
    eager_case=(_finding,),
))
