"""Leave read closely against the seeds (/work/shared/seeds/): each test quotes the line it holds the
product to, and goes the way a user does (the JSON API or the pages)."""
from datetime import timedelta

from tests.conftest import leave_dates, on_day, use_preset
from tests.pages import act, file_leave as file_on_page, get, option_value, post, user
from workflows import clock

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


# ---------------------------------------------------------------- extensions (续假)

def extend(api, case, new_end, by=CADRE):
    version = api(by).get(f"/api/v1/cases/{case['id']}").get_json()["version"]
    return api(by).post(f"/api/v1/cases/{case['id']}/extensions",
                        json={"version": version, "end_date": new_end, "reason": "病情未愈，需延长"})


def test_an_extension_is_routed_on_the_whole_continuous_absence(api):
    # 004 第十六条: 7天以内的，报乡镇党委批准；7天以上的，报县委组织部门、县乡村振兴局和派出单位共同批准.
    # 5 days extended by 4 is a 9-day absence: the joint county step decides it, not the township.
    first = file_leave(api, days=5, start_in=0)
    assert api("dongling.head").act(first["id"], "approve").get_json()["state"] == "approved"
    asked = extend(api, first, leave_dates(9, start_in=0)[1])
    assert asked.status_code == 201, asked.get_json()
    extension = asked.get_json()
    assert extension["leave"]["days"] == 4
    assert extension["leave"]["route"] == [
        {"approvers": ["county_org_dept", "county_rural_bureau", "dispatching_unit"], "joint": True}]
    assert api("dongling.head").get("/api/v1/inbox").get_json()["total"] == 0
    for approver in ("county.org", "county.rural", "unit.agri"):
        assert api(approver).act(extension["id"], "approve").status_code == 200
    assert api(CADRE).get(f"/api/v1/cases/{extension['id']}").get_json()["state"] == "approved"


def test_an_extension_that_makes_the_absence_long_asks_for_a_stand_in(app, api):
    # 000 篇九 第二十一条: 请假15天（含）以上，派出单位要安排符合条件人员接替工作. 10 days + 5 days = 15.
    use_preset(app, "jiangxi-pian9")
    first = file_leave(api, days=10, start_in=0)
    for approver in ("dongling.head", "county.office", "county.group"):
        api(approver).act(first["id"], "approve")
    extension = extend(api, first, leave_dates(15, start_in=0)[1]).get_json()
    assert len(extension["leave"]["route"]) == 3  # 15 days: the township, the county office, the leading group
    for approver in ("dongling.head", "county.office", "county.group"):
        approved = api(approver).act(extension["id"], "approve").get_json()
    assert approved["state"] == "approved"
    assert sorted(t["kind"] for t in approved["open_tasks"]) == ["report_back", "stand_in"]


# ---------------------------------------------------------------- special periods (特殊时期)

def declare(admin, unit, start, end, reason):
    page = get(admin, "/admin/blackouts")
    return post(admin, "/admin/blackouts", {"org_unit_id": option_value(page.html, "org_unit_id", unit),
                                            "start_date": start.isoformat(), "end_date": end.isoformat(),
                                            "reason": reason}, "/admin/blackouts")


def test_a_leave_that_overlaps_a_special_period_is_refused_and_approved_ones_are_listed(login_as, api):
    # 000 篇十二: 特殊时期…全员在岗 — nobody is away on any day of it, whenever their leave starts.
    begin = clock.today() + timedelta(days=20)
    approved = file_leave(api, days=3, start_in=19)  # approved before the period is declared: 19th–21st
    api("dongling.head").act(approved["id"], "approve")
    elsewhere = file_leave(api, days=2, start_in=20, by="liushu.member1")  # 西河乡: not concerned
    api("xihe.head").act(elsewhere["id"], "approve")

    admin = user(login_as, "admin")
    declared = declare(admin, "东岭镇", begin, begin + timedelta(days=9), "防汛关键期，全员在岗")
    assert declared.status == 200
    assert len(declared.all("blackout-row")) == 1
    assert [a.attrs["data-case-id"] for a in declared.all("caught-leave")] == [str(approved["id"])]
    assert "李娜" in declared.text("blackout-caught")

    # Starts before the period, ends inside it: refused all the same.
    start = begin - timedelta(days=2)
    refused = api("xinghua.member2").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start.isoformat(), "end_date": (start + timedelta(days=4)).isoformat(),
        "reason": "事假"})
    assert error_of(refused) == (422, "blackout", "start_date")
    assert "防汛关键期" in refused.get_json()["error"]["message"]


# ---------------------------------------------------------------- the return reaches the approvers

def filed_ids(client):
    return [item["case"]["id"] for item in client.get("/api/v1/filed").get_json()["items"]]


