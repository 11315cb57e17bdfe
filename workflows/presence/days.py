"""The day's status, derived for many people over a date range at once (api.md, Presence).

Never typed twice: a day's status is read from the sign-ins, the keeper's confirmed missed days, the
township's duty days, approved leave, and the absence sources (overstay, spot checks), in a fixed
number of queries whatever the number of people and days; the working days come from the one
calendar, once per range. Statuses, in the order they win:

- `off_term`  outside every Term of the person;
- `no_record` before the jurisdiction's presence records begin (OrgUnit.presence_from);
- `present`   signed in, or a missed day the keeper recorded (and the offices the policy names
              confirmed): the cadre was at work. Today signed in is `present` too;
- `open`      today (not signed in yet) or later;
- `absent`    a day an absence source names (a leave overrun; an unexcused spot-check finding);
- `trip`      on a working day, an approved absence of a type the policy's `counts_as_presence`
              lists (official business: 002, 篇九; 篇六 only 因公出差);
- `leave`     on a working day, any other approved leave: excused, never presence;
- `absent`    a working day (or a duty day the township ordered, 篇四 三6) with none of these;
- `rest`      a non-working day on the official calendar without a sign-in.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import AbsenceDay, Case, DutyDay, LeaveRequest, MissedDay, OrgUnit, SignIn, Team, Term
from workflows import calendar, clock, people, policy
from workflows.leave import rules as leave_rules
from workflows.presence import jurisdiction
from workflows.sql import among

STATUSES = ("present", "trip", "leave", "absent", "rest", "off_term", "no_record", "open")


@dataclass(frozen=True)
class Day:
    status: str
    late: bool = False
    left_early: bool = False  # signed out before the policy's hour (篇六 签退, 早退)


# ---------------------------------------------------------------- absence sources

# Where absent days come from besides a working day without presence: each source is
# fn(session, person_ids, start, end) -> {(person_id, date)}. The leave overrun (overstay) is built in;
# spot checks register their unexcused findings here (register_absence_source).
AbsenceSource = Callable[[Session, list[int], date, date], set[tuple[int, date]]]
_ABSENCE_SOURCES: list[AbsenceSource] = []


def register_absence_source(fn: AbsenceSource) -> AbsenceSource:
    """Add a source of absent days (usable as a decorator). Registering one twice keeps one."""
    if fn not in _ABSENCE_SOURCES:
        _ABSENCE_SOURCES.append(fn)
    return fn


@register_absence_source
def overstay_days(session: Session, person_ids: list[int], start: date, end: date) -> set[tuple[int, date]]:
    """旷工 past an approved leave's end (workflows/leave/overstay.py records them as AbsenceDay rows)."""
    return {(p, d) for p, d in session.execute(select(AbsenceDay.person_id, AbsenceDay.day).where(
        among(AbsenceDay.person_id, person_ids), AbsenceDay.day.between(start, end)))}


def _absences(session, person_ids, start, end) -> set[tuple[int, date]]:
    found: set[tuple[int, date]] = set()
    for source in _ABSENCE_SOURCES:
        found |= source(session, person_ids, start, end)
    return found


# ---------------------------------------------------------------- the facts, one query each

# Leaves that excuse (or count) their days: granted, reported (报备), taken; a closed leave up to the return.
_GRANTED = ("approved", "reported", "closed", "extended")


@dataclass(frozen=True)
class _Span:
    """A term as the derivation reads it: its days and its village."""
    first: date
    last: date
    village_id: int


def _spans(session, person_ids, start, end) -> dict[int, list[_Span]]:
    """Each person's terms touching start..end, read as plain columns (a county's 2,000 terms)."""
    rows = session.execute(select(Term.person_id, Term.start_date, people.LAST_DAY, Team.village_id)
                           .join(Team, Team.id == Term.team_id)
                           .where(among(Term.person_id, person_ids), people.serving_between(start, end)))
    found = defaultdict(list)
    for person_id, first, last_day, village_id in rows:
        found[person_id].append(_Span(first, last_day, village_id))
    return found


def _sign_ins(session, person_ids, start, end) -> dict[tuple[int, date], bool]:
    """(person, day) → (late, left early), for every sign-in and every confirmed missed day (neither)."""
    found = {(p, d): (late, early) for p, d, late, early in session.execute(
        select(SignIn.person_id, SignIn.day, SignIn.late, SignIn.left_early).where(
            among(SignIn.person_id, person_ids), SignIn.day.between(start, end)))}
    for p, d in session.execute(select(MissedDay.person_id, MissedDay.day).where(
            among(MissedDay.person_id, person_ids), MissedDay.day.between(start, end), MissedDay.confirmed.is_(True))):
        found.setdefault((p, d), (False, False))
    return found


@dataclass(frozen=True)
class Away:
    """A granted leave or official trip: 'trip' where the case's policy counts its type as presence."""
    person_id: int
    kind: str
    first: date
    last: date      # cut at the day before an early return
    leave: LeaveRequest


