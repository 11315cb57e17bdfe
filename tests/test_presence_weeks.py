"""五天四夜 (004 第十三条 "驻村工作队员坚持每周“五天四夜”在村在岗"): each Monday–Sunday week touching the
month, its days in the village against week_nights + 1, read through the API and the pages as users do."""
from datetime import date

from sqlalchemy import select

from models import OrgUnit
from tests.conftest import on_day, use_preset
from tests.pages import get, user
from tests.test_presence_days import _build_march


def _weeks(api, reader, person_id, month):
    body = api(reader).get(f"/api/v1/people/{person_id}/days?month={month}").get_json()
    return body.get("weeks")


def test_each_week_of_the_month_against_five_days(app, db, api):
    me = _build_march(app, db, api)  # zhumadian-2022: week_nights = 4
    with on_day("2026-04-01"):
        weeks = _weeks(api, "xinghua.leader", me, "2026-03")
    assert [(w["start"], w["end"], w["days"], w["meets_target"]) for w in weeks] == [
        ("2026-02-23", "2026-03-01", 0, None),   # before the records begin (2 March): excused
        ("2026-03-02", "2026-03-08", 5, True),   # signed Monday to Friday
        ("2026-03-09", "2026-03-15", 3, None),   # approved leave 9–11: excused, not short
        ("2026-03-16", "2026-03-22", 4, False),  # a trip 16–18 and the missed day 19 count; the 20th absent
        ("2026-03-23", "2026-03-29", 5, True),
        ("2026-03-30", "2026-04-05", 2, None),   # still running on 1 April
    ]
    assert {w["target"] for w in weeks} == {5}


def test_a_week_not_wholly_in_the_term_is_excused(app, db, api):
    with app.app_context():
        db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2025, 1, 1)
        db.session.commit()
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    weeks = _weeks(api, "xinghua.member1", me, "2025-03")  # the terms began on Saturday 1 March 2025
    assert (weeks[0]["start"], weeks[0]["meets_target"]) == ("2025-02-24", None)
    assert (weeks[1]["start"], weeks[1]["days"], weeks[1]["meets_target"]) == ("2025-03-03", 0, False)


def test_no_weeks_where_the_policy_sets_no_week_target(app, db, api):
    use_preset(app, "wuhai-2023")
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    body = api("xinghua.member1").get(f"/api/v1/people/{me}/days?month=2026-03").get_json()
    assert "weeks" not in body and set(body) == {"person", "month", "days", "totals", "progress"}
    with app.app_context():
        township = db.session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one().id
    rows = api("county.office").get(f"/api/v1/attendance?township_id={township}&month=2026-03").get_json()["rows"]
    assert rows and all("weeks_short" not in r for r in rows)


def test_the_attendance_counts_short_weeks(app, db, api):
    me = _build_march(app, db, api)
    with app.app_context():
        township = db.session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one().id
    with on_day("2026-04-01"):
        rows = api("dongling.head").get(f"/api/v1/attendance?township_id={township}&month=2026-03").get_json()["rows"]
    short = {r["person"]["id"]: r["weeks_short"] for r in rows}
    assert short[me] == 1
    # A cadre who never signed in is short every judged week (2–8, 9–15, 16–22, 23–29).
    assert set(short.values()) == {1, 4}
    mine = next(r for r in rows if r["person"]["id"] == me)
    assert (mine["present"], mine["absent"]) == (16, 2)  # the month's totals stay the month's


def test_the_cadres_page_shows_each_week_met_or_short(app, db, api, login_as):
    me = _build_march(app, db, api)
    with on_day("2026-04-01"):
        page = get(user(login_as, "xinghua.leader"), f"/presence/people/{me}?month=2026-03")
    assert page.status == 200
    assert [(w.attrs["data-start"], w.attrs["data-result"]) for w in page.all("week")] == [
        ("2026-02-23", "excused"), ("2026-03-02", "met"), ("2026-03-09", "excused"), ("2026-03-16", "short"),
        ("2026-03-23", "met"), ("2026-03-30", "excused")]
    assert "Short" in page.all("week-result")[3].text
    assert len(page.all("day")) == 31
    with on_day("2026-04-01"):
        assert get(user(login_as, "shiqiao.member1"), f"/presence/people/{me}?month=2026-03").status == 403


def test_the_township_page_counts_short_weeks(app, db, api, login_as):
    _build_march(app, db, api)
    with app.app_context():
        township = db.session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one().id
    head = user(login_as, "dongling.head")
    with on_day("2026-04-01"):
        home = get(head, "/presence/")
        assert [a.text for a in home.all("township-attendance")] == ["东岭镇"]
        page = get(head, f"/presence/attendance?township_id={township}&month=2026-03")
    assert page.status == 200
    rows = {r.attrs["data-person"]: r for r in page.all("attendance-row")}
    assert len(rows) == 6
    assert page.all("weeks-short")[[r.attrs["data-person"] for r in page.all("attendance-row")].index("李娜")].text == "1"
    assert get(user(login_as, "xihe.head"), f"/presence/attendance?township_id={township}&month=2026-03").status == 403


def test_no_week_column_where_the_policy_sets_none(app, db, login_as):
    use_preset(app, "wuhai-2023")
    with app.app_context():
        township = db.session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one().id
    page = get(user(login_as, "county.office"), f"/presence/attendance?township_id={township}&month=2026-03")
    assert page.status == 200 and page.all("attendance-row") and not page.has("weeks-short")


def test_a_policy_without_a_target_says_so(app, api, login_as):
    """linfen-2018 (001) gives no number: the month is recorded without a target, and the page says so."""
    me = api("xinghua.member1").get("/api/v1/me").get_json()["person_id"]
    use_preset(app, "zhumadian-2022")
    assert "20" in get(user(login_as, "xinghua.leader"), f"/presence/people/{me}?month=2026-03").text("month-target")
    use_preset(app, "linfen-2018")
    assert api("xinghua.leader").get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["totals"]["target"] is None
    page = get(user(login_as, "xinghua.leader"), f"/presence/people/{me}?month=2026-03")
    assert "no presence target" in page.text("month-target")
