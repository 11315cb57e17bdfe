"""What a cadre's record carries beside their terms: warnings, assessment grades and the consequences
of discipline. The procedures that produce them (spot checks, recall with criticism, assessment
rounds) fill these in by registering their sources here, so that this module names none of them. One
function per list, each read on a plain session."""
from collections.abc import Callable

from sqlalchemy.orm import Session

from models import OrgUnit, Person


class _Sources:
    """The sources of one list on a record: each fn(session, owner) -> [dict]."""

    def __init__(self, order: Callable[[dict], tuple]):
        self._sources: list[Callable] = []
        self._order = order

    def register(self, source: Callable) -> Callable:
        """Add a source (usable as a decorator). Registering one twice keeps one."""
        if source not in self._sources:
            self._sources.append(source)
        return source

    def read(self, session: Session, owner) -> list[dict]:
        return sorted((item for source in self._sources for item in source(session, owner)), key=self._order)


# e.g. spot-check findings counted as absence, criticisms: {"date", "case_id", "kind"}
_WARNINGS = _Sources(lambda w: (w["date"], w["case_id"]))
# e.g. grades a policy records outright (篇六 不合格): {"period", "kind", "grade", "wording"?}
_GRADES = _Sources(lambda g: (g["period"], g["kind"]))
# e.g. what a recall leaves on the cadre: {"kind", "until"?, "year"?, "case_id", "recorded_on"}
_CONSEQUENCES = _Sources(lambda c: (c["recorded_on"], c["case_id"]))
# the same, on the dispatching unit that sent the cadre: {"kind", "year"?, "case_id", "note", "recorded_on"}
_UNIT_CONSEQUENCES = _Sources(lambda c: (c["recorded_on"], c["case_id"]))

register_warnings = _WARNINGS.register
register_grades = _GRADES.register
register_consequences = _CONSEQUENCES.register
register_unit_consequences = _UNIT_CONSEQUENCES.register


def warnings(session: Session, person: Person) -> list[dict]:
    """Warnings recorded on the person, oldest first: {"date", "case_id", "kind"}."""
    return _WARNINGS.read(session, person)


def grades(session: Session, person: Person) -> list[dict]:
    """Final grades, oldest period first: {"period", "kind", "grade"} (and "wording", the policy's own
    word for the grade, where it has one)."""
    return _GRADES.read(session, person)


def consequences(session: Session, person: Person) -> list[dict]:
    """Consequences of a recall or a grade: {"kind": "no_awards"|"no_promotion"|"file_record",
    "until"?, "year"?, "case_id"} (and "recorded_on"), oldest first."""
    return _CONSEQUENCES.read(session, person)


def unit_consequences(session: Session, unit: OrgUnit) -> list[dict]:
    """Consequences on a dispatching unit for the cadres it sent, oldest first."""
    return _UNIT_CONSEQUENCES.read(session, unit)
