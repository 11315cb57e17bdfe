"""What the system already holds on a cadre for an assessment's period, shown on the case and never typed
again (domain §6 "Inputs"): days present (with official trips) against the target, leave, absences and
the crossings of the absence limits, late sign-ins, spot-check findings with their explanations,
warnings, and the work log with its reviews. Read once when the case opens and again when it is
scored, and kept on the case (`Assessment.inputs`), so that a grade is read beside what it was given on."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import AbsenceCrossing, Case, Person, SpotCheck, SpotCheckFinding, Term, WorkLogEntry, WorkLogReview
from workflows import clock, records
from workflows.presence import days as presence_days
from workflows.presence.jurisdiction import settings_of


def _months(first: date, last: date) -> list[date]:
    found, month = [], first.replace(day=1)
    while month <= last:
        found.append(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return found


def gather(session: Session, person: Person, village, first: date, last: date) -> dict:
    """The period's figures up to yesterday (today is not over): {"present", "target", "absent", "late",
    "leave", "spells", "spot_check_findings", "explanations", "warnings", "work_logs", "work_log_reviews",
    "from", "to"}."""
    to = min(last, clock.today() - timedelta(days=1))
    statuses = presence_days.statuses(session, [person.id], first, to)[person.id] if to >= first else {}
    settings = settings_of(session, village)
    targets = [presence_days.month_target(session, settings, m) for m in _months(first, to)] if to >= first else []
    count = {s: sum(d.status == s for d in statuses.values()) for s in ("present", "trip", "leave", "absent")}
    findings = session.execute(select(func.count(), func.count(Case.id)).select_from(SpotCheckFinding)
                               .join(SpotCheck).outerjoin(Case, Case.id == SpotCheckFinding.covered_by_case_id)
                               .where(SpotCheckFinding.person_id == person.id, SpotCheck.day >= first,
                                      SpotCheck.day <= last)).one()
    spells = session.scalars(select(AbsenceCrossing).where(AbsenceCrossing.person_id == person.id,
                                                           AbsenceCrossing.first_day <= last,
                                                           AbsenceCrossing.last_day >= first)).all()
    logs = session.scalar(select(func.count()).select_from(WorkLogEntry).where(
        WorkLogEntry.person_id == person.id, WorkLogEntry.day >= first, WorkLogEntry.day <= last))
    # The reviews (调阅) of the log of a team the cadre served on, over a stretch of the period.
    teams = select(Term.team_id).where(Term.person_id == person.id)
    reviews = session.scalar(select(func.count()).select_from(WorkLogReview).where(
        WorkLogReview.team_id.in_(teams), WorkLogReview.period_end >= first, WorkLogReview.period_start <= last))
    warned = [w for w in records.warnings(session, person) if first.isoformat() <= str(w.get("date", "")) <= last.isoformat()]
    return {"from": first.isoformat(), "to": to.isoformat(),
            "present": count["present"] + count["trip"], "trips": count["trip"],
            "target": sum(t for t in targets if t) if any(t is not None for t in targets) else None,
            "absent": count["absent"], "leave": count["leave"],
            "late": sum(d.late for d in statuses.values()),
            "spells": [{"kind": c.kind, "first": c.first_day.isoformat(), "last": c.last_day.isoformat(),
                        "days": c.days} for c in spells],
            "spot_check_findings": findings[0], "explanations": findings[1],
            "warnings": len(warned), "work_logs": logs or 0, "work_log_reviews": reviews or 0}