def granted_away(session, person_ids, start, end) -> list[Away]:
    """Every granted leave or trip of these people touching start..end, by its own policy version."""
    rows = session.execute(
        select(Case.subject_person_id, Case.state, Case.policy_id, Case.policy_version, LeaveRequest)
        .join(LeaveRequest, LeaveRequest.case_id == Case.id)
        .where(Case.kind == "leave", among(Case.subject_person_id, person_ids), Case.state.in_(_GRANTED),
               LeaveRequest.start_date <= end, LeaveRequest.end_date >= start)).all()
    found = []
    for person_id, state, pid, version, leave in rows:
        last = leave.end_date
        if state == "closed" and leave.actual_return_date is not None:
            last = min(last, leave.actual_return_date - timedelta(days=1))
        body = policy.pinned_body(session, pid, version) or {}
        counted = leave_rules.presence_kind(leave.leave_type, leave.business) in body.get("counts_as_presence", ())
        kind = "trip" if counted else "leave"
        found.append(Away(person_id, kind, leave.start_date, last, leave))
    return found


def _leave_days(session, person_ids, start, end) -> dict[tuple[int, date], str]:
    """(person, day) → 'trip' or 'leave', from every granted leave."""
    found = {}
    for away in granted_away(session, person_ids, start, end):
        day = max(away.first, start)
        while day <= min(away.last, end):
            found[(away.person_id, day)] = away.kind
            day += timedelta(days=1)
    return found


def _duty_days(session, unit_ids: set[int], start, end) -> set[tuple[int, date]]:
    return {(u, d) for u, d in session.execute(select(DutyDay.org_unit_id, DutyDay.day).where(
        DutyDay.org_unit_id.in_(unit_ids), DutyDay.day.between(start, end)))}


def _dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# ---------------------------------------------------------------- the derivation

def statuses(session: Session, person_ids: Iterable[int], start: date, end: date,
             today: date | None = None) -> dict[int, dict[date, Day]]:
    """{person_id: {date: Day(status, late)}} for every day from start to end, both included."""
    ids = sorted(set(person_ids))
    today = today or clock.today()
    if not ids or end < start:
        return {p: {} for p in ids}
    dates = _dates(start, end)
    working = {d: calendar.is_working_day(session, d) for d in dates}
    spans = _spans(session, ids, start, end)
    # Village → township → county → city, one query a level however many villages.
    villages = session.scalars(select(OrgUnit).where(
        OrgUnit.id.in_({s.village_id for ss in spans.values() for s in ss}))
        .options(selectinload(OrgUnit.parent).selectinload(OrgUnit.parent).selectinload(OrgUnit.parent))).all()
    # A duty day ordered by the township (or for the village itself) covers the village.
    scope = {v.id: {u.id for u in v.ancestors()} for v in villages}
    duty = _duty_days(session, set().union(*scope.values()) if scope else set(), start, end)
    duty_by_village = {v: {d for u, d in duty if u in units} for v, units in scope.items()}
    begins = {v.id: jurisdiction.records_begin(v) for v in villages}
    signed = _sign_ins(session, ids, start, end)
    away = _leave_days(session, ids, start, end)
    absent = _absences(session, ids, start, end)

    result = {}
    for person_id in ids:
        days = dict.fromkeys(dates, _OFF_TERM)
        for span in spans.get(person_id, ()):
            begin, on_duty_days = begins[span.village_id], duty_by_village[span.village_id]
            for d in dates[max((span.first - start).days, 0):(span.last - start).days + 1]:
                days[d] = _status(d, today, begin, working[d] or d in on_duty_days, signed.get((person_id, d)),
                                  away.get((person_id, d)), (person_id, d) in absent)
        result[person_id] = days
    return result


# One Day object per status (and per late / left early when signed): a county's month is some 60,000 days.
_DAYS = {status: Day(status) for status in STATUSES}
_OFF_TERM = _DAYS["off_term"]
_SIGNED = {(late, early): Day("present", late, early) for late in (False, True) for early in (False, True)}


def _status(d: date, today: date, begin: date | None, on_duty: bool, signed: tuple[bool, bool] | None,
            away: str | None, listed_absent: bool) -> Day:
    if begin is not None and d < begin:
        return _DAYS["no_record"]
    if listed_absent:
        # A source's finding outweighs the cadre's own sign-in: an inspector who did not find them in
        # the village (查岗), or a leave overrun they did not report back from.
        return _DAYS["absent"]
    if signed is not None:
        return _SIGNED[signed]
    if d >= today:
        return _DAYS["open"]
    if on_duty and away is not None:
        return _DAYS[away]
    return _DAYS["absent" if on_duty else "rest"]


# ---------------------------------------------------------------- totals and targets

