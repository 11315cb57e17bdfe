"""The end-of-term assessment (期满考核, 篇十五 "期满考核由派出单位会同…进行"), walked through the API: the
term-end sweep opens the term_end case; the dispatching unit rotates the term, which opens the cadre's
assessment in the unit's term_end round for the year; the cadre reports, the case comes to the unit's
inbox, the unit scores it (graded by the policy's bands), publishes with no quota nor notice and finalizes;
the grade is on the person as `term_end`. An extension assesses nothing; a unit may also open its round
for the year itself, and a rotation then adds no second case."""
from tests.conftest import on_day, reserve
from tests.test_assessment_round import COMPETENT, SCORES, _county_id
from tests.test_handover_flow import _act, _case, _me, _ok
from tests.test_term_end import OPENS, _case_of, _sweep_on


def _assessments(api, reader="admin") -> list[int]:
    return [c["id"] for c in api(reader).get("/api/v1/cases?kind=assessment&per_page=100").get_json()["items"]]


def _inbox_cases(api, username) -> set[int]:
    return {i["case_id"] for i in api(username).get("/api/v1/inbox?per_page=100").get_json()["items"]}


def _rotate(api, app, cadre_user, unit_user, name):
    case = _case_of(api, _me(api, cadre_user), unit_user)
    return _ok(_act(api, unit_user, case["id"], "rotate", incoming_person_id=reserve(app, name),
                    handover_date="2027-01-06"))


def test_a_rotation_opens_the_end_of_term_assessment_which_the_dispatching_unit_scores(app, api):
    lina = _me(api, "xinghua.member1")
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        assert _assessments(api) == []
        _rotate(api, app, "xinghua.member1", "unit.agri", "钱程")
        [case_id] = _assessments(api)
        case = _case(api, case_id)
        assert (case["applicant"]["id"], case["state"], case["assessment"]["kind"]) == (lina, "report", "term_end")
        round_ = _case(api, case["assessment"]["round_id"])["assessment_round"]
        assert (round_["kind"], round_["period"], round_["office"], round_["unit"]["name"]) == \
            ("term_end", "2027", "dispatching_unit", "县农业农村局")
        # The inputs run over the whole term, not one year of it.
        assert case["assessment"]["inputs"]["from"] == "2025-03-01"
        # First the cadre's self-report; the unit has nothing to do yet.
        assert case["open_tasks"][0]["kind"] == "self_report"
        assert case_id not in _inbox_cases(api, "unit.agri")
        assert _act(api, "unit.agri", case_id, "score", scores=SCORES).status_code in (403, 409)
        _ok(_act(api, "xinghua.member1", case_id, "submit", text="两年任期内完成帮扶项目12个。"))

        # Then straight to the unit's scoring: the survey, the site check and the opinions are the annual's.
        case = _case(api, case_id)
        assert case["state"] == "scoring" and case_id in _inbox_cases(api, "unit.agri")
        assert case_id not in _inbox_cases(api, "county.office")
        assert _act(api, "unit.finance", case_id, "score", scores=SCORES).status_code == 403
        scored = _ok(_act(api, "unit.agri", case_id, "score", scores=SCORES))
        assert (scored["assessment"]["total"], scored["assessment"]["grade"]) == ("91.00", "excellent")

        round_id = case["assessment"]["round_id"]
        assert _case(api, round_id)["assessment_round"]["quota"]["excellent_max"] is None
        assert _act(api, "county.office", round_id, "publish").status_code == 403
        published = _ok(_act(api, "unit.agri", round_id, "publish"))
        assert (published["state"], published["assessment_round"]["notice_until"]) == ("published", None)
        final = _ok(_act(api, "unit.agri", round_id, "finalize"))
    assert final["state"] == "final" and final["assessment_round"]["grades"] == {"excellent": 1}
    grades = api("admin").get(f"/api/v1/people/{lina}").get_json()["grades"]
    assert {"period": "2027", "kind": "term_end", "grade": "excellent"} in grades
    assert not [g for g in grades if g["kind"] == "annual"]


def test_an_extended_term_is_not_assessed_at_its_end(app, api):
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        case = _case_of(api, _me(api, "xinghua.leader"), "unit.finance")
        _ok(_act(api, "unit.finance", case["id"], "extend", end_date="2028-02-29"))
    assert _assessments(api) == []


def test_a_second_rotation_joins_the_units_open_round_for_the_year(app, api):
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        _rotate(api, app, "xinghua.member1", "unit.agri", "钱程")
        [first] = _assessments(api)
        agri = [c for c in api("admin").get("/api/v1/cases?kind=term_end").get_json()["items"]
                if c["state"] == "deciding" and "rotate" in
                api("unit.agri").get(f"/api/v1/cases/{c['id']}").get_json().get("actions", ())]
        assert agri, "the demo gives 县农业农村局 more than one cadre"
        _ok(_act(api, "unit.agri", agri[0]["id"], "rotate", incoming_person_id=reserve(app, "孙悦"),
                 handover_date="2027-01-06"))
        second = [c for c in _assessments(api) if c != first]
        assert len(second) == 1
        rounds = {_case(api, c)["assessment"]["round_id"] for c in (first, *second)}
        assert len(rounds) == 1
        assert len(_case(api, rounds.pop())["assessment_round"]["cases"]) == 2


def test_a_unit_opens_its_term_end_round_for_the_cadres_whose_term_ends_in_the_year(app, api):
    lina = _me(api, "xinghua.member1")
    body = {"kind": "term_end", "period": "2027", "org_unit_id": _county_id(app)}
    with on_day(OPENS):
        # Led by the dispatching unit (篇十五), whatever office the policy names for the annual round.
        assert api("county.office").post("/api/v1/assessment-rounds", json=body).status_code == 403
        round_ = _ok(api("unit.agri").post("/api/v1/assessment-rounds", json=body), 201)
        details = round_["assessment_round"]
        people = {_case(api, c)["applicant"]["id"] for c in details["cases"]}
        assert lina in people and _me(api, "xinghua.leader") not in people   # 张伟 is 市财政局's
        assert details["unit"]["name"] == "县农业农村局" and details["excluded"] == []
        assert {_case(api, c)["state"] for c in details["cases"]} == {"report"}
        # None ends in 2026: a round for it has nobody.
        empty = _ok(api("unit.agri").post("/api/v1/assessment-rounds", json={**body, "period": "2026"}), 201)
        assert empty["assessment_round"]["cases"] == []
        # The same round twice is refused.
        again = api("unit.agri").post("/api/v1/assessment-rounds", json=body)
        assert again.status_code == 409 and again.get_json()["error"]["code"] == "round_exists"

    # The rotation of a cadre assessed already in the unit's round opens no second case.
    before = len(_assessments(api))
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        _rotate(api, app, "xinghua.member1", "unit.agri", "钱程")
    assert len(_assessments(api)) == before
    # And a unit scores it as its own: report, then scoring.
    case_id = next(c for c in details["cases"] if _case(api, c)["applicant"]["id"] == lina)
    with on_day(OPENS):
        _ok(_act(api, "xinghua.member1", case_id, "submit", text="任期总结"))
        scored = _ok(_act(api, "unit.agri", case_id, "score", scores=COMPETENT))
    assert scored["assessment"]["grade"] == "competent"
