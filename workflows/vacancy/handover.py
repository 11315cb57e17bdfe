"""The seam to the handover (交接, issue 13): what happens once a replacement is named.

`begin` is called, inside the naming's transaction, with the filled vacancy and the replacement's new
term. The handover procedure replaces its body (opening a handover case between the outgoing cadre,
or the acting leader, and the incoming one). Until then it only moves the posting's roles: the
replacement's accounts get the cadre role at the village, and for a leading post the team leader's
office, which the acting leader gives up."""
from __future__ import annotations

from sqlalchemy.orm import Session

from models import RoleGrant, Term, User, Vacancy
from models.org import LEADING_POSITIONS
from workflows.vacancy import leadership


def begin(session: Session, vacancy: Vacancy, term: Term, actor: User) -> None:
    village = vacancy.team.village
    for user in (u for u in term.person.accounts if u.active):
        if not any(g.role == "cadre" and g.org_unit_id == village.id for g in user.grants):
            user.grants.append(RoleGrant(role="cadre", org_unit=village))
    if term.position in LEADING_POSITIONS:
        if vacancy.acting_leader is not None:
            leadership.revoke_office(vacancy.acting_leader, village)
        leadership.grant_office(term.person, village)
