"""A recall's replacement is handed over with the recalled cadre absent (domain §5: "after an adjustment or
recall"; issue 13: "the team leader lists on their behalf with the township as witness, and the record says
so"): naming the replacement opens the handover, the team leader lists, the incoming cadre confirms, the
leader and the township sign, and the replacement's term (begun on the day named) is the one kept."""
from tests.conftest import on_day
from tests.test_handover_flow import _act, _case, _confirm_all, _items, _list_the_rest, _ok, _task
from tests.test_vacancy import new_person, replace, term_ends


def _handover_of(api, lister, parent_id) -> dict:
    found = api(lister).get("/api/v1/inbox").get_json()["items"]
    ids = [i["case_id"] for i in found if i["kind"] == "list_items"]
    cases = [_case(api, i) for i in ids]
    return next(c for c in cases if c["parent_id"] == parent_id)


def test_a_recalled_cadres_post_is_handed_over_by_the_team_leader_with_the_township_witnessing(app, api):
    recall_id = term_ends(app, "李娜")
    newcomer = new_person(app, "赵新")
    _ok(replace(api, recall_id, newcomer, start="2026-03-16"))
    case = _handover_of(api, "xinghua.leader", recall_id)
    h = case["handover"]
    assert (h["outgoing"]["name"], h["incoming"]["name"], h["handover_date"]) == ("李娜", "赵新", "2026-03-16")
    assert (h["source"], h["outgoing_absent"], h["absent_reason"]) == ("recall", True, "recalled")
    # The recalled cadre does not list: the task is the team leader's.
    assert _task(api, "xinghua.member1", case["id"], "list_items") is None
    refused = api("xinghua.member1").post(f"/api/v1/cases/{case['id']}/items",
                                          json={"heading": "duties", "title": "帮扶户"})
    assert refused.status_code == 403
    _list_the_rest(api, "xinghua.leader", case["id"])
    _ok(api("xinghua.leader").post(f"/api/v1/cases/{case['id']}/items", json={"heading": "unfinished", "title": "无"}),
        201)
    added = _case(api, case["id"])
    assert {i["heading"] for i in _items(added)} == {"duties", "village", "unfinished", "records", "funds"}
    history = api("admin").get(f"/api/v1/cases/{case['id']}/history").get_json()
    assert {e["payload"]["office"] for e in history if e["action"] == "add_item"} == {"team_leader"}
    _ok(_act(api, "xinghua.leader", case["id"], "submit"))
    _confirm_all(api, f"reserve.{newcomer}", case["id"])
    _ok(_act(api, "xinghua.leader", case["id"], "approve"))
    done = _ok(_act(api, "dongling.head", case["id"], "approve"))
    assert done["state"] == "done"
    # The replacement's term began when named; the sign-off adds none, and the recalled term stays ended.
    terms = api("admin").get(f"/api/v1/people/{newcomer}").get_json()["terms"]
    assert [(t["start_date"], t["role"]) for t in terms] == [("2026-03-16", "member")]
    with on_day("2026-03-16"):
        lina = api("admin").get(f"/api/v1/people/{h['outgoing']['id']}").get_json()["terms"][-1]
    assert lina["end_date"] == "2026-03-09"


def test_an_ill_cadre_is_marked_absent_and_the_team_leader_lists_for_them(app, api):
    from tests.test_handover_flow import HANDOVER_DATE, _me, _open
    from tests.conftest import reserve
    lina = _me(api, "xinghua.member1")
    case = _ok(_open(api, "dongling.head", lina, reserve(app, "钱程")), 201)
    assert _task(api, "xinghua.member1", case["id"], "list_items") is not None
    # A member may not say another is absent; the team leader (or the township) may, with the reason.
    assert _act(api, "xinghua.member2", case["id"], "mark_absent", reason="住院").status_code == 403
    no_reason = _act(api, "xinghua.leader", case["id"], "mark_absent")
    assert no_reason.status_code == 422 and no_reason.get_json()["error"]["field"] == "reason"
    marked = _ok(_act(api, "xinghua.leader", case["id"], "mark_absent", reason="住院治疗"))
    assert (marked["handover"]["outgoing_absent"], marked["handover"]["absent_reason"]) == (True, "住院治疗")
    assert _task(api, "xinghua.member1", case["id"], "list_items") is None
    assert _task(api, "xinghua.leader", case["id"], "list_items") is not None
    assert marked["handover"]["handover_date"] == HANDOVER_DATE
