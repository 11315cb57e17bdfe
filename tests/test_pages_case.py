"""The case page: what it shows, the actions it offers to whom, and how it refuses."""
from tests.conftest import csrf_token, leave_dates, on_day
from tests.pages import Page, act, file_leave, get, post, user

CADRE = "xinghua.member1"  # 李娜 at 杏花村 (东岭镇), sent by 县农业农村局
HEAD = "dongling.head"


def test_the_case_page_shows_the_facts_route_and_history(login_as):
    case_id = file_leave(user(login_as, CADRE), days=10, reason="家中老人住院")
    page = get(user(login_as, "county.org"), f"/cases/{case_id}")
    assert page.status == 200
    assert page.state == "pending"
    assert "李娜" in page.text("applicant") and "County-sent" in page.text("applicant")
    assert "杏花村" in page.text("village") and "东岭镇" in page.text("village")
    assert page.text("dispatching-unit") == "县农业农村局"
    assert page.one("days").attrs["data-days"] == "10"
    assert page.text("leave-type") == "Personal leave"
    assert page.text("reason") == "家中老人住院"
    assert "zhumadian-2022" in page.text("policy") and "version 1" in page.text("policy")
    [step] = page.all("route-step")
    assert step.attrs["data-status"] == "current" and step.attrs["data-joint"] == "true"
    holders = page.text("open-tasks")
    assert "示范县 · County organisation department" in holders and "县农业农村局 · Dispatching unit" in holders
    assert [r.attrs["data-action"] for r in page.all("history-row")] == ["create", "submit"]
    assert "李娜" in page.all("history-row")[1].text and "Draft → Awaiting approval" in page.all("history-row")[1].text


