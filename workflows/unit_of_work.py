"""One transaction per user action: everything it wrote commits together, or nothing does."""
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from workflows.errors import Conflict


class UnitOfWork:
    """`with UnitOfWork(session) as uow: ...; uow.commit()`. Leaving the block without commit, or
    with an exception, rolls back. A lost optimistic-lock race surfaces as Conflict."""

    def __init__(self, session: Session):
        self.session = session

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.session.rollback()  # after a commit there is nothing left to undo
        if exc_type is not None and _is_lost_race(exc):
            raise Conflict("case_changed") from exc

    def commit(self):
        try:
            self.session.commit()
        except IntegrityError as exc:
            # Every uniqueness rule is checked before writing; the constraint only fires when another
            # transaction saved the same name (a username, a village's team) since that check.
            self.session.rollback()
            raise Conflict("saved_concurrently") from exc
        except Exception as exc:
            self.session.rollback()
            if _is_lost_race(exc):
                raise Conflict("case_changed") from exc
            raise


def _is_lost_race(exc: BaseException) -> bool:
    """Another transaction changed the case first: a stale version, or SQLite refusing a write on a
    snapshot that another writer has since moved past."""
    if isinstance(exc, StaleDataError):
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)
