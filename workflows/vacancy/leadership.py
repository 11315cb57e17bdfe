"""The team leader's office (team_leader) while the leader's post is vacant.

A task addressed to the team leader reaches whoever holds the team_leader grant at the village. When
the leader leaves, their grant goes with them (a recalled leader must not approve their team's
leave); the township then names an acting leader from the team, who holds the grant until the post
is filled. Until then a task for the team leader has nobody to reach: it is refused with that
reason (`no_team_leader`), so that the request that would open it is not lost in an empty inbox."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OrgUnit, Person, RoleGrant, Team, User, Vacancy, utcnow
from models.org import LEADING_POSITIONS
from workflows import clock, history, offices, people, tasks
from workflows.errors import Conflict, Forbidden, InvalidInput

LEADER_OFFICE = "team_leader"
ACTING_EVENT = "name_acting_leader"


def open_leader_vacancy(session: Session, team: Team) -> Vacancy | None:
    """The team's open vacancy of a leading post (第一书记 / 队长), if it has one."""
    return session.scalars(select(Vacancy).where(
        Vacancy.team_id == team.id, Vacancy.filled_at.is_(None), Vacancy.position.in_(LEADING_POSITIONS))
        .order_by(Vacancy.id)).first()


def _accounts(person: Person) -> list[User]:
    return [u for u in person.accounts if u.active]


def grant_office(person: Person, village: OrgUnit) -> None:
    for user in _accounts(person):
        if not any(g.role == LEADER_OFFICE and g.org_unit_id == village.id for g in user.grants):
            user.grants.append(RoleGrant(role=LEADER_OFFICE, org_unit=village))


def holds_office(person: Person, village: OrgUnit) -> bool:
    return any(g.role == LEADER_OFFICE and g.org_unit_id == village.id for u in person.accounts for g in u.grants)


def grant_cadre(person: Person, village: OrgUnit) -> None:
    """The cadre role at the village for each of the person's active accounts (once)."""
    for user in _accounts(person):
        if not any(g.role == "cadre" and g.org_unit_id == village.id for g in user.grants):
            user.grants.append(RoleGrant(role="cadre", org_unit=village))


def revoke_office(person: Person, village: OrgUnit) -> None:
    for user in person.accounts:
        for grant in [g for g in user.grants if g.role == LEADER_OFFICE and g.org_unit_id == village.id]:
            user.grants.remove(grant)  # the grant is the user's own row (delete-orphan)


def leader_left(vacancy: Vacancy) -> None:
    """The leader who left no longer holds the team leader's office."""
    revoke_office(vacancy.left_person, vacancy.team.village)


def may_name_acting(user: User, team: Team) -> bool:
    """The township over the team's village (乡镇党委: its head and deputy act for it)."""
    township = team.village.ancestor_of_kind("township")
    roles = offices.roles_acting_for("township")
    return township is not None and any(g.role in roles and g.org_unit_id == township.id for g in user.grants)


def name_acting(session: Session, team: Team, person_id: int, actor: User) -> Vacancy:
    """The township names a current member of the team acting leader until the post is filled; a
    second naming replaces the first."""
    if not may_name_acting(actor, team):
        raise Forbidden("not_your_team")
    vacancy = open_leader_vacancy(session, team)
    if vacancy is None:
        raise Conflict("leader_not_vacant", "team", team=team.name)
    person = session.get(Person, person_id)
    today = clock.today()
    if person is None or not any(t.person_id == person_id for t in people.current_terms(team.terms, today)):
        raise InvalidInput("not_a_member", "person_id", team=team.name)
    if not _accounts(person):
        # Without an account the acting leader could not take the leader's tasks: they would be lost.
        raise InvalidInput("no_account", "person_id")
    if vacancy.acting_leader is not None and vacancy.acting_leader_id != person.id:
        revoke_office(vacancy.acting_leader, team.village)
    vacancy.acting_leader, vacancy.acting_named_at = person, utcnow()
    grant_office(person, team.village)
    # On the record of the case that left the post empty: who led the team in between, named by whom.
    history.record(session, vacancy.case, actor, ACTING_EVENT, vacancy.case.state, None,
                   {"office": "township", "person_id": person.id, "person": person.name, "team": team.name})
    return vacancy


@tasks.check_office
def refuse_without_leader(session: Session, office_code: str, unit: OrgUnit) -> None:
    """A task for the team leader of a team whose leader left and who has no acting leader yet."""
    if office_code != LEADER_OFFICE:
        return
    team = session.scalars(select(Team).where(Team.village_id == unit.id)).first()
    if team is None:
        return
    vacancy = open_leader_vacancy(session, team)
    if vacancy is not None and vacancy.acting_leader_id is None:
        raise Conflict("no_team_leader", "team", team=team.name)
