"""Signing in: every password check, kept so that repeated failures slow down and then lock a
username or an address, and so that an administrator can see and lift a lock."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow

# What one row records: a password checked and right or wrong, or an administrator lifting a lock.
OUTCOMES = ("success", "failure", "unlock")


class LoginAttempt(Base):
    """One password check (or an unlock). The username is the one typed, whether or not an account
    has it: a lock that only known names could get would tell which names exist."""
    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(10))
    # For an unlock: the administrator who lifted it.
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


# The two questions every login asks: this username's recent rows, this address's recent failures.
Index("ix_login_attempt_username_at", LoginAttempt.username, LoginAttempt.at)
Index("ix_login_attempt_address_at", LoginAttempt.address, LoginAttempt.at)
