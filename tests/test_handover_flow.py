"""The handover (交接, domain §5) walked as its users through the API: the outgoing cadre lists under the
five headings (the system lists open cases and its ledgers by itself), the incoming cadre confirms or
disputes each item, a dispute goes back and is resolved, the team leader and the township sign off;
after sign-off the terms switch on the handover date, a leader's office carries its open approvals
to the successor, the team shows the new roster and the record is filed. Also the keep-one refusal of
a rotation plan, and a recall's replacement handed over with the recalled cadre absent."""
import pytest
from sqlalchemy import select

from models import Team
from tests.conftest import SICK_NOTE, leave_dates, on_day, reserve, use_preset
from webapp.extensions import db as _db

HANDOVER_DATE = "2026-03-20"
NEEDED = ("duties", "village", "funds")  # the headings the system does not fill by itself


def _me(api, username) -> int:
    return api(username).get("/api/v1/me").get_json()["person_id"]


def _ok(response, status=200):
    assert response.status_code == status, response.get_json()
    return response.get_json()


def _act(api, who, case_id, action, **body):
    body.setdefault("version", api("admin").get(f"/api/v1/cases/{case_id}").get_json()["version"])
    return api(who).post(f"/api/v1/cases/{case_id}/actions/{action}", json=body)


def _case(api, case_id, reader="admin") -> dict:
    return api(reader).get(f"/api/v1/cases/{case_id}").get_json()


def _items(case: dict, heading: str | None = None) -> list[dict]:
    return [i for i in case["handover"]["items"] if heading is None or i["heading"] == heading]


def _team_id(app, village="杏花村") -> int:
    with app.app_context():
        return next(t.id for t in _db.session.scalars(select(Team)) if t.village.name == village)


def _open(api, by, outgoing, incoming, on=HANDOVER_DATE, **extra):
    return api(by).post("/api/v1/handovers", json={"outgoing_person_id": outgoing, "incoming_person_id": incoming,
                                                   "handover_date": on, **extra})


def _list_the_rest(api, lister, case_id, funds="5000.00"):
    _ok(api(lister).post(f"/api/v1/cases/{case_id}/items", json={
        "heading": "duties", "title": "脱贫户帮扶", "detail": "联系12户"}), 201)
    _ok(api(lister).post(f"/api/v1/cases/{case_id}/items", json={
        "heading": "village", "title": "村情概况", "detail": "全村312户"}), 201)
    _ok(api(lister).post(f"/api/v1/cases/{case_id}/items", json={
        "heading": "funds", "title": "工作经费结余", "amount": funds}), 201)


def _task(api, username, case_id, kind):
    found = api(username).get("/api/v1/inbox").get_json()["items"]
    return next((i for i in found if i["case_id"] == case_id and i["kind"] == kind), None)


def _confirm_all(api, incoming, case_id, but=()):
    for item in _items(_case(api, case_id)):
        if item["status"] == "listed" and item["id"] not in but:
            _ok(_act(api, incoming, case_id, "confirm_item", item_id=item["id"]))


