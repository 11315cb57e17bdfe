"""Working days beyond the years the calendar package knows: a leave in 2027 is counted Monday to
Friday until an admin enters 2027's holiday notice, and by that notice afterwards."""
from datetime import date

from sqlalchemy import event, func, select

from models import HolidayNotice, LeaveLedger
from tests.pages import get, post
from workflows import calendar

CADRE = "xinghua.member1"
WARNING = "2027年的法定节假日尚未录入，工作日暂按周一至周五计算"
# Spring Festival 2027 as an admin would enter it (dates made up for the test): Wednesday 10 to
# Tuesday 16 February off, Saturday 20 February worked in exchange.
SPRING_FESTIVAL = "2027-01-01~2027-01-03 元旦\n2027-02-10~2027-02-16 春节\n2027-02-20 上班\n"
LEAVE = {"type": "personal", "start_date": "2027-02-08", "end_date": "2027-02-12", "reason": "回家过年"}


def preview_days(api) -> int:
    response = api(CADRE).post("/api/v1/leave-requests/preview", json=LEAVE)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["days"]


def enter(admin, lines, year=2027, op="save"):
    return post(admin, "/admin/calendar", {"year": str(year), "lines": lines, "op": op}, "/admin/calendar")


def test_a_2027_leave_counted_in_working_days_is_filed_and_approved(api, app, db, edit_policy):
    edit_policy(day_counting="working")
    filed = api(CADRE).post("/api/v1/leave-requests", json=LEAVE)
    assert filed.status_code == 201, filed.get_json()
    case = filed.get_json()
    assert case["leave"]["days"] == 5
    approved = api("dongling.head").act(case["id"], "approve")
    assert approved.status_code == 200 and approved.get_json()["state"] == "approved"
    with app.app_context():
        used = db.session.scalar(select(func.sum(LeaveLedger.days)).where(LeaveLedger.case_id == case["id"]))
    assert used == 5


def test_entering_the_spring_festival_changes_the_count(api, login_as, edit_policy):
    edit_policy(day_counting="working")
    assert preview_days(api) == 5  # Monday to Friday, while 2027 is unknown
    saved = enter(login_as("admin"), SPRING_FESTIVAL)
    assert saved.status == 200 and "2027" in saved.text("calendar-years")
    assert preview_days(api) == 2  # 10–12 February are now holidays


def test_working_days_are_added_past_an_entered_holiday_and_onto_a_worked_saturday(app, db, login_as):
    with app.app_context():
        assert calendar.add_working_days(db.session, date(2027, 2, 9), 1) == date(2027, 2, 10)
        assert calendar.add_working_days(db.session, date(2027, 2, 19), 1) == date(2027, 2, 22)
        assert calendar.unknown_years(db.session, [2026, 2027]) == [2027]
    enter(login_as("admin"), SPRING_FESTIVAL)
    with app.app_context():
        assert calendar.add_working_days(db.session, date(2027, 2, 9), 1) == date(2027, 2, 17)
        assert calendar.add_working_days(db.session, date(2027, 2, 19), 1) == date(2027, 2, 20)
        assert calendar.add_working_days(db.session, date(2027, 2, 9), 0) == date(2027, 2, 9)
        assert calendar.unknown_years(db.session, [2026, 2027]) == []
        # The package still answers for its own years: 2026-10-01 is National Day.
        assert not calendar.is_working_day(db.session, date(2026, 10, 1))


def test_a_long_span_reads_each_year_once(app, db, login_as):
    enter(login_as("admin"), SPRING_FESTIVAL)
    statements = []
    with app.app_context():
        def count(_conn, _cursor, statement, *_args):
            statements.append(statement)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            n = calendar.count_working_days(db.session, date(2026, 12, 1), date(2027, 2, 28))
            calendar.add_working_days(db.session, date(2027, 1, 4), 30)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    # December 2026 from the package (23 working days), January and February 2027 from the notice.
    assert n == 23 + (21 - 1) + (20 - 5 + 1)  # less 元旦 on Friday 1 January; less 春节, plus a Saturday
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2, reads  # 2026 and 2027, each once (a notice would take precedence in 2026 too)


