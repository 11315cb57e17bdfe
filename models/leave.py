"""The tables of the leave procedure (请假): its details, and the balance ledger."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base, utcnow
from models.cases import AbsenceDay, Case
from models.org import User


class LeaveLedger(Base):
    """The balance ledger: days of leave used, per cadre, type and month. Append-only: an approval
    writes positive entries, a cancellation the same entries negated."""
    __tablename__ = "leave_ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    leave_type: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)
    entry: Mapped[str] = mapped_column(String(20))  # approve / cancel / overstay
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_leave_ledger_balance", "person_id", "leave_type", "year", "month"),)


class LeaveRequest(Base):
    """The details of a leave case (请假)."""
    __tablename__ = "leave_request"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    leave_type: Mapped[str] = mapped_column(String(20))
    # An official absence (因公外出) says what business it is: official_trip (出差), meeting (开会) or
    # training (培训); a policy may count some of them as presence and not others (篇六). Null on leave.
    business: Mapped[str | None] = mapped_column(String(20))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    applicant_role: Mapped[str] = mapped_column(String(10))  # member / leader
    tier: Mapped[str] = mapped_column(String(10))  # city / county
    actual_return_date: Mapped[date | None] = mapped_column(Date)
    # 续假: this request extends that (approved) one, from the day after its end.
    extends_case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    # 篇六 urgent leave: asked for by phone, entered by this user (e.g. the team leader) on the cadre's
    # behalf. The cadre completes the written request after returning; until then it is incomplete.
    proxy_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)

    # `case.leave` reads a leave case's details; the shared Case table knows nothing of leave.
    case: Mapped[Case] = relationship(foreign_keys=[case_id],
                                      backref=backref("leave", uselist=False, foreign_keys=[case_id]))
    extends: Mapped[Case | None] = relationship(foreign_keys=[extends_case_id])
    proxy_by: Mapped[User | None] = relationship(foreign_keys=[proxy_by_id])
    # Days of absence (旷工) found on this leave: past its end before the cadre reported back.
    absences: Mapped[list[AbsenceDay]] = relationship(
        primaryjoin="LeaveRequest.case_id == foreign(AbsenceDay.case_id)", viewonly=True,
        order_by="AbsenceDay.day")
