"""Absence thresholds (001 第九条(五)4, 002, 篇六): more than 15 consecutive days, or more than 30 in a year,
opens one recall draft (ground 4) for the county office per crossing; under county-pian6 the year's
grade becomes 不合格, as it does for a quarter short of 50 days. The spell function is tested directly;
the rest through the daily sweep, the API and the case page."""
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, insert, select

from models import AbsenceCrossing, Case, OrgUnit, PersonGrade, SignIn, Term, User
from tests.conftest import on_day, use_preset
from workflows import calendar, people, sweep
from workflows.presence import spells, thresholds
from workflows.presence.days import Day

# ---------------------------------------------------------------- the spell function (pure)

MON = date(2026, 3, 2)
SIGNED_AT_UTC = time(0, 30)  # stored naive UTC: 08:30 Beijing


def _days(start: date, codes: str) -> dict:
    """'A' absent, 'R' rest, 'P' present, 'L' leave, one letter a day from `start`."""
    names = {"A": "absent", "R": "rest", "P": "present", "L": "leave"}
    return {start + timedelta(days=i): Day(names[c]) for i, c in enumerate(codes)}


def test_fifteen_days_are_not_over_the_limit_sixteen_are():
    fifteen = spells.spells(_days(MON, "P" + "A" * 15 + "P"))
    sixteen = spells.spells(_days(MON, "P" + "A" * 16 + "P"))
    assert [s.length("calendar") for s in fifteen] == [15]
    assert spells.over(fifteen, 15, "calendar") == []
    assert [(s.first, s.length("calendar")) for s in spells.over(sixteen, 15, "calendar")] == [(MON + timedelta(1), 16)]


def test_a_weekend_inside_a_spell_counts_as_calendar_days_not_as_working_days():
    # Mon–Fri absent, Sat–Sun rest, Mon–Fri absent, Sat rest, Sun rest, Mon–Tue absent: 16 calendar days.
    spell, = spells.spells(_days(MON, "AAAAARRAAAAARRAA" + "P"))
    assert (spell.first, spell.last) == (MON, MON + timedelta(days=15))
    assert spell.length("calendar") == 16
    assert spell.length("working") == 12
    assert len(spells.over([spell], 15, "calendar")) == 1
    assert spells.over([spell], 15, "working") == []


def test_rest_days_before_or_after_a_spell_do_not_count():
    spell, = spells.spells(_days(MON, "RRAAARRP"))
    assert (spell.first, spell.last, spell.length("calendar")) == (MON + timedelta(2), MON + timedelta(4), 3)


def test_a_present_day_or_a_leave_breaks_a_spell():
    parts = spells.spells(_days(MON, "A" * 10 + "P" + "A" * 10 + "L" + "A" * 3))
    assert [s.length("calendar") for s in parts] == [10, 10, 3]
    assert spells.over(parts, 15, "calendar") == []


def test_the_year_count_adds_the_spells_of_the_year():
    day_map = _days(date(2025, 12, 29), "AAAP" + "AP" * 30)   # 29–31 Dec, then 30 single days in 2026
    total, dates = spells.year_total(spells.spells(day_map), 2026, "calendar")
    assert total == 30 and dates[0] == date(2026, 1, 2)
    day_map[max(day_map) + timedelta(days=1)] = Day("absent")
    day_map[max(day_map) + timedelta(days=1)] = Day("present")
    assert spells.year_total(spells.spells(day_map), 2026, "calendar")[0] == 31


# ---------------------------------------------------------------- through the sweep

def _person(api, username="xinghua.member1") -> int:
    return api(username).get("/api/v1/me").get_json()["person_id"]


def _working_days(session, start: date, end: date) -> list[date]:
    return [start + timedelta(d) for d in range((end - start).days + 1)
            if calendar.is_working_day(session, start + timedelta(d))]


def _fill(app, db, start: date, end: date, absent: set[date], person_id: int, extra_present: set[date] = frozenset()):
    """Records begin on `start`; every posted cadre signs in on every working day to `end`, except
    `person_id` on the `absent` days (who also signs in on `extra_present`)."""
    with app.app_context():
        session = db.session
        session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = start
        actor = session.scalars(select(User).where(User.username == "admin")).one().id
        terms = session.scalars(select(Term)).all()
        rows = []
        for d in _working_days(session, start, end):
            for t in terms:
                if t.start_date <= d <= people.last_day(t) and not (t.person_id == person_id and d in absent):
                    rows.append((t.person_id, d))
        rows += [(person_id, d) for d in extra_present]
        session.execute(SignIn.__table__.delete().where(SignIn.day.between(start, end)))
        session.execute(insert(SignIn), [{"person_id": p, "day": d, "at": datetime.combine(d, SIGNED_AT_UTC),
                                          "late": False, "recorded_by_id": actor} for p, d in sorted(set(rows))])
        session.commit()


