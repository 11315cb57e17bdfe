"""What a sheet holds: the month's rows for its unit (workflows.presence.attendance), frozen at
submit; the leave slips matched against the month's granted leaves (篇六); the dispatching units
its cadres come from, for the filing (篇四 抄送派出单位)."""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AttendanceSheet, OrgUnit, Person, Team, utcnow
from workflows.errors import InvalidInput
from workflows.presence import attendance
from workflows.presence import days as presence_days

# The numeric columns a row has, summed in the totals.
COUNTS = ("present", "trip", "leave", "absent", "late", "counted", "subsidy")


def live_rows(session: Session, sheet: AttendanceSheet) -> list[dict]:
    """The month's rows as the records stand now: a preview until the sheet is submitted."""
    unit = sheet.unit
    if unit.kind == "village":
        team = session.scalars(select(Team).where(Team.village_id == unit.id)).first()
        found = attendance.rows(session, sheet.month, team=team) if team is not None else []
    else:
        found = attendance.rows(session, sheet.month, township=unit)
    return [_row(r) for r in sorted(found, key=lambda r: (r.village.name, r.person.name, r.person.id))]


def _row(r: attendance.Row) -> dict:
    t = r.totals
    return {"person": {"id": r.person.id, "name": r.person.name},
            "village": {"id": r.village.id, "name": r.village.name},
            "present": t["present"], "trip": t["trip"], "leave": t["leave"], "absent": t["absent"],
            "late": t["late"], "target": t["target"], "meets_target": t["meets_target"],
            "counted": r.counted, "subsidy_per_day": r.rate, "subsidy": r.subsidy}


def rows(session: Session, sheet: AttendanceSheet) -> list[dict]:
    """The frozen rows of a submitted sheet, else the live preview."""
    return sheet.rows if sheet.rows is not None else live_rows(session, sheet)


def totals(found: list[dict]) -> dict:
    """The sheet's bottom line: each count summed, and how many cadres met their target or not."""
    summed = {key: sum(r[key] for r in found) for key in COUNTS}
    return {"people": len(found), **summed,
            "met": sum(r["meets_target"] is True for r in found),
            "not_met": sum(r["meets_target"] is False for r in found)}


def freeze(session: Session, sheet: AttendanceSheet, slips: list[int] | None, found: list[dict] | None = None) -> None:
    """Write the rows as they stand (`found`, where the caller read them already) into the sheet:
    nothing recorded later changes a submitted sheet."""
    sheet.rows = live_rows(session, sheet) if found is None else found
    sheet.frozen_at = utcnow()
    sheet.leave_slips = slips


# ---------------------------------------------------------------- 篇六: the leave slips

# A case number as people write it: 42, #42, No.42 (as the case search reads it).
_NUMBER = re.compile(r"^\s*(?:#|no\.?|№)?\s*(\d{1,18})\s*$", re.IGNORECASE)


def read_slips(data: dict) -> list[int]:
    """The leave slips on paper, as case numbers: a list of numbers or strings like "#42"."""
    value = data.get("leave_slips", [])
    if not isinstance(value, list):
        raise InvalidInput("invalid_leave_slips", "leave_slips")
    numbers = []
    for item in value:
        found = _NUMBER.match(str(item)) if isinstance(item, (int, str)) and not isinstance(item, bool) else None
        if found is None:
            raise InvalidInput("invalid_leave_slips", "leave_slips")
        numbers.append(int(found.group(1)))
    return sorted(set(numbers))


def granted_leaves(session: Session, sheet: AttendanceSheet, person_ids: list[int]) -> set[int]:
    """The case numbers of the month's granted leaves (and trips) of the sheet's cadres."""
    first, last = presence_days.month_range(sheet.month)
    return {away.leave.case_id for away in presence_days.granted_away(session, person_ids, first, last)}


def match_slips(session: Session, sheet: AttendanceSheet, slips: list[int], person_ids: list[int]) -> None:
    """篇六 "请假情况应与…请假备案记录相一致": every granted leave of the month has its slip and every slip
    names one of them; the first mismatch is refused, naming the leave's number."""
    granted = granted_leaves(session, sheet, person_ids)
    missing = sorted(granted - set(slips))
    if missing:
        raise InvalidInput("leave_slip_missing", "leave_slips", number=missing[0])
    unknown = sorted(set(slips) - granted)
    if unknown:
        raise InvalidInput("leave_slip_unknown", "leave_slips", number=unknown[0])


# ---------------------------------------------------------------- filing

def dispatching_units(session: Session, sheet: AttendanceSheet) -> list[OrgUnit]:
    """The distinct home units of the sheet's cadres, each once."""
    ids = [r["person"]["id"] for r in sheet.rows or []]
    if not ids:
        return []
    unit_ids = set(session.scalars(select(Person.home_unit_id).where(Person.id.in_(ids))))
    return list(session.scalars(select(OrgUnit).where(OrgUnit.id.in_(unit_ids - {None})).order_by(OrgUnit.id)))
