"""The details of a monthly attendance sheet case (出勤情况统计表): the unit and month it covers, its
deadlines, and the rows frozen into it when the compiling office submitted it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base
from models.cases import Case
from models.org import OrgUnit


class AttendanceSheet(Base):
    """One township's (or, under 篇六, one village team's) month. Unique per unit and month: the sweep
    that opens it cannot open it twice."""
    __tablename__ = "attendance_sheet"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    # The first day of the month the sheet covers.
    month: Mapped[date] = mapped_column(Date)
    # The policy's days of the following month: compiled and submitted by, signed and filed by.
    submit_by: Mapped[date] = mapped_column(Date)
    file_by: Mapped[date] = mapped_column(Date)
    # Frozen at submit (a later sign-in never changes a submitted sheet); None while it is compiled.
    rows: Mapped[list | None] = mapped_column(JSON)
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime)
    # 篇六: the case numbers of the leave slips the compiler attached on paper, as matched at submit.
    leave_slips: Mapped[list | None] = mapped_column(JSON)

    case: Mapped[Case] = relationship(foreign_keys=[case_id],
                                      backref=backref("attendance_sheet", uselist=False, foreign_keys=[case_id]))
    unit: Mapped[OrgUnit] = relationship()

    __table_args__ = (UniqueConstraint("unit_id", "month"),)
