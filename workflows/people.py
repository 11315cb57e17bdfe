"""People and teams: who may read a cadre's record or a team's roster, and what they read.

Reading rights come from the reader's grants and postings, never from the request:
- a person is read by themself, by the current leader of the team they serve in, by the offices over
  any village they served in (grant holders at its township, county or city), by their dispatching
  unit (grant holders at their home unit), and by admins and inspectors whose grant is at (or above)
  one of those villages or the home unit;
- a team is read by its current members, the offices over its village, the dispatching units of its
  current members, and admins and inspectors whose grant is at (or above) its village or one of
  those units.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func
from sqlalchemy.orm import Session

from models import Case, OrgUnit, Person, Team, Term, User
from models.org import LEADING_POSITIONS, OFFICE_ROLES
from workflows import case_search, records
from workflows.errors import Forbidden, NotFound
from workflows.fields import MAX_ID
from workflows.vacancy import services as vacancy_services

# 一村一队, "normally ≥3 members" (domain.md §1): a team should have at least this many current
# members, one of them its leader (第一书记 / 队长). Fewer, and the missing posts are vacancies.
# A policy names its own size ([vacancy] min_team_size); this is for a team with no policy.
MIN_TEAM_SIZE = 3

# An incoming cadre may start up to this long before the outgoing one leaves (the handover days):
# a term that starts this close to another's end, or later, counts as its successor.
HANDOVER_OVERLAP = timedelta(days=30)

# How many of a person's cases their record lists (the newest).
RECENT_CASES = 20

_OVERSEEING_ROLES = ("admin", "inspector")

# The largest id an INTEGER column holds: a larger one in a URL is simply not found.


def last_day(term: Term) -> date:
    """The term's last day: the recorded end, or the planned one while none is recorded."""
    return term.end_date or term.planned_end_date


