"""Spot checks (查岗, 004 第十八条): a check of a village opens an explanation (情况说明) for each cadre found
absent without a covering leave or trip; the dispatching unit signs it, the county office excuses the
day or counts it; the month's decided explanations go to the city on the 25th, once."""
from datetime import date, timedelta

import pytest

from tests.conftest import on_day
from tests.pages import act, get, user
from workflows import clock

TODAY = clock.today()  # Tuesday 2026-03-10
YESTERDAY = TODAY - timedelta(days=1)


def person_id(api, username):
    return api(username).get("/api/v1/me").get_json()["person_id"]


def village_id(api, username="xinghua.member1"):
    me = api("admin").get(f"/api/v1/people/{person_id(api, username)}").get_json()
    return next(t for t in me["terms"] if t["active"])["village"]["id"]


def check(api, absent, by="county.office", day=YESTERDAY, **extra):
    """Record a check of 杏花村 finding these demo users absent."""
    body = {"village_id": village_id(api), "date": day.isoformat(), "note": "随机抽查",
            "absent": [person_id(api, u) for u in absent], **extra}
    return api(by).post("/api/v1/spot-checks", json=body)


def explanation_cases(api):
    return api("admin").get("/api/v1/cases?kind=explanation").get_json()["total"]


def test_a_check_opens_one_explanation_per_absent_cadre(api):
    response = check(api, ["xinghua.member1", "xinghua.member2"], time="10:30", method="on_site",
                     present=[person_id(api, "xinghua.leader")])
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body) == {"id", "explanations"} and len(body["explanations"]) == 2

    case = api("xinghua.member1").get(f"/api/v1/cases/{body['explanations'][0]}").get_json()
    assert (case["kind"], case["state"], case["actions"]) == ("explanation", "open", ["submit"])
    assert case["explanation"]["date"] == YESTERDAY.isoformat()
    assert case["explanation"]["spot_check"]["time"] == "10:30"
    # The cadre's task to write it, with the policy's 5 working days (product's choice).
    inbox = api("xinghua.member1").get("/api/v1/inbox").get_json()["items"]
    task = next(i for i in inbox if i["case"]["id"] == case["id"])
    assert (task["kind"], task["due_date"]) == ("explain", "2026-03-17")

    shown = api("inspector").get(f"/api/v1/spot-checks/{body['id']}").get_json()
    assert [f["explanation"] for f in shown["findings"]] == body["explanations"]
    assert shown["present"] == [person_id(api, "xinghua.leader")]


@pytest.mark.parametrize("change, field", [
    ({"village_id": None}, "village_id"),
    ({"village_id": 999999}, "village_id"),
    ({"date": "2026-03-11"}, "date"),
    ({"date": "10.3.2026"}, "date"),
    ({"absent": "李娜"}, "absent"),
    ({"time": "25:00"}, "time"),
    ({"method": "rumour"}, "method"),
])
def test_bad_input_is_refused_naming_the_field(api, change, field):
    body = {"village_id": village_id(api), "date": YESTERDAY.isoformat(), "absent": [person_id(api, "xinghua.member1")],
            "note": "x", **change}
    response = api("county.office").post("/api/v1/spot-checks", json=body)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"]["field"] == field
    assert explanation_cases(api) == 0


def test_people_must_be_posted_there_that_day_and_named_once(api):
    member = person_id(api, "xinghua.member1")
    elsewhere = person_id(api, "shiqiao.member1")
    for absent in ([member, member], [member, elsewhere]):
        body = {"village_id": village_id(api), "date": YESTERDAY.isoformat(), "absent": absent, "note": "x"}
        response = api("county.office").post("/api/v1/spot-checks", json=body)
        assert (response.status_code, response.get_json()["error"]["field"]) == (422, "absent")
    # Before the terms began (a year before the demo's month), nobody was posted there.
    long_ago = date(TODAY.year - 2, 1, 5).isoformat()
    body = {"village_id": village_id(api), "date": long_ago, "absent": [member], "note": "x"}
    assert api("county.office").post("/api/v1/spot-checks", json=body).get_json()["error"]["field"] == "absent"
    assert explanation_cases(api) == 0


@pytest.mark.parametrize("username", ["xinghua.leader", "dongling.head", "unit.agri", "county.org"])
def test_only_the_offices_and_inspectors_record_checks(api, username):
    assert check(api, ["xinghua.member1"], by=username).status_code == 403
    assert explanation_cases(api) == 0


@pytest.mark.parametrize("username", ["county.office", "city.office", "inspector"])
def test_county_and_city_offices_and_inspectors_record_checks(api, username):
    assert check(api, ["xinghua.member1"], by=username).status_code == 201


