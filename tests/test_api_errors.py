"""Bad input over the API gets a JSON error naming the field, with the right status, and changes
nothing; never a 500."""
import pytest

from tests.conftest import leave_dates

GOOD = {"type": "personal", "reason": "家中有事"}


def good_leave(days=3):
    start, end = leave_dates(days)
    return {**GOOD, "start_date": start, "end_date": end}


def assert_error(response, status, code, field=None):
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["message"]
    if field:
        assert error["field"] == field


@pytest.mark.parametrize("change, code, field", [
    ({"type": None}, "required", "type"),
    ({"type": "holiday"}, "not_one_of", "type"),
    ({"type": 3}, "not_one_of", "type"),
    ({"start_date": None}, "required", "start_date"),
    ({"start_date": "2026/12/01"}, "invalid_date", "start_date"),
    ({"end_date": 20261201}, "invalid_date", "end_date"),
    ({"end_date": "2026-02-30"}, "invalid_date", "end_date"),
    ({"reason": ""}, "required", "reason"),
    ({"reason": ["a"]}, "invalid_string", "reason"),
    ({"reason": "长" * 2001}, "too_long", "reason"),
])
def test_bad_leave_fields_are_named_and_nothing_is_filed(api, change, code, field):
    cadre = api("xinghua.member1")
    body = {**good_leave(), **change}
    body = {k: v for k, v in body.items() if v is not None}
    assert_error(cadre.post("/api/v1/leave-requests", json=body), 422, code, field)
    assert api("dongling.head").get("/api/v1/inbox").get_json()["total"] == 0


def test_end_before_start_is_refused(api):
    start, end = leave_dates(5)
    response = api("xinghua.member1").post("/api/v1/leave-requests",
                                           json={**GOOD, "start_date": end, "end_date": start})
    assert_error(response, 422, "end_before_start", "end_date")
    assert "end date" in response.get_json()["error"]["message"].lower() or \
        "结束" in response.get_json()["error"]["message"]


def test_body_that_is_not_a_json_object(api):
    cadre = api("xinghua.member1")
    assert_error(cadre.post("/api/v1/leave-requests", data="nonsense", content_type="application/json"),
                 422, "invalid_json", "body")
    assert_error(cadre.post("/api/v1/leave-requests", json=[1, 2]), 422, "invalid_json", "body")


def test_someone_who_is_not_posted_cannot_file_leave(api):
    assert_error(api("county.office").post("/api/v1/leave-requests", json=good_leave()), 403, "not_posted")


def test_authentication(client, api):
    assert_error(client.get("/api/v1/inbox"), 401, "unauthorized")
    assert_error(client.get("/api/v1/inbox", headers={"Authorization": "Bearer nope"}), 401, "unauthorized")
    assert_error(client.get("/api/v1/inbox", headers={"Authorization": "Basic eDp5"}), 401, "unauthorized")
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_session_writes_need_the_csrf_token(login_as):
    browser = login_as("xinghua.member1")
    assert browser.get("/api/v1/inbox").status_code == 200
    assert_error(browser.post("/api/v1/leave-requests", json=good_leave()), 400, "csrf")


@pytest.mark.parametrize("query, code, field", [
    ("applicant=member&tier=city", "required", "days"),
    ("days=abc&applicant=member&tier=city", "invalid_integer", "days"),
    ("days=0&applicant=member&tier=city", "out_of_range", "days"),
    ("days=5&applicant=boss&tier=city", "not_one_of", "applicant"),
    ("days=5&applicant=member&tier=province", "not_one_of", "tier"),
    ("days=5&applicant=member&tier=city&type=maternity", "not_one_of", "type"),
])
def test_leave_route_bad_query(api, query, code, field):
    assert_error(api("admin").get(f"/api/v1/policies/linfen-2018/leave-route?{query}"), 422, code, field)


def test_unknown_policy_and_case(api):
    admin = api("admin")
    assert_error(admin.get("/api/v1/policies/nowhere-2020/leave-route?days=3&applicant=member&tier=city"),
                 404, "policy_not_found")
    assert_error(admin.get("/api/v1/cases/999999"), 404, "case_not_found")
    assert_error(admin.post("/api/v1/cases/999999/actions/approve", json={"version": 1}), 404, "case_not_found")
    assert admin.get("/api/v1/nothing-here").get_json()["error"]["code"] == "not_found"


