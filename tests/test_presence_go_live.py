"""Go-live (api.md, Presence: "before the jurisdiction's presence records begin: a date it sets"): the
county office, or an admin, sets and moves the day on a page; every move is kept; earlier days read
`no_record`."""
from sqlalchemy import select

from models import OrgUnit
from tests.pages import get, post, user


def _county(app, db) -> int:
    with app.app_context():
        return db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().id


def _status(api, day):
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    days = api("xinghua.leader").get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]
    return next(d["status"] for d in days if d["date"] == day)


def test_the_county_office_moves_the_start_and_the_move_is_kept(app, db, api, login_as):
    county = _county(app, db)
    office = user(login_as, "county.office")
    home = get(office, "/presence/")
    assert [a.attrs["href"] for a in home.all("go-live-link")] == [f"/presence/go-live/{county}"]
    assert _status(api, "2026-03-05") == "no_record"  # seed-demo began the records on 10 March

    page = post(office, f"/presence/go-live/{county}", {"presence_from": "2026-03-05"}, f"/presence/go-live/{county}")
    assert page.status == 200
    assert page.one("go-live-current").attrs["data-date"] == "2026-03-05"
    assert _status(api, "2026-03-04") == "no_record" and _status(api, "2026-03-05") == "absent"

    page = post(office, f"/presence/go-live/{county}", {"presence_from": "2026-03-09"}, f"/presence/go-live/{county}")
    changes = page.all("go-live-change")
    assert [(c.attrs["data-old"], c.attrs["data-new"]) for c in changes] == [
        ("2026-03-05", "2026-03-09"), ("2026-03-10", "2026-03-05")]  # newest first: before → after
    assert {e.text for e in page.all("go-live-who")} == {"county.office"}


def test_a_date_too_far_back_or_ahead_is_refused_and_nothing_written(app, db, api, login_as):
    county = _county(app, db)
    office = user(login_as, "county.office")
    for bad in ("2026-01-31", "2027-03-12", ""):
        page = post(office, f"/presence/go-live/{county}", {"presence_from": bad}, f"/presence/go-live/{county}")
        assert page.status == 422, bad
        assert page.has("go-live-error") and not page.has("go-live-change")
    assert _status(api, "2026-03-09") == "no_record"
    # The bounds themselves are allowed: a month back, a year ahead.
    ok = post(office, f"/presence/go-live/{county}", {"presence_from": "2026-02-07"}, f"/presence/go-live/{county}")
    assert ok.status == 200 and len(ok.all("go-live-change")) == 1


def test_only_the_county_office_or_an_admin_sets_it(app, db, login_as):
    county = _county(app, db)
    for who in ("dongling.head", "xinghua.leader", "inspector", "city.office"):
        browser = login_as(who)
        assert browser.get(f"/presence/go-live/{county}").status_code == 403, who
        assert not get(browser, "/presence/").has("go-live-link")
    admin = user(login_as, "admin")
    assert get(admin, f"/admin/units/{county}").has("unit-go-live")
    page = post(admin, f"/presence/go-live/{county}", {"presence_from": "2026-03-02"}, f"/presence/go-live/{county}")
    assert page.status == 200 and [e.text for e in page.all("go-live-who")] == ["admin"]
    with app.app_context():
        township = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "township")).first().id
    assert admin.get(f"/presence/go-live/{township}").status_code == 404
