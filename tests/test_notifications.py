"""Notifications: what the sweep tells a user, over the API (unread count, mark read) and in the
pages (the bell in the header, the list; opening one marks it read and shows its case)."""
from datetime import date

from tests.conftest import csrf_token
from tests.pages import get, user
from tests.test_sweep import file_leave, on, sweep


def reminded(app, api):
    """A leave filed today, and the sweep on the day before its approval is due."""
    case = file_leave(api)
    with on(date(2026, 3, 12)):
        sweep(app)
    return case


def test_the_api_lists_notifications_newest_first_with_the_unread_count(app, api):
    case = reminded(app, api)
    with on(date(2026, 3, 16)):
        sweep(app)  # now overdue as well
    head = api("dongling.head")
    body = head.get("/api/v1/notifications").get_json()
    assert body["unread"] == 2 and body["total"] == 2
    newest, older = body["items"]
    assert set(newest) >= {"id", "at", "text", "case_id", "read"}
    assert (newest["case_id"], newest["read"]) == (case["id"], False)
    assert "已逾期" in newest["text"] and "到期" in older["text"]  # Chinese by default
    assert newest["at"] >= older["at"]
    assert head.get("/api/v1/notifications?per_page=1&page=2").get_json()["items"][0]["id"] == older["id"]

    marked = head.post(f"/api/v1/notifications/{older['id']}/read")
    assert marked.status_code == 200 and marked.get_json()["read"] is True
    after = head.get("/api/v1/notifications").get_json()
    assert after["unread"] == 1 and [i["read"] for i in after["items"]] == [False, True]

    # Someone else's notification is not found for the caller; the other holder's stay unread.
    assert api("county.office").post(f"/api/v1/notifications/{newest['id']}/read").status_code == 404
    assert api("dongling.deputy").get("/api/v1/notifications").get_json()["unread"] == 2

    assert head.post("/api/v1/notifications/read-all").get_json()["unread"] == 0
    assert head.get("/api/v1/notifications").get_json()["unread"] == 0
    assert api("dongling.deputy").get("/api/v1/notifications").get_json()["unread"] == 2


def test_notifications_need_a_login(client):
    assert client.get("/api/v1/notifications").status_code == 401


def test_the_bell_shows_the_count_and_opening_a_notification_marks_it_read(app, api, login_as):
    case = reminded(app, api)
    browser = user(login_as, "dongling.head")
    inbox = get(browser, "/inbox/")
    assert inbox.text("unread-count") == "1"
    assert inbox.one("bell").attrs["href"] == "/notifications/"

    listing = get(browser, "/notifications/")
    note = listing.one("notification")
    assert note.attrs["data-read"] == "no"
    assert "Due on" in note.text and f"case #{case['id']}" in note.text and "Approve leave" in note.text

    opened = browser.post(f"/notifications/{note.attrs['data-id']}/read",
                          data={"csrf_token": csrf_token(browser, "/notifications/")})
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/cases/{case['id']}")
    assert get(browser, "/inbox/").text("unread-count") == "0"
    assert get(browser, "/notifications/").one("notification").attrs["data-read"] == "yes"
    # A user with nothing to be told sees the bell at zero, and an empty list.
    other = user(login_as, "xihe.head")
    assert get(other, "/inbox/").text("unread-count") == "0"
    assert get(other, "/notifications/").has("empty-state")


def test_mark_all_read_from_the_page(app, api, login_as):
    reminded(app, api)
    browser = login_as("dongling.deputy")
    page = get(browser, "/notifications/")
    assert page.text("unread-count") == "1" and "到期" in page.one("notification").text  # in Chinese
    response = browser.post("/notifications/read-all", data={"csrf_token": csrf_token(browser, "/notifications/")})
    assert response.status_code == 302
    assert get(browser, "/notifications/").text("unread-count") == "0"


def test_the_applicant_is_told_of_a_decision_on_their_case(api, login_as):
    case = file_leave(api)
    assert api("xinghua.member1").get("/api/v1/notifications").get_json()["unread"] == 0  # own submission
    assert api("dongling.head").act(case["id"], "approve").status_code == 200
    got = api("xinghua.member1").get("/api/v1/notifications").get_json()
    assert got["unread"] == 1 and got["items"][0]["case_id"] == case["id"]
    assert "批准" in got["items"][0]["text"]
    page = get(user(login_as, "xinghua.member1"), "/notifications/")
    assert f"Case #{case['id']} is now Approved (Approve: " in page.one("notification").text
    assert api("dongling.head").get("/api/v1/notifications").get_json()["unread"] == 0  # not told of their own act
