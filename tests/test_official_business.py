"""An official absence (因公外出) says what business it is — a trip, a meeting or a training — through the
API and the leave form; it routes as the trip does, and presence counts it as the policy says."""
from datetime import timedelta

import pytest

from tests.conftest import leave_dates, on_day, use_preset
from tests.pages import act, file_leave, form_values, get, leave_form, post, user
from workflows import clock

CADRE = "xinghua.member1"  # 李娜: member at 杏花村 (东岭镇)


def _request(leave_type="official_trip", days=2, start_in=7, **extra) -> dict:
    start, end = leave_dates(days, start_in)
    return {"type": leave_type, "start_date": start, "end_date": end, "reason": "赴市里参加培训", **extra}


def _file(api, **body):
    return api(CADRE).post("/api/v1/leave-requests", json=_request(**body))


# ---------------------------------------------------------------- the API

@pytest.mark.parametrize("business", ["official_trip", "meeting", "training"])
def test_an_official_absence_records_its_business_and_routes_as_the_trip(api, business):
    trip = _file(api).get_json()
    r = _file(api, business=business, start_in=14)
    assert r.status_code == 201, r.get_json()
    case = r.get_json()
    assert case["leave"]["business"] == business
    # The business changes nothing in the route: reported to the same offices as the trip.
    assert (case["state"], case["leave"]["route"], case["leave"]["filing"]) == \
        (trip["state"], trip["leave"]["route"], trip["leave"]["filing"]) == ("reported", [], trip["leave"]["filing"])
    assert trip["leave"]["filing"]
    fetched = api("dongling.head").get(f"/api/v1/cases/{case['id']}").get_json()
    assert fetched["leave"]["business"] == business


def test_the_business_defaults_to_a_trip_and_leave_has_none(api):
    assert _file(api).get_json()["leave"]["business"] == "official_trip"
    assert _file(api, leave_type="personal", start_in=14).get_json()["leave"]["business"] is None


@pytest.mark.parametrize("path", ["/api/v1/leave-requests", "/api/v1/leave-requests/preview"])
def test_a_business_on_another_leave_type_is_refused_naming_why(api, path):
    r = api(CADRE).post(path, json=_request("personal", business="meeting"))
    assert r.status_code == 422
    error = r.get_json()["error"]
    assert (error["code"], error["field"]) == ("business_only_official", "business")
    assert "事假" in error["message"] and "因公外出" in error["message"]
    assert api("admin").get("/api/v1/cases?kind=leave").get_json()["total"] == 0


@pytest.mark.parametrize("path", ["/api/v1/leave-requests", "/api/v1/leave-requests/preview"])
@pytest.mark.parametrize("value", ["holiday", 3, "MEETING"])
def test_an_unknown_business_is_refused(api, path, value):
    r = api(CADRE).post(path, json=_request(business=value))
    assert r.status_code == 422
    assert r.get_json()["error"]["field"] == "business"


def test_the_preview_of_a_meeting_shows_the_trips_route(api):
    trip = api(CADRE).post("/api/v1/leave-requests/preview", json=_request()).get_json()
    meeting = api(CADRE).post("/api/v1/leave-requests/preview", json=_request(business="meeting")).get_json()
    assert meeting == trip and trip["filing"]


def test_a_resubmission_corrects_the_business_or_drops_it_with_the_type(api, db):
    cadre = api(CADRE)
    draft = cadre.post("/api/v1/leave-requests", json=_request(draft=True, business="meeting")).get_json()
    assert draft["state"] == "draft"
    refused = cadre.act(draft["id"], "submit", business="holiday")
    assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "business"
    refused = cadre.act(draft["id"], "submit", type="personal", business="training")
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "business_only_official"
    done = cadre.act(draft["id"], "submit", business="training")
    assert done.status_code == 200, done.get_json()
    assert cadre.get(f"/api/v1/cases/{draft['id']}").get_json()["leave"]["business"] == "training"

    # Kept when the resubmission leaves it out; gone when the request becomes personal leave.
    other = cadre.post("/api/v1/leave-requests", json=_request(draft=True, business="meeting", start_in=14)).get_json()
    assert cadre.act(other["id"], "submit", reason="改为开会").status_code == 200
    assert cadre.get(f"/api/v1/cases/{other['id']}").get_json()["leave"]["business"] == "meeting"
    third = cadre.post("/api/v1/leave-requests", json=_request(draft=True, business="meeting", start_in=21)).get_json()
    assert cadre.act(third["id"], "submit", type="personal").status_code == 200
    assert cadre.get(f"/api/v1/cases/{third['id']}").get_json()["leave"]["business"] is None


# ---------------------------------------------------------------- presence and spot checks

