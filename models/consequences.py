"""The consequences of a recall (召回, domain §4), recorded once when the term ends: on the recalled cadre
(no awards that year, no promotion for some years, the file record, …) and on their dispatching unit
(篇三 not graded 优秀 that year, 篇九 a talk with its leader). Append-only: a row is never changed; its
end is the `year` or the `until` it was recorded with."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.cases import Case
from models.org import OrgUnit, Person


class PersonConsequence(Base):
    """One consequence on a cadre: for the calendar `year`, until the day `until` (on which it ends), or
    for good where neither is set."""
    __tablename__ = "person_consequence"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    year: Mapped[int | None] = mapped_column(Integer)
    until: Mapped[date | None] = mapped_column(Date)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    recorded_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    person: Mapped[Person] = relationship()
    case: Mapped[Case] = relationship()

    # One case records each kind once, whoever calls the hook twice.
    __table_args__ = (UniqueConstraint("case_id", "kind"),)


class UnitConsequence(Base):
    """One consequence on a dispatching unit for a cadre it sent being recalled; `note` names the cadre
    as they were then."""
    __tablename__ = "unit_consequence"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    year: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    org_unit: Mapped[OrgUnit] = relationship()
    case: Mapped[Case] = relationship()

    __table_args__ = (UniqueConstraint("case_id", "kind"),)
