"""The tables of the handover (交接, domain §5): the case between an outgoing and an incoming cadre, its
items under the five headings (篇二/篇十三 "五个清楚"), and the term-end case that may lead to one."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base
from models.cases import Case
from models.org import Person, Team, Term

HEADINGS = ("duties", "village", "unfinished", "records", "funds")
ITEM_STATUSES = ("listed", "confirmed", "disputed")


class Handover(Base):
    """A handover on `team` from the outgoing cadre (the case's subject) to the incoming one, on
    `handover_date`: the outgoing term ends and the incoming term starts that day once signed off.
    `source` says how it began: term_end, recall, leader_change (a person opened it) or rotation (a
    plan for the team). Where the outgoing cadre cannot take part, the team leader (or the township)
    lists for them, and the record says so (本人未到场) with the reason."""
    __tablename__ = "handover"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    outgoing_term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    incoming_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # Set where the incoming term already exists (a replacement named for a vacancy), else at sign-off.
    incoming_term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    handover_date: Mapped[date] = mapped_column(Date)
    outgoing_absent: Mapped[bool] = mapped_column(Boolean, default=False)
    absent_reason: Mapped[str | None] = mapped_column(Text)
    # What follows a posting (002 "党组织关系转到派驻村"): the indexes of the policy's list ticked off.
    checklist_done: Mapped[list] = mapped_column(JSON, default=list)

    case: Mapped[Case] = relationship(backref=backref("handover", uselist=False))
    team: Mapped[Team] = relationship()
    outgoing_term: Mapped[Term] = relationship(foreign_keys=[outgoing_term_id])
    incoming_person: Mapped[Person] = relationship(foreign_keys=[incoming_person_id])
    incoming_term: Mapped[Term | None] = relationship(foreign_keys=[incoming_term_id])
    items: Mapped[list[HandoverItem]] = relationship(back_populates="handover", order_by="HandoverItem.id")


class HandoverItem(Base):
    """One thing handed over under a heading: listed by the outgoing cadre (or for them), confirmed or
    disputed by the incoming one with a note; a dispute is resolved by the outgoing cadre, which lists
    it again. `case_ref_id` links an unfinished case the system listed by itself."""
    __tablename__ = "handover_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("handover.case_id"), index=True)
    heading: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    status: Mapped[str] = mapped_column(String(10), default="listed")
    # The incoming cadre's note on confirming or disputing; the outgoing cadre's answer to a dispute.
    note: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    # The files on the case (attachment ids) that document the item.
    documents: Mapped[list] = mapped_column(JSON, default=list)
    case_ref_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    # Listed by the system (open cases, the ledgers it holds) rather than typed.
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)

    handover: Mapped[Handover] = relationship(back_populates="items")


class TermEnd(Base):
    """The dispatching unit's decision as a term nears its end: extend it (a new end date, filed with
    the county office) or rotate (a successor and a handover date, which opens the handover)."""
    __tablename__ = "term_end"
    # One per term and planned end: the sweep opens it once, whatever day it runs; an extension moves
    # the planned end, and the new end gets its own case when its day comes.
    __table_args__ = (UniqueConstraint("term_id", "planned_end_date"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    planned_end_date: Mapped[date] = mapped_column(Date)  # as it stood when the case opened
    decision: Mapped[str | None] = mapped_column(String(10))  # extend / rotate
    new_end_date: Mapped[date | None] = mapped_column(Date)
    handover_case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))

    case: Mapped[Case] = relationship(foreign_keys=[case_id], backref=backref("term_end", uselist=False))
    term: Mapped[Term] = relationship()
    handover_case: Mapped[Case | None] = relationship(foreign_keys=[handover_case_id])
