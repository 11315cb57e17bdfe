"""One clock: "today" is the jurisdiction's date (Beijing), whatever the server's zone and however
close to midnight UTC."""
from datetime import datetime, timezone

from tests.conftest import leave_dates
from workflows import clock

# 23:30 UTC on Monday 9 March is 07:30 on Tuesday 10 March in Beijing.
LATE_UTC = datetime(2026, 3, 9, 23, 30, tzinfo=timezone.utc)


def test_me_gives_the_beijing_date_and_the_callers_person(api):
    with clock.freeze(LATE_UTC):
        me = api("xinghua.member1").get("/api/v1/me").get_json()
        office = api("county.office").get("/api/v1/me").get_json()
    assert me["today"] == "2026-03-10"
    assert me["person_id"] is not None and office["person_id"] is None


def test_a_leave_that_starts_today_in_beijing_has_started_though_utc_is_still_yesterday(api):
    cadre, head = api("xinghua.member1"), api("dongling.head")
    start, end = leave_dates(3, start_in=0)  # starts on 10 March
    case = cadre.post("/api/v1/leave-requests", json={"type": "personal", "start_date": start, "end_date": end,
                                                      "reason": "家中有事"}).get_json()
    assert head.act(case["id"], "approve").status_code == 200
    with clock.freeze(LATE_UTC):
        refused = cadre.act(case["id"], "cancel", comment="不去了")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "leave_started"


def test_a_task_opened_at_0730_beijing_is_due_counting_from_that_beijing_day(api):
    start, end = leave_dates(3, start_in=7)
    with clock.freeze(LATE_UTC):
        case = api("xinghua.member1").post("/api/v1/leave-requests", json={
            "type": "personal", "start_date": start, "end_date": end, "reason": "家中有事"}).get_json()
    # Three working days from Tuesday the 10th (not Monday the 9th): Friday the 13th.
    assert case["open_tasks"][0]["due_date"] == "2026-03-13"


def test_a_holiday_entered_for_2027_moves_a_due_date(app, db, api):
    from sqlalchemy import select

    from models import User
    from workflows import holiday_notices
    monday = datetime(2027, 2, 1, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing

    def due_of_a_new_leave(start):
        with clock.freeze(monday):
            case = api("xinghua.member1").post("/api/v1/leave-requests", json={
                "type": "personal", "start_date": start, "end_date": start, "reason": "家中有事"}).get_json()
        return case["open_tasks"][0]["due_date"]

    assert due_of_a_new_leave("2027-02-15") == "2027-02-04"  # Monday to Friday: three working days on
    with app.app_context():
        admin = db.session.scalars(select(User).where(User.username == "admin")).one()
        holiday_notices.enter(db.session, 2027, "2027-02-02~2027-02-03 测试假日", admin)
        db.session.commit()
    assert due_of_a_new_leave("2027-02-22") == "2027-02-08"  # the two holidays are skipped
