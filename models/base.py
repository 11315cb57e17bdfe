"""The declarative base every model shares.

Plain SQLAlchemy, so that `workflows/` can use the models without Flask; the web app hands this base
to Flask-SQLAlchemy as its model class.
"""
from datetime import datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic migrations name the same thing on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no time zone, so every timestamp is stored as UTC without one. Read
    from the jurisdiction's clock, so that a frozen clock freezes stored times too."""
    from workflows import clock
    return clock.utcnow()
