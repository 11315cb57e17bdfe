"""Display names for the codes the workflows use: states, offices, leave types, actions, roles."""
from flask import g, has_request_context
from flask_babel import lazy_gettext as _l

STATES = {
    "draft": _l("Draft"),
    "pending": _l("Awaiting approval"),
    "returned": _l("Returned for revision"),
    "approved": _l("Approved"),
    "reported": _l("Reported (filed)"),
    "extended": _l("Extended (see the extension)"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
    "closed": _l("Closed (reported back)"),
    "cancelled": _l("Cancelled before it began"),
}

OFFICES = {
    "team_leader": _l("Team leader"),
    "village_secretary": _l("Village party secretary"),
    "township": _l("Township party committee"),
    "township_deputy": _l("Township deputy in charge"),
    "township_head": _l("Township party secretary"),
    "county_office": _l("County work-team office"),
    "county_leading_group": _l("County leading group"),
    "county_org_dept": _l("County organisation department"),
    "county_rural_bureau": _l("County rural revitalisation bureau"),
    "county_chief": _l("County chief of teams"),
    "city_office": _l("City work-team office"),
    "city_org_dept": _l("City organisation department"),
    "dispatching_unit": _l("Dispatching unit"),
}

ROLES = {
    "admin": _l("Administrator"),
    "inspector": _l("Inspector"),
    "cadre": _l("Stationed cadre"),
    **OFFICES,
}

LEAVE_TYPES = {
    "personal": _l("Personal leave"),
    "sick": _l("Sick leave"),
    "annual": _l("Annual leave"),
    "official_trip": _l("Official trip"),
}

# What business an official absence (因公外出) is.
BUSINESS = {
    "official_trip": _l("Business trip"),
    "meeting": _l("Meeting"),
    "training": _l("Training"),
}

ACTIONS = {
    "create": _l("Created"),
    "submit": _l("Submit"),
    "approve": _l("Approve"),
    "reject": _l("Reject"),
    "return": _l("Return for revision"),
    "withdraw": _l("Withdraw"),
    "report_back": _l("Report back"),
    "cancel": _l("Cancel the leave"),
    "arrange_stand_in": _l("Stand-in arranged"),
    "make_up": _l("Overrun granted (补假)"),
    "extend": _l("Extension requested"),
    "extended": _l("Extended"),
    "overstay": _l("Not back after the end"),
    "attach_document": _l("Document added"),
    "complete": _l("Written request completed"),
    "escalate": _l("Escalated for supervision"),
}

TASK_KINDS = {
    "approve": _l("Approve leave"),
    "revise": _l("Revise and resubmit"),
    "report_back": _l("Report back from leave"),
    "stand_in": _l("Name a stand-in or adjust the post"),
    "complete": _l("Complete the written leave request"),
}

# What an inbox row says a task asks of its holder, where its name alone does not.
TASK_HINTS = {
    "revise": _l("Your request was returned: correct it and submit it again, or withdraw it."),
    "report_back": _l("When you are back, confirm the date you returned."),
    "complete": _l("Your leave was entered for you by phone: write the request in your own words."),
}

# The procedures, by the kind of their cases.
CASE_KINDS = {
    "leave": _l("Leave"),
    "attendance_sheet": _l("Monthly attendance sheet"),
    "explanation": _l("Explanation of absence"),
    "recall": _l("Recall or adjustment"),
    "handover": _l("Handover"),
    "term_end": _l("End of term"),
    "assessment_round": _l("Assessment round"),
    "assessment": _l("Assessment"),
}

UNIT_KINDS = {
    "city": _l("City"),
    "county": _l("County"),
    "township": _l("Township"),
    "village": _l("Village"),
    "dispatching_unit": _l("Dispatching unit"),
}

POSITIONS = {
    "first_secretary": _l("First secretary"),
    "leader": _l("Team leader"),
    "deputy": _l("Deputy team leader"),
    "member": _l("Team member"),
}

APPLICANT_ROLES = {"member": _l("Member"), "leader": _l("Team leader / first secretary")}
TIERS = {"city": _l("City-sent"), "county": _l("County-sent")}

# What counts as presence (在村时间), as a policy lists it: official business only.
PRESENCE = {"official_trip": _l("Official trips"), "meeting": _l("Meetings"), "training": _l("Training")}

# The balance ledger counts leave by type, and absence (旷工) from overstays beside it.
LEDGER_TYPES = {**LEAVE_TYPES, "absence": _l("Absence without leave")}

# Assessment grades (api.md: excellent/competent/basic/incompetent); a policy's own word for one (篇六
# 不合格) is kept with the grade where it was recorded.
GRADES = {"excellent": _l("Excellent"), "competent": _l("Competent"), "basic": _l("Basically competent"),
          "incompetent": _l("Incompetent")}

# The five headings of a handover (篇二/篇十三 "五个清楚").
HANDOVER_HEADINGS = {"duties": _l("Duties and tasks"), "village": _l("Village and household conditions"),
                     "unfinished": _l("Unfinished work"), "records": _l("Ledgers and records"),
                     "funds": _l("Work funds and assets")}

ALL = {"state": STATES, "office": OFFICES, "role": ROLES, "leave_type": LEAVE_TYPES, "ledger_type": LEDGER_TYPES,
       "action": ACTIONS, "task_kind": TASK_KINDS, "unit_kind": UNIT_KINDS, "position": POSITIONS,
       "applicant": APPLICANT_ROLES, "tier": TIERS, "task_hint": TASK_HINTS, "kind": CASE_KINDS,
       "presence": PRESENCE, "grade": GRADES, "business": BUSINESS, "handover_heading": HANDOVER_HEADINGS}


# A procedure's own word for a code the procedures share, by (case kind, label kind): a handover's
# "cancelled" is called off, not "cancelled before it began" as a leave is.
BY_KIND: dict[tuple[str, str], dict] = {}


def label(kind: str, code: str | None, default: str | None = None, of: str | None = None) -> str:
    """The display name of a code (in the words of the case kind `of`, where it has its own); the code
    itself (or `default`) where none is known."""
    if code is None:
        return ""
    found = BY_KIND.get((of, kind), {}).get(code) if of is not None else None
    found = found if found is not None else ALL[kind].get(code)
    return _translated(found) if found is not None else (code if default is None else default)


def _translated(text) -> str:
    """A lazy text in the request's language, looked up once per request: a page or a list names the
    same few states and offices on every row."""
    if not has_request_context():
        return str(text)
    known = g.setdefault("_labels", {})
    if id(text) not in known:
        known[id(text)] = str(text)
    return known[id(text)]
