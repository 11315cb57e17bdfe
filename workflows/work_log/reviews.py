"""Opening the reviews (调阅): each day the sweep opens, for every team and every review its
jurisdiction's policy sets, the case of the newest period that has ended, unless it is open already.
A second run, or a run on a later day of the same period, opens nothing.

A team is reviewed from the first period in which it kept its log here: periods that ended before
its first entry predate its use of the work log, and have nothing to read."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import Team, Term, WorkLogEntry, WorkLogReview
from workflows import engine, offices, people, policy, tasks
from workflows.errors import Conflict
from workflows.sweep import register_job
from workflows.system import system_user
from workflows.work_log import periods, rules

KIND = "work_log_review"


def _served(team: Team, start: date, end: date) -> bool:
    """Someone was posted to the team during the period: there are logs to read."""
    return any(t.start_date <= end and people.last_day(t) >= start for t in team.terms)


def _first_entries(session: Session) -> dict[int, date]:
    """Each team's first work-log entry."""
    return dict(session.execute(select(WorkLogEntry.team_id, func.min(WorkLogEntry.day))
                                .group_by(WorkLogEntry.team_id)).all())


def _opened(session: Session, team_id: int, office: str, start: date) -> bool:
    return session.scalar(select(WorkLogReview.case_id).where(
        WorkLogReview.team_id == team_id, WorkLogReview.office_code == office,
        WorkLogReview.period_start == start)) is not None


def open_due(session: Session, on: date) -> list[WorkLogReview]:
    """Open the reviews owed on `on`; the caller commits."""
    teams = session.scalars(select(Team).options(selectinload(Team.terms).selectinload(Term.person))
                            .order_by(Team.id)).all()
    first = _first_entries(session)
    opened = []
    actor = None
    versions: dict = {}  # one query per policy, not per team
    for team in teams:
        if team.id not in first:
            continue
        try:
            version = policy.in_force(session, team.village, versions)
        except Conflict:
            continue  # no policy over the village: no review to owe
        for review in rules.settings(version.body)["reviews"]:
            start, end = periods.last_ended(on, review["every_months"])
            office = review["office"]
            if first[team.id] > end or not _served(team, start, end) or _opened(session, team.id, office, start):
                continue
            if offices.resolve(office, team.village, None) is None:
                continue  # no such office over this village: nobody could take the task
            actor = actor or system_user(session)
            case = engine.open_case(session, KIND, actor, version, org_unit=team.village, village=team.village,
                                    payload={"office": office, "start": start.isoformat(), "end": end.isoformat()})
            row = WorkLogReview(case=case, team=team, office_code=office, period_start=start, period_end=end)
            session.add(row)
            tasks.open_office_task(session, case, "review", 0, office, review["due_days"])
            session.flush()
            opened.append(row)
    return opened


def review_job(session: Session, on: date) -> list[str]:
    return [f"work log review: case {r.case_id} ({r.team.name}, {r.office_code}, "
            f"{r.period_start.isoformat()}–{r.period_end.isoformat()})" for r in open_due(session, on)]


register_job("work_log_reviews", review_job)
