"""The leave pages as a cadre uses them: preview who approves before anything is saved, submit,
save a draft, see one's own requests, and be told which field is wrong."""
import pytest

from tests.conftest import leave_dates
from tests.pages import Page, file_leave, get, leave_form, post, user

CADRE = "xinghua.member1"  # 李娜: member at 杏花村 (东岭镇), sent by 县农业农村局


def test_preview_shows_the_route_and_saves_nothing(login_as):
    cadre = user(login_as, CADRE)
    page = post(cadre, "/leave/new", {**leave_form(days=3), "preview": "1"}, "/leave/new")
    assert page.status == 200
    assert page.one("preview-days").attrs["data-days"] == "3"
    steps = page.one("route-preview")
    assert "东岭镇 · Township party committee" in steps.text
    assert page.all("route-step")[0].attrs["data-joint"] == "false"
    filing = page.text("filing-preview")
    assert "示范县 · County organisation department" in filing
    assert "示范县 · County rural revitalisation bureau" in filing
    # The form keeps what was typed, ready to submit.
    assert 'value="家中老人住院"' in page.html or "家中老人住院</textarea>" in page.html

    assert get(cadre, "/leave/").has("empty-state")
    assert get(user(login_as, "dongling.head"), "/inbox/").has("empty-state")


def test_preview_of_a_long_leave_shows_one_joint_step_of_three_offices(login_as):
    cadre = user(login_as, CADRE)
    page = post(cadre, "/leave/new", {**leave_form(days=10), "preview": "1", "reason": ""}, "/leave/new")
    assert page.status == 200, "a preview needs no reason yet"
    assert page.one("preview-days").attrs["data-days"] == "10"
    [step] = page.all("route-step")
    assert step.attrs["data-joint"] == "true"
    assert "every office must approve" in step.text
    assert [o.attrs["data-office"] for o in page.all("route-office")] == \
        ["county_org_dept", "county_rural_bureau", "dispatching_unit"]
    assert "县农业农村局 · Dispatching unit" in step.text
    assert "Not filed" in page.text("filing-preview")
    assert get(cadre, "/leave/").has("empty-state")


def test_submit_opens_the_case_and_lists_it_under_my_leave(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, days=3)
    page = get(cadre, f"/cases/{case_id}")
    assert page.state == "pending"
    assert page.one("days").attrs["data-days"] == "3"
    assert "李娜" in page.text("applicant") and "杏花村" in page.text("village")

    mine = get(cadre, "/leave/")
    assert mine.case_ids("my-leave-row") == [case_id]
    row = mine.one("my-leave-row")
    assert "Awaiting approval" in row.text and "东岭镇 · Township party committee" in row.text
    assert case_id in get(user(login_as, "dongling.head"), "/inbox/").case_ids("inbox-row")


def test_the_submit_button_says_it_was_submitted(login_as):
    cadre = user(login_as, CADRE)
    page = post(cadre, "/leave/new", {**leave_form(days=2), "submit_leave": "1"}, "/leave/new")
    assert page.status == 200
    assert "Your leave request was submitted." in page.html
    assert page.state == "pending"


def test_a_draft_goes_to_nobody_until_submitted(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, days=2, button="save_draft")
    page = get(cadre, f"/cases/{case_id}")
    assert page.state == "draft"
    assert page.has("action-submit") and page.has("action-withdraw")
    head = user(login_as, "dongling.head")
    assert get(head, "/inbox/").has("empty-state")

    data = {**leave_form(days=2), "version": page.version(), "comment": ""}
    after = post(cadre, f"/cases/{case_id}/act/submit", data, f"/cases/{case_id}")
    assert after.state == "pending"
    assert get(head, "/inbox/").case_ids("inbox-row") == [case_id]


def backwards():
    start, end = leave_dates(5)
    return {"start_date": end, "end_date": start}


@pytest.mark.parametrize("change, field, words", [
    ({"reason": "   "}, "reason", "Reason is required."),
    (backwards(), "end_date", "The end date is before the start date."),
    ({"end_date": "2099-12-31"}, "end_date", "at most 366 days"),
    ({"reason": "长" * 2001}, "reason", "at most 2000 characters"),
    ({"leave_type": "holiday"}, "leave_type", ""),
    ({"start_date": ""}, "start_date", ""),
])
def test_refused_input_is_shown_at_its_field_and_nothing_is_filed(login_as, change, field, words):
    cadre = user(login_as, CADRE)
    page = post(cadre, "/leave/new", {**leave_form(days=3), **change, "submit_leave": "1"}, "/leave/new")
    assert page.status == 422
    assert words in page.text(f"error-{field}")
    assert get(cadre, "/leave/").has("empty-state")
    assert get(user(login_as, "dongling.head"), "/inbox/").has("empty-state")


def test_a_refused_preview_names_the_field_too(login_as):
    cadre = user(login_as, CADRE)
    page = post(cadre, "/leave/new",
                {**leave_form(days=3), **backwards(), "preview": "1"}, "/leave/new")
    assert page.status == 422
    assert "end date is before" in page.text("error-end_date")
    assert not page.has("route-preview")


def test_only_cadres_get_leave_links_and_the_form(login_as):
    cadre = get(user(login_as, CADRE), "/inbox/")
    assert cadre.has("nav-my-leave") and cadre.has("nav-new-leave")
    head = user(login_as, "dongling.head")
    assert not get(head, "/inbox/").has("nav-new-leave")
    refused = get(head, "/leave/new")
    assert refused.status == 403
    assert "no current posting" in refused.text("error-message")
    # The admin's nav renders whether or not the admin pages exist yet.
    assert get(user(login_as, "admin"), "/inbox/").status == 200


def test_pages_need_a_login(client):
    for path in ("/leave/", "/leave/new", "/inbox/", "/cases/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert Page(client.get("/login")).status == 200
