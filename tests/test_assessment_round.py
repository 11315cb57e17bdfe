"""An annual assessment round (考核, domain §6) for a county of 20 cadres, walked as its users through the
API: the county office opens it (one cadre left out: not six months in post), every case goes through
the five stages (a step out of order refused), the 优秀 quota refuses an over-cap publication (8 of 20
where 7 are allowed), the public notice takes an objection that sends a case back to its scoring,
finalizing waits for the window and the objection, and the final grades go on the people; a 不称职 and
a 59.5 % survey open recall drafts for the county office, exactly 60 % does not. Also: a forced 不合格
under county-pian6, with the score kept."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import OrgUnit, Person, Team, Term, User
from tests.conftest import on_day, use_preset
from tests.test_handover_flow import _act, _case, _ok
from webapp.extensions import db as _db
from workflows import demo_data, grades

OPEN_DAY = "2026-12-10"  # inside 001 第十二条's window (1 December – 31 January)
SCORES = {"presence": 28, "discipline": 18, "performance": 27, "feedback": 18}  # 91: excellent
COMPETENT = {"presence": 25, "discipline": 16, "performance": 22, "feedback": 16}  # 79
INCOMPETENT = {"presence": 15, "discipline": 10, "performance": 15, "feedback": 10}  # 50


def _add_cadres(app, count: int, start: date, prefix: str) -> list[str]:
    """More cadres on the county's teams (as a roster import would post them), each with an account."""
    with app.app_context():
        session = _db.session
        teams = session.scalars(select(Team).order_by(Team.id)).all()
        unit = session.scalars(select(OrgUnit).where(OrgUnit.name == "县农业农村局")).one()
        names = []
        for i in range(count):
            person = Person(name=f"{prefix}{i}", home_unit=unit)
            session.add(Term(person=person, team=teams[i % len(teams)], position="member", start_date=start,
                             planned_end_date=date(2027, 2, 28)))
            session.add(User(username=f"{prefix}{i}", password_hash=demo_data._demo_password_hash(), person=person))
            names.append(f"{prefix}{i}")
        session.commit()
        return names


def _county_id(app) -> int:
    with app.app_context():
        return _db.session.scalars(select(OrgUnit.id).where(OrgUnit.kind == "county")).one()


def _open_round(api, app, kind="annual", period="2026", by="county.office"):
    return api(by).post("/api/v1/assessment-rounds", json={"kind": kind, "period": period,
                                                             "org_unit_id": _county_id(app)})


def _through_the_stages(api, case_id, cadre_user, survey=(90, 8, 2), scores=SCORES, office="county.office"):
    _ok(_act(api, cadre_user, case_id, "submit", text="一年来走访农户，落实帮扶项目。"))
    satisfied, basic, unsatisfied = survey
    _ok(_act(api, office, case_id, "record_survey", satisfied=satisfied, basic=basic, unsatisfied=unsatisfied))
    _ok(_act(api, office, case_id, "record_site_check", text="实地查看帮扶项目，台账齐全。"))
    _ok(_act(api, "dongling.head" if _case(api, case_id)["village"]["name"] in ("杏花村", "石桥村") else "xihe.head",
             case_id, "record_opinion", text="乡镇党委和村两委：表现良好。"))
    return _ok(_act(api, office, case_id, "score", scores=scores))


def _users_by_person(app) -> dict[int, str]:
    with app.app_context():
        return {u.person_id: u.username for u in _db.session.scalars(select(User).where(User.person_id.is_not(None)))}


