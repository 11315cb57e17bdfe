"""The monthly attendance sheet (出勤情况统计表) as a procedure (api.md, Presence; domain.md §3): the sweep
opens one per township (篇四) or village team (篇六) for the month just ended; the compiler submits it,
freezing its rows; the signer approves or returns it; then it is filed with the county office and each
dispatching unit of its cadres (篇四), or the township (篇六), whose leave slips must match the month's
granted leaves."""
from datetime import date
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from models import OrgUnit
from tests.conftest import SICK_NOTE, on_day, use_preset
from tests.pages import act, get, user
from tests.test_sweep import sweep

APRIL_1 = date(2026, 4, 1)


def begin_records(app, db, day=date(2026, 3, 2)):
    """The county's presence records begin on 2 March (the demo sets the day it is seeded)."""
    with app.app_context():
        county = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
        county.presence_from = day
        db.session.commit()


def sheets(api, username):
    """The sheets in the user's inbox (their tasks on them)."""
    return [i for i in api(username).get("/api/v1/inbox").get_json()["items"] if i["case"]["kind"] == "attendance_sheet"]


def open_sheets(app, db, day=APRIL_1):
    begin_records(app, db)
    with on_day(day):
        sweep(app)


def sheet_of(api, username):
    found = sheets(api, username)
    assert len(found) == 1, found
    return found[0]["case_id"]


def case(api, username, case_id):
    return api(username).get(f"/api/v1/cases/{case_id}").get_json()


def person_id(api, username):
    return api(username).get("/api/v1/me").get_json()["person_id"]


def miss_day(api, keeper, cadre, day, reason="镇里临时会议，未能签到"):
    """The keeper records a day the cadre could not sign in: the day counts as present."""
    r = api(keeper).post("/api/v1/sign-ins", json={"person_id": person_id(api, cadre), "date": day, "reason": reason})
    assert r.status_code == 201, r.get_json()


def row_of(body, name):
    return next(r for r in body["attendance_sheet"]["rows"] if r["person"]["name"] == name)


# ---------------------------------------------------------------- opening

def test_the_sweep_opens_one_sheet_per_township_for_the_month_just_ended_and_a_second_run_none(app, db, api):
    begin_records(app, db)
    sweep(app)  # 10 March: February ended before the records began
    assert sheets(api, "dongling.head") == []
    with on_day(APRIL_1):
        sweep(app)
        sweep(app)
    with on_day("2026-04-02"):
        sweep(app)  # a later day of the month owes nothing new
        for township, villages in (("dongling.head", {"杏花村", "石桥村"}), ("xihe.head", {"柳树村", "南坪村"})):
            [item] = sheets(api, township)
            assert item["kind"] == "compile" and item["due_date"] == "2026-04-03" and not item["overdue"]
            body = case(api, township, item["case_id"])
            assert body["state"] == "compiling" and body["actions"] == ["submit"]
            details = body["attendance_sheet"]
            assert (details["month"], details["file_by"], details["frozen_at"]) == ("2026-03", "2026-04-05", None)
            assert {r["village"]["name"] for r in details["rows"]} == villages
            assert len(details["rows"]) == 6 and details["totals"]["people"] == 6
    listed = api("admin").get("/api/v1/cases?kind=attendance_sheet").get_json()
    assert listed["total"] == 2
    with on_day("2026-04-06"):
        assert sheets(api, "dongling.head")[0]["overdue"] is True  # not submitted by the 3rd


def test_no_sheet_for_a_month_before_the_records_began(app, db, api):
    begin_records(app, db, date(2026, 4, 2))
    with on_day(APRIL_1):
        sweep(app)
    assert sheets(api, "dongling.head") == []


# ---------------------------------------------------------------- submit, sign, file

def test_submit_freezes_the_rows_and_a_later_record_does_not_change_them(app, db, api):
    open_sheets(app, db)
    case_id = sheet_of(api, "dongling.head")
    with on_day(APRIL_1):
        before = row_of(case(api, "dongling.head", case_id), "李娜")
        miss_day(api, "xinghua.leader", "xinghua.member1", "2026-03-20")
        preview = row_of(case(api, "dongling.head", case_id), "李娜")
        assert preview["present"] == before["present"] + 1  # before submit the rows are live
        submitted = api("dongling.head").act(case_id, "submit")
        assert submitted.status_code == 200, submitted.get_json()
        body = submitted.get_json()
        assert body["state"] == "pending" and body["attendance_sheet"]["frozen_at"] is not None
        assert row_of(body, "李娜") == preview
        miss_day(api, "xinghua.leader", "xinghua.member1", "2026-03-23")
        live = api("dongling.head").get(f"/api/v1/attendance?township_id={body['org_unit']['id']}&month=2026-03")
        assert next(r for r in live.get_json()["rows"] if r["person"]["name"] == "李娜")["present"] == preview["present"] + 1
        assert row_of(case(api, "dongling.head", case_id), "李娜") == preview
    [task] = sheets(api, "dongling.deputy")
    assert (task["kind"], task["office"], task["due_date"]) == ("approve", "township_deputy", "2026-04-05")


