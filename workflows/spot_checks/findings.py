"""What spot checks say of a cadre's days, for the day status and the record: the days found absent
and not excused, and the findings counted as absence (warnings)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Explanation, Person, SpotCheck, SpotCheckFinding
from workflows.sql import among

# An explanation excuses the day only once accepted; until then (and when rejected) the day is absence.
EXCUSED = "excused"
COUNTED = "counted"


def unexcused_days(session: Session, person_ids, start: date, end: date) -> set[tuple[int, date]]:
    """(person_id, day) for every day from start to end a spot check found the person absent and their
    explanation is not (yet) accepted. A finding a leave or trip covered has no explanation: not here.
    One statement for any number of people and days."""
    ids = sorted(set(person_ids))
    if not ids or end < start:
        return set()
    rows = session.execute(
        select(SpotCheckFinding.person_id, SpotCheck.day)
        .join(SpotCheck, SpotCheck.id == SpotCheckFinding.spot_check_id)
        .join(Explanation, Explanation.finding_id == SpotCheckFinding.id)
        .join(Case, Case.id == Explanation.case_id)
        .where(among(SpotCheckFinding.person_id, ids), SpotCheck.day >= start, SpotCheck.day <= end,
               Case.state != EXCUSED)
        .distinct())
    return {(person_id, day) for person_id, day in rows}


def counted_warnings(session: Session, person: Person) -> list[dict]:
    """Findings the county office counted as absence, as warnings on the cadre's record, oldest first:
    {"date", "case_id", "kind": "spot_check_absence"}."""
    rows = session.execute(
        select(SpotCheck.day, Explanation.case_id)
        .join(SpotCheckFinding, SpotCheckFinding.spot_check_id == SpotCheck.id)
        .join(Explanation, Explanation.finding_id == SpotCheckFinding.id)
        .join(Case, Case.id == Explanation.case_id)
        .where(SpotCheckFinding.person_id == person.id, Case.state == COUNTED)
        .order_by(SpotCheck.day, Explanation.case_id))
    return [{"date": day.isoformat(), "case_id": case_id, "kind": "spot_check_absence"} for day, case_id in rows]
