"""What the engine costs as cases grow: an approve against a bare request writing the same rows,
and the JSON inbox against its own query.

For each size N it fills a database with N leave cases spread over many cadres and townships (most
finished, some waiting), then, through the real app (Flask test client, Bearer token):

- approve: `POST /api/v1/cases/<id>/actions/approve` by 东岭镇's party secretary on a 3-day leave
  waiting for the township (one step: the approval grants it). The floor is a bare Flask view on
  the same app and database that looks up the same token and writes the same rows in one
  transaction (the task closed, the case updated, the event, two filings, the report-back task, a
  ledger entry and the cadre's notice), with no ORM and no rules. Also the approve's SQL statements.
- inbox: `GET /api/v1/inbox` (20 rows, serialised) against `workflows.queries.inbox` alone.

Prints medians and ratios; the figures should stay flat from the smallest N to the largest.

    .venv/bin/python bench/core.py                                   # SQLite, N = 1k, 100k, 1M
    .venv/bin/python bench/core.py --url postgresql+psycopg://... --sizes 1000 100000
"""
import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask import g, jsonify, request
from sqlalchemy import event, insert, select, text

from models import Base, Case, Event, LeaveRequest, OrgUnit, Person, Task, User
from webapp import create_app
from webapp.auth import new_token
from webapp.extensions import db
from workflows import clock, demo_data, queries

MINE = 20          # open tasks in the measured approver's inbox
PER_CADRE = 50     # cases per cadre: a cadre has dozens of cases, not thousands
ROUTE = [{"approvers": ["township"], "joint": False}]
FILING = ["county_org_dept", "county_rural_bureau"]


