"""A month's attendance for a township or a team: one row per cadre posted in it that month, with the
totals of the day's statuses against the target and the subsidy basis (days that count × the policy's
rate: 001 "以实际在岗天数给予…补贴", 002 "每人每个工作日100元"). Derived in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import OrgUnit, Person, Team, Term, User
from workflows import people
from workflows.errors import Forbidden, NotFound
from workflows.presence import days as presence_days
from workflows.presence import jurisdiction


@dataclass
class Row:
    person: Person
    village: OrgUnit
    totals: dict
    counted: int
    rate: int
    weeks: list | None = None  # [days.Week] where the policy sets week_nights (004 "五天四夜"), else None

    @property
    def subsidy(self) -> int:
        return self.counted * self.rate

    @property
    def weeks_short(self) -> int | None:
        """Weeks judged and found short of the week's target (excused weeks are not short)."""
        return None if self.weeks is None else sum(w.meets_target is False for w in self.weeks)


def township_for(session: Session, township_id: int, reader: User) -> OrgUnit:
    unit = session.get(OrgUnit, township_id)
    if unit is None or unit.kind != "township":
        raise NotFound("not_found", "township_id")
    # The township's own offices and everyone over it (county, city), admins and inspectors in scope.
    if not people.holds_office_over(reader, unit):
        raise Forbidden("not_your_unit")
    return unit


def _teams(session: Session, township: OrgUnit | None, team: Team | None, county: OrgUnit | None) -> list[Team]:
    if team is not None:
        return [team]
    if county is not None:
        townships = select(OrgUnit.id).where(OrgUnit.parent_id == county.id)
        return list(session.scalars(select(Team).join(Team.village).where(OrgUnit.parent_id.in_(townships))
                                    .order_by(OrgUnit.name)))
    return list(session.scalars(select(Team).join(Team.village).where(OrgUnit.parent_id == township.id)
                                .order_by(OrgUnit.name)))


def rows(session: Session, month: date, township: OrgUnit | None = None, team: Team | None = None,
         county: OrgUnit | None = None) -> list[Row]:
    """The month's rows of a township's teams, one team's, or (a county's whole month) every team of
    the county's townships."""
    first, last = presence_days.month_range(month)
    teams = _teams(session, township, team, county)
    terms = session.scalars(select(Term).where(Term.team_id.in_([t.id for t in teams]),
                                               people.serving_between(first, last))
                            .options(joinedload(Term.person), joinedload(Term.team).joinedload(Team.village))
                            .order_by(Term.team_id, Term.start_date, Term.id)).all()
    posted = {}
    for t in terms:
        posted.setdefault(t.person_id, t)
    # Read over the whole weeks touching the month (the week check's range) and cut to the month for
    # the totals: one derivation serves both.
    w_first, w_last = presence_days.weeks_range(first)
    derived = presence_days.statuses(session, posted.keys(), w_first, w_last)
    settings_cache: dict[int, dict] = {}
    versions: dict = {}  # one query per policy, not per village
    nights: dict[int, int] = {}
    found = []
    for person_id, term in posted.items():
        village = term.team.village
        if village.id not in settings_cache:
            settings_cache[village.id] = jurisdiction.settings_of(session, village, versions)
        settings = settings_cache[village.id]
        day_map = {d: s for d, s in derived[person_id].items() if first <= d <= last}
        found.append(Row(term.person, village, presence_days.totals(session, day_map, settings, first),
                         presence_days.counted_days(day_map), settings["subsidy_per_day"]))
        if "week_nights" in settings["targets"]:
            nights[person_id] = settings["targets"]["week_nights"]
    checked = presence_days.weeks(session, first, nights, derived)
    for row in found:
        if row.person.id in checked:
            row.weeks = checked[row.person.id]
    return found
