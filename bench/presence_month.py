"""What deriving a month of presence costs for a county of 2,000 cadres with a year of sign-ins.

Fills a database with 2,000 cadres in 200 villages (20 townships), each signed in on most working days
of the past year, then times workflows.presence.days.statuses for all of them over one month, and
workflows.presence.attendance.rows for one township and for the whole county (every monthly sheet), and the daily absence-threshold sweep's search
(workflows.presence.thresholds.find: the last 31 days for everyone, the year so far for those with
an absent day in them — here every cadre, one working day in nine being missed). Prints the median milliseconds and the number
of SQL statements of each (a fixed number, whatever the people and days).

    .venv/bin/python bench/presence_month.py                                  # SQLite in a temp dir
    .venv/bin/python bench/presence_month.py --pg postgresql+psycopg://...    # an empty database
"""
import argparse
import statistics
import tempfile
import time as timer
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, event, insert, select
from sqlalchemy.orm import Session

from models import Base, OrgUnit, Person, SignIn, Team, Term, User
from workflows import calendar, clock, demo_data
from workflows.presence import attendance, days, thresholds

TOWNSHIPS, VILLAGES_EACH, PER_VILLAGE = 20, 10, 10
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SIGNED_AT_UTC = time(0, 30)  # stored naive UTC: 08:30 Beijing


def fill(session: Session) -> tuple[list[int], OrgUnit]:
    county = session.scalars(select(OrgUnit).where(OrgUnit.kind == "county")).one()
    county.presence_from = date(2025, 1, 1)
    actor = session.scalars(select(User).where(User.username == "admin")).one().id
    townships = [OrgUnit(kind="township", name=f"基准镇{i}", parent=county) for i in range(TOWNSHIPS)]
    villages = [OrgUnit(kind="village", name=f"基准镇{i}村{j}", parent=t)
                for i, t in enumerate(townships) for j in range(VILLAGES_EACH)]
    teams = [Team(village=v, name=f"{v.name}工作队") for v in villages]
    session.add_all(townships + villages + teams)
    session.flush()
    start = date(2025, 3, 1)
    session.execute(insert(Person), [{"name": f"干部{i}"} for i in range(len(teams) * PER_VILLAGE)])
    person_ids = list(session.scalars(select(Person.id).where(Person.name.like("干部%")).order_by(Person.id)))
    session.execute(insert(Term), [{"person_id": p, "team_id": teams[i // PER_VILLAGE].id, "position": "member",
                                    "start_date": start, "planned_end_date": date(2027, 2, 28)}
                                   for i, p in enumerate(person_ids)])
    working = [start + timedelta(d) for d in range((NOW.date() - start).days)
               if calendar.is_working_day(session, start + timedelta(d))]
    for k, p in enumerate(person_ids):
        # Most working days signed, one in nine missed; one in seven late.
        session.execute(insert(SignIn), [{"person_id": p, "day": d, "at": datetime.combine(d, SIGNED_AT_UTC),
                                          "late": (i + k) % 7 == 0, "recorded_by_id": actor}
                                         for i, d in enumerate(working) if (i + k) % 9])
    session.commit()
    return person_ids, townships[0]


def _median_ms(fn, runs=5) -> float:
    timings = []
    for _ in range(runs):
        t0 = timer.perf_counter()
        fn()
        timings.append((timer.perf_counter() - t0) * 1000)
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="an empty PostgreSQL database URL")
    args = parser.parse_args()
    url = args.pg or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}"
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
    with clock.freeze(NOW), Session(engine) as session:
        demo_data.seed(session, "zhumadian-2022", NOW.date())
        t0 = timer.perf_counter()
        person_ids, township = fill(session)
        print(f"filled {len(person_ids)} cadres with a year of sign-ins in {timer.perf_counter() - t0:.1f} s")
        first, last = date(2026, 2, 1), date(2026, 2, 28)
        for name, fn in (("statuses, 2,000 cadres, one month", lambda: days.statuses(session, person_ids, first, last)),
                         ("attendance rows, one township (100 cadres)",
                          lambda: attendance.rows(session, first, township=township)),
                         ("attendance rows, every sheet of the county (2,000 cadres)",
                          lambda: attendance.rows(session, first, county=township.parent)),
                         ("absence thresholds sweep, 2,000 cadres, the year so far",
                          lambda: thresholds.find(session, NOW.date()))):
            session.rollback()
            statements.clear()
            fn()
            count = len(statements)
            print(f"{name}: median {_median_ms(fn):.0f} ms, {count} SQL statements")


if __name__ == "__main__":
    main()
