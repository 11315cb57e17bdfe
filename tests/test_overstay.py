"""Overstay: a leave not reported back by its end is flagged the next morning, and every day past
the end until the report counts as absence (旷工)."""
import re
from datetime import timedelta

from tests.pages import get, user
from workflows import clock

TODAY = clock.today()


def past_leave(api, ended_days_ago=3, days=3):
    end = TODAY - timedelta(days=ended_days_ago)
    start = end - timedelta(days=days - 1)
    case = api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start.isoformat(), "end_date": end.isoformat(), "reason": "回家"})
    assert case.status_code == 201, case.get_json()
    case = case.get_json()
    assert api("dongling.head").act(case["id"], "approve").get_json()["state"] == "approved"
    return case


def run_job(app, on=TODAY):
    return app.test_cli_runner().invoke(args=["leave", "flag-overstays", "--date", on.isoformat()])


def test_the_morning_job_flags_an_overdue_leave_and_counts_absence(app, api, login_as):
    case = past_leave(api, ended_days_ago=3)
    on_time = past_leave(api, ended_days_ago=-5, days=2)  # still running: not overdue
    result = run_job(app)
    assert result.exit_code == 0, result.output
    assert "1 overstaying leave(s) flagged." in result.output and "李娜" in result.output

    body = api("admin").get(f"/api/v1/cases/{case['id']}").get_json()
    expected = [(TODAY - timedelta(days=n)).isoformat() for n in (2, 1)]  # the days after the end, before today
    assert body["leave"]["absent_days"] == expected
    history = api("admin").get(f"/api/v1/cases/{case['id']}/history").get_json()
    assert (history[-1]["action"], history[-1]["actor"]) == ("overstay", "system")
    assert api("admin").get(f"/api/v1/cases/{on_time['id']}").get_json()["leave"]["absent_days"] == []

    # Twice in one morning changes nothing; the next morning adds a day.
    assert "0 overstaying" in run_job(app).output
    assert "1 overstaying" in run_job(app, TODAY + timedelta(days=1)).output
    assert len(api("admin").get(f"/api/v1/cases/{case['id']}").get_json()["leave"]["absent_days"]) == 3

    page = get(user(login_as, "dongling.head"), f"/cases/{case['id']}")
    assert "3 days of absence" in page.text("absence")
    # The cadre's own record counts them as absence without leave, in the ledger too.
    mine = get(user(login_as, "xinghua.member1"), "/leave/")
    assert mine.one("balance-absence").attrs["data-days"] == "3"
    assert "Absence without leave" in mine.text("balance-absence")
    absent = [r.text for r in mine.all("ledger-row") if "Absence without leave" in r.text]
    assert sum(int(re.search(r"([+-]\d+)#", row).group(1)) for row in absent) == 3


def test_reporting_back_late_counts_the_days_until_the_report(api):
    case = past_leave(api, ended_days_ago=4)
    back = api("xinghua.member1").act(case["id"], "report_back", actual_return_date=case["leave"]["end_date"])
    assert back.status_code == 200 and back.get_json()["state"] == "closed"
    # No job ran, and the cadre says they were back on time: the days before the report still count.
    assert len(back.get_json()["leave"]["absent_days"]) == 3


def test_reporting_back_in_time_records_no_absence(api):
    case = past_leave(api, ended_days_ago=1)
    back = api("xinghua.member1").act(case["id"], "report_back", actual_return_date=TODAY.isoformat())
    assert back.get_json()["leave"]["absent_days"] == []
