"""篇六 "由值班人员和由第一书记(队长)确认后予以备注": a missed day the keeper records waits for the other
office the policy names; that office is told, sees it on the sign-in page and confirms it there; the
keeper sees it waiting and who has confirmed — through the pages and the API, as users do."""
from datetime import date

from sqlalchemy import select

from models import OrgUnit
from tests.conftest import use_preset
from tests.pages import get, post, user


def _record(api, keeper, person_user, day="2026-03-09"):
    me = api(person_user).get("/api/v1/me").get_json()["person_id"]
    r = api(keeper).post("/api/v1/sign-ins", json={"person_id": me, "date": day, "reason": "电话告知：紧急公务"})
    assert r.status_code == 201, r.get_json()
    return me, r.get_json()


def _status(api, reader, person_id, day="2026-03-09"):
    days = api(reader).get(f"/api/v1/people/{person_id}/days?month=2026-03").get_json()["days"]
    return next(d["status"] for d in days if d["date"] == day)


def test_the_village_is_told_and_confirms_on_the_page(app, db, api, login_as):
    use_preset(app, "county-pian6")
    with app.app_context():  # the records begin early enough for the 9th to count
        db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2026, 3, 1)
        db.session.commit()
    me, missed = _record(api, "xinghua.leader", "xinghua.member1")
    assert missed["confirmed"] is False and missed["confirmations"] == ["team_leader"]
    assert _status(api, "xinghua.leader", me) == "absent"  # not yet counted

    notes = api("xinghua.secretary").get("/api/v1/notifications").get_json()
    assert notes["unread"] == 1 and "李娜" in notes["items"][0]["text"] and "2026" in notes["items"][0]["text"]
    assert api("xinghua.leader").get("/api/v1/notifications").get_json()["unread"] == 0  # the keeper is not told

    leader = user(login_as, "xinghua.leader")
    kept = get(leader, "/presence/")
    assert [r.attrs["data-id"] for r in kept.all("kept-row")] == [str(missed["id"])]
    assert kept.text("kept-confirmed").startswith("Team leader")
    assert kept.text("kept-pending") == "Village party secretary"
    assert not kept.has("to-confirm-row")  # nothing waits for the leader: they confirmed when recording

    secretary = user(login_as, "xinghua.secretary")
    page = get(secretary, "/presence/")
    assert page.status == 200 and [r.attrs["data-id"] for r in page.all("to-confirm-row")] == [str(missed["id"])]
    done = post(secretary, f"/presence/missed-days/{missed['id']}/confirm", {}, "/presence/")
    assert done.status == 200 and not done.has("to-confirm-row")
    assert _status(api, "xinghua.leader", me) == "present"
    assert not get(leader, "/presence/").has("kept-row")


def test_others_may_not_confirm(app, api, login_as):
    use_preset(app, "county-pian6")
    _me, missed = _record(api, "xinghua.leader", "xinghua.member1")
    member = login_as("xinghua.member2")
    assert not get(member, "/presence/").has("to-confirm-row")
    refused = post(member, f"/presence/missed-days/{missed['id']}/confirm", {}, "/presence/")
    assert refused.status == 403
    other_village = login_as("shiqiao.leader")
    assert post(other_village, f"/presence/missed-days/{missed['id']}/confirm", {}, "/presence/").status == 403
    assert api("xinghua.secretary").post(f"/api/v1/missed-days/{missed['id']}/confirm").status_code == 200
    again = post(login_as("xinghua.secretary"), f"/presence/missed-days/{missed['id']}/confirm", {}, "/presence/")
    assert again.status == 409


def test_the_leaders_day_recorded_by_the_township_waits_for_the_village(app, api, login_as):
    # The leader never confirms their own day: the township's record stands in for the 第一书记's.
    use_preset(app, "county-pian6")
    _leader, missed = _record(api, "dongling.head", "xinghua.leader")
    assert missed["confirmed"] is False
    assert api("xinghua.leader").get("/api/v1/notifications").get_json()["unread"] == 0
    assert api("xinghua.secretary").get("/api/v1/notifications").get_json()["unread"] == 1
    assert get(login_as("xinghua.secretary"), "/presence/").has("to-confirm-row")
    assert get(login_as("dongling.head"), "/presence/").has("kept-row")


def test_without_a_confirming_office_nothing_waits(api, login_as):
    # zhumadian-2022 names none: the keeper's record counts at once; nobody is told, nothing is listed.
    _me, missed = _record(api, "xinghua.leader", "xinghua.member1")
    assert missed["confirmed"] is True
    assert api("xinghua.secretary").get("/api/v1/notifications").get_json()["unread"] == 0
    assert not get(login_as("xinghua.leader"), "/presence/").has("kept-row")
