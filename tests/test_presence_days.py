"""A month of a cadre's presence, built through the API as users do, read back as the day's statuses,
the totals against the policy's target, and the subsidy basis — under two presets (api.md, Presence)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models import OrgUnit
from tests.conftest import on_day, use_preset
from workflows import clock
from workflows.presence import days as presence_days

BEIJING = ZoneInfo("Asia/Shanghai")

# Who acts for each office a 3-day leave can reach in the demo jurisdiction.
APPROVERS = {"township": "dongling.head", "township_deputy": "dongling.deputy", "county_office": "county.office",
             "county_org_dept": "county.org", "county_rural_bureau": "county.rural", "dispatching_unit": "unit.agri",
             "village_secretary": "xinghua.secretary", "team_leader": "xinghua.leader"}


def _at(day: int, hour: int, minute: int = 0):
    return clock.freeze(datetime(2026, 3, day, hour, minute, tzinfo=BEIJING))


def _sign(api, day, hour=8, minute=0):
    with _at(day, hour, minute):
        r = api("xinghua.member1").post("/api/v1/sign-ins", json={"note": "入户走访"})
    assert r.status_code == 201, r.get_json()


def _leave(api, kind, start, end, **extra):
    cadre = api("xinghua.member1")
    with on_day("2026-03-02"):
        r = cadre.post("/api/v1/leave-requests", json={"type": kind, "start_date": start, "end_date": end,
                                                       "reason": "家中有事" if kind == "personal" else "赴市里参加会议",
                                                       **extra})
        assert r.status_code == 201, r.get_json()
        case = r.get_json()
        while case["state"] == "pending":
            office = case["open_tasks"][0]["office"]
            case = api(APPROVERS[office]).act(case["id"], "approve", comment="同意").get_json()
    assert case["state"] in ("approved", "reported"), case


def _build_march(app, db, api):
    """member1 of 杏花村 in March 2026 (1 March a Sunday; no holiday that month):
    1 no_record · 2–6 signed (3rd late) · 7 (Sat) a duty day, not signed · 8 rest · 9–11 leave ·
    12–13 signed · 14 (Sat) signed · 15 rest · 16–18 official trip · 19 missed day recorded by the
    leader · 20 nothing · 21–22 rest · 23–31 signed."""
    with app.app_context():
        county = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
        county.presence_from = date(2026, 3, 2)
        township = db.session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one().id
        db.session.commit()
    with on_day("2026-03-02"):
        assert api("dongling.head").post("/api/v1/duty-days", json={
            "org_unit_id": township, "date": "2026-03-07", "note": "防汛值班"}).status_code == 201
    _leave(api, "personal", "2026-03-09", "2026-03-11")
    _leave(api, "official_trip", "2026-03-16", "2026-03-18")
    for d in (2, 4, 5, 6, 12, 13, 14, 23, 24, 25, 26, 27, 30, 31):
        _sign(api, d)
    _sign(api, 3, 9, 30)  # late
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    with _at(20, 10):
        r = api("xinghua.leader").post("/api/v1/sign-ins", json={"person_id": me, "date": "2026-03-19",
                                                                 "reason": "镇里临时会议，未能签到"})
        assert r.status_code == 201
    return me


EXPECTED = {1: "no_record", **{d: "present" for d in (2, 3, 4, 5, 6)}, 7: "absent", 8: "rest",
            **{d: "leave" for d in (9, 10, 11)}, 12: "present", 13: "present", 14: "present", 15: "rest",
            **{d: "trip" for d in (16, 17, 18)}, 19: "present", 20: "absent", 21: "rest", 22: "rest",
            **{d: "present" for d in (23, 24, 25, 26, 27)}, 28: "rest", 29: "rest", 30: "present", 31: "present"}


@pytest.mark.parametrize("preset, target, meets, progress", [
    ("zhumadian-2022", 20, False, []),          # 004 每月在岗不少于20个工作日
    # 002 200 a year: March's share by working days (22 of 248); the year so far counts March only
    # (the records begin on 2 March).
    ("wuhai-2023", round(200 * 22 / 248), True,
     [{"period": "year", "start": "2026-01-01", "end": "2026-03-31", "counted": 19, "target": 200}]),
])
def test_a_month_of_presence(app, db, api, preset, target, meets, progress):
    use_preset(app, preset)
    me = _build_march(app, db, api)
    with on_day("2026-04-01"):
        r = api("dongling.head").get(f"/api/v1/people/{me}/days?month=2026-03")
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert {d["date"]: d["status"] for d in body["days"]} == {
        f"2026-03-{day:02d}": status for day, status in EXPECTED.items()}
    assert [d["date"] for d in body["days"] if d["late"]] == ["2026-03-03"]
    assert body["totals"] == {"present": 16, "trip": 3, "leave": 3, "absent": 2, "late": 1,
                              "target": target, "meets_target": meets}
    assert body["progress"] == progress

    with on_day("2026-04-01"):
        team = api("xinghua.leader").get("/api/v1/people/%d" % me).get_json()["team"]["id"]
        sheet = api("dongling.head").get(f"/api/v1/attendance?team_id={team}&month=2026-03").get_json()
    mine = next(row for row in sheet["rows"] if row["person"]["id"] == me)
    assert mine["village"]["name"] == "杏花村"
    assert (mine["present"], mine["trip"], mine["leave"], mine["absent"]) == (16, 3, 3, 2)
    assert mine["subsidy"] == 19 * 100  # days that count (present + trip) × 100 元


def test_today_is_open_until_signed_and_later_days_are_open(app, db, api):
    with app.app_context():
        county = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
        county.presence_from = date(2026, 3, 2)
        db.session.commit()
    cadre = api("xinghua.member2")
    me = cadre.get("/api/v1/me").get_json()["person_id"]
    before = {d["date"]: d["status"] for d in cadre.get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]}
    assert before["2026-03-10"] == "open" and before["2026-03-11"] == "open"
    assert before["2026-03-09"] == "absent" and before["2026-03-01"] == "no_record"
    cadre.post("/api/v1/sign-ins", json={})
    after = {d["date"]: d["status"] for d in cadre.get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]}
    assert after["2026-03-10"] == "present"


def test_days_before_the_records_begin_and_outside_the_term(app, db, api):
    # seed-demo sets the records to begin the day it runs (TEST_NOW: 10 March); terms began 1 March 2025.
    cadre = api("xinghua.member1")
    me = cadre.get("/api/v1/me").get_json()["person_id"]
    days = cadre.get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]
    assert {d["status"] for d in days if d["date"] < "2026-03-10"} == {"no_record"}
    old = cadre.get(f"/api/v1/people/{me}/days?month=2025-02").get_json()["days"]
    assert {d["status"] for d in old} == {"off_term"}


def test_a_registered_absence_source_marks_its_days_absent(app, db, api):
    """The seam spot checks plug into: an unexcused finding is absent even on a day otherwise unsigned."""
    with app.app_context():
        db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2026, 3, 1)
        db.session.commit()
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]

    def finding(session, person_ids, start, end):
        return {(me, date(2026, 3, 8))} if me in person_ids else set()  # a Sunday, otherwise rest

    presence_days.register_absence_source(finding)
    try:
        days = api("xinghua.member1").get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]
    finally:
        presence_days._ABSENCE_SOURCES.remove(finding)
    status = {d["date"]: d["status"] for d in days}
    assert status["2026-03-08"] == "absent" and status["2026-03-07"] == "rest"


def test_reading_a_cadres_days_is_for_those_who_read_the_record(api):
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    assert api("shiqiao.member1").get(f"/api/v1/people/{me}/days?month=2026-03").status_code == 403
    assert api("xinghua.leader").get(f"/api/v1/people/{me}/days?month=2026-03").status_code == 200
    bad = api("xinghua.member1").get(f"/api/v1/people/{me}/days?month=2026-3")
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "month"
    assert api("xihe.head").get("/api/v1/attendance?township_id=999999&month=2026-03").status_code == 404


def test_a_townships_attendance_as_a_sheet(app, db, api):
    from io import BytesIO

    from openpyxl import load_workbook
    with app.app_context():
        township = db.session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one().id
    office = api("county.office")
    rows = office.get(f"/api/v1/attendance?township_id={township}&month=2026-03").get_json()["rows"]
    assert {r["village"]["name"] for r in rows} == {"杏花村", "石桥村"} and len(rows) == 6
    assert set(rows[0]) >= {"person", "village", "present", "trip", "leave", "absent", "late", "target",
                            "meets_target", "subsidy"}
    assert api("xihe.head").get(f"/api/v1/attendance?township_id={township}&month=2026-03").status_code == 403
    r = office.get(f"/api/v1/attendance?township_id={township}&month=2026-03&format=xlsx")
    assert r.status_code == 200
    sheet = load_workbook(BytesIO(r.data)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["姓名", "驻村", "在岗"] and "补贴（元）" in header
    assert sheet.max_row == 7


def test_a_leave_overrun_is_absent(app, db, api):
    """Overstay (workflows/leave/overstay.py) records the working days past an approved leave's end as
    旷工: the day's status reads them, whatever else the day holds but a sign-in."""
    from models import AbsenceDay
    with app.app_context():
        db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2026, 3, 1)
        db.session.commit()
    _leave(api, "personal", "2026-03-03", "2026-03-04")
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    with app.app_context():
        db.session.add(AbsenceDay(person_id=me, day=date(2026, 3, 5)))
        db.session.commit()
    _sign(api, 6)
    status = {d["date"]: d["status"] for d in
              api("xinghua.leader").get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]}
    assert [status[f"2026-03-0{d}"] for d in (3, 4, 5, 6, 7)] == ["leave", "leave", "absent", "present", "rest"]



