"""Who may see a case, and who acts on which task: read from grants, never from the request."""
from models import Case, Task, User
from workflows import offices
from workflows.leave import allowed_actions

# Roles that see every case in their org unit and below.
_OVERSEEING_ROLES = ("admin", "inspector")


def is_applicant(user: User, case: Case) -> bool:
    return user.person_id is not None and user.person_id == case.subject_person_id


def is_proxy(user: User, case: Case) -> bool:
    """The user entered this leave on the cadre's behalf (篇六 urgent leave)."""
    return case.leave is not None and case.leave.proxy_by_id == user.id


def may_act_on(user: User, task: Task) -> bool:
    if task.status != "open":
        return False
    if task.assignee_id is not None:
        return task.assignee_id == user.id
    return (task.office_code, task.org_unit_id) in offices.acting_offices(user)


def may_view(user: User, case: Case) -> bool:
    if is_applicant(user, case) or is_proxy(user, case):
        return True
    case_units = {u.id for u in case.village.ancestors()}
    if case.subject.home_unit_id:
        case_units.add(case.subject.home_unit_id)
    for grant in user.grants:
        if grant.role in _OVERSEEING_ROLES and grant.org_unit_id in case_units:
            return True
    mine = offices.acting_offices(user)
    return (any((t.office_code, t.org_unit_id) in mine or t.assignee_id == user.id for t in case.tasks)
            or any((f.office_code, f.org_unit_id) in mine for f in case.filings))


_APPLICANT_ACTIONS = ("submit", "withdraw", "report_back", "cancel", "attach_document")
# The proxy corrects, withdraws or cancels what they entered; reporting back is the cadre's own.
_PROXY_ACTIONS = ("submit", "withdraw", "cancel", "attach_document")
_APPROVER_ACTIONS = ("approve", "reject", "return")
# A document may be added while the request is alive, or after it closed (e.g. for the completion).
DOCUMENT_STATES = ("draft", "pending", "returned", "approved", "reported", "closed", "extended")


def available_actions(user: User, case: Case) -> list[str]:
    """The actions this user could take on the case now, as its page and the API offer them."""
    permitted = allowed_actions(case)
    if case.state in DOCUMENT_STATES:
        permitted.append("attach_document")  # no transition: it adds to the case in any live state
    mine = []
    if is_applicant(user, case):
        mine += [a for a in _APPLICANT_ACTIONS if a in permitted]
        if case.leave.proxy_by_id and case.leave.completed_at is None and "complete" in permitted:
            mine.append("complete")
    else:
        if is_proxy(user, case):
            mine += [a for a in _PROXY_ACTIONS if a in permitted]
        if any(t.kind == "approve" and may_act_on(user, t) for t in case.open_tasks):
            mine += [a for a in _APPROVER_ACTIONS if a in permitted]
    if any(t.kind == "stand_in" and may_act_on(user, t) for t in case.open_tasks):
        mine.append("arrange_stand_in")
    return mine
