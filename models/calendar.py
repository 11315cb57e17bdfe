"""The State Council's holiday notice for a year, as an admin entered it: its holidays and its
adjusted working days (调休上班), one row per date. A later entry for the same year is a new version;
the earlier one is kept and marked superseded, never deleted."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.org import User


class HolidayNotice(Base):
    __tablename__ = "holiday_notice"
    # Two admins entering the same year at once both try the same next version: one of them fails.
    __table_args__ = (UniqueConstraint("year", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    # The lines as the admin entered them, so that the notice reads as it was given.
    text: Mapped[str] = mapped_column(Text)
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    entered_by: Mapped[User] = relationship(foreign_keys=[entered_by_id])
    entered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Set when a later version replaces this one; the current notice of a year has none.
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)
    days: Mapped[list[CalendarDay]] = relationship(back_populates="notice", order_by="CalendarDay.day")


class CalendarDay(Base):
    __tablename__ = "calendar_day"
    __table_args__ = (UniqueConstraint("notice_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("holiday_notice.id"), index=True)
    notice: Mapped[HolidayNotice] = relationship(back_populates="days")
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))  # holiday / workday
    name: Mapped[str] = mapped_column(String(100))