def test_the_liaison_leader_approves_and_it_is_filed_with_the_county_office_and_each_dispatching_unit(app, db, api):
    open_sheets(app, db)
    case_id = sheet_of(api, "dongling.head")
    with on_day("2026-04-02"):
        api("dongling.head").act(case_id, "submit")
        signed = api("dongling.deputy").act(case_id, "approve", comment="核实无误")
    assert signed.status_code == 200, signed.get_json()
    body = signed.get_json()
    assert body["state"] == "filed" and body["open_tasks"] == []
    filed = [(f["office"], f["org_unit"]["name"]) for f in body["filed_with"]]
    assert sorted(filed) == sorted([("county_office", "示范县"), ("dispatching_unit", "县教育局"),
                                    ("dispatching_unit", "县农业农村局"), ("dispatching_unit", "市卫生健康委员会"),
                                    ("dispatching_unit", "市财政局")])  # each unit once
    for reader in ("county.office", "unit.finance", "unit.edu"):
        items = api(reader).get("/api/v1/filed").get_json()["items"]
        assert [i["case"]["id"] for i in items if i["case"]["kind"] == "attendance_sheet"] == [case_id], reader


def test_a_returned_sheet_goes_back_to_the_township_and_is_frozen_again_on_resubmit(app, db, api):
    open_sheets(app, db)
    case_id = sheet_of(api, "dongling.head")
    with on_day(APRIL_1):
        first = api("dongling.head").act(case_id, "submit").get_json()
        refused = api("dongling.deputy").act(case_id, "return")
        assert (refused.status_code, refused.get_json()["error"]["field"]) == (422, "comment")
        returned = api("dongling.deputy").act(case_id, "return", comment="李娜3月20日在镇里开会，请补记")
        assert returned.get_json()["state"] == "returned"
        [task] = sheets(api, "dongling.head")
        assert task["kind"] == "compile"
        miss_day(api, "xinghua.leader", "xinghua.member1", "2026-03-20")
        again = api("dongling.head").act(case_id, "submit").get_json()
    assert again["state"] == "pending"
    assert row_of(again, "李娜")["present"] == row_of(first, "李娜")["present"] + 1
    assert again["attendance_sheet"]["frozen_at"] >= first["attendance_sheet"]["frozen_at"]


def test_only_the_compiling_office_submits_and_only_the_signer_approves(app, db, api):
    open_sheets(app, db)
    case_id = sheet_of(api, "dongling.head")
    with on_day(APRIL_1):
        for outsider in ("xihe.head", "xinghua.member1", "county.office", "unit.agri"):
            assert api(outsider).act(case_id, "submit", version=1).status_code == 403, outsider
        assert api("dongling.head").act(case_id, "approve", version=1).status_code == 409  # not submitted yet
        version = api("dongling.head").act(case_id, "submit").get_json()["version"]
        for outsider in ("dongling.head", "xihe.deputy"):
            assert api(outsider).act(case_id, "approve", version=version).status_code == 403, outsider
        assert "approve" in case(api, "dongling.deputy", case_id)["actions"]
        assert api("dongling.head").act(case_id, "submit").status_code == 409  # submitted already


# ---------------------------------------------------------------- 篇六

def leave_in_march(api, start="2026-03-17"):
    """篇六: a one-day leave of 李娜, certified by the village and granted by the team leader."""
    r = api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": start, "reason": "家中有事", "documents": [SICK_NOTE]})
    assert r.status_code == 201, r.get_json()
    leave = r.get_json()
    assert api("xinghua.secretary").act(leave["id"], "approve").status_code == 200
    assert api("xinghua.leader").act(leave["id"], "approve").get_json()["state"] == "approved"
    return leave["id"]


