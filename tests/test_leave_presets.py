"""A 10-day leave under each shipped preset, driven through its whole route by the real users over
the JSON API: the route, each approver's inbox, the final state, the filing list and the history."""
import pytest

from tests.conftest import SICK_NOTE, leave_dates, on_day, use_preset

APPLICANT = "xinghua.member1"  # 李娜: member of 杏花村's team (东岭镇), sent by 县农业农村局 (county-sent)

# preset → (expected route, the users who act on each step, expected filing, users who see the filing)
CASES = {
    "zhumadian-2022": (
        [{"approvers": ["county_org_dept", "county_rural_bureau", "dispatching_unit"], "joint": True}],
        [["county.org", "county.rural", "unit.agri"]], [], []),
    "linfen-2018": ([{"approvers": ["county_office"], "joint": False}], [["county.office"]], [], []),
    "wuhai-2023": ([{"approvers": ["city_office"], "joint": False}], [["city.office"]], [], []),
    # 篇九: 逐级 — the township, then the county office, then the county leading group.
    "jiangxi-pian9": ([{"approvers": ["township"], "joint": False}, {"approvers": ["county_office"], "joint": False},
                       {"approvers": ["county_leading_group"], "joint": False}],
                      [["dongling.head"], ["county.office"], ["county.group"]], ["dispatching_unit"], ["unit.agri"]),
    # 篇六: the village certifies (并经所在村委会证明), the team leader agrees, the 总队长 approves.
    "county-pian6": ([{"approvers": ["village_secretary"], "joint": False},
                      {"approvers": ["team_leader"], "joint": False},
                      {"approvers": ["county_chief"], "joint": False}],
                     [["xinghua.secretary"], ["xinghua.leader"], ["county.chief"]], ["county_office"], ["county.office"]),
    # 篇十五: 3天以上的，须报市级组织、乡村振兴部门批准 — jointly (the city office stands for the latter).
    "city-pian15": ([{"approvers": ["city_org_dept", "city_office"], "joint": True}],
                    [["city.org", "city.office"]], [], []),
}
# 篇十五 caps personal leave at 2 days a month: its 10 days are annual leave, which no cap counts.
LEAVE_TYPE = {"city-pian15": "annual"}

BYSTANDERS = ["dongling.head", "xihe.head", "county.office", "city.office", "unit.finance", "county.chief"]


def inbox_case_ids(client):
    response = client.get("/api/v1/inbox?per_page=100")
    assert response.status_code == 200
    return [item["case_id"] for item in response.get_json()["items"]]


def filed_case_ids(client):
    return [item["case"]["id"] for item in client.get("/api/v1/filed").get_json()["items"]]


@pytest.mark.parametrize("preset", sorted(CASES))
def test_ten_day_leave_through_its_full_route(app, api, preset):
    route, approvers_by_step, filing, filed_users = CASES[preset]
    use_preset(app, preset)
    cadre = api(APPLICANT)

    expected = cadre.get(f"/api/v1/policies/{preset}/leave-route?days=10&applicant=member&tier=county").get_json()
    assert expected == {"steps": route, "filing": filing}

    start, end = leave_dates(10)
    created = cadre.post("/api/v1/leave-requests",  # a document: 篇六 asks evidence for every leave
                         json={"type": LEAVE_TYPE.get(preset, "personal"), "start_date": start, "end_date": end,
                               "reason": "家中老人住院",
                               "documents": [SICK_NOTE]})
    assert created.status_code == 201, created.get_json()
    case = created.get_json()
    case_id = case["id"]
    assert case["state"] == "pending"
    assert case["policy"] == {"id": preset, "version": 1}
    assert case["leave"]["days"] == 10 and case["leave"]["route"] == route

    everyone_on_route = {u for step in approvers_by_step for u in step}
    for index, step_users in enumerate(approvers_by_step):
        for username in everyone_on_route | set(BYSTANDERS):
            in_inbox = case_id in inbox_case_ids(api(username))
            assert in_inbox == (username in step_users), f"step {index}: {username}'s inbox"
        for n, username in enumerate(step_users):
            result = api(username).act(case_id, "approve", comment="同意")
            assert result.status_code == 200, result.get_json()
            after = result.get_json()
            last = index == len(approvers_by_step) - 1 and n == len(step_users) - 1
            assert after["state"] == ("approved" if last else "pending")
            assert case_id not in inbox_case_ids(api(username))

    # Approved: the cadre now has a report-back task; nobody else holds one.
    assert case_id in inbox_case_ids(cadre)
    for username in everyone_on_route:
        assert case_id not in inbox_case_ids(api(username))
    for username in filed_users:
        assert case_id in filed_case_ids(api(username))
    for username in set(BYSTANDERS) - set(filed_users):
        assert case_id not in filed_case_ids(api(username))

    with on_day(end):
        back = cadre.act(case_id, "report_back", actual_return_date=end)
    assert back.status_code == 200, back.get_json()
    assert back.get_json()["state"] == "closed"
    assert back.get_json()["open_tasks"] == []
    assert case_id not in inbox_case_ids(cadre)

    history = api("admin").get(f"/api/v1/cases/{case_id}/history").get_json()
    approvals = [u for step in approvers_by_step for u in step]
    assert [e["action"] for e in history] == ["create", "submit"] + ["approve"] * len(approvals) + ["report_back"]
    assert [e["actor"] for e in history] == [APPLICANT, APPLICANT] + approvals + [APPLICANT]
    assert history[1]["from_state"] == "draft" and history[1]["to_state"] == "pending"
    assert history[-2]["to_state"] == "approved" and history[-1]["to_state"] == "closed"
    assert all(e["comment"] == "同意" for e in history if e["action"] == "approve")
    assert [e["at"] for e in history] == sorted(e["at"] for e in history)


def test_short_leave_is_filed_with_county_offices_under_zhumadian(api):
    cadre = api(APPLICANT)
    start, end = leave_dates(3)
    case = cadre.post("/api/v1/leave-requests",
                      json={"type": "sick", "start_date": start, "end_date": end, "reason": "发烧",
                            "documents": [SICK_NOTE]}).get_json()
    assert case["leave"]["route"] == [{"approvers": ["township"], "joint": False}]
    assert case["id"] in inbox_case_ids(api("dongling.deputy"))  # any township approver may act
    assert case["id"] not in inbox_case_ids(api("xihe.head"))  # another township's does not
    assert api("dongling.head").act(case["id"], "approve").get_json()["state"] == "approved"
    assert case["id"] not in inbox_case_ids(api("dongling.deputy"))
    for username in ("county.org", "county.rural"):
        assert case["id"] in filed_case_ids(api(username))
    assert case["id"] not in filed_case_ids(api("unit.agri"))


def test_long_leave_of_a_city_sent_leader_needs_city_office_and_unit_jointly_under_linfen(app, api):
    use_preset(app, "linfen-2018")
    leader = api("xinghua.leader")  # 张伟: first secretary, sent by 市财政局
    start, end = leave_dates(16)
    case = leader.post("/api/v1/leave-requests",
                       json={"type": "annual", "start_date": start, "end_date": end, "reason": "年休假"}).get_json()
    assert case["leave"]["route"] == [{"approvers": ["city_office", "dispatching_unit"], "joint": True}]
    assert api("unit.finance").act(case["id"], "approve").get_json()["state"] == "pending"
    # One rejection rejects the joint step, and the other office's task is withdrawn from its inbox.
    rejected = api("city.office").act(case["id"], "reject", comment="汛期，暂不批准")
    assert rejected.get_json()["state"] == "rejected"
    assert rejected.get_json()["open_tasks"] == []
