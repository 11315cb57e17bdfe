"""篇六 urgent leave by phone: the team leader enters it for the cadre, it is approved as any leave,
and the cadre completes the written request within the policy's days of coming back; until then the
case shows it as incomplete."""
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import OrgUnit, Person, RoleGrant, User
from tests.conftest import SICK_NOTE, SICK_NOTE_BYTES, csrf_token, leave_dates, on_day, use_preset
from tests.pages import get, option_value, post, user

LEADER, CADRE = "xinghua.leader", "xinghua.member1"  # 张伟 leads 杏花村's team; 李娜 is a member


# Four eyes: the leader who enters a leave does not approve it; a second holder of the team-leader
# office at 杏花村 (here the village's party secretary, appointed to it) does.
DEPUTY = "xinghua.secretary"


def appoint_second_leader(app, db, username=DEPUTY, village="杏花村"):
    with app.app_context():
        account = db.session.scalars(select(User).where(User.username == username)).one()
        unit = db.session.scalars(select(OrgUnit).where(OrgUnit.name == village)).one()
        account.grants.append(RoleGrant(role="team_leader", org_unit=unit))
        db.session.commit()


@pytest.fixture
def pian6(app, db):
    use_preset(app, "county-pian6")
    appoint_second_leader(app, db)


def person_id(app, db, name):
    with app.app_context():
        return db.session.scalars(select(Person.id).where(Person.name == name)).one()


def enter(api, for_id, by=LEADER, days=2, leave_type="personal", **extra):
    start, end = leave_dates(days)
    return api(by).post("/api/v1/leave-requests", json={
        "type": leave_type, "start_date": start, "end_date": end, "reason": "家中急事，电话请假",
        "on_behalf_of": for_id, **extra})


def error_of(response):
    return response.status_code, response.get_json()["error"]["code"], response.get_json()["error"]["message"]


def test_leader_enters_it_and_the_cadre_completes_it_after_coming_back(app, db, api, pian6):
    lina = person_id(app, db, "李娜")
    # Sick leave: the doctor's note can wait for the written request.
    created = enter(api, lina, leave_type="sick")
    assert created.status_code == 201, created.get_json()
    case = created.get_json()
    assert case["applicant"]["name"] == "李娜" and case["state"] == "pending"
    assert case["leave"]["proxy"] == {"by": LEADER, "name": "张伟", "completed_at": None}
    first = api(CADRE).get(f"/api/v1/cases/{case['id']}/history").get_json()[0]
    assert (first["actor"], first["action"], first["payload"]["proxy_for"]) == (LEADER, "create", "李娜")

    # The same route as the cadre's own request: the village certifies, then 队长, then 乡镇分管领导.
    assert [s["approvers"] for s in case["leave"]["route"]] == [["village_secretary"], ["team_leader"],
                                                                 ["township_deputy"]]
    assert api(DEPUTY).act(case["id"], "approve").status_code == 200  # 村委会证明
    assert api(DEPUTY).act(case["id"], "approve").status_code == 200  # and, as the second leader, 队长
    assert api("dongling.deputy").act(case["id"], "approve").get_json()["state"] == "approved"

    # The cadre owes the written request: in their inbox, due 3 days (the policy) after the expected return.
    end = date.fromisoformat(case["leave"]["end_date"])
    [owed] = [t for t in api(CADRE).get("/api/v1/inbox").get_json()["items"] if t["kind"] == "complete"]
    assert owed["case_id"] == case["id"] and owed["due_date"] == (end + timedelta(days=4)).isoformat()

    # Back two days late: the days now run from the actual return.
    back = end + timedelta(days=2)
    with on_day(back):
        assert api(CADRE).act(case["id"], "report_back", actual_return_date=back.isoformat()).status_code == 200
    after = api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()
    [owed] = [t for t in after["open_tasks"] if t["kind"] == "complete"]
    assert owed["due_date"] == (back + timedelta(days=3)).isoformat()
    assert "complete" in after["actions"] and after["leave"]["proxy"]["completed_at"] is None

    assert error_of(api(CADRE).act(case["id"], "complete"))[:2] == (422, "required")
    status, code, message = error_of(api(CADRE).act(case["id"], "complete", comment="因母亲急病住院请假两天"))
    assert (status, code) == (422, "document_required") and "病假须附证明材料" in message
    assert api(LEADER).act(case["id"], "complete", comment="代写").status_code == 403  # the cadre's own words

    done = api(CADRE).act(case["id"], "complete", comment="因母亲急病住院请假两天", documents=[SICK_NOTE])
    assert done.status_code == 200, done.get_json()
    done = done.get_json()
    assert done["leave"]["proxy"]["completed_at"] is not None and done["state"] == "closed"
    assert [d["filename"] for d in done["leave"]["documents"]] == ["诊断证明.pdf"]
    assert not [t for t in done["open_tasks"] if t["kind"] == "complete"] and "complete" not in done["actions"]
    assert api("dongling.deputy").get(done["leave"]["documents"][0]["url"]).data == SICK_NOTE_BYTES
    last = api(CADRE).get(f"/api/v1/cases/{case['id']}/history").get_json()[-1]
    assert (last["actor"], last["action"], last["comment"]) == (CADRE, "complete", "因母亲急病住院请假两天")

    assert error_of(api(CADRE).act(case["id"], "complete", comment="again"))[:2] == (409, "nothing_to_complete")


