"""The whereabouts board (去向牌, 001 第九条（二）): each cadre of a village or a township today — in the
village, on leave or a trip until …, not signed in yet — for the offices over it and the team."""
from datetime import date, timedelta

from sqlalchemy import select

from models import OrgUnit
from tests.pages import get, user
from workflows import clock


def unit_id(app, db, name):
    with app.app_context():
        return db.session.scalars(select(OrgUnit.id).where(OrgUnit.name == name)).one()


def board(login_as, username, unit):
    return get(user(login_as, username), f"/presence/board/{unit}")


def rows(page):
    return {r.attrs["data-person"]: r for r in page.all("board-row")}


def test_the_township_sees_where_each_cadre_is_today(app, db, api, login_as):
    with app.app_context():  # presence records begin before today
        db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one().presence_from = date(2026, 3, 1)
        db.session.commit()
    assert api("xinghua.member1").post("/api/v1/sign-ins", json={"location": "村委会"}).status_code == 201
    # 王强 is on a leave that began yesterday and runs to Friday.
    start = (clock.today() - timedelta(days=1)).isoformat()
    end = (clock.today() + timedelta(days=3)).isoformat()
    leave = api("xinghua.member2").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": end, "reason": "家中有事"}).get_json()
    assert api("dongling.head").act(leave["id"], "approve").get_json()["state"] == "approved"

    page = board(login_as, "dongling.head", unit_id(app, db, "东岭镇"))
    assert page.status == 200
    found = rows(page)
    assert found["李娜"].attrs["data-status"] == "present" and "Signed in at" in found["李娜"].text
    assert found["王强"].attrs["data-status"] == "leave" and "until Mar 13, 2026" in found["王强"].text
    assert found["张伟"].attrs["data-status"] == "open" and "Not signed in yet" in found["张伟"].text
    assert "石桥村" in page.html  # the township's other village is on its board too
    # The village's own board, for its team; not for another village's leader.
    village = unit_id(app, db, "杏花村")
    assert set(rows(board(login_as, "xinghua.member1", village))) == {"张伟", "李娜", "王强"}
    assert board(login_as, "shiqiao.leader", village).status == 403
    assert board(login_as, "xihe.head", unit_id(app, db, "东岭镇")).status == 403


def test_a_cadre_finds_the_board_from_the_sign_in_page(login_as):
    page = get(user(login_as, "xinghua.member1"), "/presence/")
    assert page.has("village-board")



def test_the_board_says_what_business_takes_a_cadre_away(app, db, api, login_as):
    """A meeting shows as a meeting, whether or not the policy counts it as presence (篇六 does not)."""
    from tests.conftest import use_preset
    use_preset(app, "county-pian6")
    start, end = clock.today().isoformat(), (clock.today() + timedelta(days=1)).isoformat()
    case = api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "official_trip", "business": "meeting", "start_date": start, "end_date": end,
        "reason": "赴县里参加培训会议"}).get_json()
    approvers = {"village_secretary": "xinghua.secretary", "team_leader": "xinghua.leader",
                 "township_deputy": "dongling.deputy", "township_head": "dongling.head"}
    while case["state"] == "pending":
        case = api(approvers[case["open_tasks"][0]["office"]]).act(case["id"], "approve").get_json()
    assert case["state"] in ("approved", "reported"), case
    found = rows(board(login_as, "dongling.head", unit_id(app, db, "东岭镇")))
    assert found["李娜"].attrs["data-status"] == "leave"  # 篇六 counts only the trip as presence
    assert "Meeting" in found["李娜"].text
