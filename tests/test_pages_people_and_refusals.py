"""The pages name people and offices as they were when they acted; who may read a cadre's case;
refusal pages say what happened and offer a way on; a form survives a session that ended."""
import re

from tests.conftest import csrf_token
from tests.pages import Page, act, file_leave, get, post, user

CADRE = "xinghua.member1"  # 李娜 at 杏花村 (东岭镇), sent by 县农业农村局
HEAD = "dongling.head"     # 东岭镇's party secretary: an office account, no person


def _person_id(login_as, username) -> int:
    return user(login_as, username).get("/api/v1/me").get_json()["person_id"]


def test_history_names_the_actor_as_they_were_then(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    act(user(login_as, HEAD), case_id, "approve", comment="同意")
    admin = user(login_as, "admin")
    person = _person_id(login_as, CADRE)
    form = f"/admin/people/{person}"
    renamed = post(admin, form, {"name": "王娜", "phone": "", "home_unit_id": ""}, form)
    assert renamed.status == 200

    page = get(user(login_as, "county.org"), f"/cases/{case_id}")
    rows = {r.attrs["data-action"]: r for r in page.all("history-row")}
    assert "李娜" in rows["submit"].text and "王娜" not in rows["submit"].text
    assert "县农业农村局" in rows["submit"].text  # the unit that sent her, as her office
    assert "东岭镇 · Township party committee" in rows["approve"].text
    assert "dongling.head" not in page.html

    history = admin.get(f"/api/v1/cases/{case_id}/history").get_json()
    submit = next(e for e in history if e["action"] == "submit")
    approve = next(e for e in history if e["action"] == "approve")
    assert submit["actor"] == CADRE and submit["actor_name"] == "李娜"
    assert approve["actor"] == HEAD and "东岭镇" in approve["actor_office"]
    assert approve["actor_name"] != HEAD


def test_a_refusal_banner_and_the_header_name_the_office_not_the_login(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    act(user(login_as, HEAD), case_id, "reject", comment="农忙期间不宜请假")
    page = get(user(login_as, CADRE), f"/cases/{case_id}")
    banner = page.text("decision-comment")
    assert "东岭镇 · Township party committee" in banner and "农忙期间不宜请假" in banner
    assert "dongling.head" not in banner
    header = get(user(login_as, "county.org"), "/inbox/").text("current-user")
    assert header == "示范县 · County organisation department"


def test_a_joint_steps_partial_approval_says_how_many_offices_have_approved(login_as):
    case_id = file_leave(user(login_as, CADRE), days=10)  # 县组织部, 县乡村振兴局, 县农业农村局 jointly
    page = act(user(login_as, "county.org"), case_id, "approve", comment="同意")
    last = page.all("history-row")[-1]
    assert last.attrs["data-action"] == "approve"
    state = [e for e in page.all("history-state")][-1].text
    assert state == "1 of 3 offices have approved"
    assert "Awaiting approval → Awaiting approval" not in last.text


def test_the_team_leader_and_the_township_read_a_cadres_leave_whatever_its_route(login_as):
    case_id = file_leave(user(login_as, CADRE), days=10)  # goes to the county, not the township
    for reader in ("xinghua.leader", HEAD):
        page = get(user(login_as, reader), f"/cases/{case_id}")
        assert page.status == 200, reader
        assert "李娜" in page.text("applicant")
        assert not page.has("actions"), reader  # read only
    refused = get(user(login_as, "xihe.head"), f"/cases/{case_id}")
    assert refused.status == 403
    assert refused.text("error-heading") == "Something went wrong"
    assert refused.text("error-message") == "You may not see this case."
    assert any(w.attrs["href"] == "/inbox/" for w in refused.all("way-on"))


def test_the_address_a_refused_form_leaves_opens_the_case(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head = user(login_as, HEAD)
    refused = act(head, case_id, "reject", comment="")
    assert refused.status == 422
    again = head.get(f"/cases/{case_id}/act/reject")
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/cases/{case_id}")


def test_a_page_opened_the_wrong_way_is_a_page_headed_something_went_wrong(login_as):
    page = get(user(login_as, HEAD), "/logout")
    assert page.status == 405
    assert page.text("error-heading") == "Something went wrong"
    assert "cannot be opened this way" in page.text("error-message")
    assert page.has("way-on")


def test_an_expired_form_says_so_and_offers_the_page_again(login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    head = user(login_as, HEAD)
    page = Page(head.post(f"/cases/{case_id}/act/approve", data={"version": "1", "csrf_token": "stale"}))
    assert page.status == 400
    assert page.text("error-heading") == "Something went wrong"
    assert page.text("error-message") == "The page has expired. Open it again."
    assert page.all("way-on")[0].attrs["href"] == f"/cases/{case_id}/act/approve"


def test_a_form_sent_after_the_session_ended_comes_back_after_login_with_its_text(app, login_as):
    case_id = file_leave(user(login_as, CADRE), days=3)
    path = f"/cases/{case_id}"
    head = user(login_as, HEAD)
    version = get(head, path).version()
    ended = app.test_client()  # the same person, whose session has ended: no cookie left
    ended.post("/lang/en", data={"csrf_token": csrf_token(ended), "next": "/login"})
    sent = ended.post(f"{path}/act/reject", data={"version": version, "comment": "请补充返岗安排",
                                                  "csrf_token": "from-the-old-session"})
    assert sent.status_code in (302, 303) and "/login" in sent.headers["Location"]
    login_page = sent.headers["Location"]
    back = ended.post(login_page, data={"username": HEAD, "password": "demo",
                                        "csrf_token": csrf_token(ended, login_page)}, follow_redirects=True)
    page = Page(back)
    assert page.status == 200 and page.state == "pending"
    assert re.search(r"<textarea[^>]*>\s*请补充返岗安排</textarea>", page.html)
    rejected = post(ended, f"{path}/act/reject", {"version": version, "comment": "请补充返岗安排"}, path)
    assert rejected.state == "rejected"


def test_the_leave_form_shows_every_error_at_once_and_marks_what_is_required(login_as):
    cadre = user(login_as, CADRE)
    form = get(cadre, "/leave/new")
    assert len(form.all("required-mark")) == 4  # type, start, end, reason
    refused = post(cadre, "/leave/new", {"leave_type": "personal", "start_date": "", "end_date": "",
                                         "reason": "", "submit_leave": "1"}, "/leave/new")
    assert refused.status == 422
    for field in ("start_date", "end_date", "reason"):
        assert refused.has(f"error-{field}"), field
