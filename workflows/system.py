"""The system user: the actor of what happens by the calendar rather than by a person."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import User

SYSTEM_USERNAME = "system"


def system_user(session: Session) -> User:
    """The 'system' account, made on first use; it cannot log in (inactive, no password)."""
    user = session.scalars(select(User).where(User.username == SYSTEM_USERNAME)).first()
    if user is None:
        user = User(username=SYSTEM_USERNAME, password_hash="!", active=False)
        session.add(user)
        session.flush()
    return user