def years_after(day: date, years: int) -> date:
    """The same day `years` later (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def planned_end(start: date, years: int) -> date:
    """The last day of a term of `years` starting on `start`: the day before its anniversary (a term
    begun on 29 February ends on the 28th, the anniversary falling on 1 March)."""
    try:
        return start.replace(year=start.year + years) - timedelta(days=1)
    except ValueError:
        return date(start.year + years, 2, 28)


# `last_day` in a query.
LAST_DAY = func.coalesce(Term.end_date, Term.planned_end_date)


def serving_between(start: date, end: date):
    """SQL condition: the term runs on some day of start..end (both included)."""
    return and_(Term.start_date <= end, LAST_DAY >= start)


def current_terms(terms: list[Term], on: date) -> list[Term]:
    return [t for t in terms if t.covers(on)]


# ---------------------------------------------------------------- loading

def load_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id) if 1 <= person_id <= MAX_ID else None
    if person is None:
        raise NotFound("person_not_found", "id", id=person_id)
    return person


def load_team(session: Session, team_id: int) -> Team:
    team = session.get(Team, team_id) if 1 <= team_id <= MAX_ID else None
    if team is None:
        raise NotFound("team_not_found", "id", id=team_id)
    return team


def readable_person(session: Session, person_id: int, reader: User, on: date) -> Person:
    """The person, for a reader who may read their record (else 403), as the API and the page ask."""
    person = load_person(session, person_id)
    if not may_read_person(reader, person, on):
        raise Forbidden("not_your_person")
    return person


def readable_team(session: Session, team_id: int, reader: User, on: date) -> Team:
    team = load_team(session, team_id)
    if not may_read_team(reader, team, on):
        raise Forbidden("not_your_team")
    return team


# ---------------------------------------------------------------- who may read

def _ancestor_ids(unit: OrgUnit | None) -> set[int]:
    return {u.id for u in unit.ancestors()} if unit is not None else set()


def _offices_over(village: OrgUnit) -> set[int]:
    """The township, county and city above a village: every grant held there reads its cadres."""
    return _ancestor_ids(village.parent)


def _grant_at(user: User, unit_ids: set[int], roles=None) -> bool:
    return any(g.org_unit_id in unit_ids and (roles is None or g.role in roles) for g in user.grants)


def holds_office_over(user: User, unit: OrgUnit) -> bool:
    """The user holds a grant at the unit or at a unit above it (its township, county or city)."""
    return _grant_at(user, _ancestor_ids(unit))


def leads(user: User, team: Team, on: date) -> bool:
    """The user is the team's current leader: posted to it as 第一书记 or 队长, or granted its
    team_leader office."""
    if _grant_at(user, {team.village_id}, ("team_leader",)):
        return True
    return user.person_id is not None and any(
        t.person_id == user.person_id and t.position in LEADING_POSITIONS for t in current_terms(team.terms, on))


def _oversees(user: User, units: list[OrgUnit | None]) -> bool:
    """An admin or inspector whose grant is at one of these units or above it."""
    scope = set().union(*(_ancestor_ids(u) for u in units)) if units else set()
    return _grant_at(user, scope, _OVERSEEING_ROLES)


def may_read_person(user: User, person: Person, on: date) -> bool:
    if user.person_id == person.id:
        return True
    current = person.current_term(on)
    if current is not None and leads(user, current.team, on):
        return True
    villages = {t.team.village for t in person.terms}
    if any(_grant_at(user, _offices_over(v)) for v in villages):
        return True
    if person.home_unit_id is not None and _grant_at(user, {person.home_unit_id}):
        return True
    return _oversees(user, [*villages, person.home_unit])


def may_see_phone(user: User, person: Person, on: date) -> bool:
    """A phone number is for those who work with the cadre: themself, their team leader, their
    dispatching unit, the offices over their current village, and admins. Inspectors read the
    record without it (oversight needs no private number; a spot check goes through the offices)."""
    if user.person_id == person.id or user.has_role("admin"):
        return True
    if person.home_unit_id is not None and _grant_at(user, {person.home_unit_id}):
        return True
    current = person.current_term(on)
    if current is None:
        return False
    return leads(user, current.team, on) or _grant_at(user, _offices_over(current.team.village), OFFICE_ROLES)


def may_read_team(user: User, team: Team, on: date) -> bool:
    members = current_terms(team.terms, on)
    if user.person_id is not None and any(t.person_id == user.person_id for t in members):
        return True
    if leads(user, team, on) or _grant_at(user, _offices_over(team.village)):
        return True
    homes = {t.person.home_unit_id for t in members if t.person.home_unit_id is not None}
    if _grant_at(user, homes):
        return True
    return _oversees(user, [team.village, *(t.person.home_unit for t in members)])


# ---------------------------------------------------------------- what they read

@dataclass(frozen=True)
class PersonRecord:
    person: Person
    terms: list[Term]          # oldest first
    current: Term | None
    cases: list[Case]          # the newest the reader may see, at most RECENT_CASES
    show_phone: bool
    warnings: list = field(default_factory=list)
    grades: list = field(default_factory=list)
    consequences: list = field(default_factory=list)


def visible_cases(session: Session, person: Person, viewer: User, limit: int = RECENT_CASES) -> list[Case]:
    """The person's newest cases that the viewer may open: the case list's own search (the same
    rule as a case page's), for this person."""
    where = case_search.condition(session, viewer, case_search.Filters(person_id=person.id))
    return list(session.scalars(case_search.newest_first(where).limit(limit)))


def person_record(session: Session, person: Person, viewer: User, on: date) -> PersonRecord:
    return PersonRecord(
        person=person, terms=list(person.terms), current=person.current_term(on),
        cases=visible_cases(session, person, viewer), show_phone=may_see_phone(viewer, person, on),
        warnings=records.warnings(session, person), grades=records.grades(session, person),
        consequences=records.consequences(session, person))


@dataclass(frozen=True)
class Roster:
    team: Team
    members: list[Term]        # current, leaders first
    vacancies: int
    leader_vacant: bool
    # The posts a recall or an adjustment left empty, oldest first (workflows.vacancy), and the size
    # the team's policy asks for ([vacancy] min_team_size).
    open_vacancies: list = field(default_factory=list)
    min_size: int = MIN_TEAM_SIZE

    @property
    def below_min_size(self) -> bool:
        return len(self.members) < self.min_size

    @property
    def acting_leader(self) -> Person | None:
        return next((v.acting_leader for v in self.open_vacancies if v.acting_leader is not None), None)


def _successor_count(ended: list[Term], current: list[Term]) -> int:
    """How many ended posts a current member took over: each ended term is matched, oldest end first,
    to one current term that began after it did and no earlier than HANDOVER_OVERLAP before its end."""
    free = sorted(current, key=lambda t: (t.start_date, t.id))
    matched = 0
    for gone in sorted(ended, key=lambda t: (last_day(t), t.id)):
        heir = next((t for t in free if t.start_date > gone.start_date
                     and t.start_date >= last_day(gone) - HANDOVER_OVERLAP), None)
        if heir is not None:
            free.remove(heir)
            matched += 1
    return matched


def vacancies(terms: list[Term], on: date, min_size: int = MIN_TEAM_SIZE) -> tuple[int, bool]:
    """(vacant posts, whether the leader's post is among them).

    The rule: a team should have min_size current members, one of them leading it; and a post
    whose term ended while today's members served, with no successor, is vacant even in a larger
    team. The count is the largest of: the shortfall below min_size, the ended posts nobody
    took over, and 1 when no current member leads the team. (Posts that ended before any current
    member began are the team's past, not a vacancy: a team deliberately made smaller stays so.)"""
    current = current_terms(terms, on)
    leader_vacant = not any(t.position in LEADING_POSITIONS for t in current)
    if not current:
        return min_size, True
    since = min(t.start_date for t in current)
    ended = [t for t in terms if since <= last_day(t) < on]
    unfilled = len(ended) - _successor_count(ended, current)
    return max(min_size - len(current), unfilled, int(leader_vacant), 0), leader_vacant


def team_roster(session: Session, team: Team, on: date) -> Roster:
    members = sorted(current_terms(team.terms, on),
                     key=lambda t: (t.position not in LEADING_POSITIONS, t.start_date, t.id))
    min_size = vacancy_services.team_settings(session, team)["min_team_size"]
    count, leader_vacant = vacancies(list(team.terms), on, min_size)
    recorded = vacancy_services.open_vacancies(session, team)
    return Roster(team, members, max(count, len(recorded)), leader_vacant, recorded, min_size)
