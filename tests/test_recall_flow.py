"""Recall and adjustment (召回 / 调整, domain §4), walked as the real users through the API: grounds from
the policy, an adjustment approved at the dispatching unit's level (同级), 篇九's replacement, a recall
with its notice and the unit's talk, criticism (twice: a ground-5 draft, once), rejection, the absence
draft taken up, and the refusals."""
from datetime import date

import pytest
from sqlalchemy import select

from models import Case, Person
from tests.conftest import SICK_NOTE, SICK_NOTE_BYTES, on_day, reserve, use_preset

TODAY = "2026-03-10"


def _me(api, username) -> int:
    return api(username).get("/api/v1/me").get_json()["person_id"]


def _open(api, username, person_id, grounds, reason="理由", **extra):
    return api(username).post("/api/v1/recalls", json={"person_id": person_id, "grounds": grounds,
                                                        "reason": reason, **extra})


def _term(api, reader, person_id) -> dict:
    body = api(reader).get(f"/api/v1/people/{person_id}").get_json()
    return body["terms"][-1]


def _act(api, who, case_id, action, **body):
    """`who` takes the action on the case as it is now (read by the administrator, who sees every case:
    an office with no task on it may not even read it)."""
    body.setdefault("version", api("admin").get(f"/api/v1/cases/{case_id}").get_json()["version"])
    return api(who).post(f"/api/v1/cases/{case_id}/actions/{action}", json=body)


def _ok(response, status=200):
    assert response.status_code == status, response.get_json()
    return response.get_json()


def _proposed_recall(api, grounds=(7,), by="county.office", who="xinghua.member1"):
    """A recall proposed by `by` about `who` and submitted: pending with the deciding office."""
    case = _ok(_open(api, by, _me(api, who), list(grounds), "违纪受到处分"), 201)
    return _ok(_act(api, by, case["id"], "submit"))


# ---------------------------------------------------------------- adjustment

def test_linfen_adjustment_of_a_city_sent_cadre_is_approved_by_the_city_office(app, api):
    use_preset(app, "linfen-2018")
    me = _me(api, "xinghua.leader")   # 张伟, sent by 市财政局 (a city unit)
    case = _ok(_open(api, "xinghua.leader", me, [2], "因身体原因不能正常履职"), 201)
    assert (case["state"], case["recall"]["path"], case["recall"]["grounds"]) == ("draft", "adjustment", [2])
    case = _ok(_act(api, "xinghua.leader", case["id"], "submit"))
    assert case["state"] == "pending"
    # The county office is not the office at the unit's level: nothing to approve.
    assert _act(api, "county.office", case["id"], "approve").status_code == 403
    _ok(_act(api, "unit.finance", case["id"], "approve"))
    assert _act(api, "county.office", case["id"], "approve").status_code == 403
    with on_day("2026-03-12"):
        case = _ok(_act(api, "city.office", case["id"], "approve"))
    assert case["state"] == "adjusted"
    assert case["recall"]["outcome"] == "adjusted"
    with on_day("2026-03-13"):
        term = _term(api, "county.office", me)
    assert term["end_date"] == "2026-03-12" and term["ended_early"] is True
    assert term["active"] is False


def test_the_application_carries_its_documents_to_the_approvers(app, api):
    me = _me(api, "xinghua.member1")
    case = _ok(_open(api, "xinghua.member1", me, [2], "因病需长期治疗"), 201)
    case = _ok(_act(api, "xinghua.member1", case["id"], "submit", documents=[SICK_NOTE]))
    [doc] = case["recall"]["documents"]
    assert case["recall"]["route"] == [{"approvers": ["dispatching_unit"], "joint": False},
                                       {"approvers": ["county_office"], "joint": False}]
    got = api("unit.agri").get(doc["url"])
    assert got.status_code == 200 and got.data == SICK_NOTE_BYTES
    assert api("liushu.member1").get(doc["url"]).status_code == 403


