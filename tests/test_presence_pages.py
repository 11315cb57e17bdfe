"""The phone-sized sign-in page: one tap, then today's status and the month so far."""
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import csrf_token, use_preset
from workflows import clock


def test_a_cadre_signs_in_with_one_tap(login_as):
    browser = login_as("xinghua.member1")
    page = browser.get("/presence/").get_data(as_text=True)
    assert 'data-testid="sign-in-form"' in page and 'data-testid="month-so-far"' in page
    token = csrf_token(browser, "/presence/")
    r = browser.post("/presence/", data={"csrf_token": token, "note": "入户",
                                         "location": "杏花村"}, follow_redirects=True)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert 'data-testid="sign-in-form"' not in page  # signed: no second tap
    assert 'data-testid="today-late"' in page       # 10:00 is after 09:00
    again = browser.post("/presence/", data={"csrf_token": token})  # a second tap, e.g. a resent form
    assert again.status_code == 422 and 'data-testid="sign-in-error"' in again.get_data(as_text=True)
    assert api_status(browser) == "present"


def api_status(browser):
    me = browser.get("/api/v1/me").get_json()["person_id"]
    days = browser.get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]
    return next(d["status"] for d in days if d["date"] == "2026-03-10")


def test_after_the_cutoff_the_page_says_why(app, login_as):
    use_preset(app, "county-pian6")
    browser = login_as("xinghua.member1")
    with clock.freeze(datetime(2026, 3, 10, 8, 45, tzinfo=ZoneInfo("Asia/Shanghai"))):
        r = browser.post("/presence/", data={"csrf_token": csrf_token(browser, "/presence/")})
    assert r.status_code == 422
    error = r.get_data(as_text=True).split('data-testid="sign-in-error">')[1].split("<")[0]
    assert "08:30" in error


def test_an_official_is_told_there_is_nothing_to_sign(login_as):
    page = login_as("dongling.head").get("/presence/").get_data(as_text=True)
    assert 'data-testid="not-posted"' in page
