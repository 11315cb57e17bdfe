"""People and teams: a cadre's record and a team's roster, who may read them, and the links to them."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import Person, Team, Term
from tests.pages import file_leave, get, user
from webapp.extensions import db as _db
from workflows import clock

CADRE = "xinghua.member1"  # 李娜 at 杏花村 (东岭镇), sent by 县农业农村局


def person_id(app, name: str) -> int:
    with app.app_context():
        return _db.session.scalars(select(Person.id).where(Person.name == name)).one()


def team_id(app, village: str) -> int:
    with app.app_context():
        return next(t.id for t in _db.session.scalars(select(Team)) if t.village.name == village)


def end_term(app, name: str, last_day: date) -> None:
    """The arrange step of a departure: the cadre's current term ends on `last_day`."""
    with app.app_context():
        person = _db.session.scalars(select(Person).where(Person.name == name)).one()
        person.current_term(clock.today()).end_date = last_day
        _db.session.commit()


def post(app, name: str, village: str, start: date, position="member") -> None:
    """A new cadre posted to a village's team from `start`."""
    with app.app_context():
        team = next(t for t in _db.session.scalars(select(Team)) if t.village.name == village)
        person = Person(name=name)
        _db.session.add(Term(person=person, team=team, position=position, start_date=start,
                             planned_end_date=start + timedelta(days=730)))
        _db.session.commit()


# ---------------------------------------------------------------- the JSON shapes

def test_a_person_reads_as_their_terms_and_record(app, api):
    body = api(CADRE).get(f"/api/v1/people/{person_id(app, '李娜')}").get_json()
    assert body["name"] == "李娜"
    assert body["dispatching_unit"]["name"] == "县农业农村局"
    assert body["team"]["name"] == "杏花村驻村工作队"
    [term] = body["terms"]
    assert set(term) >= {"team", "village", "role", "dispatching_unit", "start_date", "end_date", "active"}
    assert term["team"] == {"id": team_id(app, "杏花村"), "name": "杏花村驻村工作队"}
    assert term["village"]["name"] == "杏花村" and set(term["village"]) == {"id", "name"}
    assert term["dispatching_unit"]["name"] == "县农业农村局"
    assert term["role"] == "member" and term["active"] is True
    assert term["start_date"] == "2025-03-01" and term["end_date"] == "2027-02-28"
    assert body["warnings"] == [] and body["grades"] == [] and body["consequences"] == []
    assert body["cases"] == []


def test_a_team_reads_as_its_current_members_and_vacancies(app, api):
    body = api("dongling.head").get(f"/api/v1/teams/{team_id(app, '杏花村')}").get_json()
    assert body["village"] == {"id": body["village"]["id"], "name": "杏花村"}
    assert body["township"]["name"] == "东岭镇"
    members = [(m["person"]["name"], m["role"]) for m in body["members"]]
    assert members[0] == ("张伟", "first_secretary")  # the leader first
    assert sorted(members[1:]) == [("李娜", "member"), ("王强", "member")]
    assert set(body["members"][0]) >= {"person", "role", "start_date", "end_date"}
    assert body["members"][0]["end_date"] == "2027-02-28"
    assert body["vacancies"] == [] and body["vacant_posts"] == 0 and body["leader_vacant"] is False


