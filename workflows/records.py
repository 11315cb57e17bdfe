"""What a cadre's record carries beside their terms: warnings, assessment grades and the consequences
of discipline. The procedures that produce them (recall with criticism, assessment rounds) fill these
in; until they exist, each list is empty. One function per list, each read on a plain session."""
from sqlalchemy.orm import Session

from models import Person
from workflows.spot_checks.findings import counted_warnings


def warnings(session: Session, person: Person) -> list[dict]:
    """Warnings recorded on the person, oldest first: {"date", "case_id", "kind"}."""
    return counted_warnings(session, person)  # findings counted as absence (spot checks)


def grades(session: Session, person: Person) -> list[dict]:
    """Final assessment grades, oldest period first: {"period", "kind", "grade"}."""
    return []


def consequences(session: Session, person: Person) -> list[dict]:
    """Consequences of a recall or a grade: {"kind": "no_awards"|"no_promotion"|"file_record",
    "until"?, "year"?, "case_id"}."""
    return []
