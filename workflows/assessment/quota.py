"""The 优秀 quota (篇十五 "比例最高不超过35%"): over the pool the policy names, the round's county or the
city's rounds of the same kind and period together; refused with both numbers so that the office can
read the ranking and decide."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Assessment, AssessmentRound, OrgUnit
from workflows.assessment import kinds, scoring
from workflows.errors import Conflict

EXCELLENT = "excellent"


def pool(session: Session, r: AssessmentRound, section: dict) -> list[Assessment]:
    """The assessments the quota counts over: the round's, or every round of the city for the period."""
    if section["quota_pool"] != "city":
        return list(r.assessments)
    city = r.org_unit.ancestor_of_kind("city")
    units = [city.id] + list(session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id == city.id)))
    rounds = session.scalars(select(AssessmentRound).where(
        AssessmentRound.kind == r.kind, AssessmentRound.period == r.period,
        AssessmentRound.org_unit_id.in_(units))).all()
    return [a for other in {*rounds, r} for a in other.assessments]


def figures(session: Session, r: AssessmentRound, section: dict) -> dict:
    counted = pool(session, r, section)
    # Only the annual assessment has a quota (workflows.assessment.kinds): no cap on the others.
    cap = scoring.quota_max(section, len(counted)) if kinds.of(r.kind).quota else None
    return {"excellent_max": cap,
            "excellent": sum(a.grade == EXCELLENT for a in counted), "assessed": len(counted)}


def check(session: Session, r: AssessmentRound, section: dict) -> None:
    found = figures(session, r, section)
    if found["excellent_max"] is not None and found["excellent"] > found["excellent_max"]:
        raise Conflict("quota_exceeded", max=found["excellent_max"], proposed=found["excellent"],
                       expose=("max", "proposed"))
