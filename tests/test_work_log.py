"""The work log (工作日志 / 民情日记): a cadre writes one entry a day and may change it that day only, every
wording kept; the team leader, the township, the dispatching unit and the county read it; the sweep
opens the township's monthly and the county's two-monthly review (篇八) once per team and period,
and the reviewer approves it or returns it to the team leader."""
from datetime import date

from tests.conftest import on_day
from tests.pages import get, user
from tests.test_sweep import sweep

ENTRY = {"work_done": "走访脱贫户，了解春耕备耕情况", "households_count": 3, "households": "张三、李四、王五"}


def write(api, username="xinghua.member1", **changes):
    return api(username).post("/api/v1/work-logs", json={**ENTRY, **changes})


def month(api, reader, query="person_id", subject=None, month="2026-03"):
    return api(reader).get(f"/api/v1/work-logs?{query}={subject}&month={month}")


def person_id(api, username):
    return api(username).get("/api/v1/me").get_json()["person_id"]


def team_id(api, username):
    return api(username).get(f"/api/v1/people/{person_id(api, username)}").get_json()["team"]["id"]


# ---------------------------------------------------------------- entries

def test_one_entry_a_day_and_a_second_save_revises_it_keeping_the_first_wording(api):
    first = write(api)
    assert first.status_code == 201, first.get_json()
    assert (first.get_json()["date"], first.get_json()["revision"]) == ("2026-03-10", 1)
    again = write(api, work_done="走访脱贫户，又去了村小学", households_count=4)
    assert again.status_code == 200
    body = again.get_json()
    assert (body["id"], body["revision"], body["households_count"]) == (first.get_json()["id"], 2, 4)
    assert [r["work_done"] for r in body["revisions"]] == [ENTRY["work_done"], "走访脱贫户，又去了村小学"]
    entries = month(api, "xinghua.member1", subject=person_id(api, "xinghua.member1")).get_json()["entries"]
    assert [(e["date"], e["work_done"]) for e in entries] == [("2026-03-10", "走访脱贫户，又去了村小学")]


def test_yesterdays_entry_can_no_longer_be_changed(api):
    write(api)
    with on_day("2026-03-11"):
        refused = write(api, date="2026-03-10", work_done="补写")
        assert refused.status_code == 422
        assert refused.get_json()["error"]["code"] == "work_log_today_only"
        assert write(api).status_code == 201  # today's is a new entry
    entries = month(api, "xinghua.member1", subject=person_id(api, "xinghua.member1")).get_json()["entries"]
    assert [(e["date"], e["work_done"], e["revision"]) for e in entries] == [
        ("2026-03-10", ENTRY["work_done"], 1), ("2026-03-11", ENTRY["work_done"], 1)]


def test_what_was_done_is_required_and_nothing_is_written_without_it(api):
    refused = write(api, work_done="  ")
    assert (refused.status_code, refused.get_json()["error"]["field"]) == (422, "work_done")
    assert month(api, "xinghua.member1", subject=person_id(api, "xinghua.member1")).get_json()["entries"] == []


def test_an_office_without_a_posting_keeps_no_work_log(api):
    assert write(api, "county.office").status_code == 403


def test_a_month_must_be_written_as_year_and_month(api):
    refused = month(api, "xinghua.member1", subject=person_id(api, "xinghua.member1"), month="2026-3")
    assert (refused.status_code, refused.get_json()["error"]["field"]) == (422, "month")


# ---------------------------------------------------------------- who reads

def test_the_leader_the_township_the_sending_unit_and_the_county_read_a_cadres_log(api):
    write(api)
    member = person_id(api, "xinghua.member1")
    for reader in ("xinghua.member1", "xinghua.leader", "dongling.head", "unit.agri", "county.office"):
        response = month(api, reader, subject=member)
        assert response.status_code == 200, reader
        assert len(response.get_json()["entries"]) == 1, reader


def test_a_leader_of_another_village_may_not_read_the_log(api):
    write(api)
    assert month(api, "shiqiao.leader", subject=person_id(api, "xinghua.member1")).status_code == 403
    assert month(api, "shiqiao.leader", "team_id", team_id(api, "xinghua.member1")).status_code == 403
    assert month(api, "xihe.head", subject=person_id(api, "xinghua.member1")).status_code == 403


def test_a_teams_log_shows_each_reader_the_cadres_they_may_read(api):
    write(api, "xinghua.member1")
    write(api, "xinghua.member2", work_done="整理村档案")
    team = team_id(api, "xinghua.member1")
    names = lambda reader: sorted(e["person"]["name"] for e in month(api, reader, "team_id", team).get_json()["entries"])  # noqa: E731
    assert names("xinghua.leader") == ["李娜", "王强"]
    assert names("dongling.head") == ["李娜", "王强"]
    assert names("unit.agri") == ["李娜"]  # 县农业农村局 sent 李娜 only


# ---------------------------------------------------------------- reviews

def reviews(api, reader):
    return [item for item in api(reader).get("/api/v1/inbox?per_page=100").get_json()["items"]
            if item["case"]["kind"] == "work_log_review"]


def xinghua_review(api, reader="dongling.head"):
    found = [i for i in reviews(api, reader) if i["case"]["village"]["name"] == "杏花村"]
    assert len(found) == 1, found
    return found[0]


def kept_logs(api, day="2026-02-02"):
    """Every team has begun its work log here."""
    with on_day(day):
        for village in ("xinghua", "shiqiao", "liushu", "nanping"):
            assert write(api, f"{village}.member1").status_code == 201


def test_no_review_is_opened_for_a_team_before_it_keeps_its_log_here(app, api):
    sweep(app)
    assert reviews(api, "dongling.head") == [] and reviews(api, "county.office") == []


