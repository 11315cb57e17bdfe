"""The handover record (驻村工作队员工作交接清单) of a handover case: one printable A4 page for whoever may
see the case, and the same content as an .xlsx sheet. Both read one view of the case (`record_of`):
the parties with their posts, how it began, 本人未到场, every item under the five headings in order with
its status and the two sides' notes, the funds total, and the sign-offs from the history."""
from __future__ import annotations

from datetime import timezone
from decimal import Decimal
from io import BytesIO

from flask import Blueprint, abort, render_template
from flask_babel import force_locale
from flask_login import login_required

from models import Case
from models.handover import HEADINGS
from webapp import actors, handover_pages
from webapp.cases import visible_case
from webapp.downloads import send_xlsx
from webapp.extensions import db
from webapp.labels import label
from workflows import clock, queries
from workflows.handover import parties

bp = Blueprint("handover_record", __name__)

# The sheet's columns, in Chinese whatever the reader's language: the file is filed as it is.
HEADERS = ("类别", "事项", "说明", "金额(元)", "状态", "接任人意见", "移交人说明")

def _money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f}"


def _item(item) -> dict:
    # As the case page reads them: a linked case by its kind, number and state; a ledger by its name and count.
    title, detail = handover_pages.item_title(item)[0], handover_pages.detail(item)
    return {"id": item.id, "heading": item.heading, "title": title, "detail": detail,
            "amount": item.amount, "amount_text": _money(item.amount), "status": item.status,
            "status_text": label("handover_item_status", item.status), "note": item.note or "",
            "resolution": item.resolution or ""}


def _local(stored):
    return stored.replace(tzinfo=timezone.utc).astimezone(clock.zone())


def sign_offs(case: Case) -> list[dict]:
    """Who signed the record as which office, and when: the route's approvals in the history."""
    signed = [e for e in queries.history(db.session, case) if e.action == "approve"]
    # An office account signs as its office alone: no person's name to repeat beside it.
    return [{"office": actors.office_of_event(e) or actors.name_of_event(e), "name": e.actor_name or "",
             "at": _local(e.at)} for e in signed]


def _party(person, term, position) -> dict:
    return {"name": person.name, "unit": person.home_unit.name if person.home_unit else "",
            "position": label("position", term.position if term is not None else position)}


def record_of(case: Case) -> dict:
    h = case.handover
    out_term = h.outgoing_term
    listed = [_item(i) for i in h.items]
    sections = [{"heading": code, "label": label("handover_heading", code),
                 "rows": [i for i in listed if i["heading"] == code]} for code in HEADINGS]
    funds = sum((i["amount"] for i in listed if i["heading"] == "funds" and i["amount"] is not None), Decimal(0))
    township = case.village.ancestor_of_kind("township") if case.village is not None else None
    return {
        "case": case, "team": h.team.name, "village": h.team.village.name,
        "township": township.name if township else "",
        "outgoing": _party(case.subject, out_term, None),
        # The incoming cadre takes the outgoing one's post, unless a replacement's term says otherwise.
        "incoming": _party(h.incoming_person, h.incoming_term, out_term.position),
        "handover_date": h.handover_date, "source": label("handover_source", h.source),
        "absent": h.outgoing_absent, "absent_reason": h.absent_reason or "",
        "lister": label("office", parties.lister_office(case)),
        "sections": sections, "funds_total": funds, "funds_total_text": _money(funds), "sign_offs": sign_offs(case),
        "state": label("state", case.state),
    }


def _handover_case(case_id: int) -> Case:
    case = visible_case(case_id)
    if case.kind != "handover" or case.handover is None:
        abort(404)
    return case


@bp.get("/cases/<int:case_id>/record")
@login_required
def record(case_id):
    """驻村工作队员工作交接清单, for print (A4, no navigation)."""
    return render_template("handover/record.html", r=record_of(_handover_case(case_id)))


# ---------------------------------------------------------------- the .xlsx

def _header_block(r: dict) -> list[list]:
    out, inc = r["outgoing"], r["incoming"]
    rows = [["驻村工作队员工作交接清单"],
            ["工作队", r["team"], "村", r["village"], "乡镇（街道）", r["township"]],
            ["移交人", out["name"], "职务", out["position"], "派出单位", out["unit"]],
            ["接任人", inc["name"], "职务", inc["position"], "派出单位", inc["unit"]],
            ["交接日期", r["handover_date"].isoformat(), "发起方式", r["source"], "状态", r["state"]]]
    if r["absent"]:
        rows.append(["本人未到场", r["absent_reason"], "代为列出", r["lister"], "监交", label("office", "township")])
    return rows


def workbook(r: dict) -> bytes:
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet("交接清单")
    for row in _header_block(r):
        sheet.append(row)
    sheet.append([])
    sheet.append(list(HEADERS))
    for section in r["sections"]:
        for i in section["rows"]:
            sheet.append([section["label"], i["title"], i["detail"],
                          float(i["amount"]) if i["amount"] is not None else None,
                          i["status_text"], i["note"], i["resolution"]])
    sheet.append(["经费合计", "", "", float(r["funds_total"]), "", "", ""])
    sheet.append([])
    for s in r["sign_offs"]:
        sheet.append(["签字", s["office"], s["name"], s["at"].strftime("%Y-%m-%d %H:%M")])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@bp.get("/cases/<int:case_id>/record.xlsx")
@login_required
def record_xlsx(case_id):
    case = _handover_case(case_id)
    with force_locale("zh_CN"):
        content = workbook(record_of(case))
    return send_xlsx(content, f"handover-record-{case.id}.xlsx")


def register(app) -> None:
    app.register_blueprint(bp)
