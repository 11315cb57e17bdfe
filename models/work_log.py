"""The tables of the work log (工作日志 / 民情日记): a cadre's daily entry, its revisions, and the
details of a review (调阅) case."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base, utcnow
from models.cases import Case
from models.org import Person, Team, User


class WorkLogEntry(Base):
    """One cadre's entry for one day: what they did, the households they visited, a note. The row
    shows the latest wording; every wording, the first included, is kept in WorkLogRevision."""
    __tablename__ = "work_log_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    day: Mapped[date] = mapped_column(Date)
    work_done: Mapped[str] = mapped_column(Text)
    households_count: Mapped[int | None] = mapped_column(Integer)
    households: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    person: Mapped[Person] = relationship()
    team: Mapped[Team] = relationship()
    revisions: Mapped[list[WorkLogRevision]] = relationship(back_populates="entry", order_by="WorkLogRevision.seq")

    __table_args__ = (
        UniqueConstraint("person_id", "day"),  # one entry a day
        Index("ix_work_log_entry_team_day", "team_id", "day"),
    )


class WorkLogRevision(Base):
    """Append-only: each wording of an entry as it was written, never updated or deleted."""
    __tablename__ = "work_log_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("work_log_entry.id"))
    seq: Mapped[int] = mapped_column(Integer)
    work_done: Mapped[str] = mapped_column(Text)
    households_count: Mapped[int | None] = mapped_column(Integer)
    households: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    written_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    entry: Mapped[WorkLogEntry] = relationship(back_populates="revisions")
    written_by: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("entry_id", "seq"),)


class WorkLogReview(Base):
    """The details of a `work_log_review` case: one team's logs of one period, read by one office.
    Unique per team, office and period: the sweep that opens it cannot open it twice."""
    __tablename__ = "work_log_review"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    office_code: Mapped[str] = mapped_column(String(30))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)

    case: Mapped[Case] = relationship(foreign_keys=[case_id],
                                      backref=backref("work_log_review", uselist=False, foreign_keys=[case_id]))
    team: Mapped[Team] = relationship()

    __table_args__ = (UniqueConstraint("team_id", "office_code", "period_start"),)
