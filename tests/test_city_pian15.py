"""The sixth preset, `city-pian15` (000 篇十五, a city's 驻镇帮镇扶村 scheme): its leave route at every band
edge, its caps on personal leave, its 40 元 a day on the month's attendance row, and the demo built
under it from the command line."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models import OrgUnit
from tests.conftest import on_day, use_preset
from webapp import create_app
from webapp.extensions import db as _db
from workflows import clock

PRESET = "city-pian15"
CADRE = "xinghua.member1"  # 李娜: member of 杏花村's team (东岭镇)
BEIJING = ZoneInfo("Asia/Shanghai")


def one(*codes, joint=False):
    return {"approvers": list(codes), "joint": joint}


# 二（二）2: "1天以内的，须经工作队队长同意，第一书记还须经村党组织书记同意；2—3天的，须经单位党（工）委书记同意；
# 3天以上的，须报市级组织、乡村振兴部门批准". A first secretary leads the team and never approves their own leave:
# the village party secretary alone decides their day.
@pytest.mark.parametrize("days, applicant, steps", [
    (1, "member", [one("team_leader")]),
    (1, "leader", [one("village_secretary")]),
    (2, "member", [one("township_head")]),
    (2, "leader", [one("township_head")]),
    (3, "member", [one("township_head")]),
    (3, "leader", [one("township_head")]),
    (4, "member", [one("city_org_dept", "city_office", joint=True)]),
    (4, "leader", [one("city_org_dept", "city_office", joint=True)]),
])
def test_the_route_at_each_band_edge(api, days, applicant, steps):
    for tier in ("city", "county"):
        response = api("admin").get(f"/api/v1/policies/{PRESET}/leave-route"
                                    f"?days={days}&applicant={applicant}&tier={tier}")
        assert response.status_code == 200
        assert response.get_json() == {"steps": steps, "filing": []}


def test_a_first_secretarys_day_goes_to_the_village_party_secretary(app, api):
    use_preset(app, PRESET)
    start = (clock.today() + timedelta(days=7)).isoformat()
    case = api("xinghua.leader").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": start, "reason": "家中有事"}).get_json()
    assert case["leave"]["route"] == [one("village_secretary")]
    assert api("xinghua.secretary").act(case["id"], "approve").get_json()["state"] == "approved"


# ---------------------------------------------------------------- caps

def ask(api, start: date, days: int = 1, leave_type: str = "personal"):
    end = start + timedelta(days=days - 1)
    return api(CADRE).post("/api/v1/leave-requests", json={
        "type": leave_type, "start_date": start.isoformat(), "end_date": end.isoformat(), "reason": "家中有事"})


def granted(api, start: date, days: int = 1, leave_type: str = "personal"):
    response = ask(api, start, days, leave_type)
    assert response.status_code == 201, response.get_json()
    case = response.get_json()
    approver = "xinghua.leader" if days == 1 else "dongling.head"  # the team leader; the township secretary
    assert api(approver).act(case["id"], "approve").get_json()["state"] == "approved"
    return case


def refusal(response):
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]


def test_a_third_personal_day_in_a_month_is_refused_naming_the_field(app, api):
    # "各成员因私请假每月不超过2天".
    use_preset(app, PRESET)
    granted(api, date(2026, 5, 4))
    granted(api, date(2026, 5, 11))
    error = refusal(ask(api, date(2026, 5, 18)))
    assert (error["code"], error["field"]) == ("over_month_cap", "start_date")
    assert "2026年5月事假已用 2 天，上限 2 天；本次申请 1 天" in error["message"]
    # Annual leave is not counted ("不含年假"), nor sick leave, and June starts afresh.
    assert ask(api, date(2026, 5, 18), 5, "annual").status_code == 201
    assert ask(api, date(2026, 6, 1), 2).status_code == 201


def test_ten_personal_days_a_year_and_annual_leave_not_counted(app, api):
    # "每年不超过10天（不含年假）": two days in each of five months use the year's ten.
    use_preset(app, PRESET)
    for month in (4, 5, 6, 7, 8):
        granted(api, date(2026, month, 6), 2)
    error = refusal(ask(api, date(2026, 9, 7)))
    assert (error["code"], error["field"]) == ("over_year_cap", "start_date")
    assert "2026年度事假已用 10 天，上限 10 天；本次申请 1 天" in error["message"]
    granted(api, date(2026, 9, 7), 3, "annual")
    assert ask(api, date(2027, 1, 4)).status_code == 201  # a new year


# ---------------------------------------------------------------- presence

def test_the_months_row_pays_40_yuan_a_day_in_the_village(app, db, api):
    # 一（三）2 "按实际驻镇（村）天数给予每人每天40元伙食补助": signed days and the official trip, not the leave.
    use_preset(app, PRESET)
    with app.app_context():
        county = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
        county.presence_from = date(2026, 3, 2)
        db.session.commit()
    cadre = api(CADRE)
    for day in (2, 3, 4, 5, 6):
        with clock.freeze(datetime(2026, 3, day, 8, 0, tzinfo=BEIJING)):
            assert cadre.post("/api/v1/sign-ins", json={}).status_code == 201
    with on_day("2026-03-06"):
        leave = granted(api, date(2026, 3, 9))
        trip = cadre.post("/api/v1/leave-requests", json={
            "type": "official_trip", "start_date": "2026-03-10", "end_date": "2026-03-11", "reason": "赴市里汇报"})
    assert leave["leave"]["route"] == [one("team_leader")]
    assert trip.get_json()["state"] == "reported"  # "因公外出必须书面报告": reported, not approved
    me = cadre.get("/api/v1/me").get_json()["person_id"]
    with on_day("2026-04-01"):
        team = cadre.get(f"/api/v1/people/{me}").get_json()["team"]["id"]
        sheet = api("dongling.head").get(f"/api/v1/attendance?team_id={team}&month=2026-03").get_json()
    mine = next(row for row in sheet["rows"] if row["person"]["id"] == me)
    assert (mine["present"], mine["trip"], mine["leave"]) == (5, 2, 1)
    assert mine["subsidy"] == 7 * 40


# ---------------------------------------------------------------- the demo

def test_seed_demo_builds_the_demo_under_the_preset(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["seed-demo", "--preset", PRESET])
    assert result.exit_code == 0, result.output
    token = runner.invoke(args=["user", "token", CADRE]).output.strip()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    me = client.get("/api/v1/me", headers=headers).get_json()["person_id"]
    person = client.get(f"/api/v1/people/{me}", headers=headers).get_json()
    start, end = (date.fromisoformat(person["terms"][0][k]) for k in ("start_date", "planned_end_date"))
    assert end == date(start.year + 3, start.month, start.day) - timedelta(days=1)  # 帮扶期3年
    start_day = (clock.today() + timedelta(days=7)).isoformat()
    created = client.post("/api/v1/leave-requests", headers=headers, json={
        "type": "personal", "start_date": start_day, "end_date": start_day, "reason": "家中有事"})
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["policy"] == {"id": PRESET, "version": 1}
    assert created.get_json()["leave"]["route"] == [one("team_leader")]
    with app.app_context():
        city = _db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "city")).one()
        assert city.policy_id == PRESET
        _db.session.remove()
        _db.engine.dispose()