def test_an_annual_round_for_a_county_of_twenty(app, api):
    use_preset(app, "linfen-2018")
    _add_cadres(app, 7, date(2025, 3, 1), "新队员")
    _add_cadres(app, 1, date(2026, 6, 10), "满半年")     # six months exactly on the opening day: assessed
    _add_cadres(app, 1, date(2026, 7, 1), "未满半年")    # under six months: left out
    # Outside 001's window the round does not open.
    refused = _open_round(api, app)
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "outside_window"
    with on_day(OPEN_DAY):
        # Only the office the policy names opens it.
        assert _open_round(api, app, by="dongling.head").status_code == 403
        round_ = _ok(_open_round(api, app), 201)
        details = round_["assessment_round"]
        assert len(details["cases"]) == 20
        assert [(e["name"], e["reason"]) for e in details["excluded"]] == [("未满半年0", "under_min_months")]
        assert details["stages"] == {"report": 20}
        assert details["quota"]["excellent_max"] == 7
        users = _users_by_person(app)
        cases = {c: _case(api, c) for c in details["cases"]}
        person_of = {c: cases[c]["applicant"]["id"] for c in cases}

        first = details["cases"][0]
        # The office running the round reads every case in it, also before it holds a task there; each
        # stage's task is due in the policy's days, then shows late on the round.
        assert api("county.office").get(f"/api/v1/cases/{first}").status_code == 200
        assert cases[first]["open_tasks"][0]["due_date"] == "2026-12-20"
        # A step out of order is refused; the case shows what the system holds, never typed again.
        out_of_order = _act(api, "county.office", first, "record_survey", satisfied=1, basic=0, unsatisfied=0)
        assert out_of_order.status_code in (403, 409)
        inputs = cases[first]["assessment"]["inputs"]
        assert {"present", "target", "absent", "late", "leave", "spot_check_findings", "warnings",
                "work_logs"} <= set(inputs)
        # Nobody signed in since the records began (the demo's go-live, 10 March): every working day to
        # yesterday is an absence, and linfen-2018 sets no target.
        assert (inputs["present"], inputs["target"], inputs["to"]) == (0, None, "2026-12-09")
        assert inputs["absent"] > 150

        # Eight proposed 优秀, one 不称职, one survey at 59.5 %, one at exactly 60 %, the rest 称职.
        ids = details["cases"]
        plan = {ids[i]: SCORES for i in range(8)}
        plan[ids[8]] = INCOMPETENT
        surveys = {ids[9]: (100, 19, 81), ids[10]: (100, 20, 80)}   # 119/200 = 59.5 %; 120/200 = 60 %
        for case_id in ids:
            _through_the_stages(api, case_id, users[person_of[case_id]], survey=surveys.get(case_id, (90, 8, 2)),
                                scores=plan.get(case_id, COMPETENT))
        scored = _case(api, ids[0])["assessment"]
        assert (scored["total"], scored["proposed_grade"], scored["grade"]) == ("91.00", "excellent", "excellent")
        assert _case(api, ids[9])["assessment"]["survey"]["rate"] == "59.50"

        # 8 优秀 of 20 where 7 are allowed: refused with both numbers; the county reads the ranking.
        over = _act(api, "county.office", round_["id"], "publish")
        assert over.status_code == 409
        assert {k: over.get_json()["error"][k] for k in ("code", "max", "proposed")} == \
            {"code": "quota_exceeded", "max": 7, "proposed": 8}
        ranking = _case(api, round_["id"])["assessment_round"]["ranking"]
        assert [r["rank"] for r in ranking[:8]] == [1] * 8   # ties share the rank
        # The county scores one of them again, lower: 7 of 20 is within the quota.
        _ok(_act(api, "county.office", ids[7], "score", scores=COMPETENT))
        published = _ok(_act(api, "county.office", round_["id"], "publish"))
        notice_until = published["assessment_round"]["notice_until"]
        assert published["state"] == "noticed" and notice_until > OPEN_DAY

        # Inside the window an objection sends that case back to its scoring.
        objection = api("xinghua.member1").post(f"/api/v1/cases/{ids[1]}/objections", json={"text": "评分有误"})
        assert objection.status_code == 201 and objection.get_json()["state"] == "scoring"
        # Not while the window is open, nor while the objection is unresolved.
        assert _act(api, "county.office", round_["id"], "finalize").get_json()["error"]["code"] == "notice_open"
    with on_day((date.fromisoformat(notice_until) + timedelta(days=1)).isoformat()):
        late = api("xinghua.member2").post(f"/api/v1/cases/{ids[2]}/objections", json={"text": "迟到的异议"})
        assert late.status_code == 409
        assert _act(api, "county.office", round_["id"], "finalize").get_json()["error"]["code"] == "objection_open"
        rescored = _ok(_act(api, "county.office", ids[1], "score", scores=SCORES))
        assert rescored["state"] == "noticed" and rescored["assessment"]["objections"][0]["resolved_on"]
        final = _ok(_act(api, "county.office", round_["id"], "finalize"))
        assert final["state"] == "final"
        assert final["assessment_round"]["grades"] == {"excellent": 7, "competent": 12, "incompetent": 1}
    # The grades are on the people: 2026's annual grade.
    record = api("admin").get(f"/api/v1/people/{person_of[ids[0]]}").get_json()
    assert {"period": "2026", "kind": "annual", "grade": "excellent"} in record["grades"]
    # Recall drafts for the county office: ground 3 for the 不称职, ground 6 for 59.5 %, none for 60 %.
    inbox = api("county.office").get("/api/v1/inbox?per_page=100").get_json()["items"]
    proposals = [_case(api, i["case_id"]) for i in inbox if i["kind"] == "propose"]
    by_person = {c["applicant"]["id"]: c["recall"]["grounds"] for c in proposals}
    assert by_person[person_of[ids[8]]] == [3]
    assert by_person[person_of[ids[9]]] == [6]
    assert person_of[ids[10]] not in by_person
    # The results go to the dispatching units within 15 working days.
    sent = _ok(_act(api, "county.office", round_["id"], "send_results"))
    assert sent["state"] == "final"
    filed = _case(api, ids[0])["filed_with"]
    assert [f["office"] for f in filed] == ["dispatching_unit"]


