"""The engine answers from what it holds: an approve and an inbox page cost a fixed, small number
of SQL statements, whatever the history of the case or the size of the inbox."""
from contextlib import contextmanager

from sqlalchemy import event

from tests.conftest import leave_dates
from webapp.extensions import db as _db

# An approve of a joint step needs 4 writes (its task closed, the event, the case, the filing or
# notice the step adds); the other 2 read the token and the case with all the answer shows of it.
APPROVE_MAX = 6
INBOX_MAX = 8


@contextmanager
def statements(app):
    seen = []
    with app.app_context():
        engine = _db.engine

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")):
            seen.append(statement)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _file(api, days=10, start_in=7):
    start, end = leave_dates(days, start_in=start_in)
    return api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": end, "reason": "家中有事"}).get_json()


def _writes(seen):
    return [s for s in seen if not s.lstrip().upper().startswith("SELECT")]


def _approve(app, client, case_id):
    version = client.get(f"/api/v1/cases/{case_id}").get_json()["version"]
    with statements(app) as seen:
        answer = client.post(f"/api/v1/cases/{case_id}/actions/approve", json={"version": version})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json(), seen


def test_an_approve_issues_a_fixed_small_number_of_statements(app, api):
    case = _file(api, days=10)  # a joint step: county org dept, rural bureau and the dispatching unit
    answer, seen = _approve(app, api("county.org"), case["id"])
    assert answer["state"] == "pending"
    assert len(seen) <= APPROVE_MAX, "\n".join(seen)


def test_the_approve_that_grants_a_leave_reads_no_more_than_it_did_a_step(app, api):
    """Granting writes more (the ledger, two filings, the report-back task, the notice to the cadre)
    and checks the cadre's granted leaves again under their lock; it reads nothing else: the token,
    the case (with its policy, documents and absences), the cadre's lock (PostgreSQL only: SQLite's
    writer already holds the database's) and the cadre's other leaves."""
    case = _file(api, days=3)  # one step: the township
    answer, seen = _approve(app, api("dongling.head"), case["id"])
    assert answer["state"] == "approved"
    reads = [s for s in seen if s not in _writes(seen)]
    assert len(reads) <= 4, "\n".join(reads)
    assert len(_writes(seen)) <= 8, "\n".join(_writes(seen))


def test_an_approve_costs_the_same_however_long_the_history(app, api):
    cadre, head = api("xinghua.member1"), api("dongling.head")
    short = _file(api, days=3)
    long_ = _file(api, days=3, start_in=14)  # the same month: as many ledger entries
    for _ in range(4):  # returned and resubmitted: eight more events and tasks on its history
        assert head.act(long_["id"], "return", comment="请补充说明").status_code == 200
        assert cadre.act(long_["id"], "submit").status_code == 200
    _, few = _approve(app, head, short["id"])
    _, many = _approve(app, head, long_["id"])
    assert len(many) == len(few), "\n".join(many)


def test_the_json_inbox_issues_a_fixed_number_of_statements_for_a_full_page(app, api):
    for start_in in range(7, 7 + 12 * 4, 4):
        start, end = leave_dates(2, start_in=start_in)
        assert api("xinghua.member1").post("/api/v1/leave-requests", json={
            "type": "personal", "start_date": start, "end_date": end, "reason": "家中有事"}).status_code == 201
    head = api("dongling.head")
    with statements(app) as seen:
        page = head.get("/api/v1/inbox?per_page=10")
    assert len(page.get_json()["items"]) == 10
    assert len(seen) <= INBOX_MAX, "\n".join(seen)
