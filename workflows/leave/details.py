"""A leave case's own details, as the API gives them under the key "leave"."""
from models import Case
from workflows.fields import iso


def details(case: Case) -> dict | None:
    lv = case.leave
    if lv is None:
        return None
    return {
        "type": lv.leave_type, "business": lv.business, "start_date": iso(lv.start_date), "end_date": iso(lv.end_date),
        "days": lv.days, "reason": lv.reason, "applicant_role": lv.applicant_role, "tier": lv.tier,
        "route": case.route, "filing": case.filing, "current_step": case.current_step,
        "actual_return_date": iso(lv.actual_return_date),
        "absent_days": [iso(a.day) for a in lv.absences],
        "extends": lv.extends_case_id,
        "proxy": ({"by": lv.proxy_by.username, "name": lv.proxy_by.display_name,
                   "completed_at": iso(lv.completed_at)} if lv.proxy_by_id is not None else None),
        "documents": [{"id": d.id, "filename": d.filename, "content_type": d.content_type, "size": d.size,
                       "url": f"/api/v1/cases/{case.id}/documents/{d.id}"} for d in case.attachments],
    }
