"""What an assessment round costs for a county of 2,000 cadres with a year of sign-ins.

Fills a database as bench/presence_month.py does (2,000 cadres in 200 villages, a year of sign-ins), then,
on a day in 001's window under linfen-2018, times opening the annual round (a case, a task and the
inputs the system holds for every cadre), reading the round's details (stages, quota, ranking, who is
late), and the ranking once every case is scored. Prints milliseconds and SQL statements.

    .venv/bin/python bench/assessment_round.py                                  # SQLite in a temp dir
    .venv/bin/python bench/assessment_round.py --pg postgresql+psycopg://...    # an empty database
"""
import argparse
import tempfile
import time as timer
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, event, select, update
from sqlalchemy.orm import Session

from bench.presence_month import NOW, fill
from models import Assessment, Base, OrgUnit, User
from workflows import clock, demo_data, registry
from workflows import engine as engine_
from workflows.assessment import details, services

ROUND_DAY = datetime(2026, 12, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _timed(statements: list, fn):
    statements.clear()
    t0 = timer.perf_counter()
    result = fn()
    return result, (timer.perf_counter() - t0) * 1000, len(statements)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="an empty PostgreSQL database URL")
    args = parser.parse_args()
    url = args.pg or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}"
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    registry.load()
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
    with Session(engine) as session:
        with clock.freeze(NOW):
            demo_data.seed(session, "linfen-2018", NOW.date())
            t0 = timer.perf_counter()
            person_ids, _township = fill(session)
            print(f"filled {len(person_ids)} cadres with a year of sign-ins in {timer.perf_counter() - t0:.1f} s")
        with clock.freeze(ROUND_DAY):
            actor = session.scalars(select(User).where(User.username == "county.office")).one()
            county = session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
            case, ms, count = _timed(statements, lambda: services.open_round(
                session, actor, {"kind": "annual", "period": "2026", "org_unit_id": county.id}))
            session.commit()
            cases = len(case.assessment_round.assessments)
            print(f"open the annual round, {cases} cases with their inputs: {ms:.0f} ms, {count} SQL statements")
            session.expire_all()
            _, ms, count = _timed(statements, lambda: details.round_details(engine_.load_case(session, case.id)))
            print(f"the round's page: load it and its details (stages, quota, ranking, late), {cases} cases: "
                  f"{ms:.0f} ms, {count} SQL statements")
            # Every case scored (as the county office would, one by one), then the ranking.
            session.execute(update(Assessment).where(Assessment.round_id == case.id)
                            .values(total=Decimal("80"), grade="competent"))
            session.commit()
            session.expire_all()
            _, ms, count = _timed(statements, lambda: details.round_details(engine_.load_case(session, case.id)))
            print(f"the round's page once all {cases} are scored (the ranking with names): {ms:.0f} ms, "
                  f"{count} SQL statements")


if __name__ == "__main__":
    main()
