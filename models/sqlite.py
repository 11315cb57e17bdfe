"""SQLite as a real embedded database, for every engine the project creates, with or without Flask.

- Enforced foreign keys, readers beside one writer (WAL), and a writer that waits for the lock.
- Real transactions: Python's sqlite3 module (before 3.12) opens a transaction only at the first
  write, so the reads of one action would each see a different moment. SQLAlchemy's recipe: put the
  driver in autocommit mode and issue BEGIN ourselves, so one action reads one snapshot.
- Writers queue instead of failing: a transaction that will write (a unit of work marks its
  connection with WRITER) begins with BEGIN IMMEDIATE, which takes the write lock first and waits up
  to the busy timeout for it, so its snapshot is never one another writer has moved past. Reads keep
  a deferred BEGIN and never wait for a writer.
"""
from sqlalchemy import event
from sqlalchemy.engine import Engine

# The execution option a writer's connection carries (see workflows.unit_of_work).
WRITER = "zhucun_writer"
# How long a writer waits for the one before it, in milliseconds: an action takes milliseconds,
# so only a long queue of them waits this long.
BUSY_TIMEOUT_MS = 15000


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
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


@event.listens_for(Engine, "begin")
def _on_begin(connection):
    if connection.dialect.name == "sqlite":
        writer = connection.get_execution_options().get(WRITER, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")