def test_who_may_enter_leave_by_proxy(app, db, api):
    lina, wangqiang = person_id(app, db, "李娜"), person_id(app, db, "王强")
    zhangwei = person_id(app, db, "张伟")
    # The default preset (zhumadian-2022) has no urgent leave by proxy.
    status, code, message = error_of(enter(api, lina))
    assert (status, code) == (403, "proxy_not_allowed") and "不允许他人代为填报" in message

    use_preset(app, "county-pian6")
    status, code, message = error_of(enter(api, wangqiang, by=CADRE))  # a member, for another member
    assert (status, code) == (403, "not_proxy") and "只有队长可以" in message
    assert error_of(enter(api, lina, by="shiqiao.leader"))[:2] == (403, "not_proxy")  # another village's leader
    status, code, message = error_of(enter(api, zhangwei))
    assert (status, code) == (422, "proxy_for_self") and "本人请假" in message
    # (篇六 approves official trips like any leave, so a trip is no report here: see test_proxy_not_for_reports.)
    refused = enter(api, 999999)
    assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "on_behalf_of"
    assert enter(api, "李娜").get_json()["error"]["field"] == "on_behalf_of"
    # Nothing was filed by any of these.
    assert api(CADRE).get("/api/v1/inbox").get_json()["total"] == 0
    assert api("dongling.deputy").get("/api/v1/inbox").get_json()["total"] == 0


def test_a_returned_proxy_request_goes_back_to_the_proxy(app, db, api, pian6):
    case = enter(api, person_id(app, db, "李娜"), days=4).get_json()  # the village, 队长, then 乡镇主要领导
    assert api(DEPUTY).act(case["id"], "approve").status_code == 200  # 村委会证明
    assert api(DEPUTY).act(case["id"], "approve").status_code == 200
    assert api("dongling.head").act(case["id"], "return", comment="请写明返岗日期").status_code == 200
    revise = [t for t in api(LEADER).get("/api/v1/inbox").get_json()["items"] if t["kind"] == "revise"]
    assert [t["case_id"] for t in revise] == [case["id"]]
    again = api(LEADER).act(case["id"], "submit", reason="家中急事，电话请假，预计按期返岗")
    assert again.status_code == 200 and again.get_json()["state"] == "pending"
    # The proxy may withdraw what they entered; a bystander may not.
    assert api("xinghua.member2").act(case["id"], "withdraw", version=again.get_json()["version"]).status_code == 403
    assert api(LEADER).act(case["id"], "withdraw").get_json()["state"] == "withdrawn"
    after = api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()
    assert "complete" not in after["actions"]  # a withdrawn leave owes no written request


