"""The inbox as approvers and cadres use it: what waits for me, what was filed with us, what I did."""
from datetime import timedelta

from sqlalchemy import select

from models import Task, utcnow
from tests.pages import act, file_leave, get, user
from webapp.extensions import db as _db

CADRE = "xinghua.member1"  # 李娜 at 杏花村 (东岭镇), sent by 县农业农村局


def test_a_short_leave_waits_in_the_township_inbox_with_the_facts_to_decide(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head = user(login_as, "dongling.head")
    inbox = get(head, "/inbox/")
    assert inbox.case_ids("inbox-row") == [case_id]
    row = inbox.one("inbox-row").text
    for fact in ("李娜", "杏花村", "Personal leave", "3", "东岭镇 · Township party committee", "0 min"):
        assert fact in row
    assert f'href="/cases/{case_id}"' in inbox.html
    # Any approver of the township may act; nobody else sees it.
    assert get(user(login_as, "dongling.deputy"), "/inbox/").case_ids("inbox-row") == [case_id]
    for bystander in ("xihe.head", "county.org", "unit.agri"):
        assert get(user(login_as, bystander), "/inbox/").has("empty-state")


def test_approve_from_the_inbox(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, days=3)
    head = user(login_as, "dongling.head")
    assert get(head, "/inbox/").case_ids("inbox-row") == [case_id]

    page = act(head, case_id, "approve", comment="同意")
    assert page.status == 200
    assert page.state == "approved"
    assert "Your approval is recorded." in page.html

    assert get(head, "/inbox/").has("empty-state")
    done = get(head, "/inbox/?tab=done")
    assert done.case_ids("done-row") == [case_id]
    assert "Approve" in done.one("done-row").text
    # The cadre now has something to do: report back after the leave.
    mine = get(cadre, "/inbox/")
    assert mine.case_ids("inbox-row") == [case_id]
    assert mine.one("inbox-row").attrs["data-task-kind"] == "report_back"
    assert "Report back from leave" in mine.one("inbox-row").text


def test_a_long_leave_waits_with_all_three_offices_until_each_approves(login_as):
    case_id = file_leave(user(login_as, CADRE), days=10)
    approvers = ["county.org", "county.rural", "unit.agri"]
    for name in approvers:
        row = get(user(login_as, name), "/inbox/").one("inbox-row")
        assert int(row.attrs["data-case-id"]) == case_id and "joint" in row.text
    assert get(user(login_as, "dongling.head"), "/inbox/").has("empty-state")

    for n, name in enumerate(approvers):
        client = user(login_as, name)
        page = act(client, case_id, "approve")
        assert page.state == ("approved" if n == len(approvers) - 1 else "pending")
        assert get(client, "/inbox/").has("empty-state")


def test_filed_with_us_lists_an_approved_short_leave_for_the_county(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    org = user(login_as, "county.org")
    assert get(org, "/inbox/?tab=filed").has("empty-state"), "nothing is filed before approval"

    act(user(login_as, "dongling.head"), case_id, "approve")
    for name in ("county.org", "county.rural"):
        filed = get(user(login_as, name), "/inbox/?tab=filed")
        assert filed.case_ids("filed-row") == [case_id]
        assert "李娜" in filed.one("filed-row").text and "Approved" in filed.one("filed-row").text
    assert get(user(login_as, "unit.agri"), "/inbox/?tab=filed").has("empty-state")
    # Filing is for information: it is in nobody's to-do list.
    assert get(org, "/inbox/").has("empty-state")
    # And the county may open the case it was filed with.
    assert get(org, f"/cases/{case_id}").state == "approved"


def test_an_overdue_task_is_marked(app, login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    # Let five days pass. (Its own app context: a shared one would share the login across clients.)
    with app.app_context():
        task = _db.session.scalars(select(Task).where(Task.case_id == case_id)).one()
        task.opened_at = utcnow() - timedelta(days=5)
        task.due_date = (utcnow() - timedelta(days=2)).date()
        _db.session.commit()
    row = get(user(login_as, "dongling.head"), "/inbox/")
    assert "5 days" in row.one("inbox-row").text
    assert 'class="overdue"' in row.html


def test_the_inbox_pages(app, login_as):
    app.config["PER_PAGE"] = 2
    cadre = user(login_as, CADRE)
    ids = [file_leave(cadre, days=2, start_in=7 + 10 * n) for n in range(3)]
    head = user(login_as, "dongling.head")
    first = get(head, "/inbox/")
    assert first.case_ids("inbox-row") == [ids[2], ids[1]], "newest first"
    assert "Page 1 of 2" in first.text("pagination")
    second = get(head, "/inbox/?page=2")
    assert second.case_ids("inbox-row") == [ids[0]]
    assert get(cadre, "/leave/?page=2").case_ids("my-leave-row") == [ids[0]]


def test_an_empty_inbox_says_so(login_as):
    for tab in ("", "?tab=filed", "?tab=done", "?tab=nonsense"):
        page = get(user(login_as, "county.chief"), f"/inbox/{tab}")
        assert page.status == 200 and page.has("empty-state")


def test_page_numbers_beyond_any_list_show_an_empty_page(login_as):
    from tests.pages import user as english_user
    for path in ("/inbox/?page=99999999999999999999999", "/leave/?page=99999999999999999999999",
                 "/inbox/?tab=filed&page=-5"):
        assert english_user(login_as, "xinghua.member1").get(path).status_code == 200
