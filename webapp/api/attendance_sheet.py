"""A monthly sheet as an .xlsx download with Chinese headers. The sheet itself is a case, read and acted
on through the generic case endpoints."""

from flask import g

from webapp.api import bp
from webapp.downloads import XLSX, send_xlsx
from webapp.extensions import db
from workflows import engine
from workflows.attendance_sheet import export
from workflows.errors import NotFound


@bp.get("/attendance-sheets/<int:case_id>/xlsx")
def attendance_sheet_xlsx(case_id):
    """Whoever may see the sheet's case downloads it: its frozen rows, or the preview before submit."""
    case = engine.visible_case(db.session, case_id, g.actor)
    if case.attendance_sheet is None:
        raise NotFound("case_not_found", "id", id=case_id)
    return send_xlsx(export.workbook(case), export.filename(case))


def openapi_paths(responses, path_id) -> dict:
    """This module's endpoints, for the OpenAPI document (webapp/api/openapi.py)."""
    answered = responses("200", {"type": "string"}, 403, 404)
    answered["200"] = {"description": "The sheet (出勤情况统计表): 姓名, 驻村, 在岗, 出差/会议/培训, 请假, 缺勤, 迟到, 目标, 达标, "
                                      "计补天数, 补贴(元), and a totals line",
                       "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}
    return {"/api/v1/attendance-sheets/{case_id}/xlsx": {"get": {
        "summary": "A monthly attendance sheet as .xlsx: the rows frozen at submit, or the preview before it",
        "parameters": [path_id("case_id")], "responses": answered}}}
