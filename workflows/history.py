"""The append-only history of a case: one event per action, numbered in order.

Each event keeps who acted as they were then (their name, the office they acted as and its unit's
name), so that renaming a person or a unit later never changes who appears to have decided."""
from sqlalchemy.orm import Session

from models import Case, Event, OrgUnit, User, utcnow
from workflows import offices


def _case_unit(session: Session, case: Case) -> OrgUnit | None:
    return case.org_unit or (session.get(OrgUnit, case.org_unit_id) if case.org_unit_id else None)


def acting_as(session: Session, case: Case, actor: User, payload: dict | None) -> tuple[str | None, str | None]:
    """The office the actor acted as on this case and the name of the unit holding it.

    An approval names its office in the payload; otherwise the actor's own office over the case.
    A cadre acting for themselves (no office) is placed by the unit that sent them."""
    unit = _case_unit(session, case)
    mine = offices.acting_offices(actor)
    code = (payload or {}).get("office")
    if code and unit is not None:
        holder = offices.resolve(code, unit, case.subject)
        if holder is not None and (code, holder.id) in mine:
            return code, holder.name
    if mine and unit is not None:
        over = {u.id: u for u in unit.ancestors()}
        if case.subject is not None and case.subject.home_unit is not None:
            over[case.subject.home_unit.id] = case.subject.home_unit
        for grant in sorted(actor.grants, key=lambda g: g.id or 0):
            if grant.role in offices.OFFICE_CODES and grant.org_unit_id in over:
                return grant.role, over[grant.org_unit_id].name
    if actor.person is not None and actor.person.home_unit is not None:
        return None, actor.person.home_unit.name
    grant = next((g for g in actor.grants if g.role in offices.OFFICE_CODES), None)
    return (grant.role, grant.org_unit.name) if grant is not None else (None, None)


def record(session: Session, case: Case, actor: User, action: str, from_state: str | None,
           comment: str | None = None, payload: dict | None = None) -> Event:
    case.event_count = (case.event_count or 0) + 1  # updates the case row: its version moves
    # Reading who acted must not flush a case still being built (its rows go in together).
    with session.no_autoflush:
        office, unit = acting_as(session, case, actor, payload)
        name = actor.person.name if actor.person is not None else None
    event = Event(case_id=case.id, seq=case.event_count, at=utcnow(), actor_id=actor.id,
                  actor_name=name, actor_office=office, actor_unit=unit, action=action,
                  from_state=from_state, to_state=case.state, comment=comment, payload=payload)
    if case.id is None:
        event.case = case  # a new case: its id comes with the flush
    session.add(event)
    case.updated_at = event.at
    return event
