"""Overstay: a leave not reported back by its end is flagged the next morning, and every day past
the end until the report counts as absence (旷工)."""
import re
from datetime import timedelta

from tests.pages import get, user
from workflows import clock

TODAY = clock.today()


def past_leave(api, ended_days_ago=3, days=3, approver="dongling.head", **extra):
    end = TODAY - timedelta(days=ended_days_ago)
    start = end - timedelta(days=days - 1)
    case = api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start.isoformat(), "end_date": end.isoformat(), "reason": "回家", **extra})
    assert case.status_code == 201, case.get_json()
    case = case.get_json()
    for step in case["leave"]["route"]:
        # 篇六's first step is the village's certificate (村委会证明), by its party secretary.
        by = "xinghua.secretary" if step["approvers"] == ["village_secretary"] else approver
        approved = api(by).act(case["id"], "approve").get_json()
    assert approved["state"] == "approved"
    return case


def pian6_leave(app, api, **kw):
    """篇六 "超假或未销假者一律视为旷工": every working day until the report back counts."""
    from tests.conftest import SICK_NOTE, use_preset
    use_preset(app, "county-pian6")
    return past_leave(api, days=1, approver="xinghua.leader", documents=[SICK_NOTE], **kw)


def run_job(app, on=TODAY):
    return app.test_cli_runner().invoke(args=["leave", "flag-overstays", "--date", on.isoformat()])


def test_the_morning_job_flags_an_overdue_leave_and_counts_absence(app, api, login_as):
    case = pian6_leave(app, api, ended_days_ago=3)  # ended Saturday 7 March
    on_time = pian6_leave(app, api, ended_days_ago=-5)  # still to come: not overdue
    result = run_job(app)
    assert result.exit_code == 0, result.output
    assert "1 overstaying leave(s) flagged." in result.output and "李娜" in result.output

    body = api("admin").get(f"/api/v1/cases/{case['id']}").get_json()
    expected = ["2026-03-09"]  # the working days after the end, before today: Sunday the 8th is none
    assert body["leave"]["absent_days"] == expected
    history = api("admin").get(f"/api/v1/cases/{case['id']}/history").get_json()
    assert (history[-1]["action"], history[-1]["actor"]) == ("overstay", "system")
    assert api("admin").get(f"/api/v1/cases/{on_time['id']}").get_json()["leave"]["absent_days"] == []

    # Twice in one morning changes nothing; the next morning adds a day.
    assert "0 overstaying" in run_job(app).output
    assert "1 overstaying" in run_job(app, TODAY + timedelta(days=1)).output
    assert len(api("admin").get(f"/api/v1/cases/{case['id']}").get_json()["leave"]["absent_days"]) == 2

    page = get(user(login_as, "xinghua.leader"), f"/cases/{case['id']}")
    assert "2 days of absence" in page.text("absence")
    # The cadre's own record counts them as absence without leave, in the ledger too.
    mine = get(user(login_as, "xinghua.member1"), "/leave/")
    assert mine.one("balance-absence").attrs["data-days"] == "2"
    assert "Absence without leave" in mine.text("balance-absence")
    absent = [r.text for r in mine.all("ledger-row") if "Absence without leave" in r.text]
    assert sum(int(re.search(r"([+-]\d+)#", row).group(1)) for row in absent) == 2


def test_reporting_back_late_counts_the_working_days_until_the_return(api):
    # 2026-03-10 is a Tuesday: a leave that ended on Friday the 6th, back on Tuesday the 10th.
    case = past_leave(api, ended_days_ago=4)
    back = api("xinghua.member1").act(case["id"], "report_back", actual_return_date=TODAY.isoformat())
    assert back.status_code == 200 and back.get_json()["state"] == "closed"
    # Saturday and Sunday are nobody's working day: only Monday the 9th was missed.
    assert back.get_json()["leave"]["absent_days"] == ["2026-03-09"]


def test_a_return_on_time_reported_late_is_no_absence_outside_pian6(app, api):
    # Only 篇六 says "超假或未销假者一律视为旷工"; elsewhere the days count up to the return.
    case = past_leave(api, ended_days_ago=4)
    assert "0 overstaying" not in run_job(app).output  # flagged, once
    back = api("xinghua.member1").act(case["id"], "report_back", actual_return_date=case["leave"]["end_date"])
    assert back.get_json()["leave"]["absent_days"] == []


def test_reporting_back_in_time_records_no_absence(api):
    case = past_leave(api, ended_days_ago=1)
    back = api("xinghua.member1").act(case["id"], "report_back", actual_return_date=TODAY.isoformat())
    assert back.get_json()["leave"]["absent_days"] == []
