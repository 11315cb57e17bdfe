"""What the system already holds on a cadre for an assessment's period, shown on the case and never typed
again (domain §6 "Inputs"): days present (with official trips) against the target, leave, absences and
the crossings of the absence limits, late sign-ins, spot-check findings with their explanations,
warnings, and the work log with its reviews. Read for a whole round at once when it opens (a fixed
number of statements for the presence and the counts, whatever the number of cadres) and again for a
case when it is scored, and kept on the case (`Assessment.inputs`), so that a grade is read beside what
it was given on."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (AbsenceCrossing, Case, OrgUnit, Person, SpotCheck, SpotCheckFinding, Term, WorkLogEntry,
                    WorkLogReview)
from workflows import clock, records
from workflows.presence import days as presence_days
from workflows.presence.jurisdiction import settings_of


def _months(first: date, last: date) -> list[date]:
    found, month = [], first.replace(day=1)
    while month <= last:
        found.append(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return found


def _target(session: Session, settings: dict, first: date, to: date) -> int | None:
    """The period's target: each month's share of the policy's month, quarter or year target, summed."""
    targets = [presence_days.month_target(session, settings, m) for m in _months(first, to)]
    return sum(t for t in targets if t) if any(t is not None for t in targets) else None


def _counts(session: Session, column, ids: list[int], *where) -> dict[int, int]:
    return dict(session.execute(select(column, func.count()).where(column.in_(ids), *where).group_by(column)).all())


def gather_many(session: Session, people: list[tuple[Person, OrgUnit]], first: date, last: date) -> dict[int, dict]:
    """{person_id: inputs} for cadres at their villages over the period, up to yesterday (today is not over)."""
    ids = [p.id for p, _ in people]
    to = min(last, clock.today() - timedelta(days=1))
    statuses = presence_days.statuses(session, ids, first, to) if to >= first else {i: {} for i in ids}
    versions: dict = {}
    targets: dict[int, int | None] = {}
    for _person, village in people:
        if village.id not in targets:
            targets[village.id] = _target(session, settings_of(session, village, versions), first, to) \
                if to >= first else None
    findings = dict(session.execute(
        select(SpotCheckFinding.person_id, func.count()).join(SpotCheck)
        .where(SpotCheckFinding.person_id.in_(ids), SpotCheck.day >= first, SpotCheck.day <= last)
        .group_by(SpotCheckFinding.person_id)).all())
    explained = dict(session.execute(
        select(SpotCheckFinding.person_id, func.count(Case.id)).join(SpotCheck)
        .join(Case, Case.id == SpotCheckFinding.covered_by_case_id)
        .where(SpotCheckFinding.person_id.in_(ids), SpotCheck.day >= first, SpotCheck.day <= last)
        .group_by(SpotCheckFinding.person_id)).all())
    spells = defaultdict(list)
    for c in session.scalars(select(AbsenceCrossing).where(AbsenceCrossing.person_id.in_(ids),
                                                           AbsenceCrossing.first_day <= last,
                                                           AbsenceCrossing.last_day >= first)):
        spells[c.person_id].append({"kind": c.kind, "first": c.first_day.isoformat(),
                                    "last": c.last_day.isoformat(), "days": c.days})
    logs = _counts(session, WorkLogEntry.person_id, ids, WorkLogEntry.day >= first, WorkLogEntry.day <= last)
    # The reviews (调阅) of the log of a team the cadre served on, over a stretch of the period.
    reviews_of_team = _counts(session, WorkLogReview.team_id,
                              list(session.scalars(select(Term.team_id).where(Term.person_id.in_(ids)))),
                              WorkLogReview.period_end >= first, WorkLogReview.period_start <= last)
    teams = defaultdict(set)
    for person_id, team_id in session.execute(select(Term.person_id, Term.team_id).where(Term.person_id.in_(ids))):
        teams[person_id].add(team_id)
    found = {}
    for person, village in people:
        day_map = statuses.get(person.id, {})
        count = {s: sum(d.status == s for d in day_map.values()) for s in ("present", "trip", "leave", "absent")}
        found[person.id] = {
            "from": first.isoformat(), "to": to.isoformat(),
            "present": count["present"] + count["trip"], "trips": count["trip"], "target": targets[village.id],
            "absent": count["absent"], "leave": count["leave"], "late": sum(d.late for d in day_map.values()),
            "spells": spells[person.id], "spot_check_findings": findings.get(person.id, 0),
            "explanations": explained.get(person.id, 0), "warnings": _warnings(session, person, first, last),
            "work_logs": logs.get(person.id, 0),
            "work_log_reviews": sum(reviews_of_team.get(t, 0) for t in teams[person.id])}
    return found


def _warnings(session: Session, person: Person, first: date, last: date) -> int:
    return sum(first.isoformat() <= str(w.get("date", "")) <= last.isoformat()
               for w in records.warnings(session, person))


def gather(session: Session, person: Person, village: OrgUnit, first: date, last: date) -> dict:
    """One cadre's inputs (as `gather_many` reads them for a round)."""
    return gather_many(session, [(person, village)], first, last)[person.id]
