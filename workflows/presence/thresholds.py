"""Absence thresholds (001 第九条(五)4, 002, 篇六): the daily job that finds cadres absent without good
reason more than the policy's consecutive days, or more than its days in a year, and acts once per
crossing: a recall draft for the county office (ground 4, the dates as evidence) and, where the
policy says so (篇六), the year's grade 不合格. On a quarter's first day it also checks the quarter just
ended against the policy's quarter target, where a short quarter sets the grade (篇六).

Once per crossing: a spell that keeps growing is one crossing (keyed by its first day, and matched by
overlap when a day before it turns absent later), a year's count one per person and year, a quarter
one per person and quarter. Each is an AbsenceCrossing row, unique per person, kind and key, so a
second sweep, a catch-up run or two sweeps at once never act twice.

Cheap for a county of 2,000 cadres: the last 31 days' statuses for everyone posted, then the longer
range (the year so far, at least those 31 days) only for the few with an absent day in them, since a
day can turn absent after the fact (a spot-check finding, an overstay). A fixed number of queries.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from models import AbsenceCrossing, Case, OrgUnit, Person, PolicyVersion, Team, Term
from workflows import grades, people, policy
from workflows.errors import Conflict
from workflows.presence import days as presence_days
from workflows.presence import rules, spells
from workflows.sweep import register_job
from workflows.system import system_user

# Days looked back for new absences each day: a day can turn absent after the fact.
RECENT_DAYS = 31
# The recall ground of absence over the thresholds (001 第九条(五)4).
ABSENCE_GROUND = 4
CONSECUTIVE, YEAR, QUARTER = "consecutive", "year", "quarter"


@dataclass(frozen=True)
class Posting:
    """Where a person was last posted in the range read, and the rules of that jurisdiction."""
    person_id: int
    village: OrgUnit
    version: PolicyVersion
    settings: dict


@dataclass(frozen=True)
class Crossing:
    person_id: int
    kind: str
    key: str
    first: date
    last: date
    days: int
    dates: tuple[date, ...]


# ---------------------------------------------------------------- who is posted, under which rules

def postings(session: Session, start: date, end: date) -> dict[int, Posting]:
    """Every person with a term touching start..end, at the village of their latest such term."""
    # Every unit in one statement, so that walking a village's ancestors costs none.
    session.scalars(select(OrgUnit)).all()
    terms = session.scalars(select(Term).where(people.serving_between(start, end))
                            .options(joinedload(Term.team).joinedload(Team.village))).all()
    latest: dict[int, Term] = {}
    for t in terms:
        if t.person_id not in latest or t.start_date > latest[t.person_id].start_date:
            latest[t.person_id] = t
    cache: dict = {}
    found = {}
    for person_id, term in latest.items():
        village = term.team.village
        try:
            version = policy.in_force(session, village, cache)
        except Conflict:
            continue  # a village under no policy keeps no presence
        found[person_id] = Posting(person_id, village, version, rules.settings(version.body))
    return found


# ---------------------------------------------------------------- finding crossings (no writes)

def consecutive_crossings(person_id: int, day_map: dict, limits: dict, recent_from: date) -> list[Crossing]:
    """Spells over the consecutive limit with an absent day on or after `recent_from`."""
    found = []
    for s in spells.over(spells.spells(day_map), limits["consecutive"], limits["count"]):
        if s.last >= recent_from:
            found.append(Crossing(person_id, CONSECUTIVE, s.first.isoformat(), s.first, s.last,
                                  s.length(limits["count"]), s.absent))
    return found


def year_crossing(person_id: int, day_map: dict, limits: dict, year: int) -> Crossing | None:
    """The year's count over the limit, if it is."""
    total, absent = spells.year_total(spells.spells(day_map), year, limits["count"])
    if total <= limits["year"]:
        return None
    return Crossing(person_id, YEAR, str(year), absent[0], absent[-1], total, tuple(absent))


def find(session: Session, on: date) -> tuple[list[Crossing], dict[int, Posting]]:
    """The crossings visible on `on` from the days up to yesterday, whether acted on yet or not."""
    yesterday = on - timedelta(days=1)
    recent_from = yesterday - timedelta(days=RECENT_DAYS - 1)
    posted = postings(session, recent_from, yesterday)
    if not posted:
        return [], posted
    recent = presence_days.statuses(session, posted, recent_from, yesterday, today=on)
    candidates = sorted(p for p, day_map in recent.items() if any(d.status == "absent" for d in day_map.values()))
    if not candidates:
        return [], posted
    # The year so far (at least the recent days), deriving only the days not derived already.
    start = min(date(yesterday.year, 1, 1), recent_from)
    earlier = presence_days.statuses(session, candidates, start, recent_from - timedelta(days=1), today=on)
    longer = {p: {**earlier.get(p, {}), **recent[p]} for p in candidates}
    found = []
    for person_id in candidates:
        limits = posted[person_id].settings["absence_limits"]
        found += consecutive_crossings(person_id, longer[person_id], limits, recent_from)
        crossing = year_crossing(person_id, longer[person_id], limits, yesterday.year)
        if crossing is not None:
            found.append(crossing)
    return found, posted


def _recorded(session: Session, person_ids: list[int]) -> dict[int, list[AbsenceCrossing]]:
    found = defaultdict(list)
    for row in session.scalars(select(AbsenceCrossing).where(AbsenceCrossing.person_id.in_(person_ids))):
        found[row.person_id].append(row)
    return found