def test_admins_are_warned_until_next_years_holidays_are_entered(login_as):
    admin = login_as("admin")
    for path in ("/admin/", "/admin/calendar"):
        warnings = get(admin, path).all("calendar-warning")
        assert [w.attrs["data-year"] for w in warnings] == ["2027"] and WARNING in warnings[0].text
    page = get(admin, "/admin/calendar")
    sources = {row.attrs["data-year"]: row.attrs["data-source"] for row in page.all("calendar-year")}
    assert sources["2026"] == "package" and sources["2027"] == "weekdays"

    preview = enter(admin, SPRING_FESTIVAL, op="preview")
    assert [e.attrs["data-kind"] for e in preview.all("preview-entry")] == ["holiday", "holiday", "workday"]
    assert get(admin, "/admin/").has("calendar-warning")  # a preview saves nothing

    saved = enter(admin, SPRING_FESTIVAL)
    assert "2027" in saved.text("calendar-years") and not saved.has("calendar-warning")
    assert not get(admin, "/admin/").has("calendar-warning")
    rows = {row.attrs["data-year"]: row.attrs["data-source"] for row in saved.all("calendar-year")}
    assert rows["2027"] == "notice"


def test_a_bad_line_is_refused_by_its_number_and_nothing_is_saved(app, db, login_as):
    admin = login_as("admin")
    for lines, line in (("2027-01-01~2027-01-03 元旦\n2027-02-30 春节", 2),
                        ("# 2027\n2027-01-01 元旦\n\n2027-02-08 上班", 4),      # a Monday: not an adjusted day
                        ("2027-01-01 元旦\n2026-12-31~2027-01-01 元旦", 2),    # another year
                        ("2027-01-01~2027-01-03 元旦\n2027-01-03 元旦", 2),    # the same day twice
                        ("2027-01-01~2027-01-03", 1),                          # no name
                        ("元旦 2027-01-01", 1)):
        for op in ("preview", "save"):
            refused = enter(admin, lines, op=op)
            assert refused.status == 422, lines
            assert f"第 {line} 行" in refused.text("error-lines"), (lines, refused.text("error-lines"))
    assert get(admin, "/admin/").has("calendar-warning")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(HolidayNotice)) == 0


def test_entering_a_year_again_keeps_the_earlier_version(api, login_as, edit_policy):
    edit_policy(day_counting="working")
    admin = login_as("admin")
    enter(admin, SPRING_FESTIVAL)
    assert preview_days(api) == 2
    again = enter(admin, "2027-01-01 元旦\n2027-02-11~2027-02-17 春节")
    assert preview_days(api) == 3
    notices = [(n.attrs["data-version"], n.attrs["data-current"]) for n in again.all("calendar-notice")]
    assert notices == [("2", "yes"), ("1", "no")]


def test_only_admins_see_or_enter_holidays(login_as):
    for username in ("county.office", CADRE):
        user = login_as(username)
        assert user.get("/admin/calendar").status_code == 403
        assert post(user, "/admin/calendar", {"year": "2027", "lines": "2027-01-01 元旦"}, "/inbox/").status == 403


def test_a_notice_file_is_imported_from_the_command_line(app, api, edit_policy, tmp_path):
    edit_policy(day_counting="working")
    notice = tmp_path / "2027.txt"
    notice.write_text(SPRING_FESTIVAL, encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["calendar", "import", str(notice), "--by", "admin"])
    assert result.exit_code == 0, result.output
    assert "2027 version 1" in result.output
    assert preview_days(api) == 2
    notice.write_text("2027-02-31 春节", encoding="utf-8")
    refused = runner.invoke(args=["calendar", "import", str(notice), "--by", "admin"])
    assert refused.exit_code != 0 and "第 1 行" in refused.output
