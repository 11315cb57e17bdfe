"""Roster import (花名册): a county office's spreadsheet of cadres, read into people, their user
accounts, teams and terms.

`read(data)` turns the bytes of a CSV (UTF-8, with or without BOM) or .xlsx file into rows;
`plan(session, rows)` checks every row and says what each would create or change, writing nothing,
or raises RosterInvalid with every problem found (row number as in the spreadsheet, column, code);
`apply(session, plan)` makes those changes in the caller's transaction.

How a row meets what exists:
- The person is found by 用户名 (their account's username, any case). A new username creates the
  person, an active account with an unusable password (an admin sets one) and the term.
- A known person's name and dispatching unit follow the row. Their term in the row's village that
  starts on the row's start date is the row's term: its post and planned end follow the row.
- Any other posting in the row is a new term, and is refused if it overlaps one the person has:
  an import never ends a term (that is a handover's, a recall's or an admin's act).
- A row with 驻村, 职务 and both dates empty is a reserve (not posted yet): it leaves terms alone.
- A village with no team gets one, named as the demo and admin pages name them (杏花村驻村工作队).
- A new term grants the account the `cadre` role at the village, and `team_leader` for 第一书记
  and 队长, so that the team's leave reaches them; grants are never taken away here.
"""
import csv
import io
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import OrgUnit, Person, RoleGrant, Team, Term, User
from models.org import LEADING_POSITIONS
from workflows.errors import InvalidInput

HEADER = ("姓名", "用户名", "驻村", "职务", "派出单位", "任期开始", "任期结束")
NAME, USERNAME, VILLAGE, POSITION, UNIT, START, END = HEADER
POSTING = (VILLAGE, POSITION, START, END)
# 职务 as written in the roster → Term.position.
POSITIONS = {"第一书记": "first_secretary", "队长": "leader", "副队长": "deputy", "队员": "member"}
POSITION_NAMES = {code: name for name, code in POSITIONS.items()}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_LENGTH = 50  # Person.name and User.username
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it: the header is row 1 when it comes first
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class Problem:
    row: int
    field: str | None  # a header name
    code: str
    params: dict = field(default_factory=dict)


class RosterInvalid(InvalidInput):
    """Some rows are bad: every problem is listed, nothing is imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__("roster_invalid", problems[0].field, count=len(problems))
        self.problems = problems


# ---------------------------------------------------------------- reading the file

def read(data: bytes) -> list[Row]:
    """The data rows of a roster: an .xlsx file (a zip archive; its first sheet) or CSV in UTF-8.
    Blank lines are skipped, columns found by their header name, in any order."""
    records = _xlsx_records(data) if data[:4] == b"PK\x03\x04" else _csv_records(data)
    return _rows(records)


def _csv_records(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
        return list(enumerate(csv.reader(io.StringIO(text, newline="")), start=1))
    except (UnicodeDecodeError, csv.Error):
        raise InvalidInput("roster_unreadable", "body") from None


def _xlsx_records(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # only an .xlsx needs it
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # a broken or foreign archive fails in many ways, all of them "unreadable"
        raise InvalidInput("roster_unreadable", "body") from None
    sheet = book.worksheets[0]
    return [(cells[0].row, [_cell_text(c.value) for c in cells]) for cells in sheet.iter_rows() if cells]


def _cell_text(value) -> str:
    """A cell as the admin reads it: a date cell as YYYY-MM-DD, a whole number without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(records: list[tuple[int, list[str]]]) -> list[Row]:
    filled = [(n, [v.strip() for v in values]) for n, values in records if any(v.strip() for v in values)]
    if any("\x00" in v for _n, values in filled for v in values):
        raise InvalidInput("nul_character", "body")  # no database column can hold it
    if not filled:
        raise RosterInvalid([Problem(1, None, "roster_no_header", {"columns": "，".join(HEADER)})])
    header_row, header = filled[0]
    columns = {name: i for i, name in reversed(list(enumerate(header)))}
    missing = [name for name in HEADER if name not in columns]
    if missing:
        raise RosterInvalid([Problem(header_row, name, "roster_missing_column", {"column": name})
                             for name in missing])
    return [Row(n, {name: values[i] if i < len(values) else "" for name, i in columns.items() if name in HEADER})
            for n, values in filled[1:]]


