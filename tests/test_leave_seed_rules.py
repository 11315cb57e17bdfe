"""Leave read closely against the seeds (/work/shared/seeds/): each test quotes the line it holds the
product to, and goes the way a user does (the JSON API or the pages)."""
from datetime import date, timedelta

from tests.conftest import leave_dates, on_day, use_preset
from tests.pages import act, file_leave as file_on_page, user

CADRE = "xinghua.member1"  # 李娜, member of 杏花村's team (东岭镇), sent by 县农业农村局
LEADER = "xinghua.leader"  # 张伟 leads 杏花村's team


def file_leave(api, days=3, start_in=7, by=CADRE, **extra):
    start, end = leave_dates(days, start_in)
    body = {"type": "personal", "start_date": start, "end_date": end, "reason": "回家办事", **extra}
    response = api(by).post("/api/v1/leave-requests", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def error_of(response):
    body = response.get_json()["error"]
    return response.status_code, body["code"], body.get("field")


# ---------------------------------------------------------------- report back (销假)

def test_the_report_back_page_refuses_a_return_date_still_to_come(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_on_page(cadre, days=3)
    act(user(login_as, "dongling.head"), case_id, "approve")
    start, end = leave_dates(3)
    with on_day(start):
        refused = act(cadre, case_id, "report_back", actual_return_date=end)
        assert refused.status == 422 and refused.state == "approved"
        assert "The return date is in the future" in refused.text("error-actual_return_date")