def _same(row: AbsenceCrossing, c: Crossing) -> bool:
    """A recorded crossing is this one: the same key, or (a spell) one it overlaps or continues — a spell
    that grew, or whose first day moved earlier when an earlier day turned absent."""
    if row.kind != c.kind:
        return False
    if c.kind != CONSECUTIVE:
        return row.key == c.key
    return row.first_day <= c.last and row.last_day >= c.first - timedelta(days=1)


# ---------------------------------------------------------------- acting once per crossing

def act(session: Session, on: date) -> list[Crossing]:
    """Record each new crossing and act on it; the caller commits. Returns the new ones."""
    found, posted = find(session, on)
    recorded = _recorded(session, sorted({c.person_id for c in found}))
    new = []
    actor = None
    for c in found:
        same = next((row for row in recorded[c.person_id] if _same(row, c)), None)
        if same is not None:
            # A spell still growing: the same crossing, its last day moved on.
            same.last_day, same.days = max(same.last_day, c.last), max(same.days, c.days)
            continue
        row = _claim(session, c, on)
        if row is None:
            continue  # another sweep recorded it first
        recorded[c.person_id].append(row)
        actor = actor or system_user(session)
        row.case_id = _open_recall(session, actor, posted[c.person_id], c).id
        _grade(session, posted[c.person_id], c, row.case_id, on, "grade_on_crossing", f"absence_{c.kind}")
        new.append(c)
    session.flush()
    return new


def _claim(session: Session, c: Crossing, on: date) -> AbsenceCrossing | None:
    """Insert the crossing's unique row; None where it exists already (two sweeps at once)."""
    row = AbsenceCrossing(person_id=c.person_id, kind=c.kind, key=c.key, first_day=c.first, last_day=c.last,
                          days=c.days, recorded_on=on)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    return row


def evidence(c: Crossing, limits: dict) -> dict:
    """What the draft shows: the spell's (or the year's) dates, its day count and the limit it passed."""
    body = {"kind": c.kind, "first": c.first.isoformat(), "last": c.last.isoformat(), "days": c.days,
            "limit": limits[c.kind], "count": limits["count"], "dates": [d.isoformat() for d in c.dates]}
    if c.kind == YEAR:
        body["year"] = int(c.key)
    return body


def _reason(c: Crossing, limits: dict) -> str:
    # Stored in the seeds' words (001 第九条(五)4): the page shows the evidence itself, translated.
    if c.kind == YEAR:
        return f"{c.key}年内累计旷工{c.days}天，超过{limits['year']}天"
    return f"连续旷工{c.days}天（{c.first.isoformat()}至{c.last.isoformat()}），超过{limits['consecutive']}天"


def _open_recall(session: Session, actor, posting: Posting, c: Crossing) -> Case:
    from workflows.recall import services  # presence knows recall only here, where a crossing opens one
    limits = posting.settings["absence_limits"]
    person = session.get(Person, c.person_id)
    return services.open_draft(session, actor, posting.version, person, posting.village, [ABSENCE_GROUND],
                               _reason(c, limits), evidence(c, limits))


def _grade(session, posting: Posting, c: Crossing, case_id: int | None, on: date, setting: str, reason: str) -> None:
    """Where the policy grades this (篇六), the year's grade: the year the crossing's last day falls in."""
    limits = posting.settings["absence_limits"]
    grade = limits.get(setting)
    if grade:
        grades.record(session, c.person_id, str(c.last.year), grade, reason, on, wording=limits.get("grade_word"),
                      source_case_id=case_id)


# ---------------------------------------------------------------- the quarter (篇六 每季度在村时间不足50天)

def quarter_ended(on: date) -> tuple[date, date] | None:
    """The quarter that ended yesterday, when `on` is a quarter's first day."""
    if on.day != 1 or on.month not in (1, 4, 7, 10):
        return None
    last = on - timedelta(days=1)
    return date(last.year, last.month - 2, 1), last


def short_quarters(session: Session, on: date) -> list[tuple[Crossing, Posting]]:
    """On a quarter's first day, the cadres whose policy grades a short quarter and who counted fewer
    days than its quarter target in the quarter just ended. Only a quarter they were posted for and
    kept records for throughout is judged: part of one cannot hold the target's days."""
    ended = quarter_ended(on)
    if ended is None:
        return []
    first, last = ended
    posted = {p: post for p, post in postings(session, first, last).items()
              if post.settings["absence_limits"].get("grade_on_short_quarter")
              and "quarter" in post.settings["targets"]}
    if not posted:
        return []
    found = []
    key = f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    for person_id, day_map in presence_days.statuses(session, posted, first, last, today=on).items():
        if any(d.status in ("off_term", "no_record") for d in day_map.values()):
            continue
        counted = presence_days.counted_days(day_map)
        if counted < posted[person_id].settings["targets"]["quarter"]:
            found.append((Crossing(person_id, QUARTER, key, first, last, counted, ()), posted[person_id]))
    return found


def grade_short_quarters(session: Session, on: date) -> list[Crossing]:
    new = []
    for c, posting in short_quarters(session, on):
        if _claim(session, c, on) is None:
            continue  # judged already (a second run of the day)
        _grade(session, posting, c, None, on, "grade_on_short_quarter", "short_quarter")
        new.append(c)
    return new


# ---------------------------------------------------------------- the job

def thresholds_job(session: Session, on: date) -> list[str]:
    lines = [f"absence: {c.kind} crossing by person {c.person_id} ({c.first.isoformat()}–{c.last.isoformat()}, "
             f"{c.days} days): recall draft" for c in act(session, on)]
    lines += [f"absence: person {c.person_id} counted {c.days} days in {c.key}, short of the quarter's target"
              for c in grade_short_quarters(session, on)]
    return lines


register_job("absence_thresholds", thresholds_job, order=70)