# ---------------------------------------------------------------- planning

@dataclass
class RowPlan:
    """What importing one row does. `changes`: column → its value before, for a known person."""
    row: Row
    action: str  # "create", "update" or "unchanged"
    user: User | None
    unit: OrgUnit
    village: OrgUnit | None = None
    team: Team | None = None  # the village's team; None with a village: one is created
    term: Term | None = None  # the person's term the row describes; None with a village: a new one
    position: str | None = None
    start: date | None = None
    end: date | None = None
    changes: dict[str, str] = field(default_factory=dict)

    @property
    def posted(self) -> bool:
        return self.village is not None

    @property
    def new_term(self) -> bool:
        return self.posted and self.term is None

    @property
    def new_team(self) -> bool:
        return self.posted and self.team is None


@dataclass
class Plan:
    rows: list[RowPlan]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def totals(self) -> dict[str, int]:
        return {"created": self.count("create"), "updated": self.count("update")}


class _Lookup:
    """Units by name, and accounts by username, read once per import."""

    def __init__(self, session: Session):
        self.session = session
        self.units: dict[tuple[str, str], list[OrgUnit]] = {}
        for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind.in_(("village", "dispatching_unit")))):
            self.units.setdefault((unit.kind, unit.name), []).append(unit)

    def unit(self, kind: str, written: str) -> tuple[OrgUnit | None, str | None, dict]:
        """The unit of `kind` a cell names: its name, or 'parent/name' where the name repeats.
        Returns (unit, None, {}) or (None, problem code, params)."""
        parent, _slash, name = written.rpartition("/")
        found = [u for u in self.units.get((kind, name.strip()), [])
                 if not parent or (u.parent is not None and u.parent.name == parent.strip())]
        if len(found) == 1:
            return found[0], None, {}
        if not found:
            return None, f"roster_{kind}_not_found", {"name": written}
        example = f"{found[0].parent.name}/{found[0].name}"
        return None, f"roster_{kind}_ambiguous", {
            "name": written, "parents": "，".join(u.parent.name for u in found), "example": example}

    def user(self, username: str) -> User | None:
        return self.session.scalars(select(User).where(func.lower(User.username) == username.lower())).first()


def plan(session: Session, rows: list[Row]) -> Plan:
    """Check every row and say what importing it would do; nothing is written. Raises RosterInvalid
    listing every problem in every row."""
    lookup, problems, planned = _Lookup(session), [], []
    first_row_of: dict[str, int] = {}
    for row in rows:
        found: list[Problem] = []
        item = _plan_row(lookup, row, first_row_of, found)
        problems += found
        if item is not None:
            planned.append(item)
    if problems:
        raise RosterInvalid(problems)
    return Plan(planned)


def _plan_row(lookup: _Lookup, row: Row, first_row_of: dict[str, int], found: list[Problem]) -> RowPlan | None:
    def problem(column, code, **params):
        found.append(Problem(row.number, column, code, params))

    for column in (NAME, USERNAME):
        if not row[column]:
            problem(column, "required")
        elif len(row[column]) > MAX_LENGTH:
            problem(column, "too_long", max=MAX_LENGTH)
    user = _account(lookup, row, first_row_of, problem)
    unit = _unit(lookup, "dispatching_unit", row, UNIT, problem)
    posting = _posting(lookup, row, problem)
    if found:
        return None
    item = RowPlan(row, "create", user, unit, **posting)
    if user is not None:
        _compare(item, user.person, problem)
        item.action = "update" if item.changes or item.new_term else "unchanged"
    if item.posted:
        _refuse_overlap(item, user.person if user else None, problem)
    return None if found else item


def _account(lookup: _Lookup, row: Row, first_row_of: dict[str, int], problem) -> User | None:
    """The account the row's username names, if any; a username twice in the file, or one of an
    office's account (no person behind it), is refused."""
    username = row[USERNAME]
    if not username or len(username) > MAX_LENGTH:
        return None
    key = username.lower()
    if key in first_row_of:
        problem(USERNAME, "roster_username_repeated", row=first_row_of[key])
        return None
    first_row_of[key] = row.number
    user = lookup.user(username)
    if user is not None and user.person is None:
        problem(USERNAME, "roster_username_office", username=username)
    return user