def _approved_leave(api, leave_type="personal"):
    body = {"type": leave_type, "start_date": (YESTERDAY - timedelta(days=1)).isoformat(),
            "end_date": (YESTERDAY + timedelta(days=1)).isoformat(), "reason": "回家"}
    case = api("xinghua.member1").post("/api/v1/leave-requests", json=body).get_json()
    if case["state"] == "pending":
        case = api("dongling.head").act(case["id"], "approve").get_json()
    return case


@pytest.mark.parametrize("leave_type, state, cover", [("personal", "approved", "leave"),
                                                      ("official_trip", "reported", "official_trip")])
def test_a_covered_absence_gets_no_explanation(api, leave_type, state, cover):
    leave = _approved_leave(api, leave_type)
    assert leave["state"] == state
    body = check(api, ["xinghua.member1", "xinghua.member2"]).get_json()
    assert len(body["explanations"]) == 1
    assert api("admin").get(f"/api/v1/cases/{body['explanations'][0]}").get_json()["applicant"]["name"] == "王强"
    findings = api("county.office").get(f"/api/v1/spot-checks/{body['id']}").get_json()["findings"]
    covered = next(f for f in findings if f["person"]["name"] == "李娜")
    assert covered == {"person": covered["person"], "explanation": None,
                       "covered_by": {"case_id": leave["id"], "kind": cover}}


def test_a_pending_leave_does_not_cover(api):
    body = {"type": "personal", "start_date": YESTERDAY.isoformat(), "end_date": YESTERDAY.isoformat(), "reason": "x"}
    with on_day(YESTERDAY - timedelta(days=3)):
        assert api("xinghua.member1").post("/api/v1/leave-requests", json=body).get_json()["state"] == "pending"
    assert len(check(api, ["xinghua.member1"]).get_json()["explanations"]) == 1


def explain(api, username="xinghua.member1", text="当天在县里参加培训，忘记报备"):
    case_id = check(api, [username]).get_json()["explanations"][0]
    done = api(username).act(case_id, "submit", text=text)
    assert done.status_code == 200, done.get_json()
    return done.get_json()


def unexcused(app, username_person, start=YESTERDAY, end=YESTERDAY):
    from webapp.extensions import db
    from workflows.spot_checks.findings import unexcused_days
    with app.app_context():
        return unexcused_days(db.session, [username_person], start, end)


def test_an_accepted_explanation_excuses_the_day(app, api):
    member = person_id(api, "xinghua.member1")
    case = explain(api)
    assert case["state"] == "pending" and case["explanation"]["text"].startswith("当天")
    assert unexcused(app, member) == {(member, YESTERDAY)}  # not excused yet
    # The dispatching unit's head signs (李娜 was sent by 县农业农村局), then the county office decides.
    assert [s["approvers"] for s in case["explanation"]["route"]] == [["dispatching_unit"], ["county_office"]]
    assert api("unit.agri").act(case["id"], "approve").get_json()["state"] == "pending"
    decided = api("county.office").act(case["id"], "approve").get_json()
    assert decided["state"] == "excused" and decided["explanation"]["outcome"] == "excused"
    assert unexcused(app, member) == set()
    # Filed with the county organisation department and rural-revitalisation bureau (004 第十八条).
    filed = api("county.rural").get("/api/v1/filed").get_json()["items"]
    assert case["id"] in [i["case"]["id"] for i in filed]
    assert api("admin").get(f"/api/v1/people/{member}").get_json()["warnings"] == []


def test_the_day_found_absent_is_absent_until_the_explanation_is_accepted(app, api):
    """The cadre signed in that morning, but the check did not find them: the day is absent, whatever
    the sign-in says, until the county accepts their explanation."""
    from models import OrgUnit
    from webapp.extensions import db
    with app.app_context():
        db.session.scalars(db.select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2026, 3, 1)
        db.session.commit()
    member = person_id(api, "xinghua.member1")
    with on_day(YESTERDAY):
        assert api("xinghua.member1").post("/api/v1/sign-ins", json={}).status_code == 201

    def status():
        days = api("xinghua.member1").get(f"/api/v1/people/{member}/days?month=2026-03").get_json()["days"]
        return {d["date"]: d["status"] for d in days}[YESTERDAY.isoformat()]
    assert status() == "present"
    case = explain(api)
    assert status() == "absent"
    api("unit.agri").act(case["id"], "approve")
    api("county.office").act(case["id"], "approve")
    assert status() == "present"


