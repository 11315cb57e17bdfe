"""The details of an assessment case and of a round, as the API gives them (api.md, "Assessment")."""
from __future__ import annotations

from collections import Counter

from sqlalchemy.orm import object_session

from models import Case
from workflows import due
from workflows.assessment import machine, quota, rules, scoring


def _person(p) -> dict | None:
    return {"id": p.id, "name": p.name} if p is not None else None


def assessment(case: Case) -> dict | None:
    a = case.assessment
    if a is None:
        return None
    session = object_session(case)
    section = machine.section(case, session)
    items = rules.items_for(section, a.round.kind)
    rate = scoring.satisfaction(a, section)
    return {"round_id": a.round_id, "kind": a.round.kind, "period": a.round.period, "stage": case.state,
            "items": [{"code": i["code"], "name": i["name"], "max": i["max"], **({"from": i["from"]} if "from" in i else {}),
                       **({"suggested": str(p)} if (p := _suggested(i, a.inputs)) is not None else {})}
                      for i in items],
            "inputs": a.inputs or {}, "self_report": a.self_report, "goals": a.goals,
            "survey": {"satisfied": a.satisfied, "basic": a.basic, "unsatisfied": a.unsatisfied,
                       "rate": str(rate) if rate is not None else None},
            "site_check": a.site_check, "opinion": a.opinion,
            "scores": a.scores, "total": str(a.total) if a.total is not None else None,
            "proposed_grade": a.proposed_grade, "grade": a.grade, "grade_reason": a.grade_reason,
            "forced": a.forced_reason,
            "objections": [{"text": o.text, "raised_at": o.raised_at.isoformat(), "resolved_on":
                            o.resolved_on.isoformat() if o.resolved_on else None} for o in a.objections]}


def _suggested(item: dict, inputs: dict | None):
    return scoring.presence_points(item, inputs) if item.get("from") == "presence" else None


def round_details(case: Case) -> dict | None:
    r = case.assessment_round
    if r is None:
        return None
    session = object_session(case)
    section = machine.section(case, session)
    cases = [a.case for a in r.assessments]
    return {"kind": r.kind, "period": r.period, "org_unit": {"id": r.org_unit.id, "name": r.org_unit.name},
            "office": r.office_code, "unit": {"id": r.unit.id, "name": r.unit.name} if r.unit else None,
            "cases": [c.id for c in cases], "excluded": list(r.excluded or []),
            "stages": dict(Counter(c.state for c in cases)),
            "grades": dict(Counter(a.grade for a in r.assessments if a.grade)),
            "quota": quota.figures(session, r, section),
            "late": sorted({c.id for c in cases for t in c.open_tasks if due.is_overdue(t)}),
            "ranking": [{"rank": rank, "case_id": a.case_id, "person": _person(a.case.subject),
                         "total": str(a.total), "grade": a.grade} for rank, a in scoring.ranking(r.assessments)],
            "published_on": r.published_on.isoformat() if r.published_on else None,
            "notice_until": r.notice_until.isoformat() if r.notice_until else None,
            "finalized_on": r.finalized_on.isoformat() if r.finalized_on else None}


def assessment_summary(case: Case) -> dict | None:
    """A list row's share: the round, the stage and the grade (not the inputs nor the scores)."""
    a = case.assessment
    return None if a is None else {"round_id": a.round_id, "kind": a.round.kind if a.round else None,
                                   "stage": case.state, "grade": a.grade}


def round_summary(case: Case) -> dict | None:
    """A list row's share: kind, period and unit (not the ranking nor the quota)."""
    r = case.assessment_round
    return None if r is None else {"kind": r.kind, "period": r.period, "org_unit": {"id": r.org_unit_id}}