def test_county_pian6_forces_fail_for_an_absence_over_the_limits_keeping_the_score(app, api):
    use_preset(app, "county-pian6")
    with app.app_context():
        lina = _db.session.scalars(select(Person).where(Person.name == "李娜")).one()
        # As the presence sweep records it when a spell passes the limits (篇六 "年度考核为不合格").
        grades.record(_db.session, lina.id, "2026", "incompetent", "absence_consecutive", date(2026, 5, 20),
                      wording="不合格")
        _db.session.commit()
        lina_id = lina.id
    with on_day(OPEN_DAY):
        round_ = _ok(_open_round(api, app), 201)
        users = _users_by_person(app)
        case_id = next(c for c in round_["assessment_round"]["cases"]
                       if _case(api, c)["applicant"]["id"] == lina_id)
        scored = _through_the_stages(api, case_id, users[lina_id], scores=SCORES)
    a = scored["assessment"]
    assert (a["total"], a["proposed_grade"], a["grade"], a["forced"]) == ("91.00", "excellent", "incompetent",
                                                                         "absence_limit")


@pytest.mark.parametrize("preset, cap", [("linfen-2018", 4), ("jiangxi-pian9", None)])
def test_the_quota_is_35_percent_rounded_down_or_none(app, api, preset, cap):
    use_preset(app, preset)
    by = {"linfen-2018": "county.office", "jiangxi-pian9": "county.group"}[preset]
    with on_day(OPEN_DAY):
        round_ = _ok(_open_round(api, app, by=by), 201)
    assert round_["assessment_round"]["quota"]["excellent_max"] == cap   # 12 cadres: 35 % → 4


def test_city_pian15_runs_the_round_for_the_city_with_its_quota_over_the_city(app, api):
    use_preset(app, "city-pian15")
    with app.app_context():
        city = _db.session.scalars(select(OrgUnit.id).where(OrgUnit.kind == "city")).one()
    with on_day(OPEN_DAY):
        # 篇十五: the city's organisation department, not the county office.
        county = api("county.office").post("/api/v1/assessment-rounds",
                                           json={"kind": "annual", "period": "2026", "org_unit_id": city})
        assert county.status_code == 403
        round_ = _ok(api("city.org").post("/api/v1/assessment-rounds",
                                          json={"kind": "annual", "period": "2026", "org_unit_id": city}), 201)
    details = round_["assessment_round"]
    assert len(details["cases"]) == 12 and details["quota"]["excellent_max"] == 4
    # The survey, the site check and the scores are the city department's tasks.
    first = _case(api, details["cases"][0])
    assert first["open_tasks"][0]["kind"] == "self_report"


def test_zhumadian_a_dispatching_unit_assesses_its_own_cadres(app, api):
    # 004 第十九条: the dispatching unit assesses; the results go back to it and the county rural bureau.
    with on_day(OPEN_DAY):
        assert _open_round(api, app).status_code == 403  # not the county office here
        round_ = _ok(_open_round(api, app, by="unit.agri"), 201)
        names = sorted(_case(api, c)["applicant"]["name"] for c in round_["assessment_round"]["cases"])
        assert names == ["吴芳", "李娜", "杨军"]  # 县农业农村局's cadres only
        # A second unit runs its own round for the same county and year.
        assert _open_round(api, app, by="unit.edu").status_code == 201
        assert _open_round(api, app, by="unit.agri").get_json()["error"]["code"] == "round_exists"
        first = round_["assessment_round"]["cases"][0]
        assert _case(api, first)["open_tasks"][0]["kind"] == "self_report"