def test_a_county_sent_cadres_adjustment_goes_to_the_county_office(app, api):
    use_preset(app, "linfen-2018")
    me = _me(api, "xinghua.member1")   # 李娜, sent by 县农业农村局
    case = _ok(_open(api, "unit.agri", me, [1], "工作调动"), 201)
    _ok(_act(api, "unit.agri", case["id"], "submit"))
    _ok(_act(api, "unit.agri", case["id"], "approve"))
    assert _act(api, "city.office", case["id"], "approve").status_code == 403
    assert _ok(_act(api, "county.office", case["id"], "approve"))["state"] == "adjusted"


def _outsider(app, db, unit_name="县农业农村局") -> int:
    """A person of the dispatching unit on no team: a replacement the application can name."""
    return reserve(app, "接替人", unit_name)


def test_jiangxi_adjustment_needs_a_replacement_at_the_last_step(app, db, api):
    use_preset(app, "jiangxi-pian9")
    cadre = _me(api, "xinghua.member1")   # sent by 县农业农村局
    # 篇九 第七条: the unit's party committee applies, not the cadre.
    assert _open(api, "xinghua.member1", cadre, [11]).status_code == 403
    case = _ok(_open(api, "unit.agri", cadre, [11], "身体原因，确需调整"), 201)
    _ok(_act(api, "unit.agri", case["id"], "submit"))
    assert _act(api, "county.group", case["id"], "approve").status_code == 403   # the township first
    _ok(_act(api, "dongling.head", case["id"], "approve"))
    _ok(_act(api, "county.group", case["id"], "approve"))
    refused = _act(api, "county.org", case["id"], "approve")
    assert refused.status_code == 422
    assert refused.get_json()["error"]["field"] == "replacement_person_id"
    assert api("county.org").get(f"/api/v1/cases/{case['id']}").get_json()["state"] == "pending"

    graded = _outsider(app, db)
    with app.app_context():  # 篇九 第五条(四): graded 基本称职 last year, the person is no qualified replacement
        from models import PersonGrade
        db.session.add(PersonGrade(person_id=graded, period="2025", kind="annual", grade="basic",
                                   reason="annual_assessment", recorded_on=date(2026, 1, 15)))
        db.session.commit()
    graded_out = _act(api, "unit.agri", case["id"], "propose_replacement", replacement_person_id=graded)
    assert graded_out.status_code == 422 and graded_out.get_json()["error"]["field"] == "replacement_person_id"
    replacement = _outsider(app, db)
    named = _ok(_act(api, "unit.agri", case["id"], "propose_replacement", replacement_person_id=replacement))
    assert named["recall"]["replacement"]["id"] == replacement
    _ok(_act(api, "county.org", case["id"], "approve"))          # jointly with the rural bureau
    case = _ok(_act(api, "county.rural", case["id"], "approve"))
    assert case["state"] == "adjusted"
    assert _term(api, "county.office", cadre)["end_date"] == TODAY


def test_a_refused_adjustment_ends_the_case(app, api):
    use_preset(app, "linfen-2018")
    me = _me(api, "xinghua.leader")
    case = _ok(_open(api, "xinghua.leader", me, [1]), 201)
    _ok(_act(api, "xinghua.leader", case["id"], "submit"))
    assert _act(api, "unit.finance", case["id"], "reject").status_code == 422   # a refusal says why
    case = _ok(_act(api, "unit.finance", case["id"], "reject", comment="岗位无法替换"))
    assert (case["state"], case["recall"]["outcome"]) == ("rejected", "rejected")
    assert _term(api, "county.office", me)["active"] is True


# ---------------------------------------------------------------- recall

