"""The tables of recall and adjustment (召回 / 调整, domain §4), the absence crossings that open a recall
draft, and the grades recorded on a cadre outside an assessment round (篇六: absence over the
thresholds, or a quarter short of its days, makes the year's grade 不合格)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base, utcnow
from models.cases import Case
from models.org import OrgUnit, Person


class Recall(Base):
    """The details of a recall case: its path (recall, or adjustment on application), the grounds
    ticked (numbers of the policy's list), the reason and the evidence; the outcome and the notice
    number once decided (召回通知)."""
    __tablename__ = "recall"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    path: Mapped[str] = mapped_column(String(20))
    grounds: Mapped[list] = mapped_column(JSON, default=list)
    reason: Mapped[str | None] = mapped_column(Text)
    # What the system holds for the grounds, e.g. an absence spell: {"kind", "first", "last", "days", "dates"}.
    evidence: Mapped[dict | None] = mapped_column(JSON)
    outcome: Mapped[str | None] = mapped_column(String(20))
    notice_no: Mapped[str | None] = mapped_column(String(50), unique=True)
    # The day the deciding office decided (recall, criticism or rejection); a recall's notice bears it.
    decided_on: Mapped[date | None] = mapped_column(Date)
    # The office that issued the notice (按干部管理权限: the city office for a city-sent cadre).
    notice_office: Mapped[str | None] = mapped_column(String(30))
    notice_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    # The talk (约谈) the dispatching unit's head held with the recalled cadre (002).
    talk_date: Mapped[date | None] = mapped_column(Date)
    talk_note: Mapped[str | None] = mapped_column(Text)
    # 篇九 第七条: the qualified replacement an adjustment's application names.
    replacement_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    notice_unit: Mapped[OrgUnit | None] = relationship(foreign_keys=[notice_unit_id])
    replacement: Mapped[Person | None] = relationship(foreign_keys=[replacement_person_id])

    # `case.recall` reads a recall case's details; the shared Case table knows nothing of it.
    case: Mapped[Case] = relationship(foreign_keys=[case_id],
                                      backref=backref("recall", uselist=False, foreign_keys=[case_id]))


class AbsenceCrossing(Base):
    """An absence threshold a cadre passed, recorded once: a consecutive spell (key: its first day), a
    year's count (key: the year) or a quarter short of its target (key: e.g. 2026-Q1). The unique key
    is what keeps a second sweep, a catch-up run or two sweeps at once from acting twice."""
    __tablename__ = "absence_crossing"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))   # consecutive | year | quarter
    key: Mapped[str] = mapped_column(String(20))
    first_day: Mapped[date] = mapped_column(Date)
    # The spell's last day as last seen: a spell that keeps growing stays the same crossing.
    last_day: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    recorded_on: Mapped[date] = mapped_column(Date)

    person: Mapped[Person] = relationship()
    case: Mapped[Case | None] = relationship()

    __table_args__ = (UniqueConstraint("person_id", "kind", "key"),)


class PersonGrade(Base):
    """A grade on a cadre's record for a period (e.g. the annual grade of 2026), with why it was given
    and the case it came from, where one did. `wording` is the policy's own word for it (篇六 不合格)."""
    __tablename__ = "person_grade"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20))   # annual
    grade: Mapped[str] = mapped_column(String(20))  # excellent | competent | basic | incompetent
    wording: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(40))
    source_case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    recorded_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("person_id", "period", "kind"),)
