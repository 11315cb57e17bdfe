"""A sheet as an .xlsx workbook with Chinese headers, as the county office and the dispatching units
file it: the rows the sheet holds (frozen, or the preview before submit) and a totals line."""
from __future__ import annotations

from io import BytesIO

from models import Case
from workflows.attendance_sheet import details

HEADERS = ("姓名", "驻村", "在岗", "出差/会议/培训", "请假", "缺勤", "迟到", "目标", "达标", "计补天数", "补贴(元)")


def _met(value) -> str:
    return "" if value is None else ("是" if value else "否")


def workbook(case: Case) -> bytes:
    from openpyxl import Workbook
    body = details.details(case)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(body["month"])
    sheet.append([f"{body['unit']['name']} {body['month']} 出勤情况统计表"])
    sheet.append(HEADERS)
    for r in body["rows"]:
        sheet.append([r["person"]["name"], r["village"]["name"], r["present"], r["trip"], r["leave"], r["absent"],
                      r["late"], r["target"], _met(r["meets_target"]), r["counted"], r["subsidy"]])
    t = body["totals"]
    sheet.append(["合计", f"{t['people']}人", t["present"], t["trip"], t["leave"], t["absent"], t["late"], "",
                  f"{t['met']}/{t['people']}", t["counted"], t["subsidy"]])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def filename(case: Case) -> str:
    row = case.attendance_sheet
    return f"attendance-sheet-{row.month:%Y-%m}-{case.id}.xlsx"
