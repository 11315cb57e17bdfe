"""SQLite as a real embedded database, for every engine the project creates, with or without Flask.

- Enforced foreign keys, readers beside one writer (WAL), and a writer that waits for the lock.
- Real transactions: Python's sqlite3 module (before 3.12) opens a transaction only at the first
  write, so the reads of one action would each see a different moment. SQLAlchemy's recipe: put the
  driver in autocommit mode and issue BEGIN ourselves, so one action reads one snapshot, and a write
  on a snapshot another writer has since moved past fails (as "database is locked") instead of
  acting on stale rows.
"""
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


@event.listens_for(Engine, "connect")
def _on_connect(dbapi_connection, _record):
    if not _is_sqlite(dbapi_connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@event.listens_for(Engine, "begin")
def _on_begin(connection):
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")
