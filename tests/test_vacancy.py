"""The vacancy a recall or an adjustment leaves (domain §4–5): the team shows it, the dispatching unit
names an eligible replacement and files the change, the township names an acting leader, and the
team rules hold (the size warning, keep one of the previous batch).

The recall workflow reports an ended term through workflows.recall.hooks; here a recall draft stands
in for a decided case, its term ended in the database, and the hook called as the workflow calls it."""
from datetime import date

from sqlalchemy import select

from models import Person, PersonGrade, RoleGrant, Team, User
from tests.conftest import SICK_NOTE, leave_dates, on_day, reserve, use_preset
from webapp.extensions import db as _db
from workflows import clock, policy
from workflows.recall import hooks, services
from workflows.unit_of_work import UnitOfWork

TODAY = date(2026, 3, 10)  # TEST_NOW's date
YESTERDAY = date(2026, 3, 9)
XINGHUA = "杏花村驻村工作队"


def _person(name: str) -> Person:
    return _db.session.scalars(select(Person).where(Person.name == name)).one()


def team_id(app, village: str = "杏花村") -> int:
    with app.app_context():
        return next(t.id for t in _db.session.scalars(select(Team)) if t.village.name == village)


def term_ends(app, name: str, on: date = YESTERDAY) -> int:
    """A recall case about `name` whose term the workflow ended on `on` (their last day: the post is
    vacant from the next), and the hook it calls. Returns the case id."""
    with app.app_context():
        session = _db.session
        with UnitOfWork(session) as uow:
            person = _person(name)
            term = person.current_term(on)
            village = term.team.village
            actor = session.scalars(select(User).where(User.username == "county.office")).one()
            case = services.open_draft(session, actor, policy.in_force(session, village), person, village, [4],
                                       "连续旷工", {})
            term.end_date = on
            session.flush()
            hooks.term_ended(session, case, on)
            uow.commit()
        return case.id


def end_term(app, name: str, on: date) -> None:
    with app.app_context():
        _person(name).current_term(on).end_date = on
        _db.session.commit()


def new_person(app, name: str, home: str = "县农业农村局", grade: str | None = None) -> int:
    """A cadre on no team, as the unit's roster holds them; with an annual grade of 2025 if given."""
    person_id = reserve(app, name, home)
    if grade is not None:
        with app.app_context():
            _db.session.add(PersonGrade(person_id=person_id, period="2025", kind="annual", grade=grade,
                                        reason="annual_assessment", recorded_on=date(2026, 1, 15)))
            _db.session.commit()
    return person_id


def open_task(case: dict, kind: str) -> dict | None:
    return next((t for t in case["open_tasks"] if t["kind"] == kind), None)


def replace(api, case_id: int, person_id: int, start: str = "2026-03-16", unit: str = "unit.agri"):
    return api(unit).act(case_id, "name_replacement", person_id=person_id, start_date=start)


# ---------------------------------------------------------------- the vacancy and its tasks

def test_an_ended_term_leaves_a_vacancy_the_team_shows(app, api):
    case_id = term_ends(app, "李娜")
    body = api("county.office").get(f"/api/v1/teams/{team_id(app)}").get_json()
    [vacancy] = body["vacancies"]
    assert vacancy["position"] == "member" and vacancy["since"] == "2026-03-10" and vacancy["case_id"] == case_id
    assert vacancy["left"]["name"] == "李娜"
    assert [m["person"]["name"] for m in body["members"]] == ["张伟", "王强"]
    assert body["below_min_size"] is True and body["min_size"] == 3 and body["vacant_posts"] == 1


def test_the_dispatching_unit_gets_the_task_to_name_a_replacement_in_15_days(app, api):
    case_id = term_ends(app, "李娜")
    case = api("unit.agri").get(f"/api/v1/cases/{case_id}").get_json()
    task = open_task(case, "name_replacement")
    assert task["office"] == "dispatching_unit" and task["org_unit"]["name"] == "县农业农村局"
    assert task["due_date"] == "2026-03-25"
    assert "name_replacement" in case["actions"]
    # Another unit holds no such task and is offered nothing.
    assert api("unit.edu").get(f"/api/v1/cases/{case_id}").status_code == 403


