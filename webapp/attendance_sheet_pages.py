"""The monthly attendance sheet (出勤情况统计表) on the generic case page and inbox: its template parts,
the compiler's form (with the leave slips where the policy asks for them), and the names of its
states, tasks and actions."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length, Optional

from webapp import labels, pages
from webapp.forms import ActionForm
from workflows.attendance_sheet import details

bp = Blueprint("attendance_sheet", __name__)


@bp.app_template_global("attendance_sheet_body")
def attendance_sheet_body(case) -> dict | None:
    """The sheet as the API gives it: the frozen rows (or the preview) and the totals."""
    return details.details(case)


class SubmitForm(ActionForm):
    """The compiler's submit. 篇六: the case numbers of the leave slips attached on paper."""
    leave_slips = StringField(_l("Leave slips (case numbers, separated by commas)"),
                              validators=[Optional(), Length(max=2000)])


def _slips(form) -> dict:
    text = (form.leave_slips.data or "").replace("，", ",").replace("、", ",")
    return {"leave_slips": [part.strip() for part in text.split(",") if part.strip()]}


def _initial(case) -> dict:
    slips = case.attendance_sheet.leave_slips if case.attendance_sheet is not None else None
    return {"leave_slips": ", ".join(str(n) for n in slips or [])}


labels.STATES.update({
    "compiling": _l("Being compiled"),
    "filed": _l("Signed and filed"),
})
labels.TASK_KINDS.update({"compile": _l("Compile and submit the monthly attendance sheet")})
labels.TASK_HINTS.update({"compile": _l("Check the month's attendance of your cadres and submit the sheet.")})

pages.register(pages.Pages(
    kind="attendance_sheet",
    title=_l("Monthly attendance sheet of %(name)s"),
    facts="attendance_sheet/_facts.html",
    forms="attendance_sheet/_forms.html",
    summary="attendance_sheet/_summary.html",
    actions={
        "submit": pages.ActionPage(SubmitForm, _slips, _initial,
                                   _l("The sheet is submitted: its rows are frozen and it goes to be signed.")),
    },
))
