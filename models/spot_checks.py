"""The tables of spot checks (查岗, 004 第十八条) and the explanation (情况说明) a cadre found absent writes."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base, utcnow
from models.cases import Case
from models.org import OrgUnit, Person, User


class SpotCheck(Base):
    """One check of a village on a day by a county or city office or an inspector: when, how, and
    whom it found there."""
    __tablename__ = "spot_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    # The hour of the check ("HH:MM", the jurisdiction's time) and how it was made, where given.
    time: Mapped[str | None] = mapped_column(String(5))
    method: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # The cadres found at their post, as the checker listed them.
    present: Mapped[list] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    village: Mapped[OrgUnit] = relationship()
    created_by: Mapped[User] = relationship()
    findings: Mapped[list[SpotCheckFinding]] = relationship(back_populates="spot_check",
                                                            order_by="SpotCheckFinding.id")


class SpotCheckFinding(Base):
    """A cadre not found at their post by a check. `cover` says why no explanation is asked: an
    approved leave ('leave') or a reported or approved official absence that day, by its business
    ('official_trip', 'meeting', 'training'), with its case; none: an explanation case was opened (Explanation.finding)."""
    __tablename__ = "spot_check_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    spot_check_id: Mapped[int] = mapped_column(ForeignKey("spot_check.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    cover: Mapped[str | None] = mapped_column(String(20))
    covered_by_case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))

    spot_check: Mapped[SpotCheck] = relationship(back_populates="findings")
    person: Mapped[Person] = relationship()
    covered_by: Mapped[Case | None] = relationship(foreign_keys=[covered_by_case_id])

    __table_args__ = (UniqueConstraint("spot_check_id", "person_id"),)


class Explanation(Base):
    """The details of an explanation case (情况说明): the finding it answers, the cadre's text, when it was
    decided (excused or counted as absence) and when it went to the city with its month's batch."""
    __tablename__ = "explanation"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("spot_check_finding.id"), unique=True)
    text: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The jurisdiction's date of the decision, and of the monthly batch (每月25日前) that took it.
    decided_on: Mapped[date | None] = mapped_column(Date)
    batched_on: Mapped[date | None] = mapped_column(Date)

    # `case.explanation` reads an explanation case's details; the shared Case table knows nothing of it.
    case: Mapped[Case] = relationship(foreign_keys=[case_id],
                                      backref=backref("explanation", uselist=False, foreign_keys=[case_id]))
    finding: Mapped[SpotCheckFinding] = relationship(
        backref=backref("explanation", uselist=False))

    # The monthly batch looks for decided explanations not sent yet.
    __table_args__ = (Index("ix_explanation_unbatched", "batched_on", "decided_on"),)