def _unit(lookup: _Lookup, kind: str, row: Row, column: str, problem) -> OrgUnit | None:
    if not row[column]:
        problem(column, "required")
        return None
    unit, code, params = lookup.unit(kind, row[column])
    if code is not None:
        problem(column, code, **params)
    return unit


def _posting(lookup: _Lookup, row: Row, problem) -> dict:
    """The posting a row gives (village, team, post, dates), or none for a reserve. The four
    columns go together: all filled, or all empty."""
    empty = [column for column in POSTING if not row[column]]
    if len(empty) == len(POSTING):
        return {}
    if empty:
        problem(empty[0], "roster_posting_partial")
        return {}
    village = _unit(lookup, "village", row, VILLAGE, problem)
    position = POSITIONS.get(row[POSITION])
    if position is None:
        problem(POSITION, "not_one_of", choices="，".join(POSITIONS))
    start, end = _date(row, START, problem), _date(row, END, problem)
    if start and end and end <= start:
        problem(END, "planned_end_before_start")
    team = lookup.session.scalars(select(Team).where(Team.village_id == village.id)).first() if village else None
    return {"village": village, "team": team, "position": position, "start": start, "end": end}


def _date(row: Row, column: str, problem) -> date | None:
    text = row[column]
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        problem(column, "invalid_date")
        return None


def _compare(item: RowPlan, person: Person, problem) -> None:
    """A known person: what the row changes about them, and which of their terms it describes."""
    if person.name != item.row[NAME]:
        item.changes[NAME] = person.name
    if person.home_unit_id != item.unit.id:
        item.changes[UNIT] = person.home_unit.name if person.home_unit else ""
    if not item.posted:
        return
    item.term = next((t for t in person.terms if item.team is not None and t.team_id == item.team.id
                      and t.start_date == item.start), None)
    if item.term is None:
        return
    if item.term.position != item.position:
        item.changes[POSITION] = POSITION_NAMES.get(item.term.position, item.term.position)
    if item.term.planned_end_date != item.end:
        item.changes[END] = item.term.planned_end_date.isoformat()


def _refuse_overlap(item: RowPlan, person: Person | None, problem) -> None:
    """The row's term may not overlap another term of the person: an import never ends one."""
    for other in person.terms if person else ():
        if other is not item.term and other.start_date <= item.end and item.start <= (other.end_date or other.planned_end_date):
            problem(START, "term_overlaps", team=other.team.name)
            return


# ---------------------------------------------------------------- applying

def apply(session: Session, planned: Plan) -> dict[str, int]:
    """Write a plan in the caller's transaction (the caller commits): {"created", "updated"}."""
    new_teams: dict[int, Team] = {}
    for item in planned.rows:
        if item.action == "unchanged":
            continue
        user = item.user or _new_account(session, item.row[USERNAME])
        person = user.person
        person.name, person.home_unit = item.row[NAME], item.unit
        if item.term is not None:
            item.term.position, item.term.planned_end_date = item.position, item.end
        elif item.posted:
            team = item.team or new_teams.get(item.village.id) or _new_team(session, item.village)
            new_teams[item.village.id] = team
            session.add(Term(person=person, team=team, position=item.position, start_date=item.start,
                             planned_end_date=item.end))
            _grant_posting(user, item.village, item.position)
    session.flush()
    return planned.totals()


def unusable_password() -> str:
    """A stored hash no password matches (werkzeug reads 'method$salt$hash'), random so that no two
    accounts share it: the admin sets a real password before the cadre logs in."""
    return "!" + secrets.token_hex(16)


def _new_account(session: Session, username: str) -> User:
    user = User(username=username, password_hash=unusable_password(), person=Person(), active=True)
    session.add(user)
    return user


def _new_team(session: Session, village: OrgUnit) -> Team:
    team = Team(village=village, name=f"{village.name}驻村工作队")
    session.add(team)
    return team


def _grant_posting(user: User, village: OrgUnit, position: str) -> None:
    """The roles a posting brings, as the demo jurisdiction grants them."""
    wanted = ["cadre"] + (["team_leader"] if position in LEADING_POSITIONS else [])
    for role in wanted:
        if not any(g.role == role and g.org_unit is village for g in user.grants):
            user.grants.append(RoleGrant(role=role, org_unit=village))
