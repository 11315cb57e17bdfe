"""The cadre's side of a leave over the API: draft, withdraw, revise and resubmit, report back."""
from datetime import timedelta

from tests.conftest import leave_dates, on_day
from workflows import clock

CADRE = "xinghua.member1"


def file_leave(api, days=3, start_in=7, **extra):
    start, end = leave_dates(days, start_in)
    body = {"type": "personal", "start_date": start, "end_date": end, "reason": "回家办事", **extra}
    response = api(CADRE).post("/api/v1/leave-requests", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def inbox_kinds(client):
    return [(i["case_id"], i["kind"]) for i in client.get("/api/v1/inbox").get_json()["items"]]


def test_draft_is_not_in_anyones_inbox_until_submitted(api):
    case = file_leave(api, draft=True)
    assert case["state"] == "draft" and case["open_tasks"] == []
    assert case["actions"] == ["submit", "withdraw", "attach_document"]
    assert inbox_kinds(api("dongling.head")) == []
    submitted = api(CADRE).act(case["id"], "submit").get_json()
    assert submitted["state"] == "pending"
    assert inbox_kinds(api("dongling.head")) == [(case["id"], "approve")]


def test_withdraw_before_a_decision_empties_the_approvers_inbox(api):
    case = file_leave(api)
    withdrawn = api(CADRE).act(case["id"], "withdraw", comment="事情已解决")
    assert withdrawn.get_json()["state"] == "withdrawn"
    assert inbox_kinds(api("dongling.head")) == []
    # Withdrawn is final: no approval afterwards.
    assert api("dongling.head").act(case["id"], "approve").status_code == 409


def test_returned_leave_is_corrected_and_resubmitted_on_a_new_route(api):
    case = file_leave(api, days=3)
    township = api("dongling.head")
    returned = township.act(case["id"], "return", comment="请补充事由")
    assert returned.get_json()["state"] == "returned"
    assert inbox_kinds(township) == []
    assert inbox_kinds(api(CADRE)) == [(case["id"], "revise")]

    # Corrected to 10 days: the route is recomputed from the pinned policy version.
    start, end = leave_dates(10)
    resubmitted = api(CADRE).act(case["id"], "submit", start_date=start, end_date=end,
                                 reason="回家办事：老宅翻修，需本人到场")
    assert resubmitted.status_code == 200, resubmitted.get_json()
    body = resubmitted.get_json()
    assert body["state"] == "pending"
    assert body["leave"]["days"] == 10
    assert body["leave"]["route"][0]["joint"] is True
    assert inbox_kinds(api(CADRE)) == []
    assert inbox_kinds(township) == []
    assert inbox_kinds(api("county.org")) == [(case["id"], "approve")]

    history = api(CADRE).get(f"/api/v1/cases/{case['id']}/history").get_json()
    assert [(e["action"], e["from_state"], e["to_state"]) for e in history] == [
        ("create", None, "draft"), ("submit", "draft", "pending"), ("return", "pending", "returned"),
        ("submit", "returned", "pending")]
    assert history[2]["comment"] == "请补充事由"


def days_later(n):
    """The clock moved n days on from TEST_NOW, same hour."""
    return clock.freeze(clock.now() + timedelta(days=n))


def test_report_back_records_the_actual_return_date(api):
    case = file_leave(api)  # starts in 7 days, 3 days long
    api("dongling.head").act(case["id"], "approve")
    assert inbox_kinds(api(CADRE)) == [(case["id"], "report_back")]
    # Before the first day there is nothing to come back from: refused, and not offered.
    early = api(CADRE).act(case["id"], "report_back", actual_return_date=case["leave"]["end_date"])
    assert early.status_code == 422
    error = early.get_json()["error"]
    assert (error["code"], error["field"]) == ("report_before_start", "actual_return_date")
    assert case["leave"]["start_date"] in error["message"]
    assert "report_back" not in api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["actions"]
    assert api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["state"] == "approved"

    with days_later(8):  # the leave's second day
        assert "report_back" in api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["actions"]
        too_early = api(CADRE).act(case["id"], "report_back", actual_return_date="2020-01-01")
        assert too_early.status_code == 422
        assert too_early.get_json()["error"]["field"] == "actual_return_date"
        missing = api(CADRE).act(case["id"], "report_back").get_json()["error"]
        assert (missing["code"], missing["field"]) == ("required", "actual_return_date")
        # Not back yet: a return date still to come is refused, naming the field.
        future = api(CADRE).act(case["id"], "report_back", actual_return_date=case["leave"]["end_date"])
        assert future.status_code == 422
        error = future.get_json()["error"]
        assert (error["code"], error["field"]) == ("return_in_future", "actual_return_date")
        assert api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["state"] == "approved"

    with days_later(9):  # the last day
        back = api(CADRE).act(case["id"], "report_back", actual_return_date=case["leave"]["end_date"])
    assert back.get_json()["state"] == "closed"
    assert back.get_json()["leave"]["actual_return_date"] == case["leave"]["end_date"]


def test_approver_sees_the_applicant_village_and_dates_in_the_inbox(api):
    case = file_leave(api, days=4)
    item = api("dongling.deputy").get("/api/v1/inbox").get_json()["items"][0]
    assert item["case_id"] == case["id"]
    assert item["case"]["applicant"]["name"] == "李娜"
    assert item["case"]["village"]["name"] == "杏花村"
    assert item["case"]["leave"]["days"] == 4
    assert item["office"] == "township" and item["org_unit"]["name"] == "东岭镇"
    assert item["opened_at"] and item["due_date"]


def test_inbox_is_newest_first_and_paginated(api):
    ids = [file_leave(api, days=2, start_in=7 + 3 * n)["id"] for n in range(3)]
    page1 = api("dongling.head").get("/api/v1/inbox?per_page=2").get_json()
    page2 = api("dongling.head").get("/api/v1/inbox?per_page=2&page=2").get_json()
    assert (page1["total"], page1["pages"]) == (3, 2)
    assert [i["case_id"] for i in page1["items"] + page2["items"]] == list(reversed(ids))


def test_two_live_leaves_of_one_cadre_may_not_overlap(api):
    first = file_leave(api, days=5)
    start, end = leave_dates(3, start_in=9)  # inside the first leave
    body = {"type": "personal", "start_date": start, "end_date": end, "reason": "再请几天"}
    refused = api(CADRE).post("/api/v1/leave-requests", json=body)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert (error["code"], error["field"]) == ("leave_overlaps", "start_date")
    assert str(first["id"]) in error["message"] and first["leave"]["start_date"] in error["message"]
    assert api("dongling.head").get("/api/v1/inbox").get_json()["total"] == 1

    # A colleague's leave on the same days is no concern of this rule.
    assert api("xinghua.member2").post("/api/v1/leave-requests", json=body).status_code == 201
    # Once the first is withdrawn, the days are free again.
    api(CADRE).act(first["id"], "withdraw")
    assert api(CADRE).post("/api/v1/leave-requests", json=body).status_code == 201


def test_days_after_an_early_return_are_free_again(api):
    case = file_leave(api, days=5)
    api("dongling.head").act(case["id"], "approve")
    start = case["leave"]["start_date"]
    back = leave_dates(1, start_in=9)[0]  # back on day 3
    with on_day(back):
        assert api(CADRE).act(case["id"], "report_back", actual_return_date=back).status_code == 200
    later_start, later_end = leave_dates(2, start_in=10)
    again = api(CADRE).post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": later_start, "end_date": later_end, "reason": "又有事"})
    assert again.status_code == 201, again.get_json()
    assert start < later_start


def test_an_approved_leave_not_yet_begun_can_be_cancelled_with_a_reason(api):
    case = file_leave(api, days=3)
    api("dongling.head").act(case["id"], "approve")
    assert "cancel" in api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["actions"]
    missing = api(CADRE).act(case["id"], "cancel")
    assert missing.status_code == 422 and missing.get_json()["error"]["field"] == "comment"
    assert api("dongling.head").act(case["id"], "cancel", comment="我来取消").status_code == 403

    cancelled = api(CADRE).act(case["id"], "cancel", comment="家中事情已处理完")
    assert cancelled.status_code == 200, cancelled.get_json()
    assert cancelled.get_json()["state"] == "cancelled"
    assert cancelled.get_json()["open_tasks"] == []  # no report-back owed
    assert inbox_kinds(api(CADRE)) == []
    history = api(CADRE).get(f"/api/v1/cases/{case['id']}/history").get_json()
    assert (history[-1]["action"], history[-1]["comment"]) == ("cancel", "家中事情已处理完")


def test_a_leave_that_has_begun_cannot_be_cancelled(api):
    case = file_leave(api, days=3, start_in=0)  # starts today
    api("dongling.head").act(case["id"], "approve")
    refused = api(CADRE).act(case["id"], "cancel", comment="不休了")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "leave_started"
    assert api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["state"] == "approved"


def test_a_long_leave_under_jiangxi_asks_the_dispatching_unit_for_a_stand_in(app, api):
    from tests.conftest import use_preset
    use_preset(app, "jiangxi-pian9")
    short = file_leave(api, days=14)
    for approver in ("dongling.head", "county.office", "county.group"):  # 篇九: 逐级
        api(approver).act(short["id"], "approve")
    assert inbox_kinds(api("unit.agri")) == []

    case = file_leave(api, days=15, start_in=30)
    api("dongling.head").act(case["id"], "approve")
    api("county.office").act(case["id"], "approve")
    approved = api("county.group").act(case["id"], "approve").get_json()
    assert approved["state"] == "approved"
    assert sorted(t["kind"] for t in approved["open_tasks"]) == ["report_back", "stand_in"]
    assert inbox_kinds(api("unit.agri")) == [(case["id"], "stand_in")]
    assert api("unit.edu").get("/api/v1/inbox").get_json()["total"] == 0  # another cadre's unit

    # Reporting back does not settle the stand-in; the unit does, in words.
    with on_day(case["leave"]["end_date"]):
        api(CADRE).act(case["id"], "report_back", actual_return_date=case["leave"]["end_date"])
    unit = api("unit.agri")
    assert unit.act(case["id"], "arrange_stand_in").get_json()["error"]["field"] == "comment"
    done = unit.act(case["id"], "arrange_stand_in", comment="由县农业农村局干部赵强接替")
    assert done.status_code == 200 and done.get_json()["state"] == "closed"
    assert inbox_kinds(unit) == []
    last = api("admin").get(f"/api/v1/cases/{case['id']}/history").get_json()[-1]
    assert (last["action"], last["actor"], last["from_state"], last["to_state"]) == \
        ("arrange_stand_in", "unit.agri", "closed", "closed")


def test_an_official_trip_is_reported_and_filed_not_approved(api):
    start, end = leave_dates(2)
    route = api(CADRE).get("/api/v1/policies/zhumadian-2022/leave-route"
                           "?days=2&applicant=member&tier=county&type=official_trip").get_json()
    assert route == {"steps": [], "filing": ["township", "village_secretary"]}
    trip = api(CADRE).post("/api/v1/leave-requests", json={
        "type": "official_trip", "start_date": start, "end_date": end, "reason": "到县农业农村局联系项目"})
    assert trip.status_code == 201, trip.get_json()
    case = trip.get_json()
    assert case["state"] == "reported"
    assert [t["kind"] for t in case["open_tasks"]] == ["report_back"]
    assert api("dongling.head").get("/api/v1/inbox").get_json()["total"] == 0
    for username in ("dongling.head", "xinghua.secretary"):
        assert [f["case"]["id"] for f in api(username).get("/api/v1/filed").get_json()["items"]] == [case["id"]]
    with on_day(end):
        back = api(CADRE).act(case["id"], "report_back", actual_return_date=end)
    assert back.get_json()["state"] == "closed"


def test_an_approved_leave_is_extended_on_the_same_route(app, api):
    first = file_leave(api, days=3, start_in=0)  # started today
    api("dongling.head").act(first["id"], "approve")
    new_end = leave_dates(6, start_in=0)[1]
    asked = api(CADRE).post(f"/api/v1/cases/{first['id']}/extensions",
                            json={"version": api(CADRE).get(f"/api/v1/cases/{first['id']}").get_json()["version"],
                                  "end_date": new_end, "reason": "病情未愈，需延长"})
    assert asked.status_code == 201, asked.get_json()
    extension = asked.get_json()
    assert extension["state"] == "pending" and extension["leave"]["extends"] == first["id"]
    assert extension["leave"]["start_date"] == leave_dates(1, start_in=3)[0]
    assert extension["leave"]["days"] == 3
    assert extension["leave"]["route"] == first["leave"]["route"]
    assert inbox_kinds(api("dongling.head")) == [(extension["id"], "approve")]
    assert api(CADRE).get(f"/api/v1/cases/{first['id']}/history").get_json()[-1]["action"] == "extend"

    approved = api("dongling.head").act(extension["id"], "approve").get_json()
    assert approved["state"] == "approved"
    # The report back is now owed on the extension; the first leave is marked extended.
    assert api(CADRE).get(f"/api/v1/cases/{first['id']}").get_json()["state"] == "extended"
    assert inbox_kinds(api(CADRE)) == [(extension["id"], "report_back")]
    # And the morning job does not flag the first leave once its own end has passed.
    result = app.test_cli_runner().invoke(args=["leave", "flag-overstays", "--date", leave_dates(1, start_in=4)[0]])
    assert "0 overstaying" in result.output


def test_extension_refusals(api):
    first = file_leave(api, days=3, start_in=0)
    version = lambda: api(CADRE).get(f"/api/v1/cases/{first['id']}").get_json()["version"]  # noqa: E731
    url = f"/api/v1/cases/{first['id']}/extensions"
    not_yet = api(CADRE).post(url, json={"version": version(), "end_date": leave_dates(6, 0)[1], "reason": "x"})
    assert not_yet.status_code == 409  # not approved yet
    api("dongling.head").act(first["id"], "approve")
    shorter = api(CADRE).post(url, json={"version": version(), "end_date": first["leave"]["end_date"], "reason": "x"})
    assert shorter.get_json()["error"]["code"] == "extension_not_longer"
    stranger = api("xinghua.member2").post(url, json={"version": version(), "end_date": leave_dates(6, 0)[1],
                                                      "reason": "x"})
    assert stranger.status_code == 403
    no_reason = api(CADRE).post(url, json={"version": version(), "end_date": leave_dates(6, 0)[1]})
    assert no_reason.get_json()["error"]["field"] == "reason"


def test_each_action_moves_the_version_by_one(api):
    case = file_leave(api, days=10)
    after = api("county.org").act(case["id"], "approve").get_json()
    assert after["version"] == case["version"] + 1
    after = api("county.rural").act(case["id"], "approve").get_json()
    last = api("unit.agri").act(case["id"], "approve", version=after["version"]).get_json()
    assert (last["state"], last["version"]) == ("approved", after["version"] + 1)