def test_naming_an_eligible_replacement_fills_the_post(app, api):
    case_id = term_ends(app, "李娜")
    newcomer = new_person(app, "赵新")
    response = replace(api, case_id, newcomer)
    assert response.status_code == 200, response.get_json()
    assert open_task(response.get_json(), "name_replacement") is None
    body = api("county.office").get(f"/api/v1/teams/{team_id(app)}").get_json()
    assert body["vacancies"] == []
    # The replacement starts on the 16th: on the 16th they are a member, in the same post.
    with on_day("2026-03-16"):
        body = api("county.office").get(f"/api/v1/teams/{team_id(app)}").get_json()
    joined = next(m for m in body["members"] if m["person"]["name"] == "赵新")
    assert joined["role"] == "member" and joined["start_date"] == "2026-03-16"
    assert joined["end_date"] == "2027-02-28"  # serves out the batch's term
    assert body["below_min_size"] is False
    with app.app_context():
        from models import Case
        from workflows.vacancy import services as vacancy_services
        named = vacancy_services.replacement(_db.session.get(Case, case_id))
    assert named == {"person": {"id": newcomer, "name": "赵新"}, "start_date": "2026-03-16", "position": "member"}
    # A post is filled once.
    again = replace(api, case_id, new_person(app, "钱多"))
    assert again.status_code == 403


# ---------------------------------------------------------------- eligibility

def test_a_replacement_on_another_team_is_refused(app, api):
    case_id = term_ends(app, "李娜")
    with app.app_context():
        on_shiqiao = _person("陈静").id
    response = replace(api, case_id, on_shiqiao)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "on_another_team" and error["field"] == "person_id"
    assert "石桥村驻村工作队" in error["message"]
    assert api("county.office").get(f"/api/v1/teams/{team_id(app)}").get_json()["vacancies"] != []


def test_an_unknown_replacement_is_refused_naming_the_field(app, api):
    case_id = term_ends(app, "李娜")
    response = replace(api, case_id, 999999)
    assert response.status_code == 422 and response.get_json()["error"]["field"] == "person_id"


def test_under_jiangxi_a_replacement_graded_basic_in_the_last_two_years_is_refused(app, api):
    use_preset(app, "jiangxi-pian9")
    case_id = term_ends(app, "李娜")
    graded = new_person(app, "钱平", grade="basic")
    response = replace(api, case_id, graded)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "excluded_grade" and error["field"] == "person_id" and "2025" in error["message"]
    assert replace(api, case_id, new_person(app, "孙优", grade="excellent")).status_code == 200


def test_under_zhumadian_the_same_grade_does_not_exclude(app, api):
    case_id = term_ends(app, "李娜")
    assert replace(api, case_id, new_person(app, "钱平", grade="basic")).status_code == 200


# ---------------------------------------------------------------- the 3-day filing (004 第十七条)

def test_under_zhumadian_the_change_is_filed_within_3_days_or_shows_overdue(app, api):
    case_id = term_ends(app, "李娜")
    task = open_task(api("unit.agri").get(f"/api/v1/cases/{case_id}").get_json(), "file_change")
    assert task["due_date"] == "2026-03-13" and task["overdue"] is False
    with on_day("2026-03-13"):
        assert open_task(api("unit.agri").get(f"/api/v1/cases/{case_id}").get_json(), "file_change")["overdue"] is False
    with on_day("2026-03-14"):
        late = open_task(api("unit.agri").get(f"/api/v1/cases/{case_id}").get_json(), "file_change")
        assert late["overdue"] is True
        assert case_id in [row["case_id"] for row in api("unit.agri").get("/api/v1/inbox?overdue=1").get_json()["items"]]
        response = api("unit.agri").act(case_id, "file_change")
    assert response.status_code == 200
    assert open_task(response.get_json(), "file_change") is None
    for office in ("county.org", "county.rural"):
        assert case_id in [f["case"]["id"] for f in api(office).get("/api/v1/filed").get_json()["items"]]


