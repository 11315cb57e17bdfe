"""A sheet's own details, as the API gives them under the key "attendance_sheet"."""
from sqlalchemy.orm import object_session

from models import Case
from workflows.attendance_sheet import machine, sheet
from workflows.fields import iso


def _head(row) -> dict:
    return {"unit": {"id": row.unit.id, "name": row.unit.name, "kind": row.unit.kind},
            "month": row.month.strftime("%Y-%m"), "submit_by": iso(row.submit_by), "file_by": iso(row.file_by),
            "frozen_at": iso(row.frozen_at)}


def details(case: Case) -> dict | None:
    """The rows frozen at submit, or before it the live preview (`frozen_at` null), with the totals."""
    row = case.attendance_sheet
    if row is None:
        return None
    session = object_session(case)
    found = sheet.rows(session, row)
    body = {**_head(row), "rows": found, "totals": sheet.totals(found),
            # 篇六: the compiler submits the case numbers of the month's leave slips.
            "leave_slips_required": machine.section(session, case)["match_leave_slips"]}
    if row.leave_slips is not None:
        body["leave_slips"] = row.leave_slips
    return body


def summary(case: Case) -> dict | None:
    """What a list row shows: the unit and month, never the rows (a page of sheets reads nothing more)."""
    row = case.attendance_sheet
    return None if row is None else _head(row)
