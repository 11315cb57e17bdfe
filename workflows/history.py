"""The append-only history of a case: one event per action, numbered in order."""
from sqlalchemy.orm import Session

from models import Case, Event, User, utcnow


def record(session: Session, case: Case, actor: User, action: str, from_state: str | None,
           comment: str | None = None, payload: dict | None = None) -> Event:
    event = Event(case=case, seq=len(case.events) + 1, at=utcnow(), actor_id=actor.id, action=action,
                  from_state=from_state, to_state=case.state, comment=comment, payload=payload)
    session.add(event)
    case.updated_at = event.at  # every event bumps the case's version
    return event
