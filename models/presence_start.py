"""The day a jurisdiction's presence records begin (OrgUnit.presence_from), and every change of it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.org import OrgUnit, User


class PresenceStartChange(Base):
    """Append-only: who moved a county's (or city's) go-live date, when, from what to what. Moving it
    turns days into `no_record` or back into counted days, so every move is kept."""
    __tablename__ = "presence_start_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    old_date: Mapped[date | None] = mapped_column(Date)
    new_date: Mapped[date] = mapped_column(Date)
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    # Who, as they were then (a later rename must not rewrite who moved the date).
    changed_by_name: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    org_unit: Mapped[OrgUnit] = relationship()
    changed_by: Mapped[User] = relationship()
