"""Each leave rule as a cadre meets it on the form, in Chinese (the default): the count the form
shows, and each refusal in words under the field it concerns, with nothing filed."""
from datetime import date, timedelta

from tests.conftest import leave_dates, use_preset
from tests.pages import Page, act, file_leave, get, post, user
from workflows import clock

CADRE = "xinghua.member1"


def ask(client, start: date, end: date, button="submit_leave", leave_type="personal") -> Page:
    return post(client, "/leave/new", {"leave_type": leave_type, "start_date": start.isoformat(),
                                       "end_date": end.isoformat(), "reason": "家中有事", button: "1"},
                "/leave/new")


def nothing_filed(login_as):
    return get(login_as("dongling.head"), "/inbox/").has("empty-state")


def test_working_days_are_counted_on_the_official_calendar(login_as, edit_policy):
    edit_policy(day_counting="working")
    cadre = login_as(CADRE)
    # 2026-09-20 is a Sunday worked in exchange for the National Day holiday; 25–27 are 中秋.
    preview = ask(cadre, date(2026, 9, 20), date(2026, 9, 27), button="preview")
    assert preview.one("preview-days").attrs["data-days"] == "5" and "5 天" in preview.text("preview-days")
    # 1–7 October: the National Day holiday holds no working day at all.
    holiday = ask(cadre, date(2026, 10, 1), date(2026, 10, 7), button="preview")
    assert holiday.status == 422 and "所选日期内没有工作日" in holiday.text("error-end_date")


def test_a_year_without_a_published_calendar_is_counted_monday_to_friday(login_as, edit_policy):
    edit_policy(day_counting="working")
    # Nobody has entered 2027's holidays and the calendar package stops at 2026: Monday 4 to Sunday
    # 10 January counts its five weekdays rather than refusing the request.
    preview = ask(login_as(CADRE), date(2027, 1, 4), date(2027, 1, 10), button="preview")
    assert preview.status == 200 and preview.one("preview-days").attrs["data-days"] == "5"


def test_calendar_days_by_default(login_as):
    preview = ask(login_as(CADRE), date(2026, 10, 1), date(2026, 10, 7), button="preview")
    assert preview.one("preview-days").attrs["data-days"] == "7"


def test_a_yearly_cap_is_explained_in_words(login_as, edit_policy):
    edit_policy(limits={"personal": {"per_year": 10}})
    cadre, head = login_as(CADRE), login_as("dongling.head")
    start = date(clock.today().year + 1, 1, 4)  # next year, inside the demo term
    for first, days in ((start, 7), (start + timedelta(days=20), 2)):
        case_id = file_leave(cadre, days=days, start_date=first.isoformat(),
                             end_date=(first + timedelta(days=days - 1)).isoformat())
        assert act(head, case_id, "approve").state == "approved"
    refused = ask(cadre, start + timedelta(days=40), start + timedelta(days=41))
    assert refused.status == 422
    assert f"{start.year}年度事假已用 9 天，上限 10 天；本次申请 2 天" in refused.text("error-start_date")
    assert len(get(cadre, "/leave/").all("my-leave-row")) == 2


def test_a_per_request_maximum_is_explained_in_words(login_as, edit_policy):
    edit_policy(limits={"personal": {"per_request": 3}})
    start = clock.today() + timedelta(days=10)
    refused = ask(login_as(CADRE), start, start + timedelta(days=3))
    assert refused.status == 422 and "每次事假最多 3 天，本次申请 4 天" in refused.text("error-end_date")
    assert nothing_filed(login_as)


def test_an_overlap_names_the_other_request(login_as):
    cadre = login_as(CADRE)
    start, end = leave_dates(3)
    first = file_leave(cadre, days=3)
    refused = ask(cadre, date.fromisoformat(end), date.fromisoformat(end) + timedelta(days=1))
    assert refused.status == 422
    assert f"与您的第 {first} 号请假申请（{start} 至 {end}）重叠" in refused.text("error-start_date")
    assert len(get(cadre, "/leave/").all("my-leave-row")) == 1


def test_a_start_inside_a_special_period_is_refused(login_as):
    admin = login_as("admin")
    begin = clock.today() + timedelta(days=20)
    page = get(admin, "/admin/blackouts")
    unit = page.html.split("东岭镇")[0].rsplit('value="', 1)[1].split('"')[0]
    post(admin, "/admin/blackouts", {"org_unit_id": unit, "start_date": begin.isoformat(),
                                     "end_date": (begin + timedelta(days=9)).isoformat(),
                                     "reason": "防汛关键期，全员在岗"}, "/admin/blackouts")
    refused = ask(login_as(CADRE), begin + timedelta(days=2), begin + timedelta(days=3))
    assert refused.status == 422
    assert "为特殊时期，请假不得与之重叠：防汛关键期，全员在岗" in refused.text("error-start_date")
    assert nothing_filed(login_as)


def test_sick_leave_without_a_document_is_refused_on_the_form(login_as, edit_policy):
    edit_policy(documents_required=["sick"])  # no seed asks it; a county may
    start = clock.today() + timedelta(days=5)
    refused = ask(login_as(CADRE), start, start, leave_type="sick")
    assert refused.status == 422 and "病假须附证明材料" in refused.text("error-document")


def test_an_official_trip_is_reported_from_the_form(login_as):
    cadre = login_as(CADRE)
    start = clock.today() + timedelta(days=5)
    reported = ask(cadre, start, start + timedelta(days=1), leave_type="official_trip")
    assert reported.state == "reported"
    assert {f.attrs["data-office"] for f in reported.all("filing")} == {"township", "village_secretary"}
    assert nothing_filed(login_as)  # a report asks nobody's approval


def test_the_dispatching_unit_names_a_stand_in_on_the_case_page(app, login_as, api):
    use_preset(app, "jiangxi-pian9")
    cadre = login_as(CADRE)
    case_id = file_leave(cadre, days=15)
    api("dongling.head").act(case_id, "approve")  # 篇九: 逐级
    api("county.office").act(case_id, "approve")
    assert api("county.group").act(case_id, "approve").get_json()["state"] == "approved"
    unit = user(login_as, "unit.agri")  # 李娜 is sent by 县农业农村局
    path = f"/cases/{case_id}"
    page = get(unit, path)
    assert page.has("stand-in-form")
    empty = post(unit, f"{path}/act/arrange_stand_in", {"version": page.version(), "comment": ""}, path)
    assert empty.status == 422 and "Comment is required" in empty.text("stand-in-form")
    done = act(unit, case_id, "arrange_stand_in", comment="派王明接替驻村至李娜返岗")
    assert done.status == 200 and not done.has("stand-in-form")
    assert done.all("history-row")[-1].attrs["data-action"] == "arrange_stand_in"
    assert "派王明接替" in done.text("history")

