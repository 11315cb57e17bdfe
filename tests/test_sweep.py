"""Time: due dates in working days from the jurisdiction's date, overdue tasks, the daily sweep's
reminders and escalation (督办), run by `flask --app wsgi sweep`. Test data is made with the API as a
cadre and an approver would, then the clock moves on and the sweep runs."""
import threading
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Event, Notification, Supervision
from tests.conftest import PG_URL
from tests.pages import get, user
from workflows import clock, due, jobs

BEIJING = ZoneInfo("Asia/Shanghai")
TUESDAY = date(2026, 3, 10)  # TEST_NOW's date
DUE = date(2026, 3, 13)      # a task opened on TUESDAY with 3 working days: Friday


def on(day: date, hour=9):
    """The jurisdiction's clock at `hour` on `day`."""
    return clock.freeze(datetime(day.year, day.month, day.day, hour, 0, tzinfo=BEIJING))


def file_leave(api, days=3, username="xinghua.member1"):
    from tests.conftest import SICK_NOTE
    start = clock.today() + timedelta(days=20)
    response = api(username).post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=days - 1)).isoformat(), "reason": "家中有事",
        "documents": [SICK_NOTE]})  # 篇六 asks evidence for every leave
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def sweep(app, day: date | None = None):
    args = ["sweep"] + (["--date", day.isoformat()] if day else [])
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output


def notes(api, username):
    return api(username).get("/api/v1/notifications").get_json()


def history(api, case_id):
    return api("admin").get(f"/api/v1/cases/{case_id}/history").get_json()


def supervised(api, username):
    return api(username).get("/api/v1/inbox?tab=supervised").get_json()["items"]


# ---------------------------------------------------------------- due dates

def test_a_task_opened_at_0730_beijing_is_due_counting_from_that_beijing_day(api):
    # 23:30 UTC on Thursday the 12th is 07:30 on Friday the 13th in Beijing.
    with clock.freeze(datetime(2026, 3, 12, 23, 30, tzinfo=timezone.utc)):
        case = file_leave(api)
    task = case["open_tasks"][0]
    # Three working days after Friday the 13th: Mon 16, Tue 17, Wed 18 (from the UTC date, Thursday,
    # it would be Tuesday the 17th).
    assert (task["office"], task["due_date"]) == ("township", "2026-03-18")


def test_due_dates_skip_the_official_holidays(api):
    # 清明 2026: Saturday 4 to Monday 6 April. From Thursday the 2nd: Fri 3, Tue 7, Wed 8.
    with on(date(2026, 4, 2)):
        case = file_leave(api)
    assert case["open_tasks"][0]["due_date"] == "2026-04-08"


def test_a_year_the_official_calendar_does_not_know_yet_counts_monday_to_friday(app, db):
    with app.app_context():
        # Friday 5 March 2027 + 3 working days: Mon 8, Tue 9, Wed 10.
        assert due.due_date(db.session, date(2027, 3, 5), 3) == date(2027, 3, 10)


def test_the_county_preset_gives_its_approvers_one_working_day(app, api):
    from tests.conftest import use_preset
    use_preset(app, "county-pian6")
    case = file_leave(api, days=1)
    assert case["open_tasks"][0]["due_date"] == "2026-03-11"


# ---------------------------------------------------------------- overdue

