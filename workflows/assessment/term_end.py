"""The end-of-term assessment opened by the term's end (篇十五 "期满考核由派出单位会同…进行"): when the
dispatching unit rotates a term (workflows.term_end), the cadre gets an `assessment` case in the unit's
`term_end` round for the county and the year of the term's planned end, a round opened for the unit if it
has none open. Only a term that really ends is assessed at its end: an extension moves the end, and the
new end's term-end case asks again. Runs in the caller's UnitOfWork."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Assessment, AssessmentRound, Case, OrgUnit, Term, User
from workflows import offices, policy
from workflows.assessment import services
from workflows.assessment.machine import TERM_END_ASSESSOR

KIND = "term_end"


def _county_of(term: Term) -> OrgUnit | None:
    village = term.team.village
    return village.ancestor_of_kind("county") or village.ancestor_of_kind("city")


def _open_round(session: Session, county: OrgUnit, unit: OrgUnit, code: str) -> AssessmentRound | None:
    """The unit's term-end round for the county and year still taking cases (not yet published)."""
    return session.scalars(select(AssessmentRound).join(AssessmentRound.case).where(
        AssessmentRound.kind == KIND, AssessmentRound.period == code, AssessmentRound.org_unit_id == county.id,
        AssessmentRound.unit_id == unit.id, Case.state == "open").order_by(AssessmentRound.case_id)).first()


def _assessed(session: Session, term: Term) -> bool:
    return session.scalar(select(Assessment.case_id).join(Assessment.round).where(
        Assessment.term_id == term.id, AssessmentRound.kind == KIND)) is not None


def assess_at_term_end(session: Session, actor: User, term: Term) -> Case | None:
    """The term's end-of-term assessment case, opened in the unit's round; None where the term has one
    already (the unit opened its round for the year first) or no county or unit holds it."""
    county = _county_of(term)
    unit = offices.resolve(TERM_END_ASSESSOR, term.team.village, term.person)
    if county is None or unit is None or _assessed(session, term):
        return None
    period = services.read_period(KIND, str(term.planned_end_date.year))
    row = _open_round(session, county, unit, period.code)
    if row is None:
        version = policy.in_force(session, county)
        row = services.new_round(session, actor, version, KIND, period.code, county, TERM_END_ASSESSOR, unit,
                                 unit, [])
    else:
        version = policy.pinned(session, row.case.policy_id, row.case.policy_version)
    return services.open_assessment(session, actor, version, row, term, period)