def test_the_return_is_filed_with_the_offices_that_approved_the_leave(app, api):
    # 004 第十六条: 批准请假的部门，应对驻村工作队请销假情况登记备案. 000 篇九: 向准假单位销假，准假单位要将
    # 请销假情况记录备案.
    use_preset(app, "jiangxi-pian9")
    case = file_leave(api, days=5, start_in=0)  # the township, then the county office
    api("dongling.head").act(case["id"], "approve")
    api("county.office").act(case["id"], "approve")
    assert case["id"] not in filed_ids(api("dongling.head")) and case["id"] not in filed_ids(api("county.office"))
    end = case["leave"]["end_date"]
    with on_day(end):
        assert api(CADRE).act(case["id"], "report_back", actual_return_date=end).status_code == 200
    assert case["id"] in filed_ids(api("dongling.head")) and case["id"] in filed_ids(api("county.office"))
    assert case["id"] not in filed_ids(api("county.group"))  # not on this leave's route


# ---------------------------------------------------------------- the village committee's certification (篇六)

def test_pian6_leave_is_certified_by_the_village_before_its_first_approval(app, api):
    # 000 篇六 二（一）: 必须提供相关证明材料并严格请假审批程序，并经所在村委会证明.
    from tests.conftest import SICK_NOTE
    use_preset(app, "county-pian6")
    case = file_leave(api, days=1, documents=[SICK_NOTE])
    assert case["leave"]["route"][0] == {"approvers": ["village_secretary"], "joint": False}
    # The team leader's step waits for the certificate: it is in no one's hands but the village's.
    assert api(LEADER).get("/api/v1/inbox").get_json()["total"] == 0
    assert error_of(api(LEADER).act(case["id"], "approve"))[:2] == (403, "no_open_task")
    certified = api("xinghua.secretary").act(case["id"], "approve", comment="经村委会证明属实")
    assert certified.status_code == 200, certified.get_json()
    assert certified.get_json()["state"] == "pending"
    assert api(LEADER).act(case["id"], "approve").get_json()["state"] == "approved"


def test_only_pian6_asks_the_village_to_certify(api):
    case = file_leave(api, days=1)
    assert case["leave"]["route"] == [{"approvers": ["township"], "joint": False}]


# ---------------------------------------------------------------- overstay (超假) and 补假 under 篇六

def test_pian6_counts_every_working_day_until_report_back_and_its_approvers_may_grant_the_overrun(app, api):
    # 000 篇六: 超假或未销假者一律视为旷工；超假必须取得审批人员同意后方可补假.
    from tests.conftest import SICK_NOTE
    use_preset(app, "county-pian6")
    end = clock.today() - timedelta(days=4)  # Friday 6 March; today is Tuesday 10 March
    case = api(CADRE).post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": end.isoformat(), "end_date": end.isoformat(), "reason": "回家",
        "documents": [SICK_NOTE]}).get_json()
    assert api("xinghua.secretary").act(case["id"], "approve").status_code == 200  # 村委会证明
    assert api(LEADER).act(case["id"], "approve").get_json()["state"] == "approved"
    # Back on time, they say, but reported only today: Monday the 9th counts all the same.
    back = api(CADRE).act(case["id"], "report_back", actual_return_date=(end + timedelta(days=1)).isoformat())
    assert back.get_json()["leave"]["absent_days"] == ["2026-03-09"]

    assert "make_up" not in back.get_json()["actions"]  # not the cadre's to grant
    assert error_of(api(CADRE).act(case["id"], "make_up", comment="x"))[:2] == (403, "approvers_only")
    assert "make_up" in api(LEADER).get(f"/api/v1/cases/{case['id']}").get_json()["actions"]
    assert error_of(api(LEADER).act(case["id"], "make_up")) == (422, "required", "comment")
    granted = api(LEADER).act(case["id"], "make_up", comment="周一因暴雨封路，同意补假")
    assert granted.status_code == 200, granted.get_json()
    assert granted.get_json()["leave"]["absent_days"] == []
    assert "make_up" not in granted.get_json()["actions"]


def test_make_up_is_only_pian6s(api):
    end = clock.today() - timedelta(days=4)
    case = api(CADRE).post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": end.isoformat(), "end_date": end.isoformat(), "reason": "回家"}).get_json()
    api("dongling.head").act(case["id"], "approve")
    api(CADRE).act(case["id"], "report_back", actual_return_date=clock.today().isoformat())
    assert error_of(api("dongling.head").act(case["id"], "make_up", comment="同意"))[:2] == (409, "make_up_not_allowed")


# ---------------------------------------------------------------- an official trip is not a leave

def test_an_official_trip_is_not_called_a_leave_request(login_as, api):
    start, end = leave_dates(2)
    trip = api(CADRE).post("/api/v1/leave-requests", json={
        "type": "official_trip", "start_date": start, "end_date": end, "reason": "到县农业农村局联系项目"}).get_json()
    assert trip["state"] == "reported"
    cadre = user(login_as, CADRE)
    with on_day(start):
        page = get(cadre, f"/cases/{trip['id']}")
    assert "Official trip of 李娜" in page.html and "Leave of 李娜" not in page.html
    assert "Back from the trip?" in page.text("report-back-form")
    assert "Back from leave?" not in page.html
    assert "(reported)" not in page.text("leave-type")

    leave = file_leave(api, days=2, start_in=10)
    assert "Leave of 李娜" in get(cadre, f"/cases/{leave['id']}").html
