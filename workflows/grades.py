"""Grades recorded on a cadre outside an assessment round, where a policy fixes the grade outright
(篇六: absence over the thresholds, or a quarter short of its days → "年度考核为不合格"). Read back by
the cadre's record (workflows.records.grades)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Person, PersonGrade
from workflows import records

ANNUAL = "annual"


def record(session: Session, person_id: int, period: str, grade: str, reason: str, on: date,
           wording: str | None = None, source_case_id: int | None = None, kind: str = ANNUAL) -> PersonGrade | None:
    """Record the grade of a period, unless one is recorded already (the first reason stands: a
    period has one grade). Returns the new row, or None."""
    exists = session.scalar(select(PersonGrade.id).where(PersonGrade.person_id == person_id,
                                                         PersonGrade.period == period, PersonGrade.kind == kind))
    if exists is not None:
        return None
    row = PersonGrade(person_id=person_id, period=period, kind=kind, grade=grade, wording=wording, reason=reason,
                      source_case_id=source_case_id, recorded_on=on)
    session.add(row)
    session.flush()
    return row


@records.register_grades
def recorded(session: Session, person: Person) -> list[dict]:
    rows = session.scalars(select(PersonGrade).where(PersonGrade.person_id == person.id)
                           .order_by(PersonGrade.period, PersonGrade.kind)).all()
    found = []
    for g in rows:
        item = {"period": g.period, "kind": g.kind, "grade": g.grade}
        if g.wording:
            item["wording"] = g.wording
        found.append(item)
    return found
