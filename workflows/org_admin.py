"""The rules an administrator's changes to org data must keep, and the admin's case search.

Each check raises InvalidInput naming the field, before anything is written."""
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Case, OrgUnit, Person, RoleGrant, Team, Term, User
from workflows import case_search, offices
from workflows.errors import InvalidInput

# The kinds a unit's parent may be: the tiers top down, dispatching units beside a city or county.
PARENT_KINDS = {
    "city": (),
    "county": ("city",),
    "township": ("county",),
    "village": ("township",),
    "dispatching_unit": ("city", "county"),
}


def check_unit(session: Session, kind: str, name: str, parent: OrgUnit | None, unit: OrgUnit | None = None,
               policy_id: str | None = None, policies: tuple[str, ...] = ()):
    """A unit of `kind` named `name` under `parent` (`unit`: the one being edited, else a new one);
    `policy_id`, for a city or county, one of `policies`."""
    if unit is not None and unit.kind != kind and in_use(session, unit):
        raise InvalidInput("kind_in_use", "kind", kind=unit.kind)
    allowed = PARENT_KINDS[kind]
    if parent is None and allowed:
        raise InvalidInput("parent_required", "parent_id")
    if parent is not None and parent.kind not in allowed:
        raise InvalidInput("parent_wrong_kind", "parent_id", kind=kind, parent_kind=parent.kind)
    if unit is not None and parent is not None and unit in list(parent.ancestors()):
        raise InvalidInput("parent_cycle", "parent_id")
    siblings = OrgUnit.parent_id == parent.id if parent else OrgUnit.parent_id.is_(None)
    same = select(OrgUnit.id).where(OrgUnit.name == name.strip(), siblings)
    if unit is not None:
        same = same.where(OrgUnit.id != unit.id)
    if session.scalar(same) is not None:
        raise InvalidInput("name_taken", "name", name=name)
    if policy_id and kind in ("city", "county") and policy_id not in policies:
        raise InvalidInput("policy_not_found", "policy_id")


def in_use(session: Session, unit: OrgUnit) -> bool:
    """Whether anything hangs on this unit being of its kind: units below it, a team, the people it
    sent, role grants at it, or cases in it."""
    refs = (select(OrgUnit.id).where(OrgUnit.parent_id == unit.id),
            select(Team.id).where(Team.village_id == unit.id),
            select(Person.id).where(Person.home_unit_id == unit.id),
            select(RoleGrant.id).where(RoleGrant.org_unit_id == unit.id),
            select(Case.id).where(Case.village_id == unit.id))
    return any(session.scalar(ref.limit(1)) is not None for ref in refs)


def check_unit_kind(unit: OrgUnit, field: str, *kinds: str):
    """A unit chosen where only `kinds` make sense (a dispatching unit as someone's home unit)."""
    if unit.kind not in kinds:
        raise InvalidInput("wrong_unit_kind", field, kind=kinds[0])


def check_grant(user: User, role: str, unit: OrgUnit):
    """An office role is held at the unit of its kind (a township_head at a township); admin,
    inspector and cadre at any unit. A user holds a role at a unit once."""
    kind = offices.held_at(role)
    if kind is not None and unit.kind != kind:
        raise InvalidInput("grant_wrong_unit", "org_unit_id", role=role, kind=kind)
    if any(g.role == role and g.org_unit_id == unit.id for g in user.grants):
        raise InvalidInput("grant_exists", "role")


def check_team(session: Session, village: OrgUnit):
    if village.kind != "village":
        raise InvalidInput("not_a_village", "village_id")
    if session.scalar(select(Team.id).where(Team.village_id == village.id)) is not None:
        raise InvalidInput("team_exists", "village_id", village=village.name)


def check_term(session: Session, person: Person, start: date, planned_end: date, end: date | None,
               term: Term | None = None):
    if planned_end <= start:
        raise InvalidInput("planned_end_before_start", "planned_end_date")
    if end is not None and end < start:
        raise InvalidInput("end_before_start", "end_date")
    last = end or planned_end
    for other in session.scalars(select(Term).where(Term.person_id == person.id)):
        if term is not None and other.id == term.id:
            continue
        if other.start_date <= last and start <= (other.end_date or other.planned_end_date):
            raise InvalidInput("term_overlaps", "start_date", team=other.team.name)


def check_username(session: Session, username: str, user: User | None = None):
    query = select(User.id).where(func.lower(User.username) == username.strip().lower())
    if user is not None:
        query = query.where(User.id != user.id)
    if session.scalar(query) is not None:
        raise InvalidInput("username_taken", "username", username=username)


def check_person_free(session: Session, person: Person | None, active: bool, user: User | None = None):
    """One active account per person: their tasks (revise, report back) go to that account alone."""
    if person is None or not active:
        return
    query = select(User.username).where(User.person_id == person.id, User.active.is_(True))
    if user is not None:
        query = query.where(User.id != user.id)
    other = session.scalar(query)
    if other is not None:
        raise InvalidInput("person_has_account", "person_id", name=person.name, username=other)


def units_as_tree(session: Session) -> list[tuple[OrgUnit, int]]:
    """Every unit with its depth, each parent followed by its children, by kind and name."""
    units = list(session.scalars(select(OrgUnit).order_by(OrgUnit.kind, OrgUnit.name)))
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    out = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            out.append((unit, depth))
            walk(unit.id, depth + 1)
    walk(None, 0)
    return out


def search_cases(session: Session, admin: User, state: str | None, text: str | None, page: int,
                 per_page: int) -> case_search.Result:
    """Every case in the admin's scope, newest first; by state, and by case number or applicant name.
    The same indexed search the case list uses (workflows.case_search)."""
    filters = case_search.Filters(state=state or None, q=(text or "").strip() or None)
    return case_search.search(session, admin, filters, page, per_page)
