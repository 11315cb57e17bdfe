"""A review's details: the team, the period, and per member the entries written and the working days
without one."""
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import object_session

from models import Case, WorkLogEntry
from workflows import calendar, clock, people


def member_rows(session, review) -> list[dict]:
    """Every cadre posted to the team during the period: entries written, and the working days of
    their posting in the period (up to yesterday) with no entry."""
    start, end = review.period_start, min(review.period_end, clock.today() - timedelta(days=1))
    written = {}
    for person_id, day in session.execute(select(WorkLogEntry.person_id, WorkLogEntry.day).where(
            WorkLogEntry.team_id == review.team_id, WorkLogEntry.day >= review.period_start,
            WorkLogEntry.day <= review.period_end)):
        written.setdefault(person_id, set()).add(day)
    working = [start + timedelta(days=i) for i in range((end - start).days + 1)
               if calendar.is_working_day(session, start + timedelta(days=i))]
    rows = []
    terms = [t for t in review.team.terms if t.start_date <= review.period_end and people.last_day(t) >= start]
    for term in sorted(terms, key=lambda t: (t.start_date, t.id)):
        mine = written.get(term.person_id, set())
        served = [d for d in working if term.start_date <= d <= people.last_day(term)]
        rows.append({"person": {"id": term.person.id, "name": term.person.name}, "position": term.position,
                     "entries": len(mine), "missing_days": [d.isoformat() for d in served if d not in mine]})
    return rows


def summary(case: Case) -> dict | None:
    """The review as a list row shows it: the team, the reviewing office and the period."""
    review = case.work_log_review
    if review is None:
        return None
    return {"team": {"id": review.team.id, "name": review.team.name}, "office": review.office_code,
            "period": {"start": review.period_start.isoformat(), "end": review.period_end.isoformat()}}


def details(case: Case) -> dict | None:
    """The whole review, with each member's entries and missing days (read for this one case)."""
    row = summary(case)
    if row is not None:
        row["members"] = member_rows(object_session(case), case.work_log_review)
    return row


