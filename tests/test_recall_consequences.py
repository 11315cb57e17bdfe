"""The consequences of a recall (domain §4), recorded when a recall case ends the cadre's term: on the
cadre (001: no awards that year, no promotion for 2 years, the file record; 篇九: reserve status
withdrawn, no promotion for 3 years) and on the dispatching unit (篇九: a talk with its leader), counted
from the notice date. An adjustment on application carries none.

The recall workflow reaches `recalled` separately; here the case is a draft set to its end state in the
database and the term-ended hook is called as the workflow calls it."""
from datetime import date

import pytest
from sqlalchemy import select

from models import OrgUnit, Person, PersonConsequence, UnitConsequence, User
from tests.conftest import on_day, use_preset
from tests.pages import get, user
from webapp.extensions import db as _db
from workflows import clock, policy
from workflows.recall import rules as recall_rules
from workflows.recall import hooks, services
from workflows.unit_of_work import UnitOfWork

CADRE = "李娜"  # xinghua.member1 at 杏花村, sent by 县农业农村局
UNIT = "县农业农村局"
NOTICE = date(2026, 3, 10)


def end_term_by(app, preset: str, path: str, on: date = NOTICE) -> int:
    """A recall (ground 4) or an adjustment (the policy's first adjustment ground) of 李娜 under `preset`,
    ended on `on` through the hook the workflow calls. Returns the case id."""
    use_preset(app, preset)
    with app.app_context():
        session = _db.session
        listed = recall_rules.settings(policy.latest(session, preset).body)["grounds"]
        grounds = [4] if path == "recall" else [next(g["number"] for g in listed if g["path"] == "adjustment")]
        person = session.scalars(select(Person).where(Person.name == CADRE)).one()
        actor = session.scalars(select(User).where(User.username == "county.office")).one()
        village = person.current_term(clock.today()).team.village
        with UnitOfWork(session) as uow:
            case = services.open_draft(session, actor, policy.latest(session, preset), person, village,
                                       grounds, "test", {})
            assert case.recall.path == path
            case.state = "recalled" if path == "recall" else "adjusted"
            case.recall.outcome = path
            case.recall.notice_no = "召〔2026〕1号" if path == "recall" else None
            hooks.term_ended(session, case, on)
            uow.commit()
        return case.id


def person_rows(app) -> list[tuple]:
    with app.app_context():
        rows = _db.session.scalars(select(PersonConsequence).join(Person).where(Person.name == CADRE)
                                   .order_by(PersonConsequence.kind))
        return [(r.kind, r.year, r.until) for r in rows]


def unit_rows(app) -> list[tuple]:
    with app.app_context():
        rows = _db.session.scalars(select(UnitConsequence).join(OrgUnit).where(OrgUnit.name == UNIT))
        return [(r.kind, r.year, r.note) for r in rows]


def person_id(app) -> int:
    with app.app_context():
        return _db.session.scalars(select(Person.id).where(Person.name == CADRE)).one()


# ---------------------------------------------------------------- what is recorded

def test_a_recall_under_linfen_bars_awards_that_year_and_promotion_for_two_years(app, db):
    case_id = end_term_by(app, "linfen-2018", "recall")
    assert person_rows(app) == [("file_record", None, None), ("no_awards", 2026, None),
                                ("no_promotion", None, date(2028, 3, 10))]
    assert unit_rows(app) == []  # 001 names nothing on the unit
    with app.app_context():
        assert {r.case_id for r in _db.session.scalars(select(PersonConsequence))} == {case_id}


def test_a_recall_under_jiangxi_withdraws_reserve_status_and_bars_promotion_for_three_years(app, db):
    end_term_by(app, "jiangxi-pian9", "recall", on=date(2026, 3, 12))
    assert person_rows(app) == [("no_promotion", None, date(2029, 3, 12)), ("reserve_lost", None, None)]
    assert unit_rows(app) == [("unit_talk", None, CADRE)]


@pytest.mark.parametrize("preset", ["linfen-2018", "jiangxi-pian9"])
def test_an_adjustment_on_application_carries_no_consequence(app, db, preset):
    end_term_by(app, preset, "adjustment")
    assert person_rows(app) == [] and unit_rows(app) == []


def test_a_preset_whose_seed_says_nothing_takes_linfen_rules_as_the_products_choice(app, db):
    end_term_by(app, "zhumadian-2022", "recall")
    assert [k for k, _, _ in person_rows(app)] == ["file_record", "no_awards", "no_promotion"]
    assert "consequences" in policy.load_presets()["zhumadian-2022"]["product_choices"]
    assert "consequences" not in policy.load_presets()["linfen-2018"]["product_choices"]


def test_a_notice_on_29_february_bars_promotion_until_28_february(app, db):
    end_term_by(app, "linfen-2018", "recall", on=date(2028, 2, 29))
    assert ("no_promotion", None, date(2030, 2, 28)) in person_rows(app)


# ---------------------------------------------------------------- where a user sees them

def test_the_person_api_lists_the_consequences_with_their_ends(app, db, api):
    case_id = end_term_by(app, "linfen-2018", "recall")
    body = api("county.office").get(f"/api/v1/people/{person_id(app)}").get_json()
    by_kind = {c["kind"]: c for c in body["consequences"]}
    assert set(by_kind) == {"no_awards", "no_promotion", "file_record"}
    assert by_kind["no_awards"]["year"] == 2026 and "until" not in by_kind["no_awards"]
    assert by_kind["no_promotion"]["until"] == "2028-03-10" and "year" not in by_kind["no_promotion"]
    assert "year" not in by_kind["file_record"] and "until" not in by_kind["file_record"]
    assert all(c["case_id"] == case_id and c["in_force"] for c in body["consequences"])


def test_the_person_page_shows_each_consequence_in_force_then_ended(app, db, login_as):
    end_term_by(app, "linfen-2018", "recall")
    client = login_as("county.office")  # in Chinese, the default
    page = get(client, f"/people/{person_id(app)}")
    text = page.text("consequences")
    assert "不得评先评优" in text and "不得提拔使用" in text and "记入本人档案" in text
    assert [e.text.count("有效") for e in page.all("consequence")] == [1, 1, 1]
    with on_day("2027-01-04"):  # the year of the notice is over; the two years are not
        later = get(client, f"/people/{person_id(app)}")
    status = {e.attrs["data-kind"]: e.text for e in later.all("consequence")}
    assert "已结束" in status["no_awards"] and "已结束" not in status["no_promotion"]
    with on_day("2028-03-10"):  # the day the two years end
        last = get(client, f"/people/{person_id(app)}")
    status = {e.attrs["data-kind"]: e.text for e in last.all("consequence")}
    assert "已结束" in status["no_promotion"] and "已结束" not in status["file_record"]


def test_the_dispatching_units_page_shows_the_talk_with_its_leader(app, db, login_as):
    end_term_by(app, "jiangxi-pian9", "recall")
    with app.app_context():
        unit_id = _db.session.scalars(select(OrgUnit.id).where(OrgUnit.name == UNIT)).one()
    page = get(login_as("admin"), f"/admin/units/{unit_id}")
    assert "约谈" in page.text("unit-consequences") and CADRE in page.text("unit-consequences")


def test_a_unit_without_consequences_shows_none_of_the_card(app, db, login_as):
    with app.app_context():
        unit_id = _db.session.scalars(select(OrgUnit.id).where(OrgUnit.name == UNIT)).one()
    assert not get(user(login_as, "admin"), f"/admin/units/{unit_id}").has("unit-consequences")

