"""Two approvers deciding the same step at the same moment, over real HTTP: one succeeds, the
other gets a clean 409, and the case is approved exactly once."""
import json
import threading
import urllib.error
import urllib.request

from tests.conftest import leave_dates

RACES = 10


def call(base, token, method, path, body=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def race(base, tokens, path, body):
    """Send the same request with each token at once; return [(status, body)] in token order."""
    barrier = threading.Barrier(len(tokens))
    results = [None] * len(tokens)

    def send(i, token):
        barrier.wait()
        results[i] = call(base, token, "POST", path, body)

    threads = [threading.Thread(target=send, args=(i, t)) for i, t in enumerate(tokens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_approvers_on_one_step_give_one_success_and_one_409(live_server, token_for):
    cadre = token_for("xinghua.member1")
    # Both hold the township's task: its party secretary and its deputy in charge.
    approvers = [token_for("dongling.head"), token_for("dongling.deputy")]
    for n in range(RACES):
        start, end = leave_dates(3, start_in=7 + 5 * n)
        status, case = call(live_server, cadre, "POST", "/api/v1/leave-requests",
                            {"type": "personal", "start_date": start, "end_date": end, "reason": f"并发测试 {n}"})
        assert status == 201, case
        results = race(live_server, approvers, f"/api/v1/cases/{case['id']}/actions/approve",
                       {"version": case["version"], "comment": "同意"})
        statuses = sorted(status for status, _ in results)
        assert statuses == [200, 409], results
        loser = next(body for status, body in results if status == 409)
        assert loser["error"]["code"] in ("case_changed", "action_not_allowed")

        _, history = call(live_server, cadre, "GET", f"/api/v1/cases/{case['id']}/history")
        assert [e["action"] for e in history] == ["create", "submit", "approve"]
        _, after = call(live_server, cadre, "GET", f"/api/v1/cases/{case['id']}")
        assert after["state"] == "approved"
        assert [t["kind"] for t in after["open_tasks"]] == ["report_back"]
