"""A month of a team's presence, end to end, under two presets: sign-ins, a missed day, a leave, an
official trip, a duty day, two spot checks (one explanation accepted, one not) and an absence spell,
all entered through the API as users do; then the derived days, the monthly sheet the sweep opens
(its totals against the target and the subsidy), and the absence threshold crossed on exactly the
right day (api.md, Presence; issue: presence)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import on_day, use_preset
from tests.test_presence_days import EXPECTED, _build_march
from tests.test_sweep import sweep
from workflows import clock

BEIJING = ZoneInfo("Asia/Shanghai")


def _me(api, username):
    return api(username).get("/api/v1/me").get_json()["person_id"]


def _sign(api, username, day):
    with clock.freeze(datetime(2026, 3, day, 8, 0, tzinfo=BEIJING)):
        r = api(username).post("/api/v1/sign-ins", json={})
    assert r.status_code == 201, r.get_json()


def _spot_check(api, village_id, day, person, accepted):
    """The county office finds the cadre absent; the cadre explains, the unit signs, the county decides."""
    with on_day(f"2026-03-{day:02d}"):
        r = api("county.office").post("/api/v1/spot-checks", json={
            "village_id": village_id, "date": f"2026-03-{day:02d}", "absent": [person], "note": "随机抽查"})
        assert r.status_code == 201, r.get_json()
        [case_id] = r.get_json()["explanations"]
        assert api("xinghua.member1").act(case_id, "submit", text="当天在镇里开会").status_code == 200
        assert api("unit.agri").act(case_id, "approve").status_code == 200
        if accepted:
            decided = api("county.office").act(case_id, "approve")
        else:
            decided = api("county.office").act(case_id, "reject", comment="未经请假离村")
    assert decided.get_json()["state"] == ("excused" if accepted else "counted")


def _recall_drafts(api, person):
    listed = api("county.office").get(f"/api/v1/cases?kind=recall&person_id={person}").get_json()
    return [c for c in listed["items"] if c["state"] == "draft"]


# 李娜 (member1): test_presence_days' March, then found absent on the 24th (explanation rejected: absent)
# and on the 26th (explanation accepted: the day stays present).
MEMBER1 = {**EXPECTED, 24: "absent"}
# 王强 (member2): signs 2–7 (the 7th the township's duty day), misses every working day 9–24, back on the 25th.
MEMBER2_SIGNED = (2, 3, 4, 5, 6, 7, 25, 26, 27, 30, 31)


@pytest.mark.parametrize("preset, target, member1_meets", [
    ("zhumadian-2022", 20, False),                 # 004 每月在岗不少于20个工作日
    ("wuhai-2023", round(200 * 22 / 248), True),   # 002 200 a year: March's share by its working days
])
def test_a_month_of_a_team(app, db, api, preset, target, member1_meets):
    use_preset(app, preset)
    member1 = _build_march(app, db, api)
    member2 = _me(api, "xinghua.member2")
    village = api("admin").get(f"/api/v1/people/{member1}").get_json()["terms"][0]["village"]["id"]
    for day in MEMBER2_SIGNED[:6]:
        _sign(api, "xinghua.member2", day)

    # The threshold: 9–23 March is 15 days (rest days inside counted), 9–24 is 16.
    sweep(app, date(2026, 3, 24))
    assert _recall_drafts(api, member2) == []
    sweep(app, date(2026, 3, 25))
    [draft] = _recall_drafts(api, member2)
    recall = api("county.office").get(f"/api/v1/cases/{draft['id']}").get_json()
    assert recall["recall"]["grounds"] == [4]
    assert (recall["recall"]["evidence"]["first"], recall["recall"]["evidence"]["last"],
            recall["recall"]["evidence"]["days"]) == ("2026-03-09", "2026-03-24", 16)
    assert [t["office"] for t in recall["open_tasks"]] == ["county_office"]
    sweep(app, date(2026, 3, 25))
    for day in MEMBER2_SIGNED[6:]:
        _sign(api, "xinghua.member2", day)
    sweep(app, date(2026, 3, 31))
    assert len(_recall_drafts(api, member2)) == 1       # one crossing, one draft
    assert _recall_drafts(api, member1) == []

    _spot_check(api, village, 24, member1, accepted=False)
    _spot_check(api, village, 26, member1, accepted=True)

    with on_day("2026-04-01"):
        days1 = api("dongling.head").get(f"/api/v1/people/{member1}/days?month=2026-03").get_json()
        days2 = api("dongling.head").get(f"/api/v1/people/{member2}/days?month=2026-03").get_json()
    assert {d["date"]: d["status"] for d in days1["days"]} == {
        f"2026-03-{day:02d}": status for day, status in MEMBER1.items()}
    status2 = {int(d["date"][-2:]): d["status"] for d in days2["days"]}
    assert [day for day, s in status2.items() if s == "present"] == list(MEMBER2_SIGNED)
    assert [day for day, s in status2.items() if s == "absent"] == [9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24]
    assert days1["totals"] == {"present": 15, "trip": 3, "leave": 3, "absent": 3, "late": 1,
                               "target": target, "meets_target": member1_meets}

    # The sheet the sweep opens on 1 April, submitted by the township: frozen, totals against targets.
    sweep(app, date(2026, 4, 1))
    with on_day("2026-04-02"):
        [item] = [i for i in api("dongling.head").get("/api/v1/inbox").get_json()["items"]
                  if i["case"]["kind"] == "attendance_sheet"]
        submitted = api("dongling.head").act(item["case_id"], "submit")
    assert submitted.status_code == 200, submitted.get_json()
    sheet = submitted.get_json()["attendance_sheet"]
    rows = {r["person"]["id"]: r for r in sheet["rows"]}
    assert (rows[member1]["present"], rows[member1]["trip"], rows[member1]["leave"], rows[member1]["absent"],
            rows[member1]["target"], rows[member1]["meets_target"]) == (15, 3, 3, 3, target, member1_meets)
    assert rows[member1]["subsidy"] == 18 * 100         # present + trip days × 100 元
    assert (rows[member2]["present"], rows[member2]["absent"], rows[member2]["meets_target"]) == (11, 12, False)
    assert rows[member2]["subsidy"] == 11 * 100
    assert sheet["totals"]["subsidy"] == sum(r["subsidy"] for r in sheet["rows"])
    assert sheet["totals"]["met"] + sheet["totals"]["not_met"] == sheet["totals"]["people"] == 6