def test_a_recall_is_noticed_and_confirmed_with_the_talk(app, api):
    me = _me(api, "xinghua.member1")
    case = _ok(_open(api, "dongling.head", me, [4, 7], "旷工并受处分"), 201)
    assert case["recall"]["path"] == "recall"
    case = _ok(_act(api, "dongling.head", case["id"], "submit"))
    assert _act(api, "dongling.head", case["id"], "approve").status_code == 403
    with on_day("2026-03-11"):
        case = _ok(_act(api, "county.office", case["id"], "approve"))
    assert case["state"] == "notified"
    assert case["recall"]["notice_no"] == "驻村召〔2026〕1号"
    assert case["recall"]["notice_date"] == "2026-03-11"
    # The unit's inbox holds the notice; another unit cannot confirm it.
    inbox = _ok(api("unit.agri").get("/api/v1/inbox"))
    assert case["id"] in [item["case"]["id"] if "case" in item else item.get("case_id") for item in inbox["items"]]
    assert _act(api, "unit.finance", case["id"], "confirm", talk_date="2026-03-12").status_code == 403
    with on_day("2026-03-13"):
        assert _act(api, "unit.agri", case["id"], "confirm").status_code == 422
        case = _ok(_act(api, "unit.agri", case["id"], "confirm", talk_date="2026-03-12", note="单位负责人约谈"))
    assert case["state"] == "recalled"
    assert case["recall"]["talk"] == {"date": "2026-03-12", "note": "单位负责人约谈"}
    term = _term(api, "county.office", me)
    assert term["end_date"] == "2026-03-11" and term["ended_early"] is True


def test_the_second_notice_of_the_year_takes_the_next_number(app, api):
    first = _proposed_recall(api, who="xinghua.member1")
    second = _proposed_recall(api, who="xinghua.member2")
    _ok(_act(api, "county.office", first["id"], "approve"))
    assert _ok(_act(api, "county.office", second["id"], "approve"))["recall"]["notice_no"] == "驻村召〔2026〕2号"


def test_linfen_issues_a_city_sent_cadres_notice_from_the_city_office(app, api):
    use_preset(app, "linfen-2018")
    case = _proposed_recall(api, who="xinghua.member2")   # sent by 市卫生健康委员会
    assert _act(api, "county.office", case["id"], "approve").status_code == 403
    case = _ok(_act(api, "city.office", case["id"], "approve"))
    assert (case["recall"]["notice_no"], case["recall"]["notice_office"]) == ("帮扶召〔2026〕1号", "city_office")


def test_a_rejected_recall_leaves_the_term(app, api):
    me = _me(api, "xinghua.member1")
    case = _proposed_recall(api)
    case = _ok(_act(api, "county.office", case["id"], "reject", comment="证据不足"))
    assert (case["state"], case["recall"]["notice_no"]) == ("rejected", None)
    assert _term(api, "county.office", me)["active"] is True


def _recall_drafts(app, db, person_id) -> list[Case]:
    with app.app_context():
        rows = db.session.scalars(select(Case).where(Case.kind == "recall", Case.subject_person_id == person_id,
                                                     Case.state == "draft")).all()
        return [(c.id, c.recall.grounds, c.recall.evidence) for c in rows]


def test_criticism_twice_opens_one_ground_five_draft(app, db, api):
    me = _me(api, "xinghua.member1")
    first = _proposed_recall(api, grounds=(8,))
    case = _ok(_act(api, "county.office", first["id"], "criticize", comment="履职不力，批评教育"))
    assert (case["state"], case["recall"]["outcome"]) == ("criticized", "criticized")
    assert _term(api, "county.office", me)["active"] is True
    warnings = _ok(api("county.office").get(f"/api/v1/people/{me}"))["warnings"]
    assert [(w["kind"], w["case_id"]) for w in warnings] == [("criticism", first["id"])]
    assert _recall_drafts(app, db, me) == []

    with on_day("2026-03-20"):
        second = _proposed_recall(api, grounds=(8,))
        _ok(_act(api, "county.office", second["id"], "criticize", comment="再次批评教育"))
    drafts = _recall_drafts(app, db, me)
    assert len(drafts) == 1
    draft_id, grounds, evidence = drafts[0]
    assert grounds == [5]
    assert [w["case_id"] for w in evidence["warnings"]] == [first["id"], second["id"]]
    # The county office holds it: it takes it up.
    assert draft_id in [i["case"]["id"] for i in _ok(api("county.office").get("/api/v1/inbox"))["items"]]

    third = _proposed_recall(api, grounds=(8,))
    _ok(_act(api, "county.office", third["id"], "criticize", comment="第三次"))
    assert len(_recall_drafts(app, db, me)) == 1