def test_training_under_county_pian6_is_leave_and_a_trip_is_presence(app, db, api):
    """篇六 counts only 因公出差: a training day is an excused absence there, a trip day counts."""
    from datetime import date

    from sqlalchemy import select

    from models import OrgUnit
    use_preset(app, "county-pian6")
    with app.app_context():
        db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2026, 3, 1)
        db.session.commit()
    # Thursday 5 and Friday 6 March 2026, both working days, filed the Monday before.
    for business, day in (("training", "2026-03-05"), ("official_trip", "2026-03-06")):
        with on_day("2026-03-02"):
            case = api(CADRE).post("/api/v1/leave-requests", json={
                "type": "official_trip", "business": business, "start_date": day, "end_date": day,
                "reason": "县里培训"}).get_json()
            while case["state"] == "pending":
                case = _approve_step(api, case)
        assert case["state"] == "approved", case  # 篇六 reports nothing: an official absence is approved
    me = api(CADRE).get("/api/v1/me").get_json()["person_id"]
    status = {d["date"]: d["status"] for d in
              api("xinghua.leader").get(f"/api/v1/people/{me}/days?month=2026-03").get_json()["days"]}
    assert (status["2026-03-05"], status["2026-03-06"]) == ("leave", "trip")


_APPROVERS = {"township": "dongling.head", "township_deputy": "dongling.deputy", "county_office": "county.office",
              "county_org_dept": "county.org", "county_rural_bureau": "county.rural", "dispatching_unit": "unit.agri",
              "village_secretary": "xinghua.secretary", "team_leader": "xinghua.leader"}


def _approve_step(api, case):
    office = case["open_tasks"][0]["office"]
    r = api(_APPROVERS[office]).act(case["id"], "approve", comment="同意")
    assert r.status_code == 200, r.get_json()
    return r.get_json()


@pytest.mark.parametrize("business", ["meeting", "training"])
def test_a_spot_check_says_a_meeting_or_training_covered_the_absence(api, business):
    yesterday = clock.today() - timedelta(days=1)
    with on_day(yesterday - timedelta(days=2)):
        leave = api(CADRE).post("/api/v1/leave-requests", json={
            "type": "official_trip", "business": business, "start_date": yesterday.isoformat(),
            "end_date": yesterday.isoformat(), "reason": "市里会议"}).get_json()
    assert leave["state"] == "reported"
    me = api(CADRE).get("/api/v1/me").get_json()["person_id"]
    terms = api("admin").get(f"/api/v1/people/{me}").get_json()["terms"]
    village_id = next(t for t in terms if t["active"])["village"]["id"]
    r = api("county.office").post("/api/v1/spot-checks", json={
        "village_id": village_id, "date": yesterday.isoformat(), "absent": [me], "note": "查岗"})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["explanations"] == []
    [finding] = api("county.office").get(f"/api/v1/spot-checks/{r.get_json()['id']}").get_json()["findings"]
    assert finding["covered_by"] == {"case_id": leave["id"], "kind": business}


# ---------------------------------------------------------------- the pages

def test_the_form_offers_the_business_and_the_case_page_shows_it(login_as):
    # In Chinese first, as a cadre reads it by default: the select is 公务类型, the title and facts say 开会.
    chinese = login_as(CADRE)
    form = get(chinese, "/leave/new")
    assert "公务类型" in form.html and form_values(form.html, "leave-form")["business"] == ["official_trip"]
    case_id = file_leave(chinese, leave_type="official_trip", business="meeting")
    page = get(chinese, f"/cases/{case_id}")
    assert page.text("business") == "开会" and "李娜的因公外出（开会）" in page.html

    cadre = user(login_as, CADRE)
    assert "official trip only" in get(cadre, "/leave/new").text("business-hint")
    page = get(cadre, f"/cases/{case_id}")
    assert page.text("business") == "Meeting"
    assert "Official business (meeting) of 李娜" in page.html


def test_a_trip_keeps_its_title_and_leave_shows_no_business(login_as):
    cadre = user(login_as, CADRE)
    trip = get(cadre, f"/cases/{file_leave(cadre, leave_type='official_trip')}")
    assert trip.text("business") == "Business trip" and "Official trip of 李娜" in trip.html
    # The select left at its value means nothing on personal leave: the page files the leave as asked.
    leave = get(cadre, f"/cases/{file_leave(cadre, start_in=20, business='training')}")
    assert not leave.has("business") and "Leave of 李娜" in leave.html


def test_the_form_keeps_the_business_in_the_preview(login_as):
    cadre = user(login_as, CADRE)
    page = post(cadre, "/leave/new", {**leave_form(leave_type="official_trip"), "business": "training",
                                      "preview": "1"}, "/leave/new")
    assert page.status == 200
    assert form_values(page.html, "leave-form")["business"] == ["training"]


def test_a_draft_is_corrected_to_training_on_its_page(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, button="save_draft", leave_type="official_trip", business="meeting")
    draft = get(cadre, f"/cases/{case_id}")
    # The submit form starts from the request as it is.
    assert form_values(draft.html, "submit-form")["business"] == ["meeting"]
    start, end = leave_dates(3)
    page = act(cadre, case_id, "submit", leave_type="official_trip", business="training", start_date=start,
               end_date=end, reason="县里培训")
    assert page.state == "reported"
    assert page.text("business") == "Training" and "Official business (training) of 李娜" in page.html