def test_naming_the_replacement_is_a_change_to_file_too(app, api):
    case_id = term_ends(app, "李娜")
    assert api("unit.agri").act(case_id, "file_change").status_code == 200
    with on_day("2026-03-12"):
        case = replace(api, case_id, new_person(app, "赵新")).get_json()
    assert open_task(case, "file_change")["due_date"] == "2026-03-15"


def test_under_linfen_no_filing_task_opens(app, api):
    use_preset(app, "linfen-2018")
    case_id = term_ends(app, "李娜")
    case = api("unit.agri").get(f"/api/v1/cases/{case_id}").get_json()
    assert open_task(case, "name_replacement") is not None and open_task(case, "file_change") is None


# ---------------------------------------------------------------- the team leader

def leave_as(api, username: str, days: int = 3):
    start, end = leave_dates(days)
    return api(username).post("/api/v1/leave-requests", json={"type": "personal", "start_date": start,
                                                              "end_date": end, "reason": "家中有事",
                                                              "documents": [SICK_NOTE]})


def test_a_leave_step_for_a_team_without_its_leader_is_refused_until_an_acting_leader_is_named(app, api):
    use_preset(app, "county-pian6")  # a member's leave goes to the team leader first
    term_ends(app, "张伟")
    refused = leave_as(api, "xinghua.member1")
    assert refused.status_code == 409, refused.get_json()
    error = refused.get_json()["error"]
    assert error["code"] == "no_team_leader" and XINGHUA in error["message"]
    assert api("xinghua.member1").get("/api/v1/cases?kind=leave").get_json()["total"] == 0

    with app.app_context():
        acting = _person("王强").id
    named = api("dongling.head").post(f"/api/v1/teams/{team_id(app)}/acting-leader", json={"person_id": acting})
    assert named.status_code == 200, named.get_json()
    assert named.get_json()["acting_leader"]["name"] == "王强"

    filed = leave_as(api, "xinghua.member1")
    assert filed.status_code == 201
    case_id = filed.get_json()["id"]
    # 篇六: the village secretary certifies a personal leave, then the (acting) team leader approves.
    assert api("xinghua.secretary").act(case_id, "approve").status_code == 200
    assert case_id in [row["case_id"] for row in api("xinghua.member2").get("/api/v1/inbox").get_json()["items"]]
    assert api("xinghua.member2").act(case_id, "approve").status_code == 200


def test_a_leave_already_on_its_way_stops_where_it_is_until_an_acting_leader_is_named(app, api):
    use_preset(app, "county-pian6")
    case_id = leave_as(api, "xinghua.member1").get_json()["id"]
    term_ends(app, "张伟")
    refused = api("xinghua.secretary").act(case_id, "approve")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "no_team_leader"
    case = api("xinghua.secretary").get(f"/api/v1/cases/{case_id}").get_json()
    assert case["state"] == "pending" and open_task(case, "approve")["office"] == "village_secretary"


def test_the_leader_who_left_no_longer_holds_the_team_leaders_office(app, api):
    term_ends(app, "张伟")
    with app.app_context():
        grants = _db.session.scalars(select(RoleGrant).join(User).where(User.username == "xinghua.leader")).all()
        assert [g.role for g in grants] == ["cadre"]


def test_only_the_township_names_an_acting_leader_and_only_a_member(app, api):
    term_ends(app, "张伟")
    path = f"/api/v1/teams/{team_id(app)}/acting-leader"
    with app.app_context():
        member, stranger = _person("王强").id, _person("陈静").id
    assert api("unit.finance").post(path, json={"person_id": member}).status_code == 403
    not_member = api("dongling.head").post(path, json={"person_id": stranger})
    assert not_member.status_code == 422 and not_member.get_json()["error"]["field"] == "person_id"
    assert api("dongling.deputy").post(path, json={"person_id": member}).status_code == 200


