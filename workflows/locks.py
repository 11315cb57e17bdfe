"""Locks that serialise the actions that must see each other's writes.

A cadre's leaves are checked for overlap and caps by reading their other leaves and then writing:
two requests at once would each read before the other wrote, and both pass. Locking the cadre's
person row first makes the second wait until the first has committed, then read what it wrote.

- PostgreSQL: `SELECT ... FOR NO KEY UPDATE` on the row, held to commit. (Not FOR UPDATE: inserting
  a case or a ledger entry that refers to the person takes a KEY SHARE lock on it, which FOR UPDATE
  would wait for, so two requests that had each inserted their case would wait for each other.)
- SQLite: writers are already serialised, since a unit of work begins with BEGIN IMMEDIATE
  (models.sqlite): there is nothing more to lock.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Person


def lock_person(session: Session, person_id: int) -> None:
    """Hold the cadre's lock until this transaction ends."""
    if session.get_bind().dialect.name == "sqlite":
        return
    session.execute(select(Person.id).where(Person.id == person_id).with_for_update(key_share=True))