def test_the_record_lists_the_cases_the_reader_may_open(app, api, login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    path = f"/api/v1/people/{person_id(app, '李娜')}"
    [case] = api(CADRE).get(path).get_json()["cases"]
    assert case["id"] == case_id and case["kind"] == "leave" and case["state"] == "pending"
    assert case["url"] == f"/api/v1/cases/{case_id}" and case["start_date"] and case["end_date"]
    assert [c["id"] for c in api("dongling.head").get(path).get_json()["cases"]] == [case_id]
    # A short leave never reaches the county office: it reads the record, not the case.
    assert api("county.office").get(path).get_json()["cases"] == []


def test_the_phone_number_is_for_those_who_work_with_the_cadre(app, api):
    with app.app_context():
        _db.session.scalars(select(Person).where(Person.name == "李娜")).one().phone = "13800000000"
        _db.session.commit()
    path = f"/api/v1/people/{person_id(app, '李娜')}"
    for reader in (CADRE, "xinghua.leader", "unit.agri", "dongling.head", "admin"):
        assert api(reader).get(path).get_json()["phone"] == "13800000000", reader
    assert "phone" not in api("inspector").get(path).get_json()


# ---------------------------------------------------------------- who may read

@pytest.mark.parametrize("reader", [
    CADRE,                # themself
    "xinghua.leader",     # their team leader
    "dongling.head",      # the township over their village
    "county.office",      # the county over it
    "city.office",        # the city over it
    "unit.agri",          # their dispatching unit
    "admin", "inspector",  # oversight in scope
])
def test_who_may_read_a_cadre(app, api, reader):
    assert api(reader).get(f"/api/v1/people/{person_id(app, '李娜')}").status_code == 200


@pytest.mark.parametrize("reader", [
    "xihe.head",          # another township
    "shiqiao.member1",    # a cadre of another team
    "xinghua.member2",    # a teammate, who is not the leader
    "unit.edu",           # another dispatching unit
    "xinghua.secretary",  # the village secretary is no office over the team
])
def test_anyone_else_may_not(app, api, reader):
    response = api(reader).get(f"/api/v1/people/{person_id(app, '李娜')}")
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_your_person"


def test_a_cadre_of_another_township_is_read_by_their_own_township_only(app, api):
    path = f"/api/v1/people/{person_id(app, '赵敏')}"  # 柳树村, 西河乡
    assert api("xihe.head").get(path).status_code == 200
    assert api("dongling.head").get(path).status_code == 403


@pytest.mark.parametrize("reader,status", [
    ("xinghua.member2", 200), ("xinghua.leader", 200), ("dongling.head", 200), ("county.office", 200),
    ("unit.health", 200),  # 王强's dispatching unit
    ("admin", 200), ("inspector", 200),
    ("xihe.head", 403), ("shiqiao.member1", 403), ("unit.edu", 403),
])
def test_who_may_read_a_team(app, api, reader, status):
    assert api(reader).get(f"/api/v1/teams/{team_id(app, '杏花村')}").status_code == status


def test_unknown_people_and_teams_are_404(app, api, login_as):
    client = api("admin")
    for path in ("/api/v1/people/999999", "/api/v1/teams/999999", "/api/v1/people/99999999999"):
        response = client.get(path)
        assert response.status_code == 404 and response.get_json()["error"]["code"] in (
            "person_not_found", "team_not_found", "not_found")
    assert login_as("admin").get("/people/999999").status_code == 404


# ---------------------------------------------------------------- vacancies

def test_a_member_whose_term_ended_leaves_a_vacancy(app, api):
    end_term(app, "王强", clock.today() - timedelta(days=1))
    body = api("county.office").get(f"/api/v1/teams/{team_id(app, '杏花村')}").get_json()
    assert "王强" not in [m["person"]["name"] for m in body["members"]]
    assert body["vacant_posts"] == 1 and body["leader_vacant"] is False


def test_a_successor_fills_the_post(app, api):
    end_term(app, "王强", clock.today() - timedelta(days=1))
    post(app, "钱多", "杏花村", clock.today())
    assert api("county.office").get(f"/api/v1/teams/{team_id(app, '杏花村')}").get_json()["vacant_posts"] == 0


def test_a_larger_team_that_loses_a_member_without_successor_has_a_vacancy(app, api):
    post(app, "钱多", "杏花村", clock.today() - timedelta(days=100))
    path = f"/api/v1/teams/{team_id(app, '杏花村')}"
    assert api("county.office").get(path).get_json()["vacant_posts"] == 0
    end_term(app, "钱多", clock.today() - timedelta(days=1))
    assert api("county.office").get(path).get_json()["vacant_posts"] == 1


def test_a_team_without_its_leader_has_the_leader_post_vacant(app, api):
    end_term(app, "张伟", clock.today() - timedelta(days=1))
    post(app, "钱多", "杏花村", clock.today())  # a member, not a leader: the leader post stays open
    body = api("county.office").get(f"/api/v1/teams/{team_id(app, '杏花村')}").get_json()
    assert body["vacant_posts"] == 1 and body["leader_vacant"] is True


# ---------------------------------------------------------------- pages

def test_the_person_page_shows_terms_unit_team_and_placeholders(app, login_as):
    team = team_id(app, "杏花村")
    page = get(login_as("unit.agri"), f"/people/{person_id(app, '李娜')}")
    assert page.status == 200
    assert page.text("person-name") == "李娜"
    assert page.text("dispatching-unit") == "县农业农村局"
    assert f'href="/teams/{team}"' in page.html and "杏花村驻村工作队" in page.text("current-team")
    [row] = page.all("term-row")
    assert "杏花村驻村工作队" in row.text and "队员" in row.text and "在任" in row.text
    assert "暂无" in page.text("warnings") and "暂无" in page.text("grades")


def test_the_team_page_shows_the_roster_with_links(app, login_as):
    page = get(login_as("dongling.head"), f"/teams/{team_id(app, '杏花村')}")
    assert page.status == 200
    assert page.text("village") == "杏花村" and page.text("township") == "东岭镇"
    rows = page.all("member-row")
    assert [r.text.split()[0] for r in rows][0] == "张伟" and "第一书记" in rows[0].text
    assert {int(r.attrs["data-person-id"]) for r in rows} == {
        person_id(app, n) for n in ("张伟", "李娜", "王强")}
    for r in rows:
        assert f'href="/people/{r.attrs["data-person-id"]}"' in page.html
    assert page.one("vacancies").attrs["data-vacancies"] == "0"


def test_the_team_page_shows_a_vacancy_plainly(app, login_as):
    end_term(app, "王强", clock.today() - timedelta(days=1))
    page = get(login_as("county.office"), f"/teams/{team_id(app, '杏花村')}")
    assert "王强" not in page.text("roster")
    assert page.text("vacancies") == "缺员 1 人"


def test_the_pages_refuse_other_readers(app, login_as):
    assert login_as("xihe.head").get(f"/people/{person_id(app, '李娜')}").status_code == 403
    assert login_as("unit.edu").get(f"/teams/{team_id(app, '杏花村')}").status_code == 403


# ---------------------------------------------------------------- links from the case pages

def test_the_case_page_and_the_inbox_link_the_applicant_to_their_record(app, login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    record = f"/people/{person_id(app, '李娜')}"
    head = user(login_as, "dongling.head")
    case_page = get(head, f"/cases/{case_id}")
    assert case_page.text("applicant").startswith("李娜")
    assert f'data-testid="applicant"><a href="{record}"' in case_page.html
    inbox = get(head, "/inbox/")
    assert [e.attrs["href"] for e in inbox.all("person-link") if e.text == "李娜"] == [record]
    assert f'href="/cases/{case_id}"' in inbox.html  # the case is still one click away
    # The page it leads to opens for the approver.
    assert get(head, f"/people/{person_id(app, '李娜')}").status == 200


def test_the_openapi_document_describes_both_endpoints(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["paths"]["/api/v1/people/{person_id}"]["get"]["responses"]["200"]
    assert doc["paths"]["/api/v1/teams/{team_id}"]["get"]["responses"]["403"]
    assert "vacancies" in doc["components"]["schemas"]["Team"]["required"]


def test_the_people_workflows_run_without_flask():
    import subprocess
    import sys
    code = ("import sys, workflows.people; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'webapp')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_term_ends_the_day_before_its_anniversary_also_from_a_leap_day():
    from datetime import date

    from workflows.people import planned_end, years_after
    assert planned_end(date(2026, 3, 1), 2) == date(2028, 2, 29)
    assert planned_end(date(2028, 2, 29), 2) == date(2030, 2, 28)
    assert years_after(date(2028, 2, 29), 1) == date(2029, 2, 28)
