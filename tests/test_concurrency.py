"""Two approvers deciding the same step at the same moment, over real HTTP: one succeeds, the
other gets a clean 409, and the case is approved exactly once.

The app runs in a threaded werkzeug server (the `live_server` fixture), on SQLite and on
PostgreSQL; the two requests are released together by a barrier, many times over."""
import json
import threading
import urllib.error
import urllib.request

from sqlalchemy import select

from models import Task, User
from tests.conftest import leave_dates

RACES = 8
# Both hold the township's task for a leave of up to 7 days: 东岭镇's party secretary and its
# deputy in charge.
APPROVERS = ("dongling.head", "dongling.deputy")


def call(base, token, method, path, body=None):
    """One HTTP request; returns (status, decoded JSON body). Every answer must be JSON."""
    request = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def at_once(requests):
    """Run the (base, token, method, path, body) requests together; return [(status, body)] in order."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(i, base, token, method, path, body):
        barrier.wait(timeout=30)
        try:
            results[i] = call(base, token, method, path, body)
        except Exception as exc:  # a dropped connection or a non-JSON body (a bare 500) fails the test
            results[i] = (None, repr(exc))

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a request never came back"
    return results


def race(base, tokens, path, body):
    """Send the same request with each token at once; return [(status, body)] in token order."""
    return at_once([(base, token, "POST", path, body) for token in tokens])


def test_two_approvers_on_one_step_give_one_success_and_one_409(app, db, live_server, token_for):
    cadre = token_for("xinghua.member1")
    tokens = [token_for(username) for username in APPROVERS]
    winners = set()
    for n in range(RACES):
        start, end = leave_dates(3, start_in=7 + 5 * n)  # leaves must not overlap
        status, case = call(live_server, cadre, "POST", "/api/v1/leave-requests",
                            {"type": "personal", "start_date": start, "end_date": end, "reason": f"并发测试 {n}"})
        assert status == 201, case
        assert case["state"] == "pending"
        assert [(t["kind"], t["office"]) for t in case["open_tasks"]] == [("approve", "township")]

        results = race(live_server, tokens, f"/api/v1/cases/{case['id']}/actions/approve",
                       {"version": case["version"], "comment": "同意"})
        assert sorted(status for status, _ in results) == [200, 409], results
        winner = APPROVERS[[status for status, _ in results].index(200)]
        winners.add(winner)
        won = next(body for status, body in results if status == 200)
        assert won["state"] == "approved"
        lost = next(body for status, body in results if status == 409)
        assert lost["error"]["code"] in ("case_changed", "action_not_allowed"), lost
        assert lost["error"]["message"]

        _, history = call(live_server, cadre, "GET", f"/api/v1/cases/{case['id']}/history")
        assert [e["action"] for e in history] == ["create", "submit", "approve"], history
        assert history[-1]["actor"] == winner
        _, after = call(live_server, cadre, "GET", f"/api/v1/cases/{case['id']}")
        assert after["state"] == "approved"
        assert after["version"] == won["version"] > case["version"]
        assert [t["kind"] for t in after["open_tasks"]] == ["report_back"]

        with app.app_context():  # the township's task: one row, closed once, by the winner
            approvals = db.session.scalars(select(Task).where(Task.case_id == case["id"],
                                                              Task.kind == "approve")).all()
            assert [(t.status, t.outcome) for t in approvals] == [("done", "approve")]
            closer = db.session.get(User, approvals[0].closed_by_id)
            assert closer.username == winner
            db.session.remove()
    # Not a test of fairness, only a note: over many races both sides usually win some.
    print(f"winners over {RACES} races: {sorted(winners)}")
