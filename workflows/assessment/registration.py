"""The assessment procedures as the engine sees them: a round (`assessment_round`) and the case of each
cadre in it (`assessment`), with their machines, actions, details and the policy section."""
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from models import Assessment, AssessmentRound, Case, User
from workflows import offices
from workflows.assessment import rules  # noqa: F401  (the [assessment] section)
from workflows.assessment import actions, details, machine, round_actions, round_machine
from workflows.registry import Procedure, register

def _runs_round(user: User, case: Case) -> bool:
    """The holders of the office running the round read every case in it (and the round itself)."""
    r = case.assessment_round if case.kind == "assessment_round" else (case.assessment.round if case.assessment else None)
    return r is not None and (r.office_code, r.office_unit_id) in offices.acting_offices(user)


def _runs_round_sql(user: User):
    held = sorted(offices.acting_offices(user))
    if not held:
        return None
    runs = or_(*[and_(AssessmentRound.office_code == code, AssessmentRound.office_unit_id == unit)
                 for code, unit in held])
    rounds = select(AssessmentRound.case_id).where(runs)
    return or_(Case.id.in_(rounds), Case.id.in_(select(Assessment.case_id).where(Assessment.round_id.in_(rounds))))


ROUND = register(Procedure(
    kind="assessment_round",
    machine=round_machine.MACHINE,
    actions=round_actions.ACTIONS,
    details=details.round_details,
    summary=details.round_summary,
    extra_viewers=_runs_round,
    extra_viewers_sql=_runs_round_sql,
    eager=(lambda: joinedload(Case.assessment_round),),
    # A round's page reads every case in it with its open tasks (who is late): in a few statements.
    eager_case=(lambda: joinedload(Case.assessment_round).selectinload(AssessmentRound.assessments)
                .joinedload(Assessment.case).options(selectinload(Case.tasks), joinedload(Case.subject)),),
))

ASSESSMENT = register(Procedure(
    kind="assessment",
    machine=machine.MACHINE,
    actions=actions.ACTIONS,
    details=details.assessment,
    summary=details.assessment_summary,
    extra_viewers=_runs_round,
    # The round's SQL condition covers its cases too: a list adds it once.
    eager=(lambda: joinedload(Case.assessment),),
    eager_case=(lambda: joinedload(Case.assessment).joinedload(Assessment.round),),
))
