"""Requests that arrive at the same moment, over real HTTP, on SQLite and on PostgreSQL.

- One cadre's overlapping requests at once: the overlap check runs under the cadre's lock, so exactly
  one gets in and the others are told which one it was (422), never a 500 or a false 409.
- Two approvals of unrelated cases at once: both succeed (SQLite writers wait for each other
  instead of the second failing on a stale snapshot).
- An approval that would grant a leave overlapping, or over a cap with, one already granted: 409.
- The unit of work's transaction is its own, begun as a writer, whatever the request read before.

The app runs in a threaded werkzeug server (`live_server`); the requests of a round are released
together by a barrier (`at_once`, from test_concurrency.py).
"""
import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

import models.sqlite
from models import Case, LeaveLedger, LeaveRequest, User
from tests.conftest import leave_dates
from tests.test_concurrency import at_once, call
from tests.test_leave_limits import months_ahead
from workflows.unit_of_work import UnitOfWork

CADRE = "xinghua.member1"
LIVE = ("pending", "returned", "approved", "reported", "closed", "extended")


def live_leaves(app, db, username, start: date, end: date) -> list[int]:
    with app.app_context():
        person_id = db.session.scalars(select(User.person_id).where(User.username == username)).one()
        ids = db.session.scalars(select(Case.id).join(LeaveRequest, LeaveRequest.case_id == Case.id).where(
            Case.subject_person_id == person_id, Case.state.in_(LIVE),
            LeaveRequest.start_date <= end, LeaveRequest.end_date >= start)).all()
        db.session.remove()
    return list(ids)


def test_one_cadre_filing_overlapping_leaves_at_once_gets_exactly_one(app, db, live_server, token_for):
    tokens = [token_for(CADRE) for _ in range(4)]  # four clients of one cadre: browser, phone, ...
    for n in range(10):
        first, _ = leave_dates(1, start_in=7 + 8 * n)  # a window of its own each round
        base = date.fromisoformat(first)
        # Four days each, starting a day apart: every two of them share a day.
        asked = [(base + timedelta(days=i), base + timedelta(days=i + 3)) for i in range(4)]
        results = at_once([(live_server, token, "POST", "/api/v1/leave-requests",
                            {"type": "personal", "start_date": s.isoformat(), "end_date": e.isoformat(),
                             "reason": f"并发请假 {n}"})
                           for token, (s, e) in zip(tokens, asked)])
        assert sorted(status for status, _ in results) == [201, 422, 422, 422], results
        winner = next(body for status, body in results if status == 201)
        for status, body in results:
            if status == 422:
                assert body["error"]["code"] == "leave_overlaps", body
                assert body["error"]["field"] == "start_date"
                assert f"第 {winner['id']} 号" in body["error"]["message"], body
        assert live_leaves(app, db, CADRE, base, base + timedelta(days=7)) == [winner["id"]]


def test_approvals_of_two_unrelated_cases_at_once_both_succeed(app, live_server, token_for):
    # Two cadres of two townships, each approved by their own township's secretary.
    pairs = [(token_for("xinghua.member1"), token_for("dongling.head")),
             (token_for("liushu.member1"), token_for("xihe.head"))]
    for n in range(6):
        start, end = leave_dates(2, start_in=7 + 4 * n)
        cases = []
        for cadre, _ in pairs:
            status, case = call(live_server, cadre, "POST", "/api/v1/leave-requests",
                                {"type": "personal", "start_date": start, "end_date": end, "reason": f"办事 {n}"})
            assert status == 201, case
            cases.append(case)
        results = at_once([(live_server, approver, "POST", f"/api/v1/cases/{case['id']}/actions/approve",
                            {"version": case["version"], "comment": "同意"})
                           for (_, approver), case in zip(pairs, cases)])
        assert [status for status, _ in results] == [200, 200], results
        assert [body["state"] for _, body in results] == ["approved", "approved"]


def _file(api, start: date, days: int) -> dict:
    end = start + timedelta(days=days - 1)
    response = api(CADRE).post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start.isoformat(), "end_date": end.isoformat(), "reason": "办事"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _move(app, db, case_id: int, start: date, days: int) -> None:
    """Arrange: dates a request got in with before the checks took the cadre's lock."""
    with app.app_context():
        db.session.execute(update(LeaveRequest).where(LeaveRequest.case_id == case_id).values(
            start_date=start, end_date=start + timedelta(days=days - 1)))
        db.session.commit()


