"""Who may see a case, and which actions a user may take on it: read from grants, never from the request."""
from models import Case, User
from workflows import offices, registry
from workflows.tasks import may_act_on  # noqa: F401  (part of the access vocabulary)

# Roles that see every case in their org unit and below.
_OVERSEEING_ROLES = ("admin", "inspector")


def is_subject(user: User, case: Case) -> bool:
    """The user is the person the case is about."""
    return user.person_id is not None and user.person_id == case.subject_person_id


def _case_units(case: Case) -> set[int]:
    units = {u.id for u in case.org_unit.ancestors()}
    if case.subject is not None and case.subject.home_unit_id:
        units.add(case.subject.home_unit_id)
    return units


# The offices over a cadre's village that may read every case about the cadre, whatever its route
# (read only: they act only where a task is theirs): the team leader at the village, the township.
VILLAGE_READERS = ("team_leader",)
TOWNSHIP_READERS = ("township",)
# A case its applicant has not sent yet is theirs alone.
UNSENT_STATES = ("draft",)


def _reads_as_village_office(mine: set[tuple[str, int]], case: Case) -> bool:
    village = case.village
    if village is None or case.subject_person_id is None or case.state in UNSENT_STATES:
        return False
    if any((code, village.id) in mine for code in VILLAGE_READERS):
        return True
    return any((code, u.id) in mine for u in village.ancestors() for code in TOWNSHIP_READERS)


def may_view(user: User, case: Case) -> bool:
    if is_subject(user, case) or registry.get(case.kind).extra_viewers(user, case):
        return True
    overseen = {g.org_unit_id for g in user.grants if g.role in _OVERSEEING_ROLES}
    if overseen and overseen & _case_units(case):
        return True
    mine = offices.acting_offices(user)
    if _reads_as_village_office(mine, case):
        return True
    return (any((t.office_code, t.org_unit_id) in mine or t.assignee_id == user.id for t in case.tasks)
            or any((f.office_code, f.org_unit_id) in mine for f in case.filings))


def available_actions(user: User, case: Case) -> list[str]:
    """The actions this user could take on the case now, as its page and the API offer them."""
    return [name for name, action in registry.get(case.kind).actions.items() if action.who(user, case)]