def test_a_rejected_explanation_counts_the_day_and_warns(app, api):
    member = person_id(api, "xinghua.member2")
    case = explain(api, "xinghua.member2")
    api("unit.health").act(case["id"], "approve")  # 王强 was sent by 市卫生健康委员会
    refused = api("county.office").act(case["id"], "reject")
    assert (refused.status_code, refused.get_json()["error"]["field"]) == (422, "comment")
    decided = api("county.office").act(case["id"], "reject", comment="无正当理由").get_json()
    assert decided["state"] == "counted"
    assert unexcused(app, member) == {(member, YESTERDAY)}
    warnings = api("xinghua.member2").get(f"/api/v1/people/{member}").get_json()["warnings"]
    assert warnings == [{"date": YESTERDAY.isoformat(), "case_id": case["id"], "kind": "spot_check_absence"}]


def test_unexcused_days_for_many_people_and_a_range(app, api):
    one, two, leader = (person_id(api, u) for u in ("xinghua.member1", "xinghua.member2", "xinghua.leader"))
    check(api, ["xinghua.member1", "xinghua.member2"])
    earlier = TODAY - timedelta(days=8)
    check(api, ["xinghua.member1"], day=earlier)
    assert unexcused(app, one, earlier, YESTERDAY) | unexcused(app, two, earlier, YESTERDAY) == {
        (one, earlier), (one, YESTERDAY), (two, YESTERDAY)}
    from webapp.extensions import db
    from workflows.spot_checks.findings import unexcused_days
    with app.app_context():
        assert unexcused_days(db.session, [one, two, leader], earlier, YESTERDAY) == {
            (one, earlier), (one, YESTERDAY), (two, YESTERDAY)}
        assert unexcused_days(db.session, [one], TODAY, TODAY + timedelta(days=30)) == set()
        assert unexcused_days(db.session, [leader], earlier, YESTERDAY) == set()
        assert unexcused_days(db.session, [], earlier, YESTERDAY) == set()


def test_who_may_act_on_an_explanation(api):
    case_id = check(api, ["xinghua.member1"]).get_json()["explanations"][0]
    # Another cadre may not write it, nor see it; an office may not write it for the cadre.
    assert api("xinghua.member2").act(case_id, "submit", version=1, text="x").status_code == 403
    assert api("county.office").act(case_id, "submit", text="x").status_code == 403
    empty = api("xinghua.member1").act(case_id, "submit", text=" ")
    assert (empty.status_code, empty.get_json()["error"]["field"]) == (422, "text")
    api("xinghua.member1").act(case_id, "submit", text="在镇里开会")
    # At the signing step: not another unit, not the county office yet; the unit signs but does not decide.
    version = api("unit.agri").get(f"/api/v1/cases/{case_id}").get_json()["version"]
    assert api("unit.finance").act(case_id, "approve", version=version).status_code == 403
    assert api("county.office").act(case_id, "approve").status_code == 403
    assert "reject" not in api("unit.agri").get(f"/api/v1/cases/{case_id}").get_json()["actions"]
    assert api("unit.agri").act(case_id, "reject", comment="no").status_code == 403
    assert api("xinghua.member1").act(case_id, "approve").status_code == 403
    # Returned for more detail: the cadre writes it again, and it starts over.
    returned = api("unit.agri").act(case_id, "return", comment="请写明会议名称").get_json()
    assert returned["state"] == "returned"
    again = api("xinghua.member1").act(case_id, "submit", text="在镇里参加防汛会议").get_json()
    assert again["state"] == "pending" and again["explanation"]["current_step"] == 0


def sweep(app, day):
    result = app.test_cli_runner().invoke(args=["sweep", "--date", day])
    assert result.exit_code == 0, result.output
    return result.output


def decide(api, username, unit, outcome="approve"):
    case = explain(api, username)
    api(unit).act(case["id"], "approve")
    return api("county.office").act(case["id"], outcome, comment="核实").get_json()


def city_batch(api):
    items = api("city.office").get("/api/v1/filed").get_json()["items"]
    return sorted(i["case"]["id"] for i in items)


