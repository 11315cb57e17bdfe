"""The semiannual review (半年综合测评, 001 第十一条) under linfen-2018, walked through the API: the county
office opens it for 2026H1 once the cadres are six months in post; every case starts at its scoring; the
cadre (or the county office) records the cadre's own goals, which the goals item then scores; the scores
are ranked with ties sharing a rank (1, 1, 3); publishing has no quota and no public notice, and
finalizing leaves no grade on the people (001: "按综合评分排出名次，由县市区留存备案")."""
from tests.conftest import on_day, use_preset
from tests.test_assessment_round import _open_round, _users_by_person
from tests.test_handover_flow import _act, _case, _ok

REVIEW_DAY = "2026-07-10"  # demo terms start 2025-03-01: well over six months in post
COMMON = {"presence": 28, "discipline": 18, "performance": 18, "feedback": 8}  # 72 of the common part's 80
# The goals part of each of the twelve cases: totals 90, 90, 87, 86, … — a tie at the top.
GOALS_POINTS = [18, 18, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6]


def _error(response, status=422) -> tuple:
    assert response.status_code == status, response.get_json()
    error = response.get_json()["error"]
    return error.get("field"), error["code"]


def test_a_semiannual_review_is_ranked_on_the_common_items_and_the_cadres_goals_with_no_grade(app, api):
    use_preset(app, "linfen-2018")
    with on_day(REVIEW_DAY):
        round_ = _ok(_open_round(api, app, kind="semiannual", period="2026H1"), 201)
        details = round_["assessment_round"]
        ids = details["cases"]
        assert len(ids) == 12 and details["stages"] == {"scoring": 12}
        assert details["quota"]["excellent_max"] is None   # ranked, not graded: no 优秀 quota
        users = _users_by_person(app)
        cadre_of = {c: users[_case(api, c)["applicant"]["id"]] for c in ids}
        first = _case(api, ids[0])
        assert [i["code"] for i in first["assessment"]["items"]] == \
            ["presence", "discipline", "performance", "feedback", "goals"]
        assert first["assessment"]["goals"] is None

        # The goals part scores the cadre's goals: not before they are recorded.
        assert _error(_act(api, "county.office", ids[0], "score", scores={**COMMON, "goals": 18})) == \
            ("scores", "no_goals")
        # The cadre records their own goals; another cadre may not.
        assert "set_goals" in api(cadre_of[ids[0]]).get(f"/api/v1/cases/{ids[0]}").get_json()["actions"]
        assert _act(api, cadre_of[ids[1]], ids[0], "set_goals", goals=["别人的目标"]).status_code == 403
        assert _error(_act(api, cadre_of[ids[0]], ids[0], "set_goals", goals=[])) == ("goals", "required")
        goals = ["发展村集体经济，年增收5万元", "走访全部脱贫户和监测户"]
        done = _ok(_act(api, cadre_of[ids[0]], ids[0], "set_goals", goals=goals))
        assert done["assessment"]["goals"] == goals and done["state"] == "scoring"
        # A score over the goals' maximum (20) is refused, naming the scores.
        over = _act(api, "county.office", ids[0], "score", scores={**COMMON, "goals": 21})
        assert _error(over) == ("scores", "score_out_of_range") and "20" in over.get_json()["error"]["message"]

        # The county office records the goals of the others (as handed in on paper) and scores every case.
        for case_id, points in zip(ids, GOALS_POINTS):
            if case_id != ids[0]:
                _ok(_act(api, "county.office", case_id, "set_goals", goals=["完成年度帮扶项目"]))
            scored = _ok(_act(api, "county.office", case_id, "score", scores={**COMMON, "goals": points}))
            assert (scored["assessment"]["proposed_grade"], scored["assessment"]["grade"]) == (None, None)
        assert _case(api, ids[0])["assessment"]["total"] == "90.00"
        # Goals are the scoring's input: once scored they stay as scored.
        assert _act(api, cadre_of[ids[0]], ids[0], "set_goals", goals=["改过的目标"]).status_code == 409

        ranking = _case(api, round_["id"])["assessment_round"]["ranking"]
        assert [r["rank"] for r in ranking] == [1, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        assert [r["total"] for r in ranking[:3]] == ["90.00", "90.00", "87.00"]
        assert {r["case_id"] for r in ranking[:2]} == set(ids[:2])

        # Published with no notice window; finalized at once, with no grade and nothing sent on.
        published = _ok(_act(api, "county.office", round_["id"], "publish"))
        assert (published["state"], published["assessment_round"]["notice_until"]) == ("published", None)
        final = _ok(_act(api, "county.office", round_["id"], "finalize"))
    assert final["state"] == "final" and final["assessment_round"]["grades"] == {}
    assert final["open_tasks"] == []
    for case_id in ids:
        case = _case(api, case_id)
        assert case["state"] == "final" and case["assessment"]["grade"] is None
        record = api("admin").get(f"/api/v1/people/{case['applicant']['id']}").get_json()
        assert [g for g in record["grades"] if g["period"].startswith("2026")] == []


def test_goals_are_the_semiannual_reviews_alone(app, api):
    """An annual case offers no goals: its items are the policy's."""
    use_preset(app, "linfen-2018")
    with on_day("2026-12-10"):
        round_ = _ok(_open_round(api, app), 201)
        case_id = round_["assessment_round"]["cases"][0]
        users = _users_by_person(app)
        cadre = users[_case(api, case_id)["applicant"]["id"]]
        assert "set_goals" not in api(cadre).get(f"/api/v1/cases/{case_id}").get_json()["actions"]
        assert _act(api, cadre, case_id, "set_goals", goals=["目标"]).status_code == 409