def _sweep(app, db, day: date, job="absence_thresholds"):
    """The daily job, as the sweep runs it on `day` (another name: a second sweep that got past the claim)."""
    with on_day(day), app.app_context():
        result = sweep.run_one(db.session, job, thresholds.thresholds_job, day)
        assert result is not None and result.error is None, result
        return result.lines


def _recall_cases(app, db) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Case.id).where(Case.kind == "recall").order_by(Case.id)))


def _spell(first: date, last: date) -> set[date]:
    return {first + timedelta(d) for d in range((last - first).days + 1)}


def test_fifteen_consecutive_days_open_nothing(app, db, api):
    me = _person(api)
    # 2 March (Mon) to 16 March (Mon): 15 calendar days, two weekends inside.
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 16)), me)
    assert _sweep(app, db, date(2026, 3, 25)) == []
    assert _recall_cases(app, db) == []


def test_sixteen_open_one_draft_for_the_county_office_and_only_one(app, db, api):
    me = _person(api)
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 17)), me)
    assert len(_sweep(app, db, date(2026, 3, 25))) == 1
    case_id, = _recall_cases(app, db)

    with on_day("2026-03-25"):
        case = api("county.office").get(f"/api/v1/cases/{case_id}").get_json()
        inbox = api("county.office").get("/api/v1/inbox").get_json()["items"]
    assert (case["kind"], case["state"]) == ("recall", "draft")
    assert case["recall"]["grounds"] == [4] and case["recall"]["path"] == "recall"
    evidence = case["recall"]["evidence"]
    assert (evidence["first"], evidence["last"], evidence["days"]) == ("2026-03-02", "2026-03-17", 16)
    # The absent days themselves: the working days of the spell (the weekends inside count, unlisted).
    assert evidence["dates"][:3] == ["2026-03-02", "2026-03-03", "2026-03-04"] and len(evidence["dates"]) == 12
    assert case["actions"] == ["submit", "withdraw"]
    assert [i["kind"] for i in inbox if i["case"]["id"] == case_id] == ["propose"]

    # A second sweep that day, and a catch-up run: still one.
    assert _sweep(app, db, date(2026, 3, 25), job="absence_thresholds_again") == []
    assert _recall_cases(app, db) == [case_id]


def test_a_spell_still_growing_is_one_crossing(app, db, api):
    me = _person(api)
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 27)), me)
    # On the 18th the spell (2–17) has just passed 15 days; on the 24th it has grown to 2–23.
    assert len(_sweep(app, db, date(2026, 3, 18))) == 1
    assert _sweep(app, db, date(2026, 3, 24)) == []
    assert len(_recall_cases(app, db)) == 1
    with app.app_context():
        row = db.session.scalars(select(AbsenceCrossing)).one()
        assert (row.kind, row.first_day, row.last_day) == ("consecutive", date(2026, 3, 2), date(2026, 3, 23))


def test_a_present_day_breaks_the_spell(app, db, api):
    me = _person(api)
    absent = _spell(date(2026, 3, 2), date(2026, 3, 20)) - {date(2026, 3, 11)}
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), absent, me)
    assert _sweep(app, db, date(2026, 3, 25)) == []
    assert _recall_cases(app, db) == []


def _mon_to_wed_absences(session, start: date, end: date, n: int) -> set[date]:
    """n absent days in spells of Monday–Wednesday (whole working weeks only, so no rest day inside)."""
    found: list[date] = []
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    while len(found) < n and monday + timedelta(days=4) <= end:
        week = [monday + timedelta(d) for d in range(5)]
        if all(calendar.is_working_day(session, d) for d in week):
            found += week[:3]
        monday += timedelta(days=7)
    assert len(found) >= n
    return set(found[:n])


@pytest.mark.parametrize("absent_days, drafts", [(30, 0), (31, 1)])
def test_more_than_thirty_days_in_a_year(app, db, api, absent_days, drafts):
    me = _person(api)
    with app.app_context():
        absent = _mon_to_wed_absences(db.session, date(2026, 1, 5), date(2026, 4, 15), absent_days)
    _fill(app, db, date(2026, 1, 1), date(2026, 4, 15), absent, me)
    _sweep(app, db, date(2026, 4, 16))
    cases = _recall_cases(app, db)
    assert len(cases) == drafts
    if drafts:
        with on_day("2026-04-16"):
            evidence = api("county.office").get(f"/api/v1/cases/{cases[0]}").get_json()["recall"]["evidence"]
        assert (evidence["kind"], evidence["year"], evidence["days"], len(evidence["dates"])) == ("year", 2026, 31, 31)