def test_the_25th_sends_the_months_explanations_to_the_city_once(app, api):
    excused = decide(api, "xinghua.member1", "unit.agri")
    counted = decide(api, "xinghua.member2", "unit.health", "reject")
    sweep(app, "2026-03-24")
    assert city_batch(api) == []
    sweep(app, "2026-03-25")
    assert city_batch(api) == sorted([excused["id"], counted["id"]])
    assert "monthly_batch" in [e["action"] for e in api("admin").get(f"/api/v1/cases/{excused['id']}/history").get_json()]
    # The city's organisation department has them too (分别报市委组织部、市乡村振兴局).
    assert len(api("city.org").get("/api/v1/filed").get_json()["items"]) == 2
    sweep(app, "2026-03-26")
    assert city_batch(api) == sorted([excused["id"], counted["id"]])  # once

    # Decided after the 25th: not dropped, it goes with April's batch.
    with on_day("2026-03-26"):
        late = decide(api, "xinghua.leader", "unit.finance")
    sweep(app, "2026-04-24")
    assert late["id"] not in city_batch(api)
    sweep(app, "2026-04-25")
    assert late["id"] in city_batch(api) and len(city_batch(api)) == 3
    page_case = api("admin").get(f"/api/v1/cases/{late['id']}").get_json()
    assert page_case["explanation"]["batched_on"] == "2026-04-25"


def test_an_undecided_explanation_waits_for_the_batch_after_its_decision(app, api):
    case = explain(api)
    sweep(app, "2026-03-25")
    assert city_batch(api) == []
    with on_day("2026-03-27"):
        api("unit.agri").act(case["id"], "approve")
        api("county.office").act(case["id"], "approve")
    sweep(app, "2026-04-25")
    assert city_batch(api) == [case["id"]]


def test_the_case_page_shows_the_explanation(api, login_as):
    case_id = check(api, ["xinghua.member1"], time="09:15").get_json()["explanations"][0]
    cadre = user(login_as, "xinghua.member1")
    page = get(cadre, f"/cases/{case_id}")
    assert "Not written yet." in page.text("explanation-text")
    assert "09:15" in page.text("spot-check")
    refused = act(cadre, case_id, "submit", text="")
    assert refused.has("submit-form")  # refused: the form again, nothing sent
    done = act(cadre, case_id, "submit", text="当天在县医院陪护家人")
    assert "当天在县医院陪护家人" in done.text("explanation-text")
    head = user(login_as, "unit.agri")
    assert "当天在县医院陪护家人" in get(head, f"/cases/{case_id}").text("explanation-text")
    act(head, case_id, "approve")
    office = user(login_as, "county.office")
    act(office, case_id, "reject", comment="未报备")
    assert "Counted as absence" in get(office, f"/cases/{case_id}").text("explanation-outcome")


def test_a_township_is_not_a_village(app, api):
    from sqlalchemy import select

    from models import OrgUnit
    from webapp.extensions import db
    with app.app_context():
        township = db.session.scalars(select(OrgUnit.id).where(OrgUnit.kind == "township")).first()
    body = {"village_id": township, "date": YESTERDAY.isoformat(), "absent": [], "note": "x"}
    response = api("county.office").post("/api/v1/spot-checks", json=body)
    assert (response.status_code, response.get_json()["error"]["field"]) == (422, "village_id")
    assert "village" in response.get_json()["error"]["message"].lower() or "村" in response.get_json()["error"]["message"]


def test_the_offices_over_the_village_follow_a_check_an_inspector_made(api):
    case_id = check(api, ["xinghua.member1"], by="inspector").get_json()["explanations"][0]
    for username in ("county.office", "city.office", "inspector", "xinghua.member1"):
        assert api(username).get(f"/api/v1/cases/{case_id}").status_code == 200, username
        found = api(username).get("/api/v1/cases?kind=explanation").get_json()["items"]
        assert [c["id"] for c in found] == [case_id], username
    for username in ("xinghua.member2", "unit.finance", "shiqiao.leader"):
        assert api(username).get(f"/api/v1/cases/{case_id}").status_code == 403, username
        assert api(username).get("/api/v1/cases?kind=explanation").get_json()["total"] == 0, username


@pytest.mark.parametrize("change, key", [({"batch_day": 31}, "spot_checks.batch_day"),
                                         ({"explain_within_days": 0}, "spot_checks.explain_within_days"),
                                         ({"decided_by": "nobody"}, "spot_checks.decided_by"),
                                         ({"deadline": 3}, "spot_checks.deadline")])
def test_a_policy_section_that_is_wrong_is_refused_naming_the_key(change, key):
    import copy

    from workflows import policy
    body = copy.deepcopy(policy.load_presets()["zhumadian-2022"])
    body["spot_checks"].update(change)
    with pytest.raises(policy.PolicyError) as refused:
        policy.validate(body, "ours.toml")
    assert refused.value.key == key


def test_every_preset_names_its_spot_check_settings():
    from workflows import policy
    for preset_id, body in policy.load_presets().items():
        assert body["spot_checks"]["batch_day"] == 25, preset_id
        assert "spot_checks.explain_within_days" in body["product_choices"], preset_id
