"""Who takes part in a handover: the outgoing cadre (the case's subject), the incoming one, and the
office that lists for an outgoing cadre who cannot take part (本人未到场)."""
from __future__ import annotations

from models import Case, Person, User
from models.org import LEADING_POSITIONS

# An absent member's list is drawn up by the team leader; an absent leader's by the township.
LISTS_FOR_MEMBER = "team_leader"
LISTS_FOR_LEADER = "township"


def account(person: Person | None) -> User | None:
    return next((u for u in person.accounts if u.active), None) if person is not None else None


def outgoing_user(case: Case) -> User | None:
    return account(case.subject)


def incoming_user(case: Case) -> User | None:
    return account(case.handover.incoming_person)


def leader_leaving(case: Case) -> bool:
    return case.handover.outgoing_term.position in LEADING_POSITIONS


def lister_office(case: Case) -> str:
    return LISTS_FOR_LEADER if leader_leaving(case) else LISTS_FOR_MEMBER
