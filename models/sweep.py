"""What the calendar does by itself: the daily sweep's runs, the notes it leaves users, and the
cases it puts under an office's supervision (督办)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.cases import Case, Task
from models.org import OrgUnit


class SweepRun(Base):
    """One daily job run for one day. The unique (job, day) row is the claim: a second sweep for the
    same day (later, or at the same instant on another connection) fails to insert it and skips."""
    __tablename__ = "sweep_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(50))
    day: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What the job did, as it printed it.
    report: Mapped[list | None] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("job", "day"),)


class Notification(Base):
    """A note for one user: a reminder, an overdue task, an escalation, a decision. The text is kept
    as a code and its parameters, and put into words in the reader's language when shown."""
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))  # reminder / overdue / escalation / decision
    code: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"))
    read_at: Mapped[datetime | None] = mapped_column(DateTime)

    case: Mapped[Case | None] = relationship()

    __table_args__ = (
        # A user's list, newest first, and their unread count.
        Index("ix_notification_user", "user_id", "at"),
        Index("ix_notification_unread", "user_id", "read_at"),
    )


class TaskNotice(Base):
    """That a task's holders were told something once and for all (kind: reminder / overdue), so
    that no sweep tells them twice."""
    __tablename__ = "task_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("task_id", "kind"),)


class Supervision(Base):
    """督办: a task left too long past its due date, watched by the office above. The holder keeps
    the task; the case shows in the supervising office's inbox under 督办. One per task."""
    __tablename__ = "supervision"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    office_code: Mapped[str] = mapped_column(String(30))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    task: Mapped[Task] = relationship()
    case: Mapped[Case] = relationship()
    org_unit: Mapped[OrgUnit] = relationship()

    __table_args__ = (Index("ix_supervision_office", "office_code", "org_unit_id", "at"),)


# An office's inbox sorted by due date reads one range of this index. (Open tasks by due date alone,
# which the sweep reads day by day, are ix_task_open_due, on the task table.)
Index("ix_task_inbox_office_due", Task.status, Task.office_code, Task.org_unit_id, Task.due_date)
