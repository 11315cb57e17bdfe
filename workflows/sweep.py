"""The daily sweep: jobs that run by the calendar (reminders, overdue marks, escalations, each
procedure's own), once per job and day.

Each job is `fn(session, on) -> list[str]`: it does that day's work in the caller's transaction and
says what it did. `run(session, until)` runs every job for every day it has not run yet, up to
`until`, oldest day first (a sweep missed for a few days catches up, at most CATCH_UP_DAYS back; a
job never run before starts at `until`).

Once per day, also when two sweeps start at the same instant: a job's day is claimed by inserting its
unique (job, day) row in the transaction that does the work. A second sweep's insert fails (on
PostgreSQL it waits for the first to commit, then fails) and it skips that day; if the first fails
and rolls back, the claim goes with it and the next sweep does the day.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models import SweepRun, utcnow
from workflows.unit_of_work import UnitOfWork

CATCH_UP_DAYS = 31

Job = Callable[[Session, date], list[str]]
JOBS: dict[str, tuple[int, Job]] = {}


def register_job(name: str, fn: Job, order: int = 50) -> Job:
    """Add a daily job; each day's jobs run by `order` (reminders before escalations before a
    procedure's own). Registering a name again replaces it."""
    JOBS[name] = (order, fn)
    return fn


def jobs() -> list[tuple[str, Job]]:
    return [(name, fn) for name, (_, fn) in sorted(JOBS.items(), key=lambda item: (item[1][0], item[0]))]


@dataclass
class JobRun:
    job: str
    day: date
    lines: list[str]
    error: str | None = None


def days_due(session: Session, job: str, until: date) -> list[date]:
    """The days this job still owes, oldest first."""
    last = session.scalar(select(func.max(SweepRun.day)).where(SweepRun.job == job))
    first = until if last is None else max(last + timedelta(days=1), until - timedelta(days=CATCH_UP_DAYS - 1))
    return [first + timedelta(days=i) for i in range((until - first).days + 1)]


def run(session: Session, until: date) -> list[JobRun]:
    """Every registered job, for every day it owes up to `until`: day by day, each day's jobs in the
    order they were registered. A job that fails is rolled back and skips its later days (the next
    sweep retries them); the other jobs go on."""
    owed = {name: days_due(session, name, until) for name in JOBS}
    session.rollback()  # each job's day is its own transaction, beginning from a fresh snapshot
    failed: set[str] = set()
    done = []
    for day in sorted({d for days in owed.values() for d in days}):
        for name, fn in jobs():
            if day not in owed[name] or name in failed:
                continue
            result = run_one(session, name, fn, day)
            if result is None:
                continue  # another sweep has done it, or is doing it now
            if result.error is not None:
                failed.add(name)
            done.append(result)
    return done


def run_one(session: Session, name: str, fn: Job, day: date) -> JobRun | None:
    """Claim (job, day) and do it in one transaction; None when another sweep holds the claim."""
    try:
        with UnitOfWork(session) as uow:
            claim = SweepRun(job=name, day=day, started_at=utcnow())
            session.add(claim)
            try:
                session.flush()
            except (IntegrityError, OperationalError):
                # Taken: an earlier sweep did this day, or another is at it now (SQLite refuses the
                # write of a snapshot another writer has moved past).
                return None
            lines = fn(session, day)
            claim.finished_at, claim.report = utcnow(), lines
            uow.commit()
            return JobRun(name, day, lines)
    except Exception as error:  # noqa: BLE001 — one job's failure must not stop the others
        session.rollback()
        return JobRun(name, day, [], error=f"{type(error).__name__}: {error}")
