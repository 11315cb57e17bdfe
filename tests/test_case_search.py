"""Searching cases: GET /api/v1/cases and the /cases/ page, with their exports. Each user finds
exactly the cases they may open, by procedure, state, place, person, number, date and lateness."""
import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import Case, OrgUnit, Task, User
from tests.conftest import leave_dates
from tests.pages import get, user
from webapp.extensions import db as _db
from workflows import access, clock

LIST = "/api/v1/cases"


def file_leave(api, username, days=3, start_in=7, draft=False):
    start, end = leave_dates(days, start_in)
    response = api(username).post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": end, "reason": "家中有事", "draft": draft})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


@pytest.fixture
def cases(api):
    """Five cases across both townships:
    li_short  李娜 (杏花村, 东岭镇), 3 days, approved by 东岭镇 → filed with 县组织部 and 县乡村振兴局
    li_long   李娜, 10 days, waiting for 县组织部, 县乡村振兴局 and 县农业农村局 jointly
    huang     黄磊 (柳树村, 西河乡), 3 days, waiting for 西河乡
    zhao      赵敏 (柳树村 leader), 2 days, waiting for 西河乡
    liu_draft 刘洋 (石桥村, 东岭镇), a draft: nobody but him has a task on it"""
    made = {
        "li_short": file_leave(api, "xinghua.member1", days=3),
        "li_long": file_leave(api, "xinghua.member1", days=10, start_in=20),
        "huang": file_leave(api, "liushu.member1", days=3),
        "zhao": file_leave(api, "liushu.leader", days=2),
        "liu_draft": file_leave(api, "shiqiao.leader", days=2, draft=True),
    }
    assert api("dongling.head").act(made["li_short"], "approve", comment="同意").status_code == 200
    return made