def totals(session: Session, days: dict[date, Day], settings: dict, month: date) -> dict:
    """The month's counts, its target and whether it is met (present + trip days count).

    The target is the policy's month target; where it sets a quarter or a year instead (篇九, 篇六,
    002), the month's share of it: the period's days × the month's working days / the period's
    working days, rounded. None where the policy sets none (linfen-2018)."""
    counts = {s: 0 for s in ("present", "trip", "leave", "absent")}
    late = early = 0
    for day in days.values():
        if day.status in counts:
            counts[day.status] += 1
        late += day.late
        early += day.left_early
    target = month_target(session, settings, month)
    counted = counts["present"] + counts["trip"]
    found = {**counts, "late": late, "target": target,
             "meets_target": None if target is None else counted >= target}
    if "sign_out" in settings:
        found["left_early"] = early  # only where the policy has a sign-out (篇六)
    return found


def month_target(session: Session, settings: dict, month: date) -> int | None:
    targets = settings["targets"]
    if "month" in targets:
        return targets["month"]
    first = month.replace(day=1)
    last = _month_end(first)
    for period in ("quarter", "year"):
        if period in targets:
            p_first, p_last = _period(first, period)
            share = calendar.count_working_days(session, first, last) / calendar.count_working_days(session, p_first, p_last)
            return round(targets[period] * share)
    return None


def progress(session: Session, person_id: int, settings: dict, month: date) -> list[dict]:
    """Progress against the policy's quarter and year targets (篇九, 篇六, 002), counted from the
    period's first day to the end of `month`: [{"period", "start", "end", "counted", "target"}]."""
    first, last = month_range(month)
    found = []
    for period in ("quarter", "year"):
        if period in settings["targets"]:
            p_first, _p_last = _period(first, period)
            day_map = statuses(session, [person_id], p_first, last)[person_id]
            found.append({"period": period, "start": p_first.isoformat(), "end": last.isoformat(),
                          "counted": counted_days(day_map), "target": settings["targets"][period]})
    return found


def counted_days(day_map: dict[date, Day]) -> int:
    """Days that count as presence (signed in, or on official business): the subsidy basis."""
    return sum(d.status in ("present", "trip") for d in day_map.values())


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _period(first: date, period: str) -> tuple[date, date]:
    if period == "year":
        return date(first.year, 1, 1), date(first.year, 12, 31)
    q_first = date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    q_last = _month_end(date(q_first.year, q_first.month + 2, 1))
    return q_first, q_last


def month_range(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, _month_end(first)



# ---------------------------------------------------------------- the week: 五天四夜 (004 第十三条)

@dataclass(frozen=True)
class Week:
    """One Monday–Sunday week against 004's "每周“五天四夜”在村在岗": `days` in the village (the days
    that count, present + trip, as for the month's 在岗 target of the same article) against
    `target` = nights + 1. `meets_target` None: the week is excused from the check."""
    start: date
    end: date
    days: int
    target: int
    meets_target: bool | None

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "days": self.days,
                "target": self.target, "meets_target": self.meets_target}


def weeks_range(month: date) -> tuple[date, date]:
    """The Monday on or before the month's first day to the Sunday on or after its last: every week
    touching the month, whole."""
    first, last = month_range(month)
    return first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday())


def weeks(session: Session, month: date, nights: dict[int, int],
          derived: dict[int, dict[date, Day]] | None = None, today: date | None = None) -> dict[int, list[Week]]:
    """{person_id: [Week]} for the people in `nights` (person → the policy's week_nights), every
    Monday–Sunday week touching the month. `derived` may carry statuses already read over
    weeks_range(month); otherwise they are read here (a fixed number of queries either way)."""
    ids = sorted(nights)
    if not ids:
        return {}
    start, end = weeks_range(month)
    if derived is None:
        derived = statuses(session, ids, start, end, today)
    on_leave = defaultdict(list)
    for away in granted_away(session, ids, start, end):
        if away.kind == "leave":
            on_leave[away.person_id].append(away)
    found = {}
    for person_id in ids:
        day_map = derived[person_id]
        found[person_id] = [_week(monday, day_map, on_leave[person_id], nights[person_id] + 1)
                            for monday in _dates(start, end)[::7]]
    return found


def _week(monday: date, day_map: dict[date, Day], leaves: list[Away], target: int) -> Week:
    sunday = monday + timedelta(days=6)
    week = [day_map[d] for d in _dates(monday, sunday)]
    days = sum(d.status in ("present", "trip") for d in week)
    # Excused (None) rather than short: a week not wholly in the cadre's term or before the records
    # begin could not hold five days here; approved leave is an excused absence (never a shortfall,
    # 004 第十六条 grants it) and takes the week's nights with it, on rest days too; and a week still
    # running (today or later in it) is not over yet.
    excused = (any(d.status in ("off_term", "no_record", "open") for d in week)
               or any(a.first <= sunday and a.last >= monday for a in leaves))
    return Week(monday, sunday, days, target, None if excused else days >= target)
