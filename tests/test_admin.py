"""The admin area, used as an administrator uses it: org units, people, teams and terms, users and
role grants, and the case search."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from models import OrgUnit
from tests.conftest import csrf_token, login
from workflows import clock, org_admin
from tests.pages import file_leave, get, option_value, post, user

TODAY = clock.today()


@pytest.fixture
def admin(login_as):
    return user(login_as, "admin")


def unit_id(page_html, name):
    return int(re.search(rf'/admin/units/(\d+)">{name}<', page_html).group(1))


def test_only_admins_come_in(login_as, client):
    assert user(login_as, "xinghua.member1").get("/admin/").status_code == 403
    assert user(login_as, "county.office").get("/admin/cases").status_code == 403
    assert client.get("/admin/").status_code == 302  # to the login page


def test_units_tree_and_adding_a_village(admin):
    page = get(admin, "/admin/units")
    assert page.status == 200
    names = [row.text for row in page.all("unit-row")]
    assert names.index("示范县 County") < names.index("东岭镇 Township") < names.index("杏花村 Village")

    township = option_value(page.html, "parent_id", "东岭镇")
    added = post(admin, "/admin/units", {"kind": "village", "name": "桃园村", "parent_id": township}, "/admin/units")
    assert added.status == 200 and "桃园村 Village" in [r.text for r in added.all("unit-row")]


@pytest.mark.parametrize("data, field, words", [
    ({"kind": "village", "name": "错村", "parent": "示范县"}, "parent_id", "cannot belong to a County"),
    ({"kind": "township", "name": "无主镇", "parent": None}, "parent_id", "Choose the unit"),
    ({"kind": "village", "name": "杏花村", "parent": "东岭镇"}, "name", "already exists"),
    ({"kind": "village", "name": "", "parent": "东岭镇"}, "name", ""),
])
def test_bad_units_are_refused_at_their_field(admin, data, field, words):
    html = get(admin, "/admin/units").html
    body = {"kind": data["kind"], "name": data["name"],
            "parent_id": option_value(html, "parent_id", data["parent"]) if data["parent"] else ""}
    before = len(get(admin, "/admin/units").all("unit-row"))
    refused = post(admin, "/admin/units", body, "/admin/units")
    assert refused.status == 422
    assert words in refused.text(f"error-{field}")
    assert len(get(admin, "/admin/units").all("unit-row")) == before


def test_renaming_a_unit_and_moving_it_under_its_own_child_is_refused(admin):
    html = get(admin, "/admin/units").html
    county = unit_id(html, "示范县")
    page = get(admin, f"/admin/units/{county}")
    renamed = post(admin, f"/admin/units/{county}", {
        "kind": "county", "name": "示范区", "parent_id": option_value(page.html, "parent_id", "示范市"),
        "policy_id": "linfen-2018"}, f"/admin/units/{county}")
    assert "示范区 County linfen-2018" in [r.text for r in renamed.all("unit-row")]
    city = unit_id(renamed.html, "示范市")
    cycle = post(admin, f"/admin/units/{city}", {"kind": "city", "name": "示范市", "parent_id": ""},
                 f"/admin/units/{city}")
    assert cycle.status == 200  # a city has no parent: fine
    township = unit_id(renamed.html, "东岭镇")
    moved = post(admin, f"/admin/units/{township}", {
        "kind": "township", "name": "东岭镇", "parent_id": option_value(page.html, "parent_id", "西河乡")},
        f"/admin/units/{township}")
    assert moved.status == 422 and "cannot belong to a Township" in moved.text("error-parent_id")


def test_people_teams_and_terms(admin):
    page = get(admin, "/admin/people")
    unit = option_value(page.html, "home_unit_id", "县教育局")
    added = post(admin, "/admin/people", {"name": "郑华", "phone": "13800000000", "home_unit_id": unit}, "/admin/people")
    assert "郑华 县教育局 —" in [r.text for r in added.all("person-row")]

    teams = get(admin, "/admin/teams")
    person = option_value(teams.html, "term-person_id", "郑华")
    team = option_value(teams.html, "term-team_id", "杏花村驻村工作队")
    start, end = TODAY.replace(day=1), TODAY.replace(day=1) + timedelta(days=730)
    term = {"term-person_id": person, "term-team_id": team, "term-position": "member",
            "term-start_date": start.isoformat(), "term-planned_end_date": end.isoformat()}
    posted = post(admin, "/admin/terms", term, "/admin/teams")
    assert posted.status == 200
    assert any("郑华" in r.text for r in posted.all("term-row"))
    assert "郑华 县教育局 杏花村驻村工作队 · Team member" in [r.text for r in get(admin, "/admin/people").all("person-row")]

    overlap = post(admin, "/admin/terms", {**term, "term-start_date": (start + timedelta(days=30)).isoformat()},
                   "/admin/teams")
    assert overlap.status == 422 and "already has a term" in overlap.text("error-start_date")
    backwards = post(admin, "/admin/terms", {**term, "term-planned_end_date": (start - timedelta(days=1)).isoformat()},
                     "/admin/teams")
    assert backwards.status == 422 and "after the start" in backwards.text("error-planned_end_date")

    second_team = post(admin, "/admin/teams", {"team-village_id": option_value(teams.html, "team-village_id", "杏花村"),
                                               "team-name": "第二工作队"}, "/admin/teams")
    assert second_team.status == 422 and "one village, one team" in second_team.text("error-village_id")


def test_a_new_user_with_a_granted_role_sees_their_inbox(app, admin, api):
    created = post(admin, "/admin/users", {"username": "dongling.new", "password": "s3cret-pw", "active": "y"},
                   "/admin/users")
    assert created.status == 200
    path = re.search(r'action="(/admin/users/\d+)/grants"', created.html).group(1)
    grant = {"grant-role": "township_head", "grant-org_unit_id": option_value(created.html, "grant-org_unit_id", "东岭镇")}
    granted = post(admin, f"{path}/grants", grant, path)
    rows = [r.text for r in granted.all("grant-row")]
    assert len(rows) == 1 and "Township party secretary" in rows[0] and "东岭镇" in rows[0]
    again = post(admin, f"{path}/grants", grant, path)
    assert again.status == 422 and "already holds" in again.text("error-role")

    newcomer = login(app.test_client(), "dongling.new", "s3cret-pw")
    roles = newcomer.get("/api/v1/me").get_json()["roles"]
    assert roles == [{"role": "township_head", "org_unit": {"id": roles[0]["org_unit"]["id"], "name": "东岭镇"}}]
    case_id = file_leave(user(lambda name: login(app.test_client(), name), "xinghua.member1"))
    assert case_id in get(newcomer, "/inbox/").case_ids("inbox-row")


def test_a_username_saved_by_another_admin_meanwhile_is_a_conflict_not_a_server_error(admin, monkeypatch):
    # The other admin saves "admin" between this admin's check and commit: the constraint answers.
    monkeypatch.setattr(org_admin, "check_username", lambda *args: None)
    raced = post(admin, "/admin/users", {"username": "admin", "password": "whatever"}, "/admin/users")
    assert raced.status == 409
    assert "Someone saved the same thing at the same moment" in raced.html
    assert [u.text.split()[0] for u in get(admin, "/admin/users").all("user-row")].count("admin") == 1


def test_duplicate_usernames_and_deactivation(app, admin, api):
    logged_in, token_client = login(app.test_client(), "county.chief"), api("county.chief")
    assert logged_in.get("/inbox/").status_code == 200
    taken = post(admin, "/admin/users", {"username": "Admin", "password": "whatever"}, "/admin/users")
    assert taken.status == 422 and "is taken" in taken.text("error-username")
    no_password = post(admin, "/admin/users", {"username": "fresh"}, "/admin/users")
    assert no_password.status == 422 and no_password.has("error-password")

    users = get(admin, "/admin/users")
    path = re.search(r'href="(/admin/users/\d+)">county.chief<', users.html).group(1)
    saved = post(admin, path, {"user-username": "county.chief", "user-person_id": ""}, path)  # active unticked
    assert saved.status == 200
    client = app.test_client()
    refused = client.post("/login", data={"username": "county.chief", "password": "demo",
                                          "csrf_token": csrf_token(client)})
    assert refused.status_code == 200
    assert "用户名或密码错误" in refused.get_data(as_text=True)
    assert client.get("/inbox/").status_code == 302
    assert logged_in.get("/inbox/").status_code == 302  # a session already open ends with it
    assert token_client.get("/api/v1/me").status_code == 401
    assert "county.chief" in [r.text.split()[0] for r in get(admin, "/admin/users").all("user-row")]


def test_case_search_finds_by_applicant_and_number(app, admin):
    cadre = user(lambda name: login(app.test_client(), name), "xinghua.member1")
    case_id = file_leave(cadre)
    other = file_leave(user(lambda name: login(app.test_client(), name), "liushu.member1"))
    found = get(admin, "/admin/cases?q=李娜")
    assert found.case_ids("case-row") == [case_id]
    assert get(admin, f"/admin/cases?q={other}").case_ids("case-row") == [other]
    assert get(admin, "/admin/cases?state=approved").case_ids("case-row") == []
    assert get(admin, "/admin/cases?q=nobody").has("empty-state")
    assert set(get(admin, "/admin/cases").case_ids("case-row")) == {case_id, other}
    assert get(admin, f"/cases/{case_id}").has("history")


def test_ending_a_term_and_editing_a_person(admin):
    teams = get(admin, "/admin/teams")
    path = re.search(r'<td>李娜</td>\s*<td>[^<]*</td>\s*<td><a href="(/admin/terms/\d+)"', teams.html).group(1)
    form = get(admin, path)
    data = {name: option_value(form.html, name, text) for name, text in
            (("person_id", "李娜"), ("team_id", "杏花村驻村工作队"))}
    start = re.search(r'name="start_date"[^>]*value="([\d-]+)"', form.html).group(1)
    planned = re.search(r'name="planned_end_date"[^>]*value="([\d-]+)"', form.html).group(1)
    ended = post(admin, path, {**data, "position": "member", "start_date": start, "planned_end_date": planned,
                               "end_date": (TODAY - timedelta(days=1)).isoformat()}, path)
    assert ended.status == 200
    assert any(r.text.startswith("李娜") and r.text.endswith("—") for r in get(admin, "/admin/people").all("person-row"))
    before_start = post(admin, path, {**data, "position": "member", "start_date": start, "planned_end_date": planned,
                                      "end_date": "2000-01-01"}, path)
    assert before_start.status == 422 and before_start.has("error-end_date")

    people = get(admin, "/admin/people")
    person_path = re.search(r'href="(/admin/people/\d+)">李娜<', people.html).group(1)
    saved = post(admin, person_path, {"name": "李娜", "phone": "13912345678",
                                      "home_unit_id": option_value(people.html, "home_unit_id", "县教育局")}, person_path)
    assert any(r.text.startswith("李娜 县教育局") for r in saved.all("person-row"))


def test_pages_are_chinese_by_default_and_closed_to_others_for_writes(app, login_as, db):
    chinese = login_as("admin")
    page = get(chinese, "/admin/units")
    assert page.status == 200 and "组织机构" in page.html and "东岭镇" in page.html
    refused = post(chinese, "/admin/units", {"kind": "village", "name": "错村", "parent_id":
                                             option_value(page.html, "parent_id", "示范县")}, "/admin/units")
    assert refused.status == 422 and refused.text("error-parent_id") == "村不能隶属于县（区）。"
    member = login_as("xinghua.member1")
    token = csrf_token(member, "/inbox/")
    refused = member.post("/admin/units", data={"kind": "city", "name": "闯入市", "csrf_token": token})
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(OrgUnit).where(OrgUnit.name == "闯入市")) is None


def test_a_unit_others_depend_on_keeps_its_kind_and_policies_are_chosen_from_the_list(admin):
    html = get(admin, "/admin/units").html
    township = unit_id(html, "东岭镇")
    county = option_value(html, "parent_id", "示范县")
    as_village = post(admin, f"/admin/units/{township}", {"kind": "village", "name": "东岭镇", "parent_id": county},
                      f"/admin/units/{township}")
    assert as_village.status == 422 and "it stays a Township" in as_village.text("error-kind")

    city = unit_id(html, "示范市")
    bogus = post(admin, f"/admin/units/{city}", {"kind": "city", "name": "示范市", "parent_id": "",
                                                 "policy_id": "no-such-policy"}, f"/admin/units/{city}")
    assert bogus.status == 422 and bogus.has("error-policy_id")
    assert "no-such-policy" not in get(admin, "/admin/units").html

    # A unit nothing hangs on yet may still change its kind.
    added = post(admin, "/admin/units", {"kind": "village", "name": "新村", "parent_id":
                                         option_value(html, "parent_id", "东岭镇")}, "/admin/units")
    new = unit_id(added.html, "新村")
    changed = post(admin, f"/admin/units/{new}", {"kind": "dispatching_unit", "name": "新村", "parent_id": county},
                   f"/admin/units/{new}")
    assert "新村 Dispatching unit" in [r.text for r in changed.all("unit-row")]


@pytest.mark.parametrize("unit", ["东岭镇", "999", "99999999999999999999"])
def test_a_home_unit_must_be_a_dispatching_unit_that_exists(admin, unit):
    value = unit if unit.isdigit() else unit_id(get(admin, "/admin/units").html, unit)  # not offered: posted anyway
    refused = post(admin, "/admin/people", {"name": "王五", "home_unit_id": value}, "/admin/people")
    assert refused.status == 422 and refused.has("error-home_unit_id")
    assert not any(r.text.startswith("王五") for r in get(admin, "/admin/people").all("person-row"))


def test_a_user_linked_to_no_such_person_is_refused(admin):
    refused = post(admin, "/admin/users", {"username": "ghost", "password": "s3cret-pw", "person_id": "4242"},
                   "/admin/users")
    assert refused.status == 422 and "from the list" in refused.text("error-person_id")
    assert "ghost" not in get(admin, "/admin/users").html


def test_roles_are_granted_where_their_office_sits_and_revoked(app, admin):
    users = get(admin, "/admin/users")
    path = re.search(r'href="(/admin/users/\d+)">dongling.deputy<', users.html).group(1)
    page = get(admin, path)
    at_village = post(admin, f"{path}/grants", {"grant-role": "township_head", "grant-org_unit_id":
                                                option_value(page.html, "grant-org_unit_id", "杏花村")}, path)
    assert at_village.status == 422
    assert "is granted at a Township" in at_village.text("error-org_unit_id")
    assert len(at_village.all("grant-row")) == 1

    deputy = login(app.test_client(), "dongling.deputy")
    assert [r["role"] for r in deputy.get("/api/v1/me").get_json()["roles"]] == ["township_deputy"]
    revoke = re.search(r'action="(/admin/grants/\d+/revoke)"', page.html).group(1)
    revoked = post(admin, revoke, {}, path)
    assert revoked.status == 200 and revoked.all("grant-row") == []
    assert deputy.get("/api/v1/me").get_json()["roles"] == []


def test_an_admin_keeps_their_own_role_and_account(admin):
    users = get(admin, "/admin/users")
    path = re.search(r'href="(/admin/users/\d+)">admin<', users.html).group(1)
    page = get(admin, path)
    revoke = re.search(r'action="(/admin/grants/\d+/revoke)"', page.html).group(1)
    assert len(post(admin, revoke, {}, path).all("grant-row")) == 1
    deactivated = post(admin, path, {"user-username": "admin", "user-person_id": ""}, path)
    assert deactivated.status == 422 and deactivated.has("error-active")
    assert get(admin, "/admin/").status == 200


def test_case_list_pages_and_takes_search_text_literally(app, admin):
    cadre = user(lambda name: login(app.test_client(), name), "xinghua.member1")
    ids = [file_leave(cadre, start_in=7 + 10 * i) for i in range(3)]
    app.config["PER_PAGE"] = 2
    first = get(admin, "/admin/cases")
    assert first.case_ids("case-row") == ids[::-1][:2] and first.has("pagination")
    assert get(admin, "/admin/cases?page=2").case_ids("case-row") == ids[:1]
    assert get(admin, "/admin/cases?q=%25").has("empty-state")
    assert get(admin, "/admin/cases?q=99999999999999999999").has("empty-state")
    assert get(admin, "/admin/cases?state=pending&q=李").case_ids("case-row") == ids[::-1][:2]
    assert get(admin, "/admin/cases?state=bogus").status == 200


@pytest.mark.parametrize("path", ["/admin/units/99999999999999999999", "/admin/people/99999999999999999999",
                                  "/admin/terms/99999999999999999999", "/admin/users/99999999999999999999",
                                  "/admin/users/0"])
def test_ids_no_row_can_hold_are_not_found(admin, path):
    assert admin.get(path).status_code == 404


def test_grant_ids_no_row_can_hold_are_not_found(admin):
    token = csrf_token(admin, "/admin/users")
    assert admin.post("/admin/grants/99999999999999999999/revoke", data={"csrf_token": token}).status_code == 404


def test_a_case_page_far_past_the_end_is_empty(app, admin):
    file_leave(user(lambda name: login(app.test_client(), name), "xinghua.member1"))
    assert get(admin, "/admin/cases?page=99999999999999999999999").has("empty-state")


def test_one_person_has_one_active_account(admin):
    users = get(admin, "/admin/users")
    lina = option_value(users.html, "person_id", "李娜")
    second = {"username": "lina2", "password": "s3cret-pw", "person_id": lina, "active": "y"}
    refused = post(admin, "/admin/users", second, "/admin/users")
    assert refused.status == 422
    assert "李娜 already has an active account (xinghua.member1)" in refused.text("error-person_id")
    assert "lina2" not in get(admin, "/admin/users").html
    # Once the old account is deactivated, the person may get a new one.
    path = re.search(r'href="(/admin/users/\d+)">xinghua.member1<', users.html).group(1)
    post(admin, path, {"user-username": "xinghua.member1", "user-person_id": lina}, path)  # active unticked
    assert post(admin, "/admin/users", second, "/admin/users").status == 200
    assert "lina2" in get(admin, "/admin/users").html
    # ... and the old one cannot be switched back on beside it.
    again = post(admin, path, {"user-username": "xinghua.member1", "user-person_id": lina, "user-active": "y"}, path)
    assert again.status == 422 and "one person, one account" in again.text("error-person_id")


def test_who_is_posted_now_is_read_on_the_beijing_date(admin):
    """The demo terms end on 28 February 2027: at 23:30 UTC that day it is already 1 March in Beijing."""
    from datetime import datetime, timezone
    with clock.freeze(datetime(2027, 2, 28, 23, 30, tzinfo=timezone.utc)):
        people = get(admin, "/admin/people").all("person-row")
        teams = get(admin, "/admin/teams")
    assert any(r.text.startswith("李娜") and r.text.endswith("—") for r in people)
    assert all("muted" in r.attrs.get("class", "") for r in teams.all("term-row"))