def _booked(app, db) -> set[int]:
    with app.app_context():
        booked = set(db.session.scalars(select(LeaveLedger.case_id)))
        db.session.remove()
    return booked


def test_approval_refuses_to_grant_a_leave_overlapping_one_already_granted(app, db, api):
    start = date.fromisoformat(leave_dates(1)[0])
    first, second = _file(api, start, 3), _file(api, start + timedelta(days=10), 3)
    _move(app, db, second["id"], start + timedelta(days=2), 3)  # both got in, sharing a day

    # The first one approved wins: a request still waiting does not hold it up ...
    assert api("dongling.head").act(first["id"], "approve").status_code == 200
    # ... and the other one can no longer be granted.
    refused = api("dongling.head").act(second["id"], "approve")
    assert refused.status_code == 409, refused.get_json()
    error = refused.get_json()["error"]
    assert error["code"] == "overlaps_granted_leave"
    assert f"第 {first['id']} 号请假已获批准" in error["message"]
    after = api("dongling.head").get(f"/api/v1/cases/{second['id']}").get_json()
    assert after["state"] == "pending" and after["version"] == second["version"]
    assert [t["kind"] for t in after["open_tasks"]] == ["approve"]
    assert _booked(app, db) == {first["id"]}
    # The approver says no instead, which is still possible.
    assert api("dongling.head").act(second["id"], "reject", comment="与已批准的请假重叠").status_code == 200


def test_approval_refuses_to_grant_days_the_cap_has_no_room_for(app, db, api, edit_policy):
    edit_policy(limits={"personal": {"per_month": 2}})
    m1, m2, _ = months_ahead()
    first, second = _file(api, m1, 2), _file(api, m2, 1)
    _move(app, db, second["id"], m1 + timedelta(days=10), 1)  # together 3 days in one month

    assert api("dongling.head").act(first["id"], "approve").status_code == 200
    refused = api("dongling.head").act(second["id"], "approve")
    assert refused.status_code == 409, refused.get_json()
    assert refused.get_json()["error"]["code"] == "over_month_cap"
    assert "已用 2 天，上限 2 天；本次申请 1 天" in refused.get_json()["error"]["message"]
    assert _booked(app, db) == {first["id"]}


def test_the_unit_of_work_writes_on_its_own_snapshot_whatever_was_read_before(app, db):
    with app.app_context():
        session = db.session
        cadre = session.scalars(select(User).where(User.username == CADRE)).one()  # the request reads
        with Session(db.engine) as other:  # another action commits meanwhile
            other.execute(update(User).where(User.username == "dongling.head").values(locale="en"))
            other.commit()
        with UnitOfWork(session) as uow:
            cadre.locale = "en"
            if _is_sqlite(db):
                assert _write_lock_taken(db), "the unit of work's transaction began as a reader"
            uow.commit()
        assert session.scalars(select(User.locale).where(User.username == CADRE)).one() == "en"
        if _is_sqlite(db):
            assert not _write_lock_taken(db), "a read after the unit of work holds the write lock"
        db.session.remove()


def test_a_writer_that_waits_too_long_gets_503_not_409(app, db, api, monkeypatch):
    if not _is_sqlite_app(app, db):
        pytest.skip("SQLite's busy timeout")
    case = _file(api, date.fromisoformat(leave_dates(1)[0]), 2)
    approver = api("dongling.head")
    monkeypatch.setattr(models.sqlite, "BUSY_TIMEOUT_MS", 100)
    with app.app_context():
        db.engine.dispose()  # new connections, with the short timeout
        blocker = sqlite3.connect(db.engine.url.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # a writer that does not finish
    try:
        busy = approver.act(case["id"], "approve", version=case["version"])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert busy.status_code == 503, busy.get_data(as_text=True)
    assert busy.get_json()["error"]["code"] == "database_busy"
    assert approver.act(case["id"], "approve", version=case["version"]).status_code == 200


def _is_sqlite(db) -> bool:
    return db.engine.dialect.name == "sqlite"


def _is_sqlite_app(app, db) -> bool:
    with app.app_context():
        return _is_sqlite(db)


def _write_lock_taken(db) -> bool:
    """Whether some transaction holds SQLite's write lock: another connection cannot take it."""
    probe = sqlite3.connect(db.engine.url.database, isolation_level=None, timeout=0.05)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    finally:
        probe.close()