def test_a_leaders_handover_with_a_disputed_fund_carries_the_office_and_its_approvals(app, api):
    use_preset(app, "county-pian6")
    lina, leader = _me(api, "xinghua.member1"), _me(api, "xinghua.leader")
    # 李娜's one-day leave: the village certifies, then it waits for the team leader (张伟).
    start, end = leave_dates(1)
    leave = _ok(api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": end, "reason": "回家办事", "documents": [SICK_NOTE]}), 201)
    _ok(_act(api, "xinghua.secretary", leave["id"], "approve"))
    assert _task(api, "xinghua.leader", leave["id"], "approve") is not None

    successor = reserve(app, "钱程", "市财政局")
    successor_user = f"reserve.{successor}"
    # A handover is opened by the township for the leader's change; the incoming cadre reads it at once.
    case = _ok(_open(api, "dongling.deputy", leader, successor), 201)
    assert case["state"] == "listing" and case["handover"]["incoming"]["name"] == "钱程"
    assert api(successor_user).get(f"/api/v1/cases/{case['id']}").status_code == 200
    # The leader's open approval is listed as unfinished work, the ledgers as records, by themselves.
    assert [i["case_id"] for i in _items(case, "unfinished")] == [leave["id"]]
    assert {i["title"] for i in _items(case, "records")} == {"sign_in_book", "work_log"}
    assert _task(api, "xinghua.leader", case["id"], "list_items") is not None

    # A heading left empty refuses the list, naming the heading.
    refused = _act(api, "xinghua.leader", case["id"], "submit")
    assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "items"
    # A fund item needs its amount.
    no_amount = api("xinghua.leader").post(f"/api/v1/cases/{case['id']}/items",
                                           json={"heading": "funds", "title": "办公设备"})
    assert no_amount.status_code == 422 and no_amount.get_json()["error"]["field"] == "amount"
    _list_the_rest(api, "xinghua.leader", case["id"])
    case = _ok(_act(api, "xinghua.leader", case["id"], "submit"))
    assert case["state"] == "reviewing"

    # The incoming cadre disputes the fund balance, confirms the rest: back to the outgoing leader.
    fund = _items(case, "funds")[0]
    assert fund["amount"] == "5000.00"
    _ok(_act(api, successor_user, case["id"], "dispute_item", item_id=fund["id"], note="账面只有4800元"))
    no_note = _act(api, successor_user, case["id"], "dispute_item", item_id=_items(case, "duties")[0]["id"])
    assert no_note.status_code == 422 and no_note.get_json()["error"]["field"] == "note"
    _confirm_all(api, successor_user, case["id"])
    case = _case(api, case["id"])
    assert case["state"] == "returned"
    assert _task(api, "xinghua.leader", case["id"], "list_items") is not None
    assert _act(api, "xinghua.leader", case["id"], "submit").get_json()["error"]["code"] == "dispute_open"
    resolved = _ok(_act(api, "xinghua.leader", case["id"], "resolve_item", item_id=fund["id"],
                        note="已核对，结余4800元", amount="4800"))
    assert _items(resolved, "funds")[0]["amount"] == "4800.00"
    _ok(_act(api, "xinghua.leader", case["id"], "submit"))
    # Only the resolved item is reviewed again; then the township signs alone (the leader is leaving).
    _ok(_act(api, successor_user, case["id"], "confirm_item", item_id=fund["id"], note="无误"))
    case = _case(api, case["id"])
    assert case["state"] == "signing" and [s["approvers"] for s in case["route"]] == [["township"]]
    assert _act(api, "xinghua.leader", case["id"], "approve").status_code == 403
    case = _ok(_act(api, "dongling.deputy", case["id"], "approve"))
    assert case["state"] == "done"

    # The terms switch on the handover date; the team shows the successor as its first secretary.
    people = api("admin").get(f"/api/v1/people/{leader}").get_json()
    assert people["terms"][-1]["end_date"] == HANDOVER_DATE
    incoming = api("admin").get(f"/api/v1/people/{successor}").get_json()["terms"][-1]
    assert (incoming["start_date"], incoming["role"]) == (HANDOVER_DATE, "first_secretary")
    with on_day(HANDOVER_DATE):
        members = api("admin").get(f"/api/v1/teams/{_team_id(app)}").get_json()["members"]
    assert "钱程" in {m["person"]["name"] for m in members}
    with on_day("2026-03-21"):
        members = api("admin").get(f"/api/v1/teams/{_team_id(app)}").get_json()["members"]
    assert "张伟" not in {m["person"]["name"] for m in members}

    # The leader's open approval followed the office: the successor decides it, and its history says so.
    assert _task(api, "xinghua.leader", leave["id"], "approve") is None
    assert _task(api, successor_user, leave["id"], "approve") is not None
    moved = [e for e in api("admin").get(f"/api/v1/cases/{leave['id']}/history").get_json()
             if e["action"] == "office_handed_over"]
    assert len(moved) == 1 and moved[0]["payload"]["to"]["name"] == "钱程"
    assert _ok(_act(api, successor_user, leave["id"], "approve"))["state"] == "approved"
    assert lina  # 李娜's leave, decided by the new leader


def test_a_members_handover_is_signed_by_the_leader_then_the_township_and_filed(app, api):
    lina = _me(api, "xinghua.member1")
    successor = reserve(app, "钱程")
    case = _ok(_open(api, "xinghua.leader", lina, successor), 201)
    _list_the_rest(api, "xinghua.member1", case["id"])
    # 李娜 has no open case: nothing unfinished is said explicitly.
    assert _act(api, "xinghua.member1", case["id"], "submit").get_json()["error"]["field"] == "items"
    _ok(api("xinghua.member1").post(f"/api/v1/cases/{case['id']}/items", json={"heading": "unfinished",
                                                                                 "title": "无"}), 201)
    _ok(_act(api, "xinghua.member1", case["id"], "submit"))
    _confirm_all(api, f"reserve.{successor}", case["id"])
    case = _case(api, case["id"])
    assert [s["approvers"] for s in case["route"]] == [["team_leader"], ["township"]]
    _ok(_act(api, "xinghua.leader", case["id"], "approve"))
    case = _ok(_act(api, "dongling.head", case["id"], "approve"))
    assert case["state"] == "done"
    # zhumadian-2022 (004 第十七条): filed with the county organisation department and rural bureau in 3 days.
    with on_day("2026-03-13"):
        assert _task(api, "dongling.head", case["id"], "file_record")["overdue"] is False
    with on_day("2026-03-14"):
        assert _task(api, "dongling.head", case["id"], "file_record")["overdue"] is True
        filed = _ok(_act(api, "dongling.head", case["id"], "file_record"))
    assert sorted(f["office"] for f in filed["filed_with"]) == ["county_org_dept", "county_rural_bureau"]
    assert _task(api, "dongling.head", case["id"], "file_record") is None


def test_a_rotation_plan_replacing_every_member_is_refused_where_the_policy_keeps_one(app, api):
    use_preset(app, "linfen-2018")
    team = _team_id(app)
    members = [_me(api, u) for u in ("xinghua.leader", "xinghua.member1", "xinghua.member2")]
    newcomers = [reserve(app, f"新队员{i}") for i in range(3)]
    pairs = [{"outgoing": o, "incoming": i} for o, i in zip(members, newcomers)]
    refused = api("county.office").post("/api/v1/rotations", json={"team_id": team, "date": HANDOVER_DATE,
                                                                     "pairs": pairs})
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "keep_one" and "001" in error["message"]
    # Two of three: one of the previous batch stays.
    opened = _ok(api("county.office").post("/api/v1/rotations", json={
        "team_id": team, "date": HANDOVER_DATE, "pairs": pairs[:2]}), 201)
    assert [c["handover"]["source"] for c in opened["cases"]] == ["rotation", "rotation"]
    # The third, while the two are under way, would leave nobody of the batch either.
    third = _open(api, "county.office", members[2], newcomers[2])
    assert third.status_code == 422 and third.get_json()["error"]["code"] == "keep_one"


def test_the_same_plan_passes_where_the_policy_does_not_keep_one(app, api):
    team = _team_id(app)  # zhumadian-2022 asks no member of the previous batch to stay
    members = [_me(api, u) for u in ("xinghua.leader", "xinghua.member1", "xinghua.member2")]
    pairs = [{"outgoing": o, "incoming": reserve(app, f"新队员{n}")} for n, o in enumerate(members)]
    assert api("county.office").post("/api/v1/rotations", json={
        "team_id": team, "date": HANDOVER_DATE, "pairs": pairs}).status_code == 201
    # Only the county office lays a plan.
    assert api("dongling.head").post("/api/v1/rotations", json={
        "team_id": team, "date": HANDOVER_DATE, "pairs": pairs}).status_code == 403


@pytest.mark.parametrize("field, value, code", [
    ("incoming_person_id", "self", "same_person"),
    ("handover_date", "2026-03-01", "date_in_past"),
])
def test_bad_openings_name_the_field_and_open_nothing(app, api, field, value, code):
    lina = _me(api, "xinghua.member1")
    body = {"outgoing_person_id": lina, "incoming_person_id": reserve(app, "钱程"), "handover_date": HANDOVER_DATE}
    body[field] = lina if value == "self" else value
    refused = api("xinghua.leader").post("/api/v1/handovers", json=body)
    assert refused.status_code == 422
    assert (refused.get_json()["error"]["field"], refused.get_json()["error"]["code"]) == (field, code)
    assert api("xinghua.leader").get("/api/v1/inbox").get_json()["items"] == []


def test_a_cadre_serving_elsewhere_cannot_come_in_and_a_cadre_cannot_open_their_own(app, api):
    lina = _me(api, "xinghua.member1")
    busy = _me(api, "shiqiao.member1")
    refused = _open(api, "xinghua.leader", lina, busy)
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "on_another_team"
    assert _open(api, "xinghua.member2", lina, reserve(app, "钱程")).status_code == 403


def test_a_member_of_the_team_takes_over_the_leaders_post(app, api):
    leader, wang = _me(api, "xinghua.leader"), _me(api, "xinghua.member2")
    # Serving on this team does not bar a member from the leader's post; a member's post it does.
    assert _open(api, "dongling.head", _me(api, "xinghua.member1"), wang).get_json()["error"]["code"] == \
        "on_another_team"
    case = _ok(_open(api, "dongling.head", leader, wang), 201)
    _list_the_rest(api, "xinghua.leader", case["id"])
    _ok(api("xinghua.leader").post(f"/api/v1/cases/{case['id']}/items", json={"heading": "unfinished", "title": "无"}),
        201)
    _ok(_act(api, "xinghua.leader", case["id"], "submit"))
    _confirm_all(api, "xinghua.member2", case["id"])
    assert _ok(_act(api, "dongling.head", case["id"], "approve"))["state"] == "done"
    terms = api("admin").get(f"/api/v1/people/{wang}").get_json()["terms"]
    assert [(t["role"], t["start_date"], t["end_date"]) for t in terms] == [
        ("member", "2025-03-01", "2026-03-19"), ("first_secretary", HANDOVER_DATE, "2027-02-28")]
    # 王强 now holds the team leader's office.
    assert "team_leader" in {r["role"] for r in api("xinghua.member2").get("/api/v1/me").get_json()["roles"]}
