"""What the case list (GET /api/v1/cases, /cases/) costs as the number of cases grows.

Fills a database with N cases spread over 500 villages in 50 townships, 5,000 cadres and two years,
each with one approval task (most done, some open, some of those past their due date), then times
workflows.case_search.search — one page of 20 and the count — for several users and filters.
Prints the median milliseconds of each, per N.

    .venv/bin/python bench/case_list.py                          # SQLite in a temp dir: 1k, 100k, 1M
    .venv/bin/python bench/case_list.py --sizes 1000 100000 --pg postgresql+psycopg://...
"""
import argparse
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, insert, select, text
from sqlalchemy.orm import Session

from models import Base, Case, Filing, OrgUnit, Person, Task, User
from workflows import case_search, clock, demo_data
from workflows.case_search import Filters

TOWNSHIPS, VILLAGES_EACH, PEOPLE = 50, 10, 5000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"


def _township_and_villages(session: Session):
    """The demo's 东岭镇 (its approver is measured) and 49 more townships, 10 villages each."""
    county = session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).first()
    dongling = session.scalars(select(OrgUnit).where(OrgUnit.name == "东岭镇")).one()
    townships = [dongling] + [OrgUnit(kind="township", name=f"基准镇{i}", parent_id=county.id)
                              for i in range(TOWNSHIPS - 1)]
    session.add_all(townships[1:])
    session.flush()
    demo_villages = list(session.scalars(select(OrgUnit).where(OrgUnit.parent_id == dongling.id)))
    villages = []
    for t in townships:
        made = [OrgUnit(kind="village", name=f"{t.name}村{j}", parent_id=t.id)
                for j in range(VILLAGES_EACH - (len(demo_villages) if t is dongling else 0))]
        session.add_all(made)
        villages.append((t.id, (demo_villages if t is dongling else []) + made))
    session.flush()
    return villages


def _people(session: Session, rng: random.Random) -> list[int]:
    session.execute(insert(Person), [{"name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)}
                                     for _ in range(PEOPLE)])
    return list(session.scalars(select(Person.id)))


def fill(session: Session, total: int) -> None:
    rng = random.Random(7)
    villages = _township_and_villages(session)
    people = _people(session, rng)
    actor = session.scalars(select(User).where(User.username == "admin")).one().id
    start = clock.utcnow() - timedelta(days=730)
    today = clock.today()
    batch = 10_000
    for first in range(0, total, batch):
        cases, tasks, filings = [], [], []
        for i in range(first + 1, min(first + batch, total) + 1):
            township, its_villages = villages[rng.randrange(TOWNSHIPS)]
            created = start + timedelta(minutes=i * 730 * 24 * 60 // total)  # ids grow with time, as live
            is_open = rng.random() < 0.1
            state = "pending" if is_open else rng.choice(("approved", "closed", "rejected", "withdrawn"))
            cases.append({"id": i, "kind": rng.choice(("leave",) * 6 + ("recall", "handover")), "state": state,
                          "version": 1, "policy_id": "zhumadian-2022", "policy_version": 1,
                          "subject_person_id": rng.choice(people), "village_id": rng.choice(its_villages).id,
                          "created_by_id": actor, "created_at": created, "updated_at": created})
            tasks.append({"case_id": i, "kind": "approve", "step": 0, "office_code": "township",
                          "org_unit_id": township, "status": "open" if is_open else "done",
                          "due_date": today + timedelta(days=rng.randint(-20, 10)) if is_open else None,
                          "opened_at": created})
            if state == "closed":
                filings.append({"case_id": i, "office_code": "county_org_dept", "org_unit_id": township,
                                "filed_at": created, "reason": "approve"})
        session.execute(insert(Case), cases)
        session.execute(insert(Task), tasks)
        if filings:
            session.execute(insert(Filing), filings)
    session.commit()


def scenarios(session: Session, total: int):
    """(label, username, filters, exact count?) — what people ask the list for."""
    name = session.scalar(select(Person.name).where(Person.name.like("王%")).limit(1))
    village = session.scalar(select(OrgUnit.id).where(OrgUnit.name == "基准镇3村2"))
    return [
        ("admin, everything", "admin", Filters(), False),
        ("admin, everything, exact count", "admin", Filters(), True),
        ("admin, leave awaiting approval", "admin", Filters(kind="leave", state="pending"), False),
        ("admin, one village", "admin", Filters(village_id=village), False),
        (f"admin, q={name} (a name)", "admin", Filters(q=name), False),
        (f"admin, q=#{total // 2} (a number)", "admin", Filters(q=f"#{total // 2}"), False),
        ("admin, this month", "admin", Filters(date_from=clock.today().replace(day=1)), False),
        ("inspector (county), overdue only", "inspector", Filters(overdue=True), False),
        ("township head (1 in 50 cases)", "dongling.head", Filters(), False),
        ("township head, q=王", "dongling.head", Filters(q="王"), False),
        ("cadre, own cases", "xinghua.member1", Filters(), False),
    ]


def _bulk_load_settings(dbapi_connection, _record):
    """SQLite: a large page cache and no fsync per write, for the fill (and as much cache for reads)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cache_size=-500000")
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


def build(url: str, total: int):
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _bulk_load_settings)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    began = time.perf_counter()
    with Session(engine) as session:
        demo_data.seed(session, "zhumadian-2022")
        fill(session, total)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return engine, time.perf_counter() - began


def measure(engine, total: int, runs: int) -> list[tuple[str, float, int, bool]]:
    out = []
    with Session(engine) as session:
        for label, username, filters, exact in scenarios(session, total):
            timings, result = [], None
            for _ in range(runs):
                session.expunge_all()
                who = session.scalars(select(User).where(User.username == username)).one()
                began = time.perf_counter()
                result = case_search.search(session, who, filters, 1, 20, cap=None if exact else 10_000)
                timings.append((time.perf_counter() - began) * 1000)
            out.append((label, statistics.median(timings), result.total, result.total_capped))
    return out


def run(url: str, sizes: list[int], runs: int) -> None:
    print(f"case list, page 1 of 20 + count, median of {runs} runs, {url.split(':')[0]}")
    for total in sizes:
        engine, took = build(url, total)
        print(f"  {total:>9,} cases (built in {took:.0f} s)")
        for label, ms, found, capped in measure(engine, total, runs):
            count = f"{found:,}{'+' if capped else ''}"
            print(f"    {label:<40} {ms:8.1f} ms   total {count}")
        engine.dispose()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg", help="also measure on this PostgreSQL database (its tables are dropped)")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", args.sizes, args.runs)
    if args.pg:
        with create_engine(args.pg).begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        run(args.pg, args.sizes, args.runs)


if __name__ == "__main__":
    main()