def fill(total: int, approvals: int) -> list[int]:
    """Bulk-insert `total` cases; return the ids of `approvals` cases waiting for 东岭镇, each of its
    own cadre of 杏花村, which the approve timing takes one by one."""
    session = db.session
    township = session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one()
    village = session.scalars(select(OrgUnit).where(OrgUnit.name == "杏花村")).one()
    home = session.scalars(select(Person).where(Person.name == "李娜")).one().home_unit_id
    actor = session.scalars(select(User).where(User.username == "xinghua.member1")).one()
    others = [OrgUnit(kind="township", name=f"基准乡{i}", parent_id=township.parent_id) for i in range(200)]
    session.add_all(others)
    session.flush()
    villages = [OrgUnit(kind="village", name=f"基准村{i}", parent_id=t.id) for i, t in enumerate(others)]
    session.add_all(villages)
    cadres = [Person(name=f"基准{i}", home_unit_id=home) for i in range(max(total // PER_CADRE, approvals))]
    session.add_all(cadres)
    session.flush()
    start = clock.today() + timedelta(days=30)
    waiting = set(range(1, approvals + 1))   # the approve timing's cases, at 杏花村
    inbox = set(range(approvals + 1, approvals + MINE + 1))  # the rest of 东岭镇's inbox
    batch = 5000
    for first in range(0, total, batch):
        ids = range(first + 1, min(first + batch, total) + 1)
        mine = lambda i: i in waiting or i in inbox  # noqa: E731
        where = lambda i: village if mine(i) else villages[i % len(villages)]  # noqa: E731
        session.execute(insert(Case), [
            {"id": i, "kind": "leave", "state": "pending" if mine(i) or i % 10 == 0 else "closed", "version": 1,
             "event_count": 1, "policy_id": "zhumadian-2022", "policy_version": 1,
             "org_unit_id": where(i).id, "village_id": where(i).id,
             "subject_person_id": cadres[i - 1 if i in waiting else i % len(cadres)].id,
             "route": ROUTE, "filing": FILING, "current_step": 0, "created_by_id": actor.id} for i in ids])
        # Each cadre's leaves are years apart: the overlap check finds them and lets the leave pass.
        session.execute(insert(LeaveRequest), [
            {"case_id": i, "leave_type": "personal", "start_date": start + timedelta(days=7 * (i // len(cadres))),
             "end_date": start + timedelta(days=7 * (i // len(cadres)) + 2), "days": 3, "reason": "基准",
             "applicant_role": "member", "tier": "county"} for i in ids])
        session.execute(insert(Task), [
            {"case_id": i, "kind": "approve", "step": 0, "office_code": "township",
             "org_unit_id": township.id if mine(i) else where(i).parent_id,
             "status": "open" if mine(i) or i % 10 == 0 else "done"} for i in ids])
        session.execute(insert(Event), [
            {"case_id": i, "seq": 1, "actor_id": actor.id, "action": "submit", "from_state": "draft",
             "to_state": "pending"} for i in ids])
    session.commit()
    return sorted(waiting)


def floor_view():
    """The same rows an approve writes, by hand: the floor any implementation pays."""
    token = request.headers["Authorization"].split()[1]
    s = db.session
    from webapp.auth import _hash
    user_id = s.execute(text("SELECT user_id FROM api_token WHERE token_hash = :h"), {"h": _hash(token)}).scalar()
    case_id, task_id = int(request.args["case"]), int(request.args["task"])
    now, today = clock.utcnow(), clock.today()
    s.execute(text("UPDATE task SET status='done', outcome='approve', closed_at=:now, closed_by_id=:u "
                   "WHERE id=:t"), {"now": now, "u": user_id, "t": task_id})
    s.execute(text("UPDATE case_file SET state='approved', version=version+1, event_count=event_count+1, "
                   "updated_at=:now WHERE id=:c"), {"now": now, "c": case_id})
    s.execute(text("INSERT INTO event (case_id, seq, at, actor_id, action, from_state, to_state) "
                   "VALUES (:c, 2, :now, :u, 'approve', 'pending', 'approved')"), {"c": case_id, "now": now, "u": user_id})
    for office in FILING:
        s.execute(text("INSERT INTO filing (case_id, office_code, org_unit_id, filed_at, reason) "
                       "VALUES (:c, :o, 2, :now, 'approve')"), {"c": case_id, "o": office, "now": now})
    s.execute(text("INSERT INTO task (case_id, kind, step, assignee_id, status, due_date, opened_at) "
                   "VALUES (:c, 'report_back', 0, :u, 'open', :d, :now)"), {"c": case_id, "u": user_id, "d": today, "now": now})
    s.execute(text("INSERT INTO leave_ledger (person_id, case_id, leave_type, year, month, days, entry, at) "
                   "VALUES (1, :c, 'personal', 2026, 1, 3, 'approve', :now)"), {"c": case_id, "now": now})
    s.execute(text("INSERT INTO notification (user_id, at, kind, code, params, case_id) "
                   "VALUES (:u, :now, 'decision', 'case_decided', '{}', :c)"), {"u": user_id, "now": now, "c": case_id})
    s.commit()
    g.done = True
    return jsonify({"id": case_id, "state": "approved"})


def _median_ms(timings):
    return statistics.median(timings) * 1000


def measure(url: str, total: int, runs: int) -> dict:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True,
                      "WTF_CSRF_ENABLED": False})  # the floor view is no form
    app.add_url_rule("/bench/floor", "bench_floor", floor_view, methods=["POST"])
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
        demo_data.seed(db.session, "zhumadian-2022")
        waiting = fill(total, 2 * runs)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE")
        head = db.session.scalars(select(User).where(User.username == "dongling.head")).one()
        token = new_token(head)
        db.session.commit()
        head_id = head.id
        tasks = dict(db.session.execute(select(Task.case_id, Task.id).where(Task.case_id.in_(waiting))).all())
        db.session.remove()
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}

    statements = []
    with app.app_context():
        engine = db.engine
    def counter(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            statements.append(statement)
    approve, floor = [], []
    for n, case_id in enumerate(waiting):
        if n % 2:  # alternate, so both see the same database as it grows
            began = time.perf_counter()
            answer = client.post("/bench/floor", json={}, headers=auth,
                                 query_string={"case": case_id, "task": tasks[case_id]})
            floor.append(time.perf_counter() - began)
        else:
            event.listen(engine, "before_cursor_execute", counter)
            statements.clear()
            began = time.perf_counter()
            answer = client.post(f"/api/v1/cases/{case_id}/actions/approve", json={"version": 1}, headers=auth)
            approve.append(time.perf_counter() - began)
            event.remove(engine, "before_cursor_execute", counter)
            count = len(statements)
        assert answer.status_code == 200, answer.get_data(as_text=True)[:2000]

    inbox_json, inbox_query = [], []
    for _ in range(runs):
        began = time.perf_counter()
        page = client.get("/api/v1/inbox", headers=auth)
        inbox_json.append(time.perf_counter() - began)
        assert len(page.get_json()["items"]) == 20
        with app.app_context():
            user = db.session.get(User, head_id)
            list(user.grants)
            began = time.perf_counter()
            rows = queries.inbox(db.session, user, page=1, per_page=20)
            inbox_query.append(time.perf_counter() - began)
            assert len(rows.items) == 20
    with app.app_context():
        db.engine.dispose()
    return {"approve": _median_ms(approve), "floor": _median_ms(floor), "statements": count,
            "inbox": _median_ms(inbox_json), "query": _median_ms(inbox_query)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        print(f"{url.split(':')[0]}, medians of {args.runs} runs")
        print(f"{'cases':>10} {'approve':>9} {'floor':>8} {'ratio':>6} {'stmts':>6}   "
              f"{'inbox':>8} {'query':>8} {'ratio':>6}")
        for total in args.sizes:
            r = measure(url, total, args.runs)
            print(f"{total:>10,} {r['approve']:>7.2f}ms {r['floor']:>6.2f}ms {r['approve'] / r['floor']:>5.2f}× "
                  f"{r['statements']:>6}   {r['inbox']:>6.2f}ms {r['query']:>6.2f}ms {r['inbox'] / r['query']:>5.2f}×",
                  flush=True)


if __name__ == "__main__":
    main()
