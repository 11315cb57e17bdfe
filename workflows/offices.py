"""Office codes: who, for a given case, holds an office, and which grants may act for it."""
from models import OrgUnit, Person, User

OFFICE_CODES = (
    "team_leader", "village_secretary", "township", "township_deputy", "township_head",
    "county_office", "county_leading_group", "county_org_dept", "county_rural_bureau",
    "county_chief", "city_office", "city_org_dept", "dispatching_unit",
)

# The org-unit kind that holds each office, found by walking up from the applicant's village.
_HELD_AT = {
    "team_leader": "village",
    "village_secretary": "village",
    "township": "township",
    "township_deputy": "township",
    "township_head": "township",
    "county_office": "county",
    "county_leading_group": "county",
    "county_org_dept": "county",
    "county_rural_bureau": "county",
    "county_chief": "county",
    "city_office": "city",
    "city_org_dept": "city",
}

# 乡镇党委 as a body: any of its approvers may act on a task addressed to the township.
_ALSO_ACTS_FOR = {
    "township_deputy": ("township",),
    "township_head": ("township",),
}


def resolve(office_code: str, unit: OrgUnit, person: Person | None) -> OrgUnit | None:
    """The org unit holding `office_code` for a case at `unit` (a village, a township, a county…)
    about `person` (their dispatching unit), if there is one."""
    if office_code == "dispatching_unit":
        return person.home_unit if person is not None else None
    return unit.ancestor_of_kind(_HELD_AT[office_code])


def resolve_for(office_code: str, case) -> OrgUnit | None:
    """The org unit holding `office_code` for this case."""
    return resolve(office_code, case.org_unit, case.subject)


def held_at(role: str) -> str | None:
    """The org-unit kind a grant of this office role belongs at; None for roles held anywhere."""
    if role == "dispatching_unit":
        return "dispatching_unit"
    return _HELD_AT.get(role)


def acting_offices(user: User) -> set[tuple[str, int]]:
    """Every (office code, org unit id) whose tasks this user may act on, from their grants."""
    offices = set()
    for grant in user.grants:
        if grant.role in OFFICE_CODES:
            offices.add((grant.role, grant.org_unit_id))
            for code in _ALSO_ACTS_FOR.get(grant.role, ()):
                offices.add((code, grant.org_unit_id))
    return offices


def roles_acting_for(office_code: str) -> set[str]:
    """The grant roles whose holders may act on a task addressed to this office."""
    return {office_code} | {role for role, codes in _ALSO_ACTS_FOR.items() if office_code in codes}
