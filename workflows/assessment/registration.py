"""The assessment procedures as the engine sees them: a round (`assessment_round`) and the case of each
cadre in it (`assessment`), with their machines, actions, details and the policy section."""
from sqlalchemy.orm import joinedload

from models import Assessment, AssessmentRound, Case
from workflows.assessment import rules  # noqa: F401  (the [assessment] section)
from workflows.assessment import actions, details, machine, round_actions, round_machine
from workflows.registry import Procedure, register

ROUND = register(Procedure(
    kind="assessment_round",
    machine=round_machine.MACHINE,
    actions=round_actions.ACTIONS,
    details=details.round_details,
    summary=details.round_summary,
    eager=(lambda: joinedload(Case.assessment_round),),
    eager_case=(lambda: joinedload(Case.assessment_round).joinedload(AssessmentRound.assessments)
                .joinedload(Assessment.case),),
))

ASSESSMENT = register(Procedure(
    kind="assessment",
    machine=machine.MACHINE,
    actions=actions.ACTIONS,
    details=details.assessment,
    summary=details.assessment_summary,
    eager=(lambda: joinedload(Case.assessment),),
    eager_case=(lambda: joinedload(Case.assessment).joinedload(Assessment.round),),
))
