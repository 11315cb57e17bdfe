"""Pages: one case, with its route, its history and the actions the viewer may take on it.

An action posts to /cases/<id>/act/<action> and calls workflows.services.act inside a UnitOfWork,
exactly as the JSON API does: the page never decides who may do what; it offers the actions
workflows.access.available_actions names and shows the workflow's refusals.
"""
import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from webapp import route_view
from webapp.extensions import db
from webapp.forms import ActionForm, DocumentForm, ExtendForm, ReportBackForm, ResubmitForm, show_error, uploaded
from webapp.messages import describe_error
from workflows import access, clock, queries, services
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("cases", __name__, url_prefix="/cases")

# Approve, reject and return share one form: the approver writes one comment, then decides.
DECISIONS = ("approve", "reject", "return")

DONE = {
    "approve": _l("Your approval is recorded."),
    "reject": _l("You rejected this request."),
    "return": _l("You returned the request to the applicant for revision."),
    "withdraw": _l("You withdrew this request."),
    "submit": _l("The request was submitted for approval."),
    "report_back": _l("You reported back from leave. The leave is closed."),
    "cancel": _l("The leave is cancelled; its days are given back."),
    "arrange_stand_in": _l("The stand-in is recorded."),
    "attach_document": _l("The document was added."),
    "complete": _l("Your written request is recorded. The leave is complete."),
}


def _group(action: str) -> str:
    return "decide" if action in DECISIONS else action


def _visible_case(case_id: int):
    case = services.load_case(db.session, case_id)
    if not access.may_view(current_user, case):
        raise Forbidden("not_your_case")
    return case


@bp.get("/<int:case_id>")
@login_required
def detail(case_id):
    return _render(_visible_case(case_id))


@bp.get("/<int:case_id>/documents/<int:document_id>")
@login_required
def document(case_id, document_id):
    """A supporting document, for whoever may see the case (the approvers among them)."""
    found = services.document_of(db.session, _visible_case(case_id), document_id)
    return send_file(io.BytesIO(found.data), mimetype=found.content_type, as_attachment=True,
                     download_name=found.filename)


@bp.post("/<int:case_id>/extend")
@login_required
def extend(case_id):
    form = ExtendForm()
    if not form.validate():
        return _render(_visible_case(case_id), "extend", form, status=422)
    try:
        with UnitOfWork(db.session) as uow:
            extension = services.extend_leave(db.session, case_id, current_user, form.version.data,
                                              form.end_date.data, form.reason.data or "")
            uow.commit()
    except InvalidInput as error:
        return _render(_visible_case(case_id), "extend", form, show_error(form, error), status=error.status)
    except Conflict as error:
        flash(describe_error(error), "error")
        return redirect(url_for("cases.detail", case_id=case_id), 303)
    flash(_("The extension was submitted for approval."), "success")
    return redirect(url_for("cases.detail", case_id=extension.id), 303)


@bp.post("/<int:case_id>/act/<action>")
@login_required
def act(case_id, action):
    if action not in services.ACTIONS:
        abort(404)
    form = _posted_form(action)
    if not form.validate():
        return _render(_visible_case(case_id), action, form, status=422)
    try:
        with UnitOfWork(db.session) as uow:
            services.act(db.session, case_id, action, current_user, form.version.data,
                         form.comment.data, _action_data(action, form))
            uow.commit()
    except InvalidInput as error:
        # Nothing changed (the unit of work rolled back): show the page again, the refusal
        # under the field it names, with what the user typed.
        general = show_error(form, error)
        return _render(_visible_case(case_id), action, form, general, status=error.status)
    except Conflict as error:
        # The case moved on (another approver, another tab): show it as it is now, and say why.
        flash(describe_error(error), "error")
        return redirect(url_for("cases.detail", case_id=case_id), 303)
    flash(str(DONE[action]), "success")
    return redirect(url_for("cases.detail", case_id=case_id), 303)


def _posted_form(action: str):
    if action == "submit":
        return ResubmitForm()
    if action == "report_back":
        return ReportBackForm()
    if action in _WITH_DOCUMENTS:
        return DocumentForm()
    return ActionForm()


_WITH_DOCUMENTS = ("attach_document", "complete")


def _action_data(action: str, form) -> dict:
    """The extra fields an action takes, named as services.act (and the API) name them."""
    if action == "report_back":
        return {"actual_return_date": form.actual_return_date.data}
    if action in _WITH_DOCUMENTS:
        return {"documents": uploaded(form.document)}
    if action == "submit":
        return {"type": form.leave_type.data, "start_date": form.start_date.data,
                "end_date": form.end_date.data, "reason": form.reason.data or ""}
    return {}


def _blank_form(group: str, case):
    """The form for an action the page offers, filled from the case as it is now."""
    if group == "submit":
        leave = case.leave
        return ResubmitForm(formdata=None, version=case.version, leave_type=leave.leave_type,
                            start_date=leave.start_date, end_date=leave.end_date, reason=leave.reason)
    if group == "report_back":
        return ReportBackForm(formdata=None, version=case.version, actual_return_date=clock.today())
    if group in _WITH_DOCUMENTS:
        return DocumentForm(formdata=None, version=case.version)
    return ActionForm(formdata=None, version=case.version)


def _render(case, active: str | None = None, active_form=None, general_errors=(), status=200):
    actions = access.available_actions(current_user, case)
    forms = {}
    if access.is_applicant(current_user, case) and case.state == "approved" and clock.today() <= case.leave.end_date:
        forms["extend"] = active_form if active == "extend" else ExtendForm(formdata=None, version=case.version)
    for action in actions:
        group = _group(action)
        if group not in forms:
            forms[group] = active_form if active and _group(active) == group else _blank_form(group, case)
    return render_template(
        "cases/detail.html", case=case, leave=case.leave, actions=actions, forms=forms,
        active=_group(active) if active else None, general_errors=list(general_errors),
        route=route_view.of_case(case), history=queries.history(db.session, case),
        is_applicant=access.is_applicant(current_user, case), today=clock.today(),
    ), status
