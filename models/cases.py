"""The tables every procedure shares: a case, its tasks (the inbox) and its history events."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.org import OrgUnit, Person, User


class Case(Base):
    __tablename__ = "case_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(30), index=True)
    # Optimistic lock: every action bumps it, and an UPDATE that finds another version fails.
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # How many history events the case has: the next event's number, without reading the history.
    # Every action appends one, so every action also updates this row and moves its version.
    event_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    policy_id: Mapped[str] = mapped_column(String(50))
    policy_version: Mapped[int] = mapped_column(Integer)
    # The org unit the case belongs to: a cadre's village for their own cases, a township for its
    # monthly sheet, a county or city for an assessment round. Offices are resolved from it.
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    # The cadre the case is about, and their village, where there is one.
    subject_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"), index=True)
    # A case opened by another, e.g. a round's assessments.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    # The approval steps fixed when the route started, from the pinned policy:
    # [{"approvers": [office codes], "joint": bool}], the offices it is filed with, and the step now.
    route: Mapped[list] = mapped_column(JSON, default=list)
    filing: Mapped[list] = mapped_column(JSON, default=list)
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    org_unit: Mapped[OrgUnit] = relationship(foreign_keys=[org_unit_id])
    subject: Mapped[Person | None] = relationship()
    village: Mapped[OrgUnit | None] = relationship(foreign_keys=[village_id])
    parent: Mapped[Case | None] = relationship(remote_side=[id])
    created_by: Mapped[User] = relationship()
    tasks: Mapped[list[Task]] = relationship(back_populates="case", order_by="Task.id")
    events: Mapped[list[Event]] = relationship(back_populates="case", order_by="Event.seq")
    filings: Mapped[list[Filing]] = relationship(back_populates="case", order_by="Filing.id")
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id")
    # The policy version the case was opened under, read with the case when it is acted on.
    policy: Mapped["PolicyVersion"] = relationship(  # noqa: F821
        primaryjoin="and_(foreign(Case.policy_id) == PolicyVersion.policy_id, "
                    "foreign(Case.policy_version) == PolicyVersion.version)", viewonly=True)

    __mapper_args__ = {"version_id_col": version}

    # The case list (workflows.case_search) sorts newest first and filters by these columns.
    __table_args__ = (
        Index("ix_case_file_created", "created_at", "id"),
        Index("ix_case_file_kind_state_created", "kind", "state", "created_at"),
        Index("ix_case_file_village_created", "village_id", "created_at"),
        Index("ix_case_file_subject_created", "subject_person_id", "created_at"),
    )

    @property
    def open_tasks(self) -> list[Task]:
        return [t for t in self.tasks if t.status == "open"]


class Task(Base):
    """One thing someone must do on a case. Open tasks are the inbox.

    A task is for an office (office_code at org_unit: anyone holding that grant may act) or for one
    user (assignee: the applicant revising or reporting back).
    """
    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # approve / revise / report_back
    step: Mapped[int] = mapped_column(Integer, default=0)
    office_code: Mapped[str | None] = mapped_column(String(30))
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open / done / cancelled
    outcome: Mapped[str | None] = mapped_column(String(20))
    due_date: Mapped[date | None] = mapped_column(Date)
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    case: Mapped[Case] = relationship(back_populates="tasks")
    org_unit: Mapped[OrgUnit | None] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])

    __table_args__ = (
        # The whole inbox query: open tasks of an office at a unit, or of one assignee, newest first.
        Index("ix_task_inbox_office", "status", "office_code", "org_unit_id", "opened_at"),
        Index("ix_task_inbox_assignee", "status", "assignee_id", "opened_at"),
        # Which cases an office or a user has had a task on, open or done: who may see a case.
        Index("ix_task_office_case", "office_code", "org_unit_id", "case_id"),
        Index("ix_task_assignee_case", "assignee_id", "case_id"),
        # Which cases are late: open tasks past their due date.
        Index("ix_task_open_due", "status", "due_date", "case_id"),
        # A user's archive (the inbox's "done" tab): what they closed, newest first.
        Index("ix_task_closed_by", "closed_by_id", "status", "closed_at"),
    )


class Event(Base):
    """Append-only history: one row per action on a case, never updated or deleted."""
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    # Who acted, as they were then: a later rename or move must not rewrite who approved what.
    # The person's name (none for an office account), the office they acted as, and the name of the
    # unit holding it (for a cadre acting for themselves: the unit that sent them).
    actor_name: Mapped[str | None] = mapped_column(String(50))
    actor_office: Mapped[str | None] = mapped_column(String(30))
    actor_unit: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict | None] = mapped_column(JSON)

    case: Mapped[Case] = relationship(back_populates="events")
    actor: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("case_id", "seq"),)


class Filing(Base):
    """备案: a case filed with an office for its information. It never blocks the case."""
    __tablename__ = "filing"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    office_code: Mapped[str] = mapped_column(String(30))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    filed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(20))  # the action that filed it: approve / report_back

    case: Mapped[Case] = relationship(back_populates="filings")
    org_unit: Mapped[OrgUnit] = relationship()

    __table_args__ = (Index("ix_filing_office", "office_code", "org_unit_id", "filed_at"),)


class BlackoutPeriod(Base):
    """特殊时期: a period declared for an org unit and everything below it, in which no leave may start."""
    __tablename__ = "blackout_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    org_unit: Mapped[OrgUnit] = relationship()


class AbsenceDay(Base):
    """旷工: a day a cadre was away without leave, e.g. past an approved leave's end before reporting
    back. One row per person and day, with the case that found it; the attendance record reads them."""
    __tablename__ = "absence_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    day: Mapped[date] = mapped_column(Date)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("person_id", "day"),)


class Attachment(Base):
    """A file on a case (a doctor's note, a self-report, a handover list), kept in the database so that
    it commits or rolls back with the action that added it."""
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read only to download it
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
