"""How an approver's inbox costs as the number of cases grows.

Fills a database with N leave cases spread over many townships (most of them finished, a few still
open), then times the inbox query of one township approver, whose own inbox holds the same ~20 open
tasks at every N. Prints median milliseconds per N; the figures should stay flat.

    .venv/bin/python bench/inbox.py                      # SQLite in a temp dir, N = 1k, 10k, 100k
    .venv/bin/python bench/inbox.py --url postgresql+psycopg://... --sizes 1000 100000
"""
import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from models import Base, Case, Event, LeaveRequest, OrgUnit, Person, Task, User
from workflows import clock, demo_data, queries

MINE = 20  # open tasks in the measured approver's inbox, at every size


def fill(session: Session, total: int) -> None:
    """Bulk-insert `total` cases: MINE open ones for 东岭镇, the rest closed or elsewhere."""
    township = session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one()
    village = session.scalars(select(OrgUnit).where(OrgUnit.name == "杏花村")).one()
    person = session.scalars(select(Person).where(Person.name == "李娜")).one()
    actor = session.scalars(select(User).where(User.username == "xinghua.member1")).one()
    others = [OrgUnit(kind="township", name=f"基准乡{i}", parent_id=township.parent_id) for i in range(200)]
    session.add_all(others)
    session.flush()
    start = clock.today()
    batch = 5000
    for first in range(0, total, batch):
        ids = range(first + 1, min(first + batch, total) + 1)
        session.execute(insert(Case), [
            {"id": i, "kind": "leave", "state": "pending" if i <= MINE or i % 10 == 0 else "closed",
             "version": 1, "policy_id": "zhumadian-2022", "policy_version": 1,
             "subject_person_id": person.id, "village_id": village.id, "created_by_id": actor.id} for i in ids])
        session.execute(insert(LeaveRequest), [
            {"case_id": i, "leave_type": "personal", "start_date": start, "end_date": start + timedelta(2),
             "days": 3, "reason": "基准", "applicant_role": "member", "tier": "county",
             "route": [{"approvers": ["township"], "joint": False}], "filing": []} for i in ids])
        session.execute(insert(Task), [
            {"case_id": i, "kind": "approve", "step": 0, "office_code": "township",
             "org_unit_id": township.id if i <= MINE else others[i % len(others)].id,
             "status": "open" if i <= MINE or i % 10 == 0 else "done"} for i in ids])
        session.execute(insert(Event), [
            {"case_id": i, "seq": 1, "actor_id": actor.id, "action": "submit", "from_state": "draft",
             "to_state": "pending"} for i in ids])
    session.commit()


def measure(url: str, total: int, runs: int) -> float:
    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        demo_data.seed(session, "zhumadian-2022")
        fill(session, total)
        session.commit()
    # Planner statistics and (PostgreSQL) a visibility map, as autovacuum keeps them on a live database.
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    with Session(engine) as session:
        approver = session.scalars(select(User).where(User.username == "dongling.head")).one()
        timings = []
        for _ in range(runs):
            session.expunge_all()
            approver = session.get(User, approver.id)
            began = time.perf_counter()
            page = queries.inbox(session, approver, page=1, per_page=20)
            assert page.total == MINE and len(page.items) == 20
            timings.append((time.perf_counter() - began) * 1000)
    engine.dispose()
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        print(f"inbox of dongling.head ({MINE} open tasks), median of {args.runs} runs, {url.split(':')[0]}")
        base = None
        for total in args.sizes:
            ms = measure(url, total, args.runs)
            base = base or ms
            print(f"  {total:>9,} cases: {ms:7.2f} ms   ({ms / base:.2f}× the smallest)")


if __name__ == "__main__":
    main()