def test_pian6_one_sheet_per_village_compiled_by_the_first_secretary_signed_by_the_village_secretary(app, db, api):
    use_preset(app, "county-pian6")
    leave_id = leave_in_march(api)
    open_sheets(app, db)
    assert sheets(api, "dongling.head") == []
    case_id = sheet_of(api, "xinghua.leader")
    body = case(api, "xinghua.leader", case_id)
    assert body["village"]["name"] == "杏花村" and body["attendance_sheet"]["unit"]["name"] == "杏花村"
    assert {r["person"]["name"] for r in body["attendance_sheet"]["rows"]} == {"张伟", "李娜", "王强"}
    assert len(api("admin").get("/api/v1/cases?kind=attendance_sheet").get_json()["items"]) == 4
    with on_day(APRIL_1):
        missing = api("xinghua.leader").act(case_id, "submit", leave_slips=[])
        assert missing.status_code == 422
        error = missing.get_json()["error"]
        assert error["field"] == "leave_slips" and str(leave_id) in error["message"]
        assert case(api, "xinghua.leader", case_id)["state"] == "compiling"  # nothing written
        submitted = api("xinghua.leader").act(case_id, "submit", leave_slips=[f"#{leave_id}"])
        assert submitted.status_code == 200, submitted.get_json()
        assert submitted.get_json()["attendance_sheet"]["leave_slips"] == [leave_id]
        signed = api("xinghua.secretary").act(case_id, "approve", comment="情况属实")
    assert signed.get_json()["state"] == "filed"
    assert [(f["office"], f["org_unit"]["name"]) for f in signed.get_json()["filed_with"]] == [("township", "东岭镇")]


def test_pian6_a_slip_naming_no_granted_leave_of_the_month_is_refused(app, db, api):
    use_preset(app, "county-pian6")
    leave_id = leave_in_march(api)
    april = leave_in_march(api, "2026-04-07")
    open_sheets(app, db)
    case_id = sheet_of(api, "xinghua.leader")
    with on_day(APRIL_1):
        for slips, named in (([leave_id, april], april), ([leave_id, 999999], 999999)):
            refused = api("xinghua.leader").act(case_id, "submit", leave_slips=slips)
            assert refused.status_code == 422
            error = refused.get_json()["error"]
            assert error["field"] == "leave_slips" and str(named) in error["message"], error
        assert api("xinghua.leader").act(case_id, "submit", leave_slips="12").status_code == 422
        assert case(api, "xinghua.leader", case_id)["state"] == "compiling"


# ---------------------------------------------------------------- the sheet as a file and a page

def test_the_sheet_downloads_as_xlsx_with_chinese_headers(app, db, api):
    open_sheets(app, db)
    case_id = sheet_of(api, "dongling.head")
    with on_day(APRIL_1):
        r = api("dongling.head").get(f"/api/v1/attendance-sheets/{case_id}/xlsx")
        assert api("xihe.head").get(f"/api/v1/attendance-sheets/{case_id}/xlsx").status_code == 403
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    rows = list(load_workbook(BytesIO(r.data)).active.iter_rows(values_only=True))
    assert rows[1] == ("姓名", "驻村", "在岗", "出差/会议/培训", "请假", "缺勤", "迟到", "目标", "达标", "计补天数", "补贴(元)")
    assert {row[0] for row in rows[2:-1]} == {"张伟", "李娜", "王强", "刘洋", "陈静", "杨军"}
    assert rows[-1][0] == "合计"


def test_the_case_page_shows_the_table_with_targets_met_or_not(app, db, api, login_as):
    open_sheets(app, db)
    case_id = sheet_of(api, "dongling.head")
    with on_day(APRIL_1):
        zh = login_as("dongling.head").get(f"/cases/{case_id}").get_data(as_text=True)
        browser = user(login_as, "dongling.head")
        page = get(browser, f"/cases/{case_id}")
        inbox = browser.get("/inbox/").get_data(as_text=True)
    assert "东岭镇, 2026-03" in inbox  # the inbox row says whose month it is
    assert "出勤" in zh and "达标" in zh and "姓名" in zh
    assert page.has("sheet-preview") and page.has("action-submit")
    rows = page.all("sheet-row")
    assert len(rows) == 6
    # The records begin on 2 March and nobody signed in: nobody met the 20 days of 004.
    assert {r.attrs["data-met"] for r in rows} == {"no"}
    assert "Not met" in page.text("attendance-sheet") and "李娜" in page.text("attendance-sheet")
    assert page.has("sheet-xlsx")


def test_pian6_the_first_secretary_submits_the_slips_from_the_case_page(app, db, api, login_as):
    use_preset(app, "county-pian6")
    leave_id = leave_in_march(api)
    open_sheets(app, db)
    case_id = sheet_of(api, "xinghua.leader")
    with on_day(APRIL_1):
        browser = user(login_as, "xinghua.leader")
        refused = act(browser, case_id, "submit", leave_slips="")
        assert f"No. {leave_id}" in refused.text("actions")
        submitted = act(browser, case_id, "submit", leave_slips=f"#{leave_id}")
    assert case(api, "xinghua.leader", case_id)["state"] == "pending"
    assert submitted.text("sheet-leave-slips") == f"#{leave_id}"
