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


def may_view(user: User, case: Case) -> bool:
    if is_subject(user, case) or registry.get(case.kind).extra_viewers(user, case):
        return True
    overseen = {g.org_unit_id for g in user.grants if g.role in _OVERSEEING_ROLES}
    if overseen and overseen & _case_units(case):
        return True
    mine = offices.acting_offices(user)
    return (any((t.office_code, t.org_unit_id) in mine or t.assignee_id == user.id for t in case.tasks)
            or any((f.office_code, f.org_unit_id) in mine for f in case.filings))


def available_actions(user: User, case: Case) -> list[str]:
    """The actions this user could take on the case now, as its page and the API offer them."""
    return [name for name, action in registry.get(case.kind).actions.items() if action.who(user, case)]
