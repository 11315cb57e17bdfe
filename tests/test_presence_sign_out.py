"""篇六's Friday sign-out (签退): "周五下午实行签退制，签退时间为下午五点" — before 17:00 is leaving early (早退)."""
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import use_preset
from workflows import clock

BEIJING = ZoneInfo("Asia/Shanghai")
FRIDAY, THURSDAY = 13, 12  # March 2026


def _at(day: int, hour: int, minute: int = 0):
    return clock.freeze(datetime(2026, 3, day, hour, minute, tzinfo=BEIJING))


def _days(api, month="2026-03"):
    cadre = api("xinghua.member1")
    me = cadre.get("/api/v1/me").get_json()["person_id"]
    with _at(31, 20):
        return api("xinghua.leader").get(f"/api/v1/people/{me}/days?month={month}").get_json()


def test_a_friday_sign_out_before_five_is_leaving_early(app, api):
    use_preset(app, "county-pian6")
    cadre = api("xinghua.member1")
    with _at(FRIDAY, 8):
        assert cadre.post("/api/v1/sign-ins", json={}).status_code == 201
    with _at(FRIDAY, 16, 30):
        r = cadre.post("/api/v1/sign-outs")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["left_early"] is True and r.get_json()["date"] == "2026-03-13"
    with _at(FRIDAY, 17, 5):
        again = cadre.post("/api/v1/sign-outs")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_signed_out"

    body = _days(api)
    friday = next(d for d in body["days"] if d["date"] == "2026-03-13")
    assert friday == {"date": "2026-03-13", "status": "present", "late": False, "left_early": True}
    assert body["totals"]["left_early"] == 1


def test_a_sign_out_at_five_is_on_time(app, api):
    use_preset(app, "county-pian6")
    cadre = api("xinghua.member1")
    with _at(FRIDAY, 8):
        cadre.post("/api/v1/sign-ins", json={})
    with _at(FRIDAY, 17, 0):
        r = cadre.post("/api/v1/sign-outs")
    assert r.status_code == 200 and r.get_json()["left_early"] is False
    assert _days(api)["totals"]["left_early"] == 0


def test_no_sign_out_on_other_days_without_a_sign_in_or_under_other_policies(app, api):
    use_preset(app, "county-pian6")
    cadre = api("xinghua.member1")
    with _at(THURSDAY, 8):
        cadre.post("/api/v1/sign-ins", json={})
    with _at(THURSDAY, 17):
        r = cadre.post("/api/v1/sign-outs")
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "no_sign_out_today"
    with _at(FRIDAY, 17):
        r = cadre.post("/api/v1/sign-outs")
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "not_signed_in"
    assert api("county.office").post("/api/v1/sign-outs").status_code == 403  # no posting


def test_policies_without_a_sign_out_show_no_early_leaving(app, api):
    use_preset(app, "zhumadian-2022")
    cadre = api("xinghua.member1")
    with _at(FRIDAY, 8):
        cadre.post("/api/v1/sign-ins", json={})
    with _at(FRIDAY, 17):
        assert cadre.post("/api/v1/sign-outs").get_json()["error"]["code"] == "no_sign_out_today"
    body = _days(api)
    assert "left_early" not in body["totals"] and "left_early" not in body["days"][0]


def test_the_sign_in_page_offers_the_sign_out_on_friday_and_shows_it_done(app, api, login_as):
    from tests.pages import get, post, user
    use_preset(app, "county-pian6")
    cadre = user(login_as, "xinghua.member1")
    with _at(THURSDAY, 8):
        api("xinghua.member1").post("/api/v1/sign-ins", json={})
        assert not get(cadre, "/presence/").has("sign-out-form")  # no sign-out on Thursdays
    with _at(FRIDAY, 7, 50):
        assert not get(cadre, "/presence/").has("sign-out-form")  # nothing to sign out of yet
        api("xinghua.member1").post("/api/v1/sign-ins", json={})
    with _at(FRIDAY, 16, 40):
        page = get(cadre, "/presence/")
        assert page.has("sign-out-form") and "17:00" in page.text("sign-out-form")
        done = post(cadre, "/presence/sign-out", {}, "/presence/")
    assert done.status == 200 and "Left early" in done.text("signed-out")
    assert not done.has("sign-out-form")
    with _at(FRIDAY, 16, 45):
        again = post(cadre, "/presence/sign-out", {}, "/presence/")
    assert "already signed out" in again.html