def listed(api, username, query=""):
    response = api(username).get(f"{LIST}?per_page=100{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(api, username, query=""):
    return [item["id"] for item in listed(api, username, query)["items"]]


def test_an_item_names_the_case_its_person_village_and_state(api, cases):
    body = listed(api, "admin", f"&q={cases['huang']}")
    assert body["total"] == 1 and body["page"] == 1 and body["total_capped"] is False
    item = body["items"][0]
    assert item["id"] == cases["huang"]
    assert item["kind"] == "leave" and item["state"] == "pending" and item["state_label"]
    assert item["person"]["name"] == "黄磊" and item["village"]["name"] == "柳树村"
    assert item["created_at"] and item["updated_at"] and item["overdue"] is False


def test_newest_first_in_pages(api, cases):
    everything = ids(api, "admin")
    assert everything == sorted(cases.values(), reverse=True)  # created at one instant: by number
    first = api("admin").get(f"{LIST}?per_page=2").get_json()
    third = api("admin").get(f"{LIST}?per_page=2&page=3").get_json()
    assert (first["total"], first["pages"]) == (5, 3)
    assert [i["id"] for i in first["items"]] == everything[:2]
    assert [i["id"] for i in third["items"]] == everything[4:]
    assert api("admin").get(f"{LIST}?per_page=2&page=4").get_json()["items"] == []


def test_filters(app, api, cases):
    assert set(ids(api, "admin", "&state=pending")) == {cases["li_long"], cases["huang"], cases["zhao"]}
    assert ids(api, "admin", "&state=approved") == [cases["li_short"]]
    assert set(ids(api, "admin", "&kind=leave")) == set(cases.values())
    assert ids(api, "admin", "&kind=recall") == []
    with app.app_context():
        liushu = _db.session.get(Case, cases["huang"]).village_id
        li = _db.session.scalars(select(User).where(User.username == "xinghua.member1")).one().person_id
        dongling = _db.session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one().id
    assert set(ids(api, "admin", f"&village_id={liushu}")) == {cases["huang"], cases["zhao"]}
    assert set(ids(api, "admin", f"&person_id={li}")) == {cases["li_short"], cases["li_long"]}
    assert set(ids(api, "admin", f"&township_id={dongling}")) == {cases["li_short"], cases["li_long"],
                                                                   cases["liu_draft"]}
    assert set(ids(api, "admin", f"&township_id={dongling}&state=pending")) == {cases["li_long"]}


def test_q_finds_a_case_number_written_any_way_or_part_of_a_name(api, cases):
    huang = cases["huang"]
    for written in (str(huang), f"%23{huang}", f"No.{huang}", f"no%20{huang}"):
        assert ids(api, "admin", f"&q={written}") == [huang], written
    assert set(ids(api, "admin", "&q=娜")) == {cases["li_short"], cases["li_long"]}
    assert ids(api, "admin", "&q=黄磊") == [huang]
    assert ids(api, "admin", "&q=nobody") == []
    assert ids(api, "admin", "&q=%25") == []  # a wildcard is a character, not "anything"


def test_dates_are_the_jurisdictions(api, cases):
    today = clock.today()
    assert len(ids(api, "admin", f"&from={today}&to={today}")) == 5
    assert ids(api, "admin", f"&to={today - timedelta(days=1)}") == []
    assert ids(api, "admin", f"&from={today + timedelta(days=1)}") == []


def test_a_case_filed_at_half_past_seven_in_beijing_is_that_days(api):
    # 07:30 in Beijing is still the day before in UTC, where the time is stored.
    with clock.freeze(datetime(2026, 3, 11, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai"))):
        case_id = file_leave(api, "xinghua.member1")
    assert ids(api, "admin", "&from=2026-03-11&to=2026-03-11") == [case_id]
    assert ids(api, "admin", "&to=2026-03-10") == []


@pytest.mark.parametrize("query, field", [
    ("kind=holiday", "kind"), ("state=asleep", "state"), ("person_id=abc", "person_id"),
    ("village_id=0", "village_id"), ("township_id=1.5", "township_id"), ("from=2026-13-01", "from"),
    ("to=yesterday", "to"), ("from=2026-03-10&to=2026-03-01", "to"), ("overdue=maybe", "overdue"),
    ("page=0", "page"), ("per_page=1000", "per_page"), ("q=" + "x" * 101, "q"),
])
def test_a_bad_filter_is_refused_naming_it(api, query, field):
    response = api("admin").get(f"{LIST}?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == field


def test_who_sees_what(api, cases):
    everyone = set(cases.values())
    # The township over the cadre's village reads every leave of the cadre sent from there, the
    # long leave too, whose route goes to the county.
    dongling = {cases["li_short"], cases["li_long"]}
    assert set(ids(api, "dongling.head")) == dongling
    assert set(ids(api, "dongling.deputy")) == dongling
    assert set(ids(api, "xihe.head")) == {cases["huang"], cases["zhao"]}
    # A cadre: only their own.
    assert set(ids(api, "xinghua.member1")) == {cases["li_short"], cases["li_long"]}
    assert ids(api, "xinghua.member2") == []
    assert set(ids(api, "shiqiao.leader")) == {cases["liu_draft"]}
    # A team leader reads the leaves of the team's cadres, whatever their route.
    assert set(ids(api, "xinghua.leader")) == {cases["li_short"], cases["li_long"]}
    # County offices: what was filed with them, or asked of them.
    assert set(ids(api, "county.org")) == {cases["li_short"], cases["li_long"]}
    assert ids(api, "county.office") == []
    # The dispatching unit approves the long leave of the cadre it sent.
    assert set(ids(api, "unit.agri")) == {cases["li_long"]}
    # The administrator, and the inspector of the county: everything below them.
    assert set(ids(api, "admin")) == everyone
    assert set(ids(api, "inspector")) == everyone


def test_an_approver_keeps_seeing_what_it_decided(api, cases):
    assert api("xihe.head").act(cases["huang"], "approve", comment="同意").status_code == 200
    assert cases["huang"] in ids(api, "xihe.head")
    assert cases["huang"] in ids(api, "county.org")  # filed with it on approval


def test_the_list_agrees_with_who_may_open_a_case(app, api, cases):
    usernames = ("admin", "inspector", "city.office", "county.office", "county.org", "county.rural",
                 "dongling.head", "xihe.deputy", "unit.agri", "unit.edu", "xinghua.member1",
                 "xinghua.leader", "liushu.leader", "shiqiao.leader")
    listed_by = {name: set(ids(api, name)) for name in usernames}
    with app.app_context():
        every_case = _db.session.scalars(select(Case)).all()
        for name in usernames:
            who = _db.session.scalars(select(User).where(User.username == name)).one()
            may = {c.id for c in every_case if access.may_view(who, c)}
            assert listed_by[name] == may, name
        _db.session.remove()


def test_an_inspector_sees_only_its_scope(app, api, cases):
    with app.app_context():
        inspector = _db.session.scalars(select(User).where(User.username == "inspector")).one()
        xihe = _db.session.scalars(select(OrgUnit).where(OrgUnit.name == "西河乡")).one()
        inspector.grants[0].org_unit_id = xihe.id
        assert inspector.grants[0].role == "inspector"
        _db.session.commit()
    assert set(ids(api, "inspector")) == {cases["huang"], cases["zhao"]}


def test_overdue_cases(app, api, cases):
    assert ids(api, "admin", "&overdue=true") == []
    with app.app_context():
        task = _db.session.scalars(select(Task).where(Task.case_id == cases["huang"],
                                                      Task.status == "open")).one()
        task.due_date = clock.today() - timedelta(days=1)
        task_id = task.id
        _db.session.commit()
    assert ids(api, "admin", "&overdue=true") == [cases["huang"]]
    assert cases["huang"] not in ids(api, "admin", "&overdue=false")
    assert ids(api, "xihe.head", "&overdue=1") == [cases["huang"]]
    assert ids(api, "dongling.head", "&overdue=1") == []
    item = listed(api, "admin", f"&q={cases['huang']}")["items"][0]
    assert item["overdue"] is True
    # Due today is not yet late; the next morning it is.
    with app.app_context():
        task = _db.session.get(Task, task_id)
        task.due_date = clock.today()
        _db.session.commit()
    assert ids(api, "admin", "&overdue=true") == []
    with clock.freeze(clock.now() + timedelta(days=1)):
        assert ids(api, "admin", "&overdue=true") == [cases["huang"]]


def test_the_api_describes_the_list(api):
    paths = api("admin").get("/api/v1/openapi.json").get_json()["paths"]
    names = {p["name"] for p in paths["/api/v1/cases"]["get"]["parameters"]}
    assert {"kind", "state", "person_id", "village_id", "township_id", "q", "from", "to", "overdue",
            "page"} <= names


# --- the page -----------------------------------------------------------------------------------

def test_the_search_is_in_the_header_for_those_who_approve_supervise_or_administer(login_as):
    for username in ("dongling.head", "county.office", "admin", "inspector", "unit.agri"):
        assert get(user(login_as, username), "/inbox/").has("nav-case-search"), username
    assert not get(user(login_as, "xinghua.member1"), "/inbox/").has("nav-case-search")


def test_the_page_lists_and_filters(login_as, cases):
    head = user(login_as, "xihe.head")
    page = get(head, "/cases/")
    assert page.status == 200
    assert page.case_ids("case-row") == [cases["zhao"], cases["huang"]]
    assert "2 cases match." in page.text("case-count")
    assert f'href="/cases/{cases["huang"]}"' in page.html
    assert get(head, "/cases/?q=黄").case_ids("case-row") == [cases["huang"]]
    assert get(head, "/cases/?q=李娜").has("empty-state")  # not in its township
    filtered = get(head, "/cases/?state=pending&kind=leave&from=2026-03-10&to=2026-03-10&q=黄")
    row = filtered.one("case-row")
    assert "Leave" in row.text and "Awaiting approval" in row.text and "柳树村" in row.text
    assert get(head, "/cases/?state=approved").has("empty-state")


def test_the_page_pages(app, login_as, cases):
    app.config["PER_PAGE"] = 2
    admin = user(login_as, "admin")
    first = get(admin, "/cases/?kind=leave")
    assert len(first.all("case-row")) == 2 and "Page 1 of 3" in first.text("pagination")
    assert "kind=leave" in first.one("page-next").attrs["href"]
    last = get(admin, "/cases/?kind=leave&page=3")
    assert last.case_ids("case-row") == [min(cases.values())]


def test_the_page_shows_a_bad_filter(login_as):
    page = get(user(login_as, "admin"), "/cases/?from=someday")
    assert page.status == 422
    assert "Created from" in page.text("filter-error")


def test_the_page_marks_overdue_cases(app, login_as, cases):
    with app.app_context():
        task = _db.session.scalars(select(Task).where(Task.case_id == cases["zhao"], Task.status == "open")).one()
        task.due_date = clock.today() - timedelta(days=2)
        _db.session.commit()
    page = get(user(login_as, "xihe.head"), "/cases/?overdue=1")
    assert page.case_ids("case-row") == [cases["zhao"]]
    assert page.has("case-overdue")


def test_export_xlsx_is_the_filtered_list_with_chinese_headers(login_as, cases):
    head = user(login_as, "xihe.head")
    page = get(head, "/cases/?q=黄磊")
    response = head.get(page.one("export-xlsx").attrs["href"].replace("&amp;", "&"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["编号", "事项", "状态", "人员"]
    assert [r[0] for r in rows[1:]] == [cases["huang"]]
    assert rows[1][3] == "黄磊" and rows[1][4] == "柳树村" and rows[1][2] == "待审批"


def test_export_csv_opens_in_excel_with_the_visible_cases_only(login_as, cases):
    head = user(login_as, "dongling.head")
    response = head.get("/cases/export.csv")
    assert response.status_code == 200
    assert response.data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][0] == "编号" and rows[0][3] == "人员"
    # Its township's cadres' leaves, not the draft 刘洋 has not sent, nor 西河乡's.
    assert [int(r[0]) for r in rows[1:]] == [cases["li_long"], cases["li_short"]]
    assert rows[1][3] == "李娜"


def test_an_export_with_a_bad_filter_is_refused(login_as):
    assert user(login_as, "admin").get("/cases/export.csv?overdue=maybe").status_code == 422