def test_overdue_shows_in_the_task_json_and_the_inbox_filter(api, login_as):
    late = file_leave(api)
    assert late["open_tasks"][0]["overdue"] is False
    head = api("dongling.head")
    assert head.get("/api/v1/inbox?overdue=1").get_json()["items"] == []

    with on(date(2026, 3, 16)):  # Monday: Friday's task is overdue
        fresh = file_leave(api, username="xinghua.member2")  # due Thursday the 19th
        body = head.get(f"/api/v1/cases/{late['id']}").get_json()
        assert body["open_tasks"][0]["overdue"] is True
        assert head.get(f"/api/v1/cases/{fresh['id']}").get_json()["open_tasks"][0]["overdue"] is False

        newest_first = [i["case"]["id"] for i in head.get("/api/v1/inbox").get_json()["items"]]
        assert newest_first == [fresh["id"], late["id"]]
        only_overdue = head.get("/api/v1/inbox?overdue=1").get_json()
        assert [i["case"]["id"] for i in only_overdue["items"]] == [late["id"]] and only_overdue["total"] == 1
        assert only_overdue["items"][0]["overdue"] is True
        by_due = [i["case"]["id"] for i in head.get("/api/v1/inbox?sort=due").get_json()["items"]]
        assert by_due == [late["id"], fresh["id"]]
        assert head.get("/api/v1/inbox?sort=soon").status_code == 422

        browser = user(login_as, "dongling.head")
        page = get(browser, "/inbox/")
        rows = {int(r.attrs["data-case-id"]): r.text for r in page.all("inbox-row")}
        assert "Overdue" in rows[late["id"]] and "Overdue" not in rows[fresh["id"]]
        assert page.case_ids("inbox-row") == [fresh["id"], late["id"]]
        assert get(browser, "/inbox/?overdue=1").case_ids("inbox-row") == [late["id"]]
        assert get(browser, "/inbox/?sort=due").case_ids("inbox-row") == [late["id"], fresh["id"]]
        assert page.one("filter-overdue").attrs["href"].endswith("overdue=1&sort=new")
        # In Chinese, the badge reads 已逾期 and the filter 只看逾期.
        chinese = login_as("dongling.deputy").get("/inbox/").get_data(as_text=True)
        assert "已逾期" in chinese and "只看逾期" in chinese


# ---------------------------------------------------------------- reminders

def test_holders_are_reminded_the_day_before_and_told_once_when_overdue(app, api):
    case = file_leave(api)
    sweep(app)  # Tuesday: due Friday, nothing yet
    assert notes(api, "dongling.head")["items"] == []

    with on(date(2026, 3, 12)):  # Thursday: due tomorrow
        out = sweep(app)
        assert "reminder: task" in out
        for holder in ("dongling.head", "dongling.deputy"):  # both act for the township
            got = notes(api, holder)
            assert got["unread"] == 1
            assert got["items"][0]["case_id"] == case["id"]
            assert "2026" in got["items"][0]["text"] and f"#{case['id']}" in got["items"][0]["text"]
        assert notes(api, "xihe.head")["items"] == []  # another township's
        sweep(app)
        assert notes(api, "dongling.head")["unread"] == 1

    with on(date(2026, 3, 14)):  # Saturday: the sweep catches up Friday, and finds it overdue
        out = sweep(app)
        assert "2026-03-13 reminders: 0 done" in out and "overdue: task" in out
        got = notes(api, "dongling.head")
        assert got["unread"] == 2 and "逾期" in got["items"][0]["text"]
    with on(date(2026, 3, 16)):
        sweep(app)
        assert notes(api, "dongling.head")["unread"] == 2  # overdue is said once

    # A task done in time is not chased.
    done = file_leave(api, username="xinghua.member2")
    assert api("dongling.head").act(done["id"], "approve").status_code == 200
    with on(date(2026, 3, 20)):
        sweep(app)
        assert all(n["case_id"] != done["id"] for n in notes(api, "dongling.head")["items"])


# ---------------------------------------------------------------- escalation

def test_a_task_left_past_due_escalates_to_the_county_office_after_three_working_days(app, api, login_as):
    case = file_leave(api)  # the township's task, due Friday the 13th
    sweep(app)
    with on(date(2026, 3, 17)):  # two working days past due: not yet
        sweep(app)
        assert supervised(api, "county.office") == []
        assert "escalate" not in [e["action"] for e in history(api, case["id"])]

    with on(date(2026, 3, 18)):  # three working days past due (Mon 16, Tue 17, Wed 18)
        out = sweep(app)
        assert "escalate: task" in out and "county_office of 示范县" in out
        items = supervised(api, "county.office")
        assert [i["case"]["id"] for i in items] == [case["id"]]
        assert items[0]["office"] == "township" and items[0]["supervision"]["office"] == "county_office"
        assert supervised(api, "city.office") == []

        events = history(api, case["id"])
        escalate = [e for e in events if e["action"] == "escalate"]
        assert len(escalate) == 1
        assert (escalate[0]["actor"], escalate[0]["from_state"], escalate[0]["to_state"]) == \
            ("system", "pending", "pending")
        assert [n["text"] for n in notes(api, "county.office")["items"]]  # told
        assert any("督办" in n["text"] or "示范县" in n["text"] for n in notes(api, "dongling.head")["items"])

        chinese = get(login_as("county.office"), "/inbox/?tab=supervised")
        assert chinese.text("tab-supervised") == "督办" and chinese.case_ids("supervised-row") == [case["id"]]
        page = get(user(login_as, "county.office"), "/inbox/?tab=supervised")
        assert page.case_ids("supervised-row") == [case["id"]]
        assert "Township party committee" in page.one("supervised-row").text

        # The holder keeps the task, and can still decide.
        head = api("dongling.head")
        assert [i["case"]["id"] for i in head.get("/api/v1/inbox").get_json()["items"]] == [case["id"]]
        approved = head.act(case["id"], "approve")
        assert approved.status_code == 200 and approved.get_json()["state"] == "approved"

    with on(date(2026, 3, 25)):
        sweep(app)
        assert len([e for e in history(api, case["id"]) if e["action"] == "escalate"]) == 1