def test_the_pages_for_the_leader_and_the_cadre(app, login_as, api, pian6):
    leader = user(login_as, LEADER)
    index = get(leader, "/leave/")
    assert index.has("new-proxy-leave")
    form_page = get(leader, "/leave/proxy")
    assert form_page.status == 200 and "asked for leave by phone" in form_page.text("proxy-explained")
    lina = option_value(form_page.html, "on_behalf_of", "李娜")
    assert "王强" in form_page.html and "陈静" not in form_page.html  # only 杏花村's team
    start, end = leave_dates(2)
    fields = {"on_behalf_of": lina, "leave_type": "personal", "start_date": start, "end_date": end,
              "reason": "家中急事"}

    preview = post(leader, "/leave/proxy", {**fields, "preview": "1"}, "/leave/proxy")
    assert preview.status == 200 and "李娜" in preview.text("applicant-context")
    assert preview.one("preview-days").attrs["data-days"] == "2"

    missing = post(leader, "/leave/proxy", {**fields, "on_behalf_of": "", "submit_leave": "1"}, "/leave/proxy")
    assert missing.status == 422 and "required" in missing.text("leave-form")

    entered = post(leader, "/leave/proxy", {**fields, "submit_leave": "1"}, "/leave/proxy")
    assert "entered for 李娜" in entered.html
    assert "Entered by 张伟" in entered.text("proxy") and "Incomplete" in entered.text("proxy")
    assert get(leader, "/leave/").all("entered-row")
    cadre = user(login_as, CADRE)
    [row] = get(cadre, "/leave/").all("my-leave-row")
    case_id = int(row.attrs["data-case-id"])
    api(DEPUTY).act(case_id, "approve")  # 村委会证明: then the team leader's step opens
    assert "entered by 张伟" in get(leader, "/inbox/").text("by-proxy")  # the office's task, in his inbox too

    # Once approved, the cadre's inbox and own page offer the completion.
    api(DEPUTY).act(case_id, "approve")
    api("dongling.deputy").act(case_id, "approve")
    kinds = {r.attrs["data-task-kind"]: r for r in get(cadre, "/inbox/").all("inbox-row")}
    assert set(kinds) == {"report_back", "complete"}
    assert "write the request in your own words" in kinds["complete"].text
    case_path = f"/cases/{row.attrs['data-case-id']}"
    page = get(cadre, case_path)
    assert page.has("complete-form")
    empty = post(cadre, f"{case_path}/act/complete", {"version": page.version(), "comment": ""}, case_path)
    assert empty.status == 422 and "required" in empty.text("complete-form")
    data = {"version": page.version(), "comment": "家中老人突发急病，电话向队长请假",
            "csrf_token": csrf_token(cadre, case_path),
            "document": (io.BytesIO(b"%PDF-1.4 note"), "说明.pdf", "application/pdf")}
    done = cadre.post(f"{case_path}/act/complete", data=data, content_type="multipart/form-data",
                      follow_redirects=True)
    text = done.get_data(as_text=True)
    assert done.status_code == 200 and "Completed in writing" in text and "说明.pdf" in text

    # A cadre with no one to file for gets no form.
    assert user(login_as, "xinghua.member2").get("/leave/proxy").status_code == 403


def test_proxy_not_for_reports(app, db, api, pian6, edit_policy):
    # Where an official trip is only reported (报备), there is no approval and no request to complete.
    edit_policy("county-pian6", report_only={"official_trip": ["township"]})
    status, code, message = error_of(enter(api, person_id(app, db, "李娜"), leave_type="official_trip"))
    assert (status, code) == (422, "proxy_not_for_reports") and "不能代为填报" in message


def test_whoever_enters_a_leave_for_a_cadre_does_not_approve_it(app, db, api):
    # 篇六: 委托他人代填请销假审批表并经过审批同意 — filled in by one, approved by another.
    use_preset(app, "county-pian6")
    lina = person_id(app, db, "李娜")
    # 张伟 is the only team leader of 杏花村: entering 李娜's leave would make him its approver. Refused,
    # naming the office, and nothing is written.
    status, code, message = error_of(enter(api, lina))
    assert (status, code) == (409, "proxy_sole_approver") and "队长" in message
    assert api("dongling.deputy").get("/api/v1/inbox").get_json()["total"] == 0
    assert api(LEADER).get("/api/v1/cases").get_json()["total"] == 0

    # With a second holder of the office, the step is theirs; the proxy may not decide it.
    appoint_second_leader(app, db)
    case = enter(api, lina).get_json()
    assert case["state"] == "pending" and "approve" not in case["actions"]
    status, code, message = error_of(api(LEADER).act(case["id"], "approve"))
    assert (status, code) == (403, "proxy_may_not_decide") and "另一位" in message
    assert error_of(api(LEADER).act(case["id"], "reject", comment="不批"))[:2] == (403, "proxy_may_not_decide")
    assert "approve" in api(DEPUTY).get(f"/api/v1/cases/{case['id']}").get_json()["actions"]
    assert api(DEPUTY).act(case["id"], "approve").get_json()["current_step"] == 1
