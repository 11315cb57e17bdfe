"""Signing in (签到) and the keeper's missed day, through the API a phone app uses (api.md, Presence)."""
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import use_preset
from workflows import clock

UTC = ZoneInfo("UTC")
BEIJING = ZoneInfo("Asia/Shanghai")


def test_a_cadre_signs_in_once_a_day(api):
    cadre = api("xinghua.member1")
    r = cadre.post("/api/v1/sign-ins", json={"note": "走访农户", "location": "杏花村村委会"})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert set(body) >= {"id", "person_id", "date", "at", "late", "recorded_by"}
    assert body["date"] == "2026-03-10"
    assert body["late"] is True  # 10:00 Beijing is after the default 09:00
    assert body["person_id"] == cadre.get("/api/v1/me").get_json()["person_id"]
    again = cadre.post("/api/v1/sign-ins", json={})
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "already_signed_in"


def test_the_day_is_the_jurisdictions_not_the_servers(api):
    # 23:30 UTC on 9 March is 07:30 on 10 March in Beijing: the sign-in is the 10th's, and on time.
    with clock.freeze(datetime(2026, 3, 9, 23, 30, tzinfo=UTC)):
        r = api("xinghua.member2").post("/api/v1/sign-ins", json={})
    assert r.status_code == 201
    assert r.get_json()["date"] == "2026-03-10"
    assert r.get_json()["late"] is False


def test_only_a_posted_cadre_signs_in(api):
    r = api("county.office").post("/api/v1/sign-ins", json={})
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "sign_in_not_posted"


def test_pian6_refuses_a_sign_in_after_the_cutoff(app, api):
    use_preset(app, "county-pian6")
    with clock.freeze(datetime(2026, 3, 10, 8, 31, tzinfo=BEIJING)):
        r = api("xinghua.member1").post("/api/v1/sign-ins", json={})
    assert r.status_code == 409
    assert r.get_json()["error"]["code"] == "sign_in_after_cutoff"
    assert "08:30" in r.get_json()["error"]["message"]
    with clock.freeze(datetime(2026, 3, 10, 8, 15, tzinfo=BEIJING)):
        ok = api("xinghua.member1").post("/api/v1/sign-ins", json={})
    assert ok.status_code == 201 and ok.get_json()["late"] is False


def test_the_team_leader_records_a_members_missed_day(api):
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    leader = api("xinghua.leader")
    r = leader.post("/api/v1/sign-ins", json={"person_id": me, "date": "2026-03-09", "reason": "县里紧急会议"})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["date"] == "2026-03-09" and r.get_json()["confirmed"] is True
    future = leader.post("/api/v1/sign-ins", json={"person_id": me, "date": "2026-03-11", "reason": "x"})
    assert future.status_code == 422 and future.get_json()["error"]["field"] == "date"
    # A fellow member is not the keeper; nor is the member for their leader.
    other = api("xinghua.member2").post("/api/v1/sign-ins", json={"person_id": me, "date": "2026-03-06", "reason": "x"})
    assert other.status_code == 403


def test_the_township_records_the_leaders_missed_day(api):
    leader_id = api("xinghua.leader").get("/api/v1/me").get_json()["person_id"]
    assert api("xinghua.member1").post("/api/v1/sign-ins", json={
        "person_id": leader_id, "date": "2026-03-09", "reason": "x"}).status_code == 403
    r = api("dongling.head").post("/api/v1/sign-ins", json={"person_id": leader_id, "date": "2026-03-09",
                                                            "reason": "市里培训"})
    assert r.status_code == 201


def test_pian6_a_missed_day_counts_once_the_village_confirms_it(app, api):
    use_preset(app, "county-pian6")
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    r = api("xinghua.leader").post("/api/v1/sign-ins", json={"person_id": me, "date": "2026-03-09",
                                                             "reason": "电话告知值班人员：紧急公务"})
    assert r.status_code == 201 and r.get_json()["confirmed"] is False
    missed = r.get_json()["id"]
    assert api("xinghua.member2").post(f"/api/v1/missed-days/{missed}/confirm").status_code == 403
    ok = api("xinghua.secretary").post(f"/api/v1/missed-days/{missed}/confirm")
    assert ok.status_code == 200 and ok.get_json()["confirmed"] is True
