"""Entering the State Council's holiday notice for a year, as lines of text:

    2027-01-01~2027-01-03 元旦
    2027-02-07 上班

A range (or one date) and the holiday's name, or a date (or range) and 上班 for an adjusted working
day (调休上班), optionally followed by what it makes up for. Blank lines and lines starting with #
are skipped. Any bad line refuses the whole notice, naming the line; nothing is saved."""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import CalendarDay, HolidayNotice, User, utcnow
from workflows import calendar
from workflows.errors import InvalidInput

FIELD = "lines"
WORKDAY_WORD = "上班"
TEXT_MAX = 10_000
NAME_MAX = 100
RANGE_MAX = 31  # no holiday in a notice is longer; a longer range is a typo
YEARS = range(2000, 2101)

_LINE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:\s*[~～]\s*(\d{4}-\d{1,2}-\d{1,2}))?(?:\s+(.*))?$")


@dataclass(frozen=True)
class Entry:
    """One line of a notice: the days it names, what they are, and under what name."""
    line: int
    start: date
    end: date
    kind: str  # holiday / workday
    name: str

    def days(self) -> list[date]:
        return [self.start + timedelta(d) for d in range((self.end - self.start).days + 1)]


def _date(text: str, line: int) -> date:
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise InvalidInput("calendar_bad_date", FIELD, line=line, value=text) from None


def parse_line(text: str, line: int, year: int) -> Entry:
    found = _LINE.match(text)
    if found is None:
        raise InvalidInput("calendar_bad_line", FIELD, line=line)
    start = _date(found.group(1), line)
    end = _date(found.group(2), line) if found.group(2) else start
    words = (found.group(3) or "").strip()
    if end < start:
        raise InvalidInput("calendar_range_backwards", FIELD, line=line)
    if start.year != year or end.year != year:
        raise InvalidInput("calendar_other_year", FIELD, line=line, year=year)
    if (end - start).days >= RANGE_MAX:
        raise InvalidInput("calendar_range_too_long", FIELD, line=line, max=RANGE_MAX)
    if not words:
        raise InvalidInput("calendar_no_name", FIELD, line=line)
    if words.startswith(WORKDAY_WORD):
        entry = Entry(line, start, end, "workday", words[len(WORKDAY_WORD):].strip() or "调休上班")
        # An adjusted working day moves a weekend: one on a weekday is a mistyped date.
        weekday = next((d for d in entry.days() if d.weekday() < 5), None)
        if weekday is not None:
            raise InvalidInput("calendar_workday_on_weekday", FIELD, line=line, day=weekday.isoformat())
    else:
        entry = Entry(line, start, end, "holiday", words)
    if len(entry.name) > NAME_MAX:
        raise InvalidInput("calendar_name_too_long", FIELD, line=line, max=NAME_MAX)
    return entry


def parse(year: int, text: str) -> list[Entry]:
    """The entries of a notice, in the order written; refused whole at its first bad line."""
    if year not in YEARS:
        raise InvalidInput("out_of_range", "year", min=YEARS.start, max=YEARS.stop - 1)
    if len(text) > TEXT_MAX:
        raise InvalidInput("too_long", FIELD, max=TEXT_MAX)
    entries: list[Entry] = []
    seen: dict[date, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        entry = parse_line(stripped, number, year)
        for day in entry.days():
            if day in seen:
                raise InvalidInput("calendar_day_twice", FIELD, line=number, day=day.isoformat(), other=seen[day])
            seen[day] = number
        entries.append(entry)
    if not entries:
        raise InvalidInput("calendar_empty", FIELD)
    return entries


def year_of(text: str) -> int:
    """The year of the first date in the text (for a file that does not say its year)."""
    found = re.search(r"\d{4}(?=-)", text)
    if found is None:
        raise InvalidInput("calendar_empty", FIELD)
    return int(found.group(0))


def current(session: Session, year: int) -> HolidayNotice | None:
    return session.scalars(select(HolidayNotice).where(HolidayNotice.year == year,
                                                       HolidayNotice.superseded_at.is_(None))).first()


def enter(session: Session, year: int, text: str, actor: User) -> HolidayNotice:
    """Store a year's notice as its next version; the one it replaces is kept, marked superseded.
    Runs in the caller's unit of work. Two admins entering the same year at once both take the same
    version number, and the unique (year, version) lets only one of them commit."""
    entries = parse(year, text)
    last = session.scalar(select(func.max(HolidayNotice.version)).where(HolidayNotice.year == year)) or 0
    replaced = current(session, year)
    if replaced is not None:
        replaced.superseded_at = utcnow()
    notice = HolidayNotice(year=year, version=last + 1, text=text.strip(), entered_by=actor)
    notice.days = [CalendarDay(day=day, kind=entry.kind, name=entry.name) for entry in entries for day in entry.days()]
    session.add(notice)
    session.flush()
    calendar.forget(session)
    return notice


def history(session: Session) -> list[HolidayNotice]:
    """Every notice entered, newest year and version first."""
    return list(session.scalars(select(HolidayNotice).order_by(HolidayNotice.year.desc(),
                                                               HolidayNotice.version.desc())))
