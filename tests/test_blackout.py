"""特殊时期 (篇十二): an admin declares a period for a unit; no leave may start inside it there."""
from datetime import timedelta

from tests.pages import get, option_value, post, user
from workflows import clock


def declare(admin, unit, start, end, reason):
    page = get(admin, "/admin/blackouts")
    return post(admin, "/admin/blackouts", {"org_unit_id": option_value(page.html, "org_unit_id", unit),
                                            "start_date": start.isoformat(), "end_date": end.isoformat(),
                                            "reason": reason}, "/admin/blackouts")


def ask(api, username, start, days):
    return api(username).post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=days - 1)).isoformat(), "reason": "事假"})


def test_no_leave_may_start_inside_a_declared_period(login_as, api):
    admin = user(login_as, "admin")
    begin = clock.today() + timedelta(days=20)
    declared = declare(admin, "东岭镇", begin, begin + timedelta(days=9), "防汛关键期，全员在岗")
    assert declared.status == 200
    assert "防汛关键期" in declared.text("blackouts")

    refused = ask(api, "xinghua.member1", begin + timedelta(days=3), 2)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert (error["code"], error["field"]) == ("blackout", "start_date")
    assert "防汛关键期，全员在岗" in error["message"] and begin.isoformat() in error["message"]
    # Another township is not concerned; leaves before and after the period are not refused by it.
    assert ask(api, "liushu.member1", begin + timedelta(days=3), 2).status_code == 201
    assert ask(api, "xinghua.member1", begin - timedelta(days=3), 3).status_code == 201
    assert ask(api, "xinghua.member2", begin + timedelta(days=10), 2).status_code == 201


def test_a_period_must_end_after_it_starts_and_admins_only(login_as):
    admin = user(login_as, "admin")
    begin = clock.today() + timedelta(days=20)
    backwards = declare(admin, "示范县", begin, begin - timedelta(days=1), "测试")
    assert backwards.status == 422 and backwards.has("error-end_date")
    assert not get(admin, "/admin/blackouts").has("blackout-row")
    assert user(login_as, "county.office").get("/admin/blackouts").status_code == 403
