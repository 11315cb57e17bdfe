"""Presence (考勤): sign-ins, missed days the keeper records, and duty days a township orders."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.org import OrgUnit, Person, User


class SignIn(Base):
    """签到: one a day per cadre, dated by the jurisdiction's day (not the server's)."""
    __tablename__ = "sign_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive
    note: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    # 签退 (篇六 "周五下午实行签退制，签退时间为下午五点"): when the cadre signed out, and whether before the hour.
    out_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC, naive
    left_early: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    person: Mapped[Person] = relationship()
    recorded_by: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("person_id", "day"), Index("ix_sign_in_day", "day"))


class MissedDay(Base):
    """A day a cadre could not sign in, recorded with a reason by the keeper (the team leader for a
    member, the township for the leader). Where the policy asks more offices to confirm it (篇六: the
    village duty person and the 第一书记), it counts once every one has: `confirmations` holds
    [{"office", "user_id", "at"}]."""
    __tablename__ = "missed_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    confirmations: Mapped[list] = mapped_column(JSON, default=list)
    # Set once every office the policy names has confirmed (at once when it names none beyond the keeper).
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship()
    recorded_by: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("person_id", "day"), Index("ix_missed_day_day", "day"))


class DutyDay(Base):
    """加班日: a township orders work on a non-working day for its villages (篇四 三6): that day a
    sign-in counts as present and a missing one as absent."""
    __tablename__ = "duty_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    day: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    org_unit: Mapped[OrgUnit] = relationship()

    __table_args__ = (UniqueConstraint("org_unit_id", "day"),)