def test_county_offices_escalate_to_the_city_and_a_county_unit_to_the_county(app, api):
    # Ten days: the county organisation department, the rural bureau and 县农业农村局 (a county
    # unit, which sent 李娜) approve jointly.
    case = file_leave(api, days=10)
    offices = sorted(t["office"] for t in case["open_tasks"])
    assert offices == ["county_org_dept", "county_rural_bureau", "dispatching_unit"]
    sweep(app)
    with on(date(2026, 3, 18)):
        sweep(app)
    city = sorted(i["office"] for i in supervised(api, "city.office"))
    assert city == ["county_org_dept", "county_rural_bureau"]
    assert [i["office"] for i in supervised(api, "county.office")] == ["dispatching_unit"]


# ---------------------------------------------------------------- once, and only once

def counts(app, db):
    with app.app_context():
        result = tuple(db.session.scalar(select(func.count()).select_from(m))
                       for m in (Notification, Event, Supervision))
        db.session.remove()
    return result


def test_the_sweep_run_twice_changes_nothing_the_second_time(app, api, db):
    file_leave(api)
    sweep(app)
    with on(date(2026, 3, 20)):
        first = sweep(app)
        assert "reminder: task" in first and "overdue: task" in first and "escalate: task" in first
        after_first = counts(app, db)
        again = sweep(app)
        assert "Nothing to do" in again
        assert counts(app, db) == after_first
        # Asked for a day already done, it does nothing either.
        assert "Nothing to do" in sweep(app, date(2026, 3, 18))
        assert counts(app, db) == after_first


def test_the_cli_prints_what_it_did_day_by_day(app, api):
    case = file_leave(api)
    sweep(app, TUESDAY)
    out = sweep(app, date(2026, 3, 12))
    assert out.splitlines()[:3] == ["2026-03-11 reminders: 0 done", "2026-03-11 escalation: 0 done",
                                  "2026-03-11 overstay: 0 done"]
    assert "2026-03-12 reminders: 1 done" in out
    assert f"(case {case['id']}, approve) due 2026-03-13, 2 user(s) told" in out
    # The overstay flagging is one of the sweep's jobs; its old command still works.
    assert "2026-03-12 overstay: 0 done" in out
    result = app.test_cli_runner().invoke(args=["leave", "flag-overstays"])
    assert result.exit_code == 0 and "0 overstaying leave(s) flagged." in result.output


def test_two_sweeps_at_once_double_nothing(app, api, db, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent writers: PostgreSQL")
    assert PG_URL
    file_leave(api)
    sweep(app)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def one_sweep():
        with app.app_context():
            session = Session(db.engine)
            try:
                barrier.wait(timeout=10)
                results.append(jobs.run(session, date(2026, 3, 20)))
            except Exception as error:  # noqa: BLE001 — reported below
                errors.append(error)
            finally:
                session.close()

    with on(date(2026, 3, 20)):
        threads = [threading.Thread(target=one_sweep) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    done = [(r.job, r.day) for runs in results for r in runs]
    assert all(r.error is None for runs in results for r in runs)
    assert len(done) == len(set(done))  # each job's day done by one sweep only
    with app.app_context():
        s = db.session
        assert s.scalar(select(func.count()).select_from(Supervision)) == 1
        assert s.scalar(select(func.count()).select_from(Event).where(Event.action == "escalate")) == 1
        kinds = dict(s.execute(select(Notification.kind, func.count()).group_by(Notification.kind)).all())
        # dongling.head and dongling.deputy, once each; the county office, and the holders, on escalation
        assert kinds == {"reminder": 2, "overdue": 2, "escalation": 3}
        s.remove()
