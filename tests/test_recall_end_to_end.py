"""A recall walked end to end by the real users under zhumadian-2022, as the parts of recall meet:
the township proposes, the county office issues the notice, the dispatching unit confirms the talk;
then the consequences on the cadre, the vacancy on the team, the 3-day filing going overdue, an
ineligible replacement refused and an eligible one named (004 第十七条; domain §4)."""

from tests.conftest import on_day, reserve, use_preset
from tests.test_recall_flow import _act, _me, _ok, _open


def _reserve(app, name="赵新", unit="县农业农村局") -> int:
    return reserve(app, name, unit)


def _task(api, username, case_id, kind):
    items = api(username).get("/api/v1/inbox").get_json()["items"]
    return next((i for i in items if i["case_id"] == case_id and i["kind"] == kind), None)


def test_a_recall_from_proposal_to_the_replacement(app, api):
    use_preset(app, "zhumadian-2022")
    me = _me(api, "xinghua.member1")
    case = _ok(_open(api, "dongling.head", me, [7], "违反工作纪律受到处分"), 201)
    case = _ok(_act(api, "dongling.head", case["id"], "submit"))
    with on_day("2026-03-11"):
        case = _ok(_act(api, "county.office", case["id"], "approve"))
    assert case["state"] == "notified" and case["recall"]["notice_no"]
    with on_day("2026-03-12"):
        case = _ok(_act(api, "unit.agri", case["id"], "confirm", talk_date="2026-03-12", note="约谈"))
    assert case["state"] == "recalled"

    person = api("county.office").get(f"/api/v1/people/{me}").get_json()
    kinds = {c["kind"]: c for c in person["consequences"]}
    assert kinds["no_awards"]["year"] == 2026 and kinds["no_promotion"]["until"] == "2028-03-11"
    assert "file_record" in kinds and all(c["case_id"] == case["id"] for c in person["consequences"])
    team = next(t for t in person["terms"] if t["end_date"] == "2026-03-11")["team"]["id"]
    vacancies = api("county.office").get(f"/api/v1/teams/{team}").get_json()["vacancies"]
    assert [(v["position"], v["case_id"]) for v in vacancies] == [("member", case["id"])]

    # 004 第十七条: the change is filed within 3 days, or shows overdue in the unit's inbox.
    with on_day("2026-03-13"):
        assert _task(api, "unit.agri", case["id"], "file_change")["overdue"] is False
    with on_day("2026-03-16"):
        assert _task(api, "unit.agri", case["id"], "file_change")["overdue"] is True
        # A cadre serving on another team may not fill the post; one on no team may.
        busy = _me(api, "shiqiao.member1")
        refused = _act(api, "unit.agri", case["id"], "name_replacement", person_id=busy, start_date="2026-03-18")
        assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "person_id"
        newcomer = _reserve(app)
        named = _ok(_act(api, "unit.agri", case["id"], "name_replacement", person_id=newcomer,
                         start_date="2026-03-18"))
    assert named["recall"]["replacement"] == {"id": newcomer, "name": "赵新"}
    assert _task(api, "unit.agri", case["id"], "name_replacement") is None
    assert api("county.office").get(f"/api/v1/teams/{team}").get_json()["vacancies"] == []


def test_the_unit_names_the_replacement_on_the_case_page(app, api, login_as):
    from tests.pages import act, get, option_value, user
    use_preset(app, "zhumadian-2022")
    me = _me(api, "xinghua.member1")
    case = _ok(_open(api, "county.office", me, [7], "违反工作纪律受到处分"), 201)
    _ok(_act(api, "county.office", case["id"], "submit"))
    _ok(_act(api, "county.office", case["id"], "approve"))
    _ok(_act(api, "unit.agri", case["id"], "confirm", talk_date="2026-03-10", note="约谈"))
    _reserve(app, "赵新")
    _reserve(app, "孙外", unit="县教育局")  # another unit's: not offered
    unit = user(login_as, "unit.agri")
    page = get(unit, f"/cases/{case['id']}")
    assert page.has("name_replacement-form")
    assert "赵新" in page.text("name_replacement-form") and "孙外" not in page.text("name_replacement-form")
    chosen = option_value(page.html, "person_id", "赵新")
    done = act(unit, case["id"], "name_replacement", person_id=chosen, start_date="2026-03-16")
    assert done.status == 200 and not done.has("name_replacement-form")
    assert api("county.office").get(f"/api/v1/cases/{case['id']}").get_json()["recall"]["replacement"]["name"] == "赵新"


def test_the_absence_draft_from_presence_data_becomes_a_recall(app, db, api):
    """Ground 4 from the sign-in book: the sweep drafts, a person (the county office) decides."""
    from datetime import date

    from tests.test_absence_thresholds import _fill, _spell, _sweep
    use_preset(app, "linfen-2018")
    me = _me(api, "xinghua.member1")
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 17)), me)
    assert len(_sweep(app, db, date(2026, 3, 25))) == 1
    with on_day("2026-03-25"):
        [draft] = [c for c in api("county.office").get(f"/api/v1/cases?kind=recall&person_id={me}").get_json()["items"]]
        assert draft["state"] == "draft"
        case = _ok(_act(api, "county.office", draft["id"], "submit"))
        case = _ok(_act(api, "county.office", draft["id"], "approve"))
    assert case["state"] == "notified" and case["recall"]["grounds"] == [4]
    assert case["recall"]["evidence"]["days"] == 16
    with on_day("2026-03-26"):
        case = _ok(_act(api, "unit.agri", draft["id"], "confirm", talk_date="2026-03-26", note="约谈"))
    assert case["state"] == "recalled"
    person = api("county.office").get(f"/api/v1/people/{me}").get_json()
    assert [t["end_date"] for t in person["terms"] if t["end_date"] == "2026-03-25"] == ["2026-03-25"]
    assert {c["kind"] for c in person["consequences"]} >= {"no_awards", "no_promotion", "file_record"}
