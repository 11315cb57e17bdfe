"""What a cadre's record carries beside their terms: warnings, assessment grades and the consequences
of discipline. The procedures that produce them (recall with criticism, assessment rounds) fill these
in by registering their sources here, so that this module names none of them. One function per
list, each read on a plain session."""
from collections.abc import Callable

from sqlalchemy.orm import Session

from models import OrgUnit, Person

# Each: (session, person) -> [{"date", "case_id", "kind"}], e.g. spot-check findings counted as absence.
_WARNING_SOURCES: list[Callable] = []


def register_warnings(source: Callable) -> Callable:
    if source not in _WARNING_SOURCES:
        _WARNING_SOURCES.append(source)
    return source


# Each: (session, person) -> [{"period", "kind", "grade", ...}], e.g. grades a policy records outright.
_GRADE_SOURCES: list[Callable] = []


def register_grades(source: Callable) -> Callable:
    if source not in _GRADE_SOURCES:
        _GRADE_SOURCES.append(source)
    return source


# Each: (session, person) -> [{"kind", "until"?, "year"?, "case_id"}], e.g. what a recall leaves on the cadre.
_CONSEQUENCE_SOURCES: list[Callable] = []


def register_consequences(source: Callable) -> Callable:
    if source not in _CONSEQUENCE_SOURCES:
        _CONSEQUENCE_SOURCES.append(source)
    return source


# Each: (session, org_unit) -> [{"kind", "year"?, "case_id", "note", "recorded_on"}]: the same, on the
# dispatching unit that sent the cadre.
_UNIT_CONSEQUENCE_SOURCES: list[Callable] = []


def register_unit_consequences(source: Callable) -> Callable:
    if source not in _UNIT_CONSEQUENCE_SOURCES:
        _UNIT_CONSEQUENCE_SOURCES.append(source)
    return source


def warnings(session: Session, person: Person) -> list[dict]:
    """Warnings recorded on the person, oldest first: {"date", "case_id", "kind"}."""
    found = [w for source in _WARNING_SOURCES for w in source(session, person)]
    return sorted(found, key=lambda w: (w["date"], w["case_id"]))


def grades(session: Session, person: Person) -> list[dict]:
    """Final assessment grades, oldest period first: {"period", "kind", "grade"} (and "wording", the
    policy's own word for the grade, where it has one)."""
    found = [g for source in _GRADE_SOURCES for g in source(session, person)]
    return sorted(found, key=lambda g: (g["period"], g["kind"]))


def consequences(session: Session, person: Person) -> list[dict]:
    """Consequences of a recall or a grade: {"kind": "no_awards"|"no_promotion"|"file_record",
    "until"?, "year"?, "case_id"} (and "recorded_on"), oldest first."""
    found = [c for source in _CONSEQUENCE_SOURCES for c in source(session, person)]
    return sorted(found, key=lambda c: (c["recorded_on"], c["case_id"]))


def unit_consequences(session: Session, unit: OrgUnit) -> list[dict]:
    """Consequences on a dispatching unit for the cadres it sent: {"kind", "year"?, "case_id", "note",
    "recorded_on"}, oldest first."""
    found = [c for source in _UNIT_CONSEQUENCE_SOURCES for c in source(session, unit)]
    return sorted(found, key=lambda c: (c["recorded_on"], c["case_id"]))
