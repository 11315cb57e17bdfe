"""The monthly sheet as the engine sees it: its machine, actions and details."""
from sqlalchemy.orm import joinedload

from models import AttendanceSheet, Case
from workflows.attendance_sheet.actions import ACTIONS
from workflows.attendance_sheet.details import details, summary
from workflows.attendance_sheet.machine import MACHINE
from workflows.registry import Procedure, register

_unit = lambda: joinedload(Case.attendance_sheet).joinedload(AttendanceSheet.unit)  # noqa: E731

ATTENDANCE_SHEET = register(Procedure(
    kind="attendance_sheet",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    summary=summary,
    eager=(_unit,),
    eager_case=(_unit,),
))
