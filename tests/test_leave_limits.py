"""Caps on leave, as a policy sets them (篇十五: personal leave ≤2 days a month and ≤10 a year; 篇十一:
≤3 days a request), and the balance ledger they are counted from. Only `city-pian15` ships them (its
seed is 篇十五); elsewhere they are settings a jurisdiction turns on in its own version of a policy."""
import copy
from datetime import date, timedelta

import pytest

from tests.conftest import SICK_NOTE
from workflows import clock, policy

CADRE = "xinghua.member1"


def months_ahead():
    """The 1st of three consecutive months in one calendar year, at least a month from today."""
    first = (clock.today().replace(day=1) + timedelta(days=40)).replace(day=1)
    if first.month > 10:
        first = date(first.year + 1, 1, 1)
    return [first.replace(month=first.month + i) for i in range(3)]


@pytest.fixture
def limits(edit_policy):
    return lambda **per_type: edit_policy(limits=per_type)


def ask(api, start: date, days: int, leave_type="personal"):
    end = start + timedelta(days=days - 1)
    return api(CADRE).post("/api/v1/leave-requests", json={
        "type": leave_type, "start_date": start.isoformat(), "end_date": end.isoformat(), "reason": "事假",
        "documents": [SICK_NOTE] if leave_type == "sick" else []})


def granted(api, start, days, leave_type="personal"):
    response = ask(api, start, days, leave_type)
    assert response.status_code == 201, response.get_json()
    case = response.get_json()
    assert api("dongling.head").act(case["id"], "approve").get_json()["state"] == "approved"
    return case


def refusal(response):
    assert response.status_code == 422, response.get_json()
    return response.get_json()["error"]


def test_monthly_cap_counts_granted_days_and_says_what_is_used(api, limits):
    limits(personal={"per_month": 2, "per_year": 10})
    m1, m2, _ = months_ahead()
    granted(api, m1, 2)
    error = refusal(ask(api, m1 + timedelta(days=10), 1))
    assert error["code"] == "over_month_cap" and error["field"] == "start_date"
    assert f"{m1.year}年{m1.month}月事假已用 2 天，上限 2 天；本次申请 1 天" in error["message"]
    # Sick leave is not capped, and the next month starts afresh.
    assert ask(api, m1 + timedelta(days=10), 1, "sick").status_code == 201
    assert ask(api, m2, 2).status_code == 201


def test_yearly_cap_counts_pending_requests_too(api, limits):
    limits(personal={"per_year": 3})
    m1, m2, m3 = months_ahead()
    granted(api, m1, 2)
    assert ask(api, m2, 1).status_code == 201  # pending: 3 of 3 now spoken for
    error = refusal(ask(api, m3, 1))
    assert error["code"] == "over_year_cap"
    assert f"{m1.year}年度事假已用 3 天，上限 3 天；本次申请 1 天" in error["message"]


def test_one_request_may_not_exceed_the_per_request_maximum(api, limits):
    limits(personal={"per_request": 3})
    m1, _, _ = months_ahead()
    error = refusal(ask(api, m1, 4))
    assert (error["code"], error["field"]) == ("over_request_limit", "end_date")
    assert "每次事假最多 3 天，本次申请 4 天" in error["message"]
    assert ask(api, m1, 3).status_code == 201
    assert ask(api, m1 + timedelta(days=5), 5, "annual").status_code == 201


def test_a_leave_across_two_months_is_split_in_the_ledger(app, db, api, limits):
    limits(personal={"per_month": 2})
    m1, m2, _ = months_ahead()
    granted(api, m2 - timedelta(days=1), 2)  # the last day of one month and the first of the next
    from workflows.leave import balance
    from models import Person
    from sqlalchemy import select
    with app.app_context():
        person = db.session.scalars(select(Person).where(Person.name == "李娜")).one()
        entries = sorted((e.year, e.month, e.days, e.entry) for e in balance.history(db.session, person.id))
        assert balance.yearly(db.session, person.id, m1.year) == {"personal": 2}
    assert entries == [(m1.year, m1.month, 1, "approve"), (m2.year, m2.month, 1, "approve")]
    # One more day in the first month fits (1 + 1 ≤ 2); two do not.
    assert ask(api, m1, 1).status_code == 201
    assert refusal(ask(api, m1 + timedelta(days=3), 1))["code"] == "over_month_cap"


@pytest.mark.parametrize("pid", sorted(policy.load_presets()))
def test_only_the_pian15_preset_caps_leave(pid):
    # 篇十五 "各成员因私请假每月不超过2天，每年不超过10天（不含年假）": personal leave only; no other seed caps.
    expected = {"personal": {"per_month": 2, "per_year": 10}} if pid == "city-pian15" else {}
    assert policy.load_presets()[pid]["leave"]["limits"] == expected


def test_limits_are_validated_like_the_rest_of_a_policy():
    body = copy.deepcopy(policy.load_presets()["zhumadian-2022"])
    body["leave"]["limits"] = {"personal": {"per_week": 1}}
    with pytest.raises(policy.PolicyError, match=r"leave.limits.personal.per_week: unknown key"):
        policy.validate(body, "x.toml")
    body["leave"]["limits"] = {"holiday": {"per_year": 1}}
    with pytest.raises(policy.PolicyError, match=r"leave.limits.holiday: unknown key"):
        policy.validate(body, "x.toml")
    body["leave"]["limits"] = {"personal": {"per_year": 0}}
    with pytest.raises(policy.PolicyError, match=r"leave.limits.personal.per_year: must be a whole number"):
        policy.validate(body, "x.toml")


def test_the_cadre_sees_their_balance_and_ledger(app, api, limits, login_as):
    from tests.pages import get
    limits(personal={"per_month": 2, "per_year": 10})
    m1, _, _ = months_ahead()
    case = granted(api, m1, 2)
    page = get(login_as(CADRE), "/leave/")
    if m1.year == clock.today().year:
        assert page.text("balance-personal").startswith("事假 2 ")
    assert "每年 10 天" in page.text("balance-personal") and "每月 2 天" in page.text("balance-personal")
    rows = [r.text for r in page.all("ledger-row")]
    assert len(rows) == 1
    assert all(part in rows[0] for part in (f"{m1.year}-{m1.month:02d}", "事假", "+2", f"#{case['id']}"))


def test_cancelling_gives_the_days_back(app, db, api, limits):
    limits(personal={"per_month": 2})
    m1, _, _ = months_ahead()
    case = granted(api, m1, 2)
    assert refusal(ask(api, m1 + timedelta(days=5), 1))["code"] == "over_month_cap"
    assert api(CADRE).act(case["id"], "cancel", comment="计划有变").get_json()["state"] == "cancelled"
    from sqlalchemy import select

    from models import Person
    from workflows.leave import balance
    with app.app_context():
        person = db.session.scalars(select(Person).where(Person.name == "李娜")).one()
        assert sorted(e.days for e in balance.history(db.session, person.id)) == [-2, 2]
    assert ask(api, m1 + timedelta(days=5), 2).status_code == 201
