"""Searching cases: filters, the visibility rule as one SQL condition, a page newest first.

`access.may_view` decides for one loaded case; this module says the same thing as a WHERE clause,
so a list of a million cases never loads a case to test it. Keep the two in step: a test compares
them user by user.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from models import Case, Filing, OrgUnit, Person, Task, User
from workflows import access, clock, offices, queries, registry
from workflows.fields import MAX_ID


# Roles that see every case in their org unit and below (as in workflows.access).
OVERSEEING_ROLES = ("admin", "inspector")

# An exact count of a huge result costs a scan of all of it; past this many, the count says "more".
COUNT_CAP = 10_000

# A case number as people write it: 42, #42, No.42, No 42.
_NUMBER = re.compile(r"^\s*(?:#|no\.?|№)?\s*(\d{1,18})\s*$", re.IGNORECASE)


# The columns that place a case: the unit it belongs to (a village, a township, a county…) and its cadre.
def _unit_column():
    return Case.org_unit_id


def _subject_column():
    return Case.subject_person_id


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    state: str | None = None
    person_id: int | None = None
    village_id: int | None = None
    township_id: int | None = None
    q: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool | None = None


@dataclass(frozen=True)
class Result:
    items: list[Case]
    overdue_ids: set[int]
    page: int
    per_page: int
    total: int
    total_capped: bool

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class OrgTree:
    """The org units as parent → children, read with one query: the tree is small (hundreds)."""

    def __init__(self, session: Session):
        self.children: dict[int | None, list[int]] = defaultdict(list)
        for unit_id, parent_id in session.execute(select(OrgUnit.id, OrgUnit.parent_id)):
            self.children[parent_id].append(unit_id)

    def under(self, unit_id: int) -> set[int]:
        """The unit and every unit below it."""
        found, todo = set(), [unit_id]
        while todo:
            unit = todo.pop()
            if unit not in found:
                found.add(unit)
                todo.extend(self.children.get(unit, ()))
        return found

    @property
    def all_units(self) -> set[int]:
        return {u for kids in self.children.values() for u in kids}


def visible_to(user: User, tree: OrgTree):
    """The cases `user` may see, as a condition on Case: the same rule as access.may_view.

    Each branch is a column of case_file compared with a list or with a subquery of case ids, so
    that every branch can be read from an index and none needs a correlated lookup per case."""
    overseen = [g.org_unit_id for g in user.grants if g.role in OVERSEEING_ROLES]
    scope = set().union(*(tree.under(u) for u in overseen)) if overseen else set()
    if scope and scope >= tree.all_units:
        return true()  # an administrator of the whole tree: nothing to filter
    held = offices.acting_offices(user)
    branches = []
    if user.person_id is not None:
        branches.append(_subject_column() == user.person_id)
    # Whoever else a procedure lets see its cases (e.g. the proxy who entered a leave).
    branches += [c for p in registry.all_procedures() if (c := p.extra_viewers_sql(user)) is not None]
    if scope:
        # The case's unit is at or below an overseen unit; or its cadre was sent by one of them.
        branches.append(_unit_column().in_(sorted(scope)))
        branches.append(_subject_column().in_(
            select(Person.id).where(Person.home_unit_id.in_(sorted(overseen)))))
    # The team leader of a village and the township over it read every case about a cadre there
    # (access.VILLAGE_READERS / TOWNSHIP_READERS), by the case's village column.
    villages = sorted({u for code, u in held if code in access.VILLAGE_READERS}
                      | {v for code, u in held if code in access.TOWNSHIP_READERS for v in tree.under(u)})
    if villages:
        branches.append(and_(Case.village_id.in_(villages), _subject_column().is_not(None),
                             Case.state.not_in(access.UNSENT_STATES)))
    # One branch per office: each reads one range of an index ((office, unit, case) on tasks).
    branches.append(Case.id.in_(select(Task.case_id).where(Task.assignee_id == user.id)))
    for code, unit in sorted(held):
        branches.append(Case.id.in_(select(Task.case_id).where(Task.office_code == code,
                                                               Task.org_unit_id == unit)))
        branches.append(Case.id.in_(select(Filing.case_id).where(Filing.office_code == code,
                                                                 Filing.org_unit_id == unit)))
    return or_(*branches)


def case_number(text: str) -> int | None:
    match = _NUMBER.match(text)
    if match is None:
        return None
    number = int(match.group(1))
    return number if 0 < number <= MAX_ID else None


def people_named(session: Session, text: str) -> list[int]:
    """Ids of people whose name contains `text`. The person table is small (thousands), so the
    cases are then found by subject id, from an index, rather than by joining every case to a name.
    On PostgreSQL the trigram index on person.name serves the ILIKE."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(session.scalars(select(Person.id).where(Person.name.ilike(pattern, escape="\\"))))