def test_criticism_is_for_a_recall_not_an_adjustment(app, api):
    me = _me(api, "xinghua.member1")
    case = _ok(_open(api, "xinghua.member1", me, [2]), 201)
    _ok(_act(api, "xinghua.member1", case["id"], "submit"))
    assert _act(api, "unit.agri", case["id"], "criticize", comment="x").status_code == 409


# ---------------------------------------------------------------- the absence draft

def test_the_absence_draft_is_taken_up_with_submit(app, db, api):
    from workflows.recall import services
    from workflows import policy
    from models import User
    me = _me(api, "xinghua.member1")
    with app.app_context():
        person = db.session.get(Person, me)
        village = person.current_term(date(2026, 3, 10)).team.village
        system = db.session.scalars(select(User).where(User.username == "admin")).one()
        draft = services.open_draft(db.session, system, policy.latest(db.session, "zhumadian-2022"), person, village,
                                    [4], "连续旷工16天", {"kind": "consecutive", "days": 16})
        db.session.commit()
        draft_id = draft.id
    assert _act(api, "dongling.head", draft_id, "submit").status_code == 403
    case = _ok(_act(api, "county.office", draft_id, "submit"))
    assert case["state"] == "pending"
    assert _ok(_act(api, "county.office", draft_id, "approve"))["state"] == "notified"


# ---------------------------------------------------------------- refusals

@pytest.mark.parametrize("grounds, code", [
    ([], "grounds_required"),
    ([1, 4], "mixed_grounds"),
    ([9], "unknown_ground"),
    (["4"], "invalid_grounds"),
])
def test_grounds_are_checked_against_the_policy(app, api, grounds, code):
    refused = _open(api, "county.office", _me(api, "xinghua.member1"), grounds)
    assert refused.status_code == 422
    assert (refused.get_json()["error"]["code"], refused.get_json()["error"]["field"]) == (code, "grounds")


def test_a_request_without_grounds_is_refused(app, api):
    me = _me(api, "xinghua.member1")
    refused = api("unit.agri").post("/api/v1/recalls", json={"person_id": me, "reason": "想换人"})
    assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "grounds"


def test_jiangxi_numbers_its_own_grounds(app, api):
    use_preset(app, "jiangxi-pian9")
    me = _me(api, "xinghua.member1")
    assert _open(api, "dongling.head", me, [12]).status_code == 422
    assert _ok(_open(api, "dongling.head", me, [6]), 201)["recall"]["path"] == "recall"


@pytest.mark.parametrize("who, grounds", [
    ("unit.finance", [1]),        # another unit's cadre
    ("xinghua.member2", [1]),     # another cadre
    ("xinghua.member1", [7]),     # a cadre does not propose their own recall
    ("unit.agri", [7]),           # a unit does not propose a recall
    ("xihe.head", [7]),           # another township
])
def test_the_wrong_office_may_not_open_it(app, api, who, grounds):
    assert _open(api, who, _me(api, "xinghua.member1"), grounds).status_code == 403


def test_jiangxi_recall_is_proposed_by_the_township_only(app, api):
    use_preset(app, "jiangxi-pian9")
    me = _me(api, "xinghua.member1")
    assert _open(api, "county.office", me, [2]).status_code == 403
    assert _open(api, "dongling.head", me, [2]).status_code == 201


def test_only_the_deciding_office_decides(app, api):
    case = _proposed_recall(api)
    for who in ("dongling.head", "unit.agri", "city.office", "xinghua.member1"):
        assert _act(api, who, case["id"], "criticize", comment="x").status_code == 403
