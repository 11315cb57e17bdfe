"""The append-only history of a case: one event per action, numbered in order."""
from sqlalchemy.orm import Session

from models import Case, Event, User, utcnow


def record(session: Session, case: Case, actor: User, action: str, from_state: str | None,
           comment: str | None = None, payload: dict | None = None) -> Event:
    case.event_count = (case.event_count or 0) + 1  # updates the case row: its version moves
    event = Event(case_id=case.id, seq=case.event_count, at=utcnow(), actor_id=actor.id, action=action,
                  from_state=from_state, to_state=case.state, comment=comment, payload=payload)
    if case.id is None:
        event.case = case  # a new case: its id comes with the flush
    session.add(event)
    case.updated_at = event.at
    return event