def test_the_sweep_opens_the_townships_monthly_and_the_countys_two_monthly_review_once(app, api):
    kept_logs(api)
    sweep(app)
    sweep(app)
    sweep(app, date(2026, 3, 20))  # a later day of the same period owes nothing new
    township = xinghua_review(api)
    details = township["case"]["work_log_review"]
    assert (township["office"], details["period"]) == ("township", {"start": "2026-02-01", "end": "2026-02-28"})
    assert township["due_date"] == "2026-03-20"
    assert sorted(i["case"]["village"]["name"] for i in reviews(api, "dongling.head")) == ["杏花村", "石桥村"]
    county = reviews(api, "county.office")
    assert len(county) == 4  # one per team
    assert {i["case"]["work_log_review"]["period"]["start"] for i in county} == {"2026-01-01"}
    with on_day("2026-04-02"):
        sweep(app)
    # April: the township's March review; the county's period (March–April) has not ended.
    assert len(reviews(api, "county.office")) == 4
    assert sorted(i["case"]["work_log_review"]["period"]["start"] for i in reviews(api, "dongling.head")
                  if i["case"]["village"]["name"] == "杏花村") == ["2026-02-01", "2026-03-01"]


def test_the_review_counts_entries_and_missing_working_days_per_member(app, api):
    with on_day("2026-02-02"):
        write(api, "xinghua.member1")
    with on_day("2026-02-03"):
        write(api, "xinghua.member1")
    sweep(app)

    # The inbox row names the team and the period; the case itself counts each member's entries.
    case_id = xinghua_review(api)["case_id"]
    review = api("dongling.head").get(f"/api/v1/cases/{case_id}").get_json()["work_log_review"]
    members = {m["person"]["name"]: m for m in review["members"]}
    assert members["李娜"]["entries"] == 2
    assert "2026-02-02" not in members["李娜"]["missing_days"]
    assert "2026-02-04" in members["李娜"]["missing_days"]
    assert "2026-02-07" not in members["李娜"]["missing_days"]  # a Saturday
    assert members["王强"]["entries"] == 0 and "2026-02-02" in members["王强"]["missing_days"]


def test_the_township_approves_the_review_with_a_comment(app, api):
    kept_logs(api)
    sweep(app)
    case_id = xinghua_review(api)["case_id"]
    assert api("xinghua.leader").act(case_id, "approve", comment="记录完整").status_code == 403
    done = api("dongling.head").act(case_id, "approve", comment="记录完整")
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["state"] == "reviewed"
    assert [i for i in reviews(api, "dongling.head") if i["case_id"] == case_id] == []


def test_a_return_needs_a_comment_and_goes_to_the_team_leader_to_answer(app, api):
    kept_logs(api)
    sweep(app)
    case_id = xinghua_review(api)["case_id"]
    refused = api("dongling.head").act(case_id, "return")
    assert (refused.status_code, refused.get_json()["error"]["field"]) == (422, "comment")
    returned = api("dongling.head").act(case_id, "return", comment="2月记录不全，请补充说明")
    assert returned.get_json()["state"] == "returned"
    answer = [i for i in reviews(api, "xinghua.leader") if i["case_id"] == case_id]
    assert [i["kind"] for i in answer] == ["answer"]
    assert api("shiqiao.leader").act(case_id, "answer", comment="x", version=1).status_code == 403
    assert api("xinghua.leader").act(case_id, "answer").status_code == 422
    answered = api("xinghua.leader").act(case_id, "answer", comment="春节期间队员轮休，已补记")
    assert answered.get_json()["state"] == "pending"
    assert api("dongling.head").act(case_id, "approve").get_json()["state"] == "reviewed"


def test_the_review_waits_in_the_townships_inbox_page(app, api, login_as):
    kept_logs(api)
    sweep(app)
    case_id = xinghua_review(api)["case_id"]
    head = user(login_as, "dongling.head")
    assert case_id in get(head, "/inbox/").case_ids("inbox-row")
    page = get(head, f"/cases/{case_id}")
    assert page.has("work-log-review")
    assert "李娜" in page.text("work-log-review")


# ---------------------------------------------------------------- the page

def test_a_cadre_writes_todays_entry_on_the_page_and_reads_the_month(login_as):
    from tests.pages import post
    member = user(login_as, "xinghua.member1")
    form = {"work_done": "入户走访", "households_count": "2", "households": "赵六、钱七", "note": ""}
    page = post(member, "/work-log/", form, "/work-log/")
    assert page.status == 200
    assert [e.attrs["data-date"] for e in page.all("work-log-entry")] == ["2026-03-10"]
    assert "入户走访" in page.text("work-log-month")
    # The form shows today's entry to change it; saving again keeps one entry.
    assert "入户走访" in get(member, "/work-log/").text("work-log-form")
    page = post(member, "/work-log/", {**form, "work_done": "入户走访，开会"}, "/work-log/")
    assert len(page.all("work-log-entry")) == 1 and "入户走访，开会" in page.text("work-log-month")


def test_the_page_refuses_an_entry_without_the_work_done(login_as):
    from tests.pages import post
    member = user(login_as, "xinghua.member1")
    page = post(member, "/work-log/", {"work_done": ""}, "/work-log/")
    assert page.status == 422
    assert "Work done is required." in page.html and page.has("empty-state")


def test_the_township_reads_the_teams_month_page_and_another_leader_may_not(api, login_as):
    write(api)
    team = team_id(api, "xinghua.member1")
    assert "李娜" in get(user(login_as, "dongling.head"), f"/work-log/teams/{team}?month=2026-03").text("work-log-entries")
    assert get(user(login_as, "shiqiao.leader"), f"/work-log/teams/{team}").status == 403