@pytest.mark.parametrize("preset, meeting", [("county-pian6", "leave"), ("zhumadian-2022", "trip")])
def test_pian6_counts_only_the_official_trip_as_presence(app, db, api, preset, meeting):
    # 篇六 二（四） "每年在岗时间不少于200天(含因公出差)": under county-pian6 a meeting day is an excused
    # absence (leave), the trip counts; 004's preset follows 002 "（含因公出差、开会、培训）".
    use_preset(app, preset)
    with app.app_context():
        db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2026, 3, 1)
        db.session.commit()
    _leave(api, "official_trip", "2026-03-03", "2026-03-03", business="meeting")
    _leave(api, "official_trip", "2026-03-05", "2026-03-05")
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    body = api("xinghua.leader").get(f"/api/v1/people/{me}/days?month=2026-03").get_json()
    status = {d["date"]: d["status"] for d in body["days"]}
    assert status["2026-03-03"] == meeting and status["2026-03-05"] == "trip"


def test_a_countys_month_is_every_townships_month(app, db):
    """The whole county at once (every monthly sheet of it), as the benchmark reads it."""
    from workflows.presence import attendance
    with app.app_context():
        county = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
        townships = db.session.scalars(select(OrgUnit).where(OrgUnit.parent_id == county.id,
                                                       OrgUnit.kind == "township")).all()
        whole = attendance.rows(db.session, date(2026, 3, 1), county=county)
        parts = [r for t in townships for r in attendance.rows(db.session, date(2026, 3, 1), township=t)]
        assert len(whole) == 12 and len(townships) == 2
        assert sorted((r.person.id, r.totals["absent"]) for r in whole) == sorted(
            (r.person.id, r.totals["absent"]) for r in parts)