def _local_midnight_utc(day: date) -> datetime:
    """The stored (naive UTC) instant at which a jurisdiction date begins."""
    return datetime.combine(day, time(0), tzinfo=clock.zone()).astimezone(timezone.utc).replace(tzinfo=None)


def _overdue_case_ids(today: date):
    return select(Task.case_id).where(Task.status == "open", Task.due_date < today)


def filter_conditions(session: Session, filters: Filters, tree: OrgTree) -> list:
    f = filters
    conditions = []
    if f.kind:
        conditions.append(Case.kind == f.kind)
    if f.state:
        conditions.append(Case.state == f.state)
    if f.person_id is not None:
        conditions.append(_subject_column() == f.person_id)
    if f.village_id is not None:
        conditions.append(Case.village_id == f.village_id)
    if f.township_id is not None:
        conditions.append(_unit_column().in_(sorted(tree.under(f.township_id))))
    if f.date_from is not None:
        conditions.append(Case.created_at >= _local_midnight_utc(f.date_from))
    if f.date_to is not None:
        conditions.append(Case.created_at < _local_midnight_utc(f.date_to + timedelta(days=1)))
    if f.overdue is True:
        conditions.append(Case.id.in_(_overdue_case_ids(clock.today())))
    elif f.overdue is False:
        conditions.append(Case.id.not_in(_overdue_case_ids(clock.today())))
    text = (f.q or "").strip()
    if text:
        number = case_number(text)
        people = people_named(session, text)
        by_name = _subject_column().in_(people) if people else false()
        conditions.append(or_(Case.id == number, by_name) if number else by_name)
    return conditions


def condition(session: Session, user: User, filters: Filters):
    """The whole WHERE clause: what the user may see, narrowed by the filters."""
    tree = OrgTree(session)
    return and_(visible_to(user, tree), *filter_conditions(session, filters, tree))


def count(session: Session, where, cap: int | None = COUNT_CAP) -> tuple[int, bool]:
    """How many cases match, and whether the count stopped at `cap` (then there are more)."""
    ids = select(Case.id).where(where)
    if cap is None:
        return session.scalar(select(func.count()).select_from(ids.subquery())), False
    found = session.scalar(select(func.count()).select_from(ids.limit(cap + 1).subquery()))
    return (cap, True) if found > cap else (found, False)


def overdue_among(session: Session, case_ids: list[int]) -> set[int]:
    """Which of these cases have an open task past its due date (jurisdiction's today)."""
    if not case_ids:
        return set()
    return set(session.scalars(_overdue_case_ids(clock.today()).where(Task.case_id.in_(case_ids))))


def newest_first(where):
    return (select(Case).where(where).options(*queries.case_options())
            .order_by(Case.created_at.desc(), Case.id.desc()))


def search(session: Session, user: User, filters: Filters, page: int = 1, per_page: int = 20,
           cap: int | None = COUNT_CAP) -> Result:
    """One page of the cases `user` may see that match `filters`, newest first, with the count."""
    where = condition(session, user, filters)
    total, capped = count(session, where, cap)
    items = list(session.scalars(newest_first(where).limit(per_page).offset((page - 1) * per_page)))
    return Result(items, overdue_among(session, [c.id for c in items]), page, per_page, total, capped)


def export_rows(session: Session, user: User, filters: Filters, limit: int = 100_000):
    """Every matching case, newest first, for an export; in batches so memory stays flat."""
    where = condition(session, user, filters)
    query = newest_first(where).limit(limit).execution_options(yield_per=1000)
    today = clock.today()
    for partition in session.scalars(query).partitions():
        ids = [c.id for c in partition]
        late = set(session.scalars(select(Task.case_id).where(
            Task.case_id.in_(ids), Task.status == "open", Task.due_date < today)))
        for case in partition:
            yield case, case.id in late
