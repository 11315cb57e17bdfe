"""Repeated wrong passwords: slowing down, then locking a username, and an address.

Every password check leaves a LoginAttempt row; these rules read them back. A username's failures
since its last success (or an administrator's unlock) first make it wait a little longer before each
further try, then lock it for a while. An address that fails too often, whatever names it tries, is
refused for a while too. A refused try checks no password and writes no row: it cannot guess, and a
flood of them cannot fill the table.

The rules judge the username as typed, whether or not an account has it, so that a lock tells
nothing about which names exist. Times are naive UTC, from the jurisdiction's clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import LoginAttempt, User
from workflows import clock

USERNAME_MAX = 100  # longer input is kept cut: no account name is near it


@dataclass(frozen=True)
class Limits:
    """The thresholds (see README "Security settings"; the app reads them from its config)."""
    max_failures: int = 5                    # failures of one username within `window` lock it...
    window: timedelta = timedelta(minutes=15)
    lock: timedelta = timedelta(minutes=15)  # ...for this long after the last of them
    slowdown_after: int = 3                  # from this many failures on, each try waits first:
    slowdown: timedelta = timedelta(seconds=5)  # this long, doubled with every further failure
    address_max_failures: int = 20           # failures from one address within `address_window`
    address_window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class Refusal:
    reason: str      # "locked" (the username), "slow_down" (the username), "address"
    until: datetime  # naive UTC: when a try will be taken again


def clean_username(typed: str) -> str:
    return typed.strip()[:USERNAME_MAX]


def refusal(session: Session, limits: Limits, username: str, address: str | None) -> Refusal | None:
    """Why a try by this username from this address is not taken now, or None when it is."""
    now = clock.utcnow()
    failures = _recent_failures(session, limits, username, now)
    until = _lock_end(limits, failures)
    if until is not None and until > now:
        return Refusal("locked", until)
    until = _slowdown_end(limits, [at for at in failures if at > now - limits.window])
    if until is not None and until > now:
        return Refusal("slow_down", until)
    until = _address_end(session, limits, address, now)
    if until is not None and until > now:
        return Refusal("address", until)
    return None


def locked_until(session: Session, limits: Limits, username: str) -> datetime | None:
    """When this username's lock ends, if it is locked now (for the administrator's page)."""
    now = clock.utcnow()
    until = _lock_end(limits, _recent_failures(session, limits, username, now))
    return until if until is not None and until > now else None


def record(session: Session, username: str, address: str | None, succeeded: bool) -> None:
    session.add(LoginAttempt(username=username, address=address, outcome="success" if succeeded else "failure"))


def unlock(session: Session, user: User, admin: User) -> None:
    """Lift the username's lock: its earlier failures no longer count."""
    session.add(LoginAttempt(username=user.username, outcome="unlock", by_id=admin.id))


def _recent_failures(session: Session, limits: Limits, username: str, now: datetime) -> list[datetime]:
    """The username's failures that can still matter, oldest first: those since its last success or
    unlock, and recent enough that a lock they made could still run."""
    since = now - limits.window - limits.lock
    reset = session.scalar(select(func.max(LoginAttempt.at)).where(
        LoginAttempt.username == username, LoginAttempt.outcome.in_(("success", "unlock"))))
    if reset is not None and reset > since:
        since = reset
    return sorted(session.scalars(
        select(LoginAttempt.at).where(LoginAttempt.username == username, LoginAttempt.outcome == "failure",
                                      LoginAttempt.at >= since)
        .order_by(LoginAttempt.at.desc()).limit(200)))


def _lock_end(limits: Limits, failures: list[datetime]) -> datetime | None:
    """The latest lock these failures make: `max_failures` of them within `window` lock the name
    for `lock` after the last of those."""
    end = None
    n = limits.max_failures
    for i in range(n - 1, len(failures)):
        if failures[i] - failures[i - n + 1] <= limits.window:
            end = failures[i] + limits.lock
    return end


def _slowdown_end(limits: Limits, failures: list[datetime]) -> datetime | None:
    if len(failures) < limits.slowdown_after:
        return None
    return failures[-1] + limits.slowdown * 2 ** (len(failures) - limits.slowdown_after)


def _address_end(session: Session, limits: Limits, address: str | None, now: datetime) -> datetime | None:
    """When the address is below its limit again: the window after the oldest of its last
    `address_max_failures` failures, if that many fell within the window."""
    if address is None:
        return None
    recent = session.scalars(
        select(LoginAttempt.at).where(LoginAttempt.address == address, LoginAttempt.outcome == "failure",
                                      LoginAttempt.at > now - limits.address_window)
        .order_by(LoginAttempt.at.desc()).limit(limits.address_max_failures)).all()
    if len(recent) < limits.address_max_failures:
        return None
    return recent[-1] + limits.address_window
