"""Opening the sheets: on any day of a month the sweep opens, for every township (or, under a policy
whose scope is the village, every village team), the sheet of the month just ended, unless it is open
already. A second run, a later day of the same month, or a sweep catching up after missed days opens
nothing more: one sheet per unit and month (AttendanceSheet is unique on both).

A unit gets a sheet for a month in which a cadre was posted to it and its presence records had begun
(workflows.presence.jurisdiction.records_begin): before that there is nothing to count."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AttendanceSheet, OrgUnit, Team, Term
from workflows import engine, offices, people, policy
from workflows.attendance_sheet import machine, rules
from workflows.errors import Conflict
from workflows.presence import days as presence_days
from workflows.presence import jurisdiction
from workflows.sweep import register_job
from workflows.system import system_user

KIND = "attendance_sheet"


def month_ended(on: date) -> date:
    """The first day of the month before `on`'s."""
    return (on.replace(day=1) - timedelta(days=1)).replace(day=1)


def _posted_villages(session: Session, first: date, last: date) -> set[int]:
    """The villages whose team had a cadre posted on some day of first..last."""
    return set(session.scalars(select(Team.village_id).join(Term, Term.team_id == Team.id)
                               .where(people.serving_between(first, last)).distinct()))


def _candidates(session: Session, villages: set[int]) -> list[OrgUnit]:
    """The villages with postings and their townships, each a unit a sheet may be kept for."""
    if not villages:
        return []
    found = session.scalars(select(OrgUnit).where(OrgUnit.id.in_(villages))).all()
    townships = {v.parent_id for v in found if v.parent_id is not None}
    found += session.scalars(select(OrgUnit).where(OrgUnit.id.in_(townships), OrgUnit.kind == "township")).all()
    return sorted(found, key=lambda u: u.id)


def _opened(session: Session, month: date) -> set[int]:
    return set(session.scalars(select(AttendanceSheet.unit_id).where(AttendanceSheet.month == month)))


def _due_day(on: date, day: int) -> date:
    return on.replace(day=day)


def open_due(session: Session, on: date) -> list[AttendanceSheet]:
    """Open the sheets owed on `on`; the caller commits."""
    first, last = presence_days.month_range(month_ended(on))
    opened, done = [], _opened(session, first)
    versions: dict = {}
    actor = None
    for unit in _candidates(session, _posted_villages(session, first, last)):
        if unit.id in done:
            continue
        begin = jurisdiction.records_begin(unit)
        if begin is not None and begin > last:
            continue  # the records began after the month: nothing to count
        try:
            version = policy.in_force(session, unit, versions)
        except Conflict:
            continue  # no policy over the unit
        settings = rules.settings(version.body)
        if settings["scope"] != unit.kind or offices.resolve(settings["compiled_by"], unit, None) is None:
            continue  # another unit keeps the sheet here, or nobody could compile it
        actor = actor or system_user(session)
        case = engine.open_case(session, KIND, actor, version, org_unit=unit,
                                village=unit if unit.kind == "village" else None,
                                payload={"unit_id": unit.id, "month": first.strftime("%Y-%m")})
        row = AttendanceSheet(case=case, unit=unit, month=first, submit_by=_due_day(on, settings["submit_by_day"]),
                              file_by=_due_day(on, settings["file_by_day"]))
        session.add(row)
        machine.open_compile_task(session, case, row.submit_by)
        session.flush()
        opened.append(row)
    return opened


def opening_job(session: Session, on: date) -> list[str]:
    return [f"attendance sheet: case {r.case_id} ({r.unit.name}, {r.month:%Y-%m})" for r in open_due(session, on)]


# After the sweep's own jobs (reminders, escalation, overstay), like the other procedures' monthly jobs.
register_job("attendance_sheets", opening_job, order=60)
