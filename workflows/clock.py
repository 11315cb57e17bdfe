"""The jurisdiction's clock: the one source of "now" and "today" for every rule.

"Today" is the date in the jurisdiction's timezone (Asia/Shanghai unless configured otherwise),
whatever zone the server runs in: a sign-in at 07:30 Beijing time belongs to that Beijing day, though
it is still the day before in UTC. Timestamps are stored as naive UTC (see models.base.utcnow); dates
the rules reason about (due dates, "has the leave started", overstays) are jurisdiction dates.

Tests freeze the clock with `clock.freeze(...)`; nothing else reads the system time.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"

_zone = ZoneInfo(DEFAULT_TIMEZONE)
_frozen: datetime | None = None


def configure(timezone_name: str | None) -> None:
    """Set the jurisdiction's timezone (an IANA name)."""
    global _zone
    _zone = ZoneInfo(timezone_name or DEFAULT_TIMEZONE)


def zone() -> ZoneInfo:
    return _zone


def now() -> datetime:
    """The current instant, aware, in the jurisdiction's timezone."""
    instant = _frozen if _frozen is not None else datetime.now(timezone.utc)
    return instant.astimezone(_zone)


def today() -> date:
    """The jurisdiction's date now."""
    return now().date()


def utcnow() -> datetime:
    """The current instant as naive UTC, the form timestamps are stored in."""
    return now().astimezone(timezone.utc).replace(tzinfo=None)


def local_date(stored: datetime) -> date:
    """The jurisdiction's date of a stored (naive UTC) timestamp."""
    return stored.replace(tzinfo=timezone.utc).astimezone(_zone).date()


def set_frozen(instant: datetime | None) -> None:
    """Fix the clock at an aware instant (None lets it run again)."""
    global _frozen
    if instant is not None and instant.tzinfo is None:
        raise ValueError("a frozen instant needs a timezone")
    _frozen = instant


@contextmanager
def freeze(instant: datetime):
    """`with clock.freeze(datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)): ...`"""
    before = _frozen
    set_frozen(instant)
    try:
        yield
    finally:
        set_frozen(before)