def test_someone_elses_case(api):
    case = api("xinghua.member1").post("/api/v1/leave-requests", json=good_leave()).get_json()
    other = api("liushu.member1")  # a cadre in another township
    assert_error(other.get(f"/api/v1/cases/{case['id']}"), 403, "not_your_case")
    assert_error(other.get(f"/api/v1/cases/{case['id']}/history"), 403, "not_your_case")
    assert_error(other.act(case["id"], "withdraw", version=case["version"]), 403, "not_your_case")
    assert_error(api("xihe.head").act(case["id"], "approve", version=case["version"]), 403, "not_your_case")
    # A colleague in the same team may not withdraw it either.
    colleague = api("xinghua.member2")
    assert_error(colleague.act(case["id"], "withdraw", version=case["version"]), 403, "not_your_case")
    assert api("xinghua.member1").get(f"/api/v1/cases/{case['id']}").get_json()["state"] == "pending"


def test_action_errors(api):
    cadre = api("xinghua.member1")
    case = cadre.post("/api/v1/leave-requests", json=good_leave()).get_json()
    township = api("dongling.head")
    url = f"/api/v1/cases/{case['id']}/actions/approve"
    assert_error(township.post(url, json={}), 422, "required", "version")
    assert_error(township.post(url, json={"version": "three"}), 422, "invalid_integer", "version")
    assert_error(township.post(url, json={"version": case["version"] + 5}), 409, "case_changed")
    assert_error(township.act(case["id"], "promote"), 404, "unknown_action")
    assert_error(township.act(case["id"], "reject"), 422, "required", "comment")
    assert_error(township.act(case["id"], "return", comment="   "), 422, "required", "comment")
    assert_error(cadre.act(case["id"], "approve"), 403, "own_case")
    assert_error(township.act(case["id"], "withdraw"), 403, "applicant_only")
    assert_error(cadre.act(case["id"], "report_back", actual_return_date="2026-13-01"), 422,
                 "invalid_date", "actual_return_date")
    assert_error(cadre.act(case["id"], "report_back", actual_return_date=case["leave"]["end_date"]), 409,
                 "action_not_allowed")
    # None of that changed the case.
    after = cadre.get(f"/api/v1/cases/{case['id']}").get_json()
    assert (after["state"], after["version"]) == ("pending", case["version"])
    assert len(cadre.get(f"/api/v1/cases/{case['id']}/history").get_json()) == 2


def test_paging_parameters(api):
    assert_error(api("admin").get("/api/v1/inbox?page=0"), 422, "out_of_range", "page")
    assert_error(api("admin").get("/api/v1/inbox?per_page=1000"), 422, "out_of_range", "per_page")


def test_a_route_to_an_office_the_jurisdiction_lacks_is_refused(app, db, api):
    """Under wuhai-2023 a 10-day leave goes to the city office; a county with no city above it has
    none, so the leave is refused rather than left in nobody's inbox."""
    from sqlalchemy import select

    from models import Case, OrgUnit
    with app.app_context():
        county = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
        county.parent_id, county.policy_id = None, "wuhai-2023"
        db.session.commit()
    response = api("xinghua.member1").post("/api/v1/leave-requests", json=good_leave(10))
    assert_error(response, 409, "office_missing")
    assert "City work-team office" in response.get_json()["error"]["message"] or \
        "市" in response.get_json()["error"]["message"]
    with app.app_context():
        assert db.session.scalars(select(Case)).all() == []


@pytest.mark.parametrize("path", ["/api/v1/cases/99999999999", "/api/v1/cases/99999999999/history",
                                  "/api/v1/cases/0"])
def test_case_ids_beyond_any_row_are_not_found(api, path):
    assert_error(api("admin").get(path), 404, "case_not_found")


def test_nul_characters_are_refused_everywhere(api, client):
    cadre = api("xinghua.member1")
    assert_error(cadre.post("/api/v1/leave-requests", json={**good_leave(), "reason": "事\x00由"}), 422,
                 "nul_character")
    assert_error(cadre.get("/api/v1/policies/linfen%00/leave-route?days=3&applicant=member&tier=city"), 422,
                 "nul_character")
    from tests.conftest import csrf_token
    page = client.post("/login", data={"username": "ad\x00min", "password": "demo",
                                       "csrf_token": csrf_token(client)})
    assert page.status_code == 422
    assert api("dongling.head").get("/api/v1/inbox").get_json()["total"] == 0