def test_each_viewer_is_offered_only_their_actions(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    path = f"/cases/{case_id}"
    applicant = get(user(login_as, CADRE), path)
    assert applicant.has("action-withdraw")
    assert not applicant.has("action-approve") and not applicant.has("action-report_back")
    approver = get(user(login_as, HEAD), path)
    assert all(approver.has(f"action-{a}") for a in ("approve", "reject", "return"))
    assert not approver.has("action-withdraw")


def test_reject_without_a_comment_is_refused_and_nothing_changes(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head = user(login_as, HEAD)
    refused = act(head, case_id, "reject", comment="  ")
    assert refused.status == 422
    assert "Comment is required." in refused.text("error-comment")
    assert refused.state == "pending"
    assert get(head, f"/cases/{case_id}").state == "pending"
    assert get(head, "/inbox/").case_ids("inbox-row") == [case_id]

    rejected = act(head, case_id, "reject", comment="农忙期间不宜请假")
    assert rejected.state == "rejected"
    last = rejected.all("history-row")[-1]
    assert last.attrs["data-action"] == "reject" and "农忙期间不宜请假" in last.text
    assert get(head, "/inbox/").has("empty-state")
    assert not rejected.has("actions")


def test_return_without_a_comment_is_refused(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    refused = act(user(login_as, HEAD), case_id, "return")
    assert refused.status == 422 and "Comment is required." in refused.text("error-comment")
    assert refused.state == "pending"


def test_returned_for_revision_then_resubmitted_with_other_dates(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, days=3)
    head = user(login_as, HEAD)
    assert act(head, case_id, "return", comment="请写明返岗安排").state == "returned"
    assert get(head, "/inbox/").has("empty-state")

    task = get(cadre, "/inbox/").one("inbox-row")
    assert int(task.attrs["data-case-id"]) == case_id and task.attrs["data-task-kind"] == "revise"
    assert "Revise and resubmit" in task.text
    page = get(cadre, f"/cases/{case_id}")
    assert page.state == "returned" and "请写明返岗安排" in page.text("history")

    # Ten days now: the route changes from the township to the three county offices.
    start, end = leave_dates(10)
    after = act(cadre, case_id, "submit", leave_type="personal", start_date=start, end_date=end,
                reason="家中老人住院，返岗后补交材料")
    assert after.state == "pending"
    assert after.one("days").attrs["data-days"] == "10"
    assert "返岗后补交材料" in after.text("reason")
    assert get(cadre, "/inbox/").has("empty-state")
    assert get(head, "/inbox/").has("empty-state")
    assert get(user(login_as, "county.org"), "/inbox/").case_ids("inbox-row") == [case_id]


def test_a_refused_resubmission_keeps_the_case_returned(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, days=3)
    act(user(login_as, HEAD), case_id, "return", comment="日期有误")
    start, end = leave_dates(4)
    refused = act(cadre, case_id, "submit", leave_type="personal", start_date=end, end_date=start, reason="x")
    assert refused.status == 422
    assert "end date is before" in refused.text("error-end_date")
    assert refused.state == "returned"


def test_withdraw(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, days=3)
    page = act(cadre, case_id, "withdraw", comment="事情已解决")
    assert page.state == "withdrawn"
    assert not page.has("actions")
    assert get(user(login_as, HEAD), "/inbox/").has("empty-state")
    assert "Withdrawn" in get(cadre, "/leave/").one("my-leave-row").text


def test_report_back_closes_the_leave(login_as):
    cadre = user(login_as, CADRE)
    case_id = file_leave(cadre, days=3)
    act(user(login_as, HEAD), case_id, "approve")
    start, end = leave_dates(3)

    with on_day(end):
        missing = act(cadre, case_id, "report_back", actual_return_date="")
        assert missing.status == 422 and "Actual return date is required." in missing.text("error-actual_return_date")
        assert missing.state == "approved"
        closed = act(cadre, case_id, "report_back", actual_return_date=end, comment="已返岗")
    assert closed.state == "closed"
    assert closed.has("actual-return")
    assert "Nobody" in closed.text("open-tasks")
    assert get(cadre, "/inbox/").has("empty-state")
    assert all(s.attrs["data-status"] == "done" for s in closed.all("route-step"))


def test_someone_elses_case_is_forbidden(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    for outsider in ("xinghua.member2", "xihe.head", "unit.finance", "unit.agri"):
        page = get(user(login_as, outsider), f"/cases/{case_id}")
        assert page.status == 403, outsider
        assert "You may not see this case." in page.text("error-message")
        assert "家中老人住院" not in page.html
    assert get(user(login_as, CADRE), "/cases/99999").status == 404


def test_an_outsider_cannot_act_by_posting_either(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    outsider = user(login_as, "xihe.head")
    version = get(user(login_as, HEAD), f"/cases/{case_id}").version()
    data = {"version": version, "comment": "同意", "csrf_token": csrf_token(outsider, "/inbox/")}
    assert outsider.post(f"/cases/{case_id}/act/approve", data=data).status_code == 403
    # The applicant may see the case but not decide it.
    cadre = user(login_as, CADRE)
    data["csrf_token"] = csrf_token(cadre, "/inbox/")
    assert cadre.post(f"/cases/{case_id}/act/approve", data=data).status_code == 403
    assert get(user(login_as, HEAD), f"/cases/{case_id}").state == "pending"


def test_a_stale_page_is_told_the_case_moved_on(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head, deputy = user(login_as, HEAD), user(login_as, "dongling.deputy")
    path = f"/cases/{case_id}"
    old_version = get(head, path).version()
    act(deputy, case_id, "approve", comment="同意")  # meanwhile, the deputy decides

    response = head.post(f"{path}/act/reject", data={"version": old_version, "comment": "不同意",
                                                     "csrf_token": csrf_token(head, path)})
    assert response.status_code == 303 and response.headers["Location"].endswith(path)
    page = Page(head.get(path))
    assert "Someone acted on this case since you opened it." in page.html
    assert page.state == "approved"
    assert [r.attrs["data-action"] for r in page.all("history-row")] == ["create", "submit", "approve"]


def test_a_form_without_its_security_token_is_refused(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head = user(login_as, HEAD)
    response = head.post(f"/cases/{case_id}/act/approve", data={"version": "2"})
    assert response.status_code == 400
    assert get(head, f"/cases/{case_id}").state == "pending"


def test_an_unknown_action_is_not_found(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head = user(login_as, HEAD)
    page = post(head, f"/cases/{case_id}/act/explode", {"version": "2"}, f"/cases/{case_id}")
    assert page.status == 404


def test_a_form_without_its_version_is_refused_and_changes_nothing(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head = user(login_as, HEAD)
    page = post(head, f"/cases/{case_id}/act/approve", {"comment": "同意"}, f"/cases/{case_id}")
    assert page.status == 422
    assert page.state == "pending"


def test_cadre_cancels_an_approved_leave_from_the_case_page(login_as):
    cadre = user(login_as, "xinghua.member1")
    case_id = file_leave(cadre)
    assert act(user(login_as, "dongling.head"), case_id, "approve").state == "approved"
    without_reason = act(cadre, case_id, "cancel")
    assert without_reason.status == 422 and without_reason.state == "approved"
    cancelled = act(cadre, case_id, "cancel", comment="计划有变")
    assert cancelled.state == "cancelled"
    assert "Cancelled before it began" in cancelled.text("case-state")
    assert not cancelled.has("action-report_back")


def test_cadre_asks_for_an_extension_from_the_case_page(login_as):
    cadre = user(login_as, "xinghua.member1")
    case_id = file_leave(cadre, days=3, start_in=0)
    act(user(login_as, "dongling.head"), case_id, "approve")
    page = get(cadre, f"/cases/{case_id}")
    assert page.has("action-extend")
    path = f"/cases/{case_id}/extend"
    no_reason = post(cadre, path, {"version": page.version(), "end_date": leave_dates(5, 0)[1]}, f"/cases/{case_id}")
    assert no_reason.status == 422 and no_reason.has("error-reason")
    extension = post(cadre, path, {"version": page.version(), "end_date": leave_dates(5, 0)[1], "reason": "病情未愈"},
                     f"/cases/{case_id}")
    assert extension.state == "pending"
    assert "The extension was submitted for approval." in extension.html
    assert get(user(login_as, "dongling.head"), "/inbox/").case_ids("inbox-row") != []