def test_pian6_records_the_annual_grade_on_a_crossing(app, db, api):
    use_preset(app, "county-pian6")
    me = _person(api)
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 17)), me)
    assert api("county.office").get(f"/api/v1/people/{me}").get_json()["grades"] == []
    _sweep(app, db, date(2026, 3, 25))
    assert len(_recall_cases(app, db)) == 1
    grades = api("county.office").get(f"/api/v1/people/{me}").get_json()["grades"]
    assert grades == [{"period": "2026", "kind": "annual", "grade": "incompetent", "wording": "不合格"}]


def test_the_grade_shows_on_the_persons_page(app, db, api, login_as):
    use_preset(app, "county-pian6")
    me = _person(api)
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 17)), me)
    _sweep(app, db, date(2026, 3, 25))
    html = login_as("county.office").get(f"/people/{me}").get_data(as_text=True)
    assert "2026 · 不合格" in html


def test_other_presets_record_no_grade(app, db, api):
    me = _person(api)
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 17)), me)
    _sweep(app, db, date(2026, 3, 25))
    assert len(_recall_cases(app, db)) == 1
    assert api("county.office").get(f"/api/v1/people/{me}").get_json()["grades"] == []


def test_pian6_a_quarter_short_of_fifty_days_records_the_grade(app, db, api):
    use_preset(app, "county-pian6")
    me, other = _person(api), _person(api, "xinghua.member2")
    with app.app_context():
        working = _working_days(db.session, date(2026, 1, 1), date(2026, 3, 31))
    assert len(working) >= 52
    # member1 counts 49 days in the quarter: every other of the last working days missed, no spell.
    absent = set(working[-2 * (len(working) - 49):][::2])
    assert len(working) - len(absent) == 49
    _fill(app, db, date(2025, 12, 1), date(2026, 3, 31), absent, me)
    _sweep(app, db, date(2026, 4, 1))
    _sweep(app, db, date(2026, 4, 1), job="absence_thresholds_again")
    assert api("county.office").get(f"/api/v1/people/{me}").get_json()["grades"] == [
        {"period": "2026", "kind": "annual", "grade": "incompetent", "wording": "不合格"}]
    assert api("county.office").get(f"/api/v1/people/{other}").get_json()["grades"] == []
    assert _recall_cases(app, db) == []  # a short quarter sets the grade; it is no recall ground
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PersonGrade)) == 1


def _one_draft(app, db, api) -> int:
    me = _person(api)
    _fill(app, db, date(2026, 3, 1), date(2026, 3, 31), _spell(date(2026, 3, 2), date(2026, 3, 17)), me)
    _sweep(app, db, date(2026, 3, 18))
    case_id, = _recall_cases(app, db)
    return case_id


def test_the_county_office_withdraws_the_draft_with_a_comment(app, db, api):
    case_id = _one_draft(app, db, api)
    office = api("county.office")
    assert office.act(case_id, "withdraw").status_code == 422  # saying why
    case = office.act(case_id, "withdraw", comment="已核实为借调市里，材料补齐").get_json()
    assert case["state"] == "dismissed" and case["actions"] == []
    assert case_id not in [i["case"]["id"] for i in office.get("/api/v1/inbox").get_json()["items"]]


@pytest.mark.parametrize("username", ["dongling.head", "xinghua.member1", "xinghua.leader"])
def test_nobody_else_withdraws_it(app, db, api, username):
    case_id = _one_draft(app, db, api)
    version = api("county.office").get(f"/api/v1/cases/{case_id}").get_json()["version"]
    assert api(username).act(case_id, "withdraw", comment="不召回", version=version).status_code == 403
    assert api("county.office").get(f"/api/v1/cases/{case_id}").get_json()["state"] == "draft"


def test_the_case_page_shows_the_evidence_in_chinese(app, db, api, login_as):
    case_id = _one_draft(app, db, api)
    html = login_as("county.office").get(f"/cases/{case_id}").get_data(as_text=True)
    evidence = html.split('data-testid="recall-evidence"')[1].split("</dd>")[0]
    assert "连续旷工 16 天" in evidence and "超过 15 天" in evidence
    assert "2026年3月2日" in evidence and "2026年3月17日" in evidence
    assert "含其间休息日" in evidence
