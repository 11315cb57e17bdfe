"""Recording a spot check from the browser: choose the village and day, mark who was found, and read
the findings back with the explanations they asked for."""
from datetime import timedelta

from tests.pages import get, post, user
from tests.test_spot_checks import YESTERDAY, person_id, village_id


def test_an_office_records_a_check_from_its_page(api, login_as):
    office = user(login_as, "county.office")
    village = village_id(api)
    form_page = f"/spot-checks/new?village_id={village}&date={YESTERDAY.isoformat()}"
    page = get(office, form_page)
    names = [m.text for m in page.all("member")]
    assert any("李娜" in n for n in names) and any("张伟" in n for n in names)
    member, leader = person_id(api, "xinghua.member1"), person_id(api, "xinghua.leader")
    done = post(office, "/spot-checks/new", {
        "village_id": village, "date": YESTERDAY.isoformat(), "time": "10:05", "method": "on_site",
        "note": "入户走访时未见", f"status-{member}": "absent", f"status-{leader}": "present", "record": "1"},
        form_page)
    assert [f.attrs["data-person"] for f in done.all("finding")] == [str(member)]
    assert "explanation asked for" in done.text("findings")
    # The cadre has the explanation to write.
    inbox = api("xinghua.member1").get("/api/v1/inbox").get_json()["items"]
    assert [i["kind"] for i in inbox] == ["explain"]


def test_the_page_refuses_a_future_day_and_strangers(api, login_as):
    office = user(login_as, "county.office")
    village = village_id(api)
    tomorrow = (YESTERDAY + timedelta(days=2)).isoformat()
    refused = post(office, "/spot-checks/new", {"village_id": village, "date": tomorrow, "record": "1"},
                   "/spot-checks/new")
    assert refused.has("error-date")
    assert api("admin").get("/api/v1/cases?kind=explanation").get_json()["total"] == 0
    assert user(login_as, "xinghua.leader").get("/spot-checks/new").status_code == 403


def test_the_nav_offers_a_spot_check_to_those_who_check(login_as):
    assert get(user(login_as, "county.office"), "/inbox/").has("nav-spot-check")
    assert get(user(login_as, "inspector"), "/inbox/").has("nav-spot-check")
    assert not get(user(login_as, "xinghua.member1"), "/inbox/").has("nav-spot-check")
