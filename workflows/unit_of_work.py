"""One transaction per user action: everything it wrote commits together, or nothing does."""
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, scoped_session
from sqlalchemy.orm.exc import StaleDataError

from models.sqlite import WRITER
from workflows.errors import Conflict, Unavailable

# SQLite's extended result codes (sqlite3 errors carry them as `sqlite_errorcode`).
_SQLITE_BUSY = 5              # the busy timeout ran out while another writer held the lock
_SQLITE_BUSY_SNAPSHOT = 517   # a write on a snapshot another writer has since moved past


class UnitOfWork:
    """`with UnitOfWork(session) as uow: ...; uow.commit()`. Leaving the block without commit, or
    with an exception, rolls back. A lost optimistic-lock race surfaces as Conflict.

    Entering the block starts the action's own transaction, as a writer: on SQLite it begins with
    BEGIN IMMEDIATE (see models.sqlite), so two actions at once queue for the write lock instead of
    the second failing on a stale snapshot."""

    def __init__(self, session: Session):
        self.session = session

    def __enter__(self):
        try:
            _begin_writing(self.session)
        except Exception as exc:
            self.session.rollback()
            _raise_translated(exc)
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        self.session.rollback()  # after a commit there is nothing left to undo
        if exc_type is not None:
            _raise_translated(exc)

    def commit(self):
        try:
            _commit_keeping(self.session)
        except IntegrityError as exc:
            # Every uniqueness rule is checked before writing; the constraint only fires when another
            # transaction saved the same name (a username, a village's team) since that check.
            self.session.rollback()
            raise Conflict("saved_concurrently") from exc
        except Exception as exc:
            self.session.rollback()
            _raise_translated(exc)
            raise


def _begin_writing(session: Session) -> None:
    """Begin the writer's transaction. A request usually reads before its unit of work (the caller's
    account, the rows its input names); that read-only transaction is ended first, or the action
    would write on its snapshot, which on SQLite is a deferred one another writer may have passed.
    Ending it expires what it loaded, which the action then reads afresh."""
    if isinstance(session, scoped_session):
        session = session()  # the request's own session (Flask-SQLAlchemy's db.session is scoped)
    if session.in_transaction():
        if session.connection().get_execution_options().get(WRITER):
            return  # already the writer's transaction
        if session.new or session.dirty or session.deleted:
            return  # changes made before the block: keep them in the transaction they belong to
        # Nothing was written: ending it is a rollback in all but name, and committing keeps what it
        # loaded (the caller's account and grants) instead of reading it all again. The action
        # reads its case afresh, locked (workflows.engine.load_case).
        _commit_keeping(session)
    session.connection(execution_options={WRITER: True})


def _commit_keeping(session: Session) -> None:
    """Commit without expiring what the session holds: the answer to an action is read from the
    rows it just wrote, not fetched again (it is the writer, and held the case's lock until now)."""
    if isinstance(session, scoped_session):
        session = session()
    before, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = before


def _raise_translated(exc: BaseException) -> None:
    """Raise the workflow error a database failure means, if it means one."""
    if _is_lost_race(exc):
        raise Conflict("case_changed") from exc
    if _sqlite_code(exc) == _SQLITE_BUSY:
        raise Unavailable("database_busy") from exc


def _is_lost_race(exc: BaseException) -> bool:
    """Another transaction changed the rows first: a stale version, or (for a write made outside a
    unit of work's block, so on a deferred SQLite transaction) a write on a snapshot another writer
    has since moved past. A writer that merely waited too long is not a lost race: see
    _SQLITE_BUSY."""
    return isinstance(exc, StaleDataError) or _sqlite_code(exc) == _SQLITE_BUSY_SNAPSHOT


def _sqlite_code(exc: BaseException) -> int | None:
    if isinstance(exc, OperationalError):
        return getattr(exc.orig, "sqlite_errorcode", None)
    return None
