"""The tables of assessment (考核, domain §6): a round for a period and a county or city, the case of
each cadre assessed in it, and the objections raised while its grades are publicly noticed (公示)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base, utcnow
from models.cases import Case
from models.org import OrgUnit, Person, Term, User


class AssessmentRound(Base):
    """A round (`kind` annual / semiannual / term_end) for a `period` ("2026", "2026H1") over an org unit
    (a county or a city): who was left out and why, and the public-notice window once published."""
    __tablename__ = "assessment_round"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(10))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    # The office that opened and runs it (the policy's `opened_by`); a dispatching unit runs one for its
    # own cadres in the county (004 第十九条), named by `unit_id`.
    office_code: Mapped[str] = mapped_column(String(30))
    # Where that office is held (the county, the city, or the dispatching unit): its holders run the
    # round and read every case in it.
    office_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    excluded: Mapped[list] = mapped_column(JSON, default=list)  # [{"person_id", "name", "reason"}]
    published_on: Mapped[date | None] = mapped_column(Date)
    notice_until: Mapped[date | None] = mapped_column(Date)  # the window's last day; None: no notice
    finalized_on: Mapped[date | None] = mapped_column(Date)

    case: Mapped[Case] = relationship(foreign_keys=[case_id], backref=backref("assessment_round", uselist=False))
    org_unit: Mapped[OrgUnit] = relationship(foreign_keys=[org_unit_id])
    office_unit: Mapped[OrgUnit] = relationship(foreign_keys=[office_unit_id])
    unit: Mapped[OrgUnit | None] = relationship(foreign_keys=[unit_id])


class Assessment(Base):
    """One cadre's assessment in a round: the stages' records (self-report, survey counts, site check,
    opinions), what the system held (`inputs`), the scores, the proposed grade from the policy's bands,
    the grade (another needs a reason; a policy may force one, keeping the score), and the rank."""
    __tablename__ = "assessment"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("assessment_round.case_id"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    self_report: Mapped[str | None] = mapped_column(Text)
    satisfied: Mapped[int | None] = mapped_column(Integer)
    basic: Mapped[int | None] = mapped_column(Integer)
    unsatisfied: Mapped[int | None] = mapped_column(Integer)
    site_check: Mapped[str | None] = mapped_column(Text)
    opinion: Mapped[str | None] = mapped_column(Text)
    inputs: Mapped[dict | None] = mapped_column(JSON)
    goals: Mapped[list | None] = mapped_column(JSON)  # semiannual: the cadre's own goals as items
    scores: Mapped[dict | None] = mapped_column(JSON)
    total: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    proposed_grade: Mapped[str | None] = mapped_column(String(20))
    grade: Mapped[str | None] = mapped_column(String(20))
    grade_reason: Mapped[str | None] = mapped_column(Text)
    # Why the policy forced the grade (篇六: absence over the thresholds, a quarter short), if it did.
    forced_reason: Mapped[str | None] = mapped_column(String(40))

    case: Mapped[Case] = relationship(foreign_keys=[case_id], backref=backref("assessment", uselist=False))
    round: Mapped[AssessmentRound] = relationship(backref=backref("assessments", order_by="Assessment.case_id"))
    term: Mapped[Term] = relationship()

    @property
    def person(self) -> Person:
        return self.case.subject


class AssessmentObjection(Base):
    """An objection to a proposed grade raised inside the notice window; resolved by scoring again."""
    __tablename__ = "assessment_objection"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("assessment.case_id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    raised_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_on: Mapped[date | None] = mapped_column(Date)

    raised_by: Mapped[User] = relationship()
    assessment: Mapped[Assessment] = relationship(backref=backref("objections", order_by="AssessmentObjection.id"))