def test_a_team_with_its_leader_names_no_acting_leader(app, api):
    term_ends(app, "李娜")
    with app.app_context():
        member = _person("王强").id
    response = api("dongling.head").post(f"/api/v1/teams/{team_id(app)}/acting-leader", json={"person_id": member})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "leader_not_vacant"


def test_a_replacement_leader_takes_the_office_from_the_acting_leader(app, api):
    case_id = term_ends(app, "张伟")
    with app.app_context():
        acting = _person("王强").id
    api("dongling.head").post(f"/api/v1/teams/{team_id(app)}/acting-leader", json={"person_id": acting})
    newcomer = new_person(app, "钱进", home="市财政局")
    with app.app_context():
        _db.session.add(User(username="qian.jin", password_hash="-", person_id=newcomer))
        _db.session.commit()
    assert replace(api, case_id, newcomer, unit="unit.finance").status_code == 200
    with app.app_context():
        roles = {u.username: sorted(g.role for g in u.grants)
                 for u in _db.session.scalars(select(User).where(User.username.in_(["qian.jin", "xinghua.member2"])))}
    assert roles == {"qian.jin": ["cadre", "team_leader"], "xinghua.member2": ["cadre"]}


# ---------------------------------------------------------------- keep one of the previous batch (001 第四条)

def test_under_linfen_a_replacement_that_leaves_no_member_of_the_previous_batch_is_refused(app, api):
    use_preset(app, "linfen-2018")
    end_term(app, "张伟", YESTERDAY)
    end_term(app, "王强", YESTERDAY)
    case_id = term_ends(app, "李娜")
    response = replace(api, case_id, new_person(app, "赵新"))
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "keep_one_of_previous_batch" and XINGHUA in error["message"]


def test_under_linfen_a_replacement_beside_a_previous_member_is_named(app, api):
    use_preset(app, "linfen-2018")
    end_term(app, "张伟", YESTERDAY)
    case_id = term_ends(app, "李娜")
    assert replace(api, case_id, new_person(app, "赵新")).status_code == 200


def test_under_zhumadian_a_whole_new_team_may_be_named(app, api):
    end_term(app, "张伟", YESTERDAY)
    end_term(app, "王强", YESTERDAY)
    case_id = term_ends(app, "李娜")
    assert replace(api, case_id, new_person(app, "赵新")).status_code == 200


# ---------------------------------------------------------------- the team page

def test_the_team_page_shows_the_vacancy_and_the_size_warning(app, login_as):
    from tests.pages import get
    case_id = term_ends(app, "李娜")
    page = get(login_as("dongling.head"), f"/teams/{team_id(app)}")
    [row] = page.all("vacancy-row")
    assert row.attrs["data-case-id"] == str(case_id)
    assert "3" in page.text("below-min-size")
    assert not page.has("acting-leader-form")  # the leader is still there


def test_the_township_names_an_acting_leader_from_the_team_page(app, login_as):
    from tests.conftest import csrf_token
    from tests.pages import get
    term_ends(app, "张伟")
    client = login_as("dongling.head")
    path = f"/teams/{team_id(app)}"
    assert get(client, path).has("acting-leader-form")
    with app.app_context():
        acting = _person("王强").id
    response = client.post(f"{path}/acting-leader", data={"person_id": acting, "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302
    assert get(client, path).text("acting-leader") == "王强"


def test_the_policy_names_the_team_size(app, api, edit_policy):
    import copy

    from workflows import policy
    body = copy.deepcopy(policy.load_presets()["zhumadian-2022"])
    body["vacancy"]["min_team_size"] = 4
    with app.app_context():
        policy.publish(_db.session, body, "edited by admin")
        _db.session.commit()
    team = api("county.office").get(f"/api/v1/teams/{team_id(app)}").get_json()
    assert team["min_size"] == 4 and team["below_min_size"] is True and team["vacant_posts"] == 1
    assert clock.today() == TODAY
