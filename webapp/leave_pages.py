"""Leave on the generic case page and inbox: its template parts, the forms of its own actions, and
the extension (续假) asked from an approved leave's page."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from webapp import pages
from webapp.cases import bp, render, visible_case
from webapp.extensions import db
from webapp.forms import DocumentForm, ExtendForm, ReportBackForm, ResubmitForm, show_error, uploaded
from webapp.leave import business_of
from webapp.messages import describe_error
from workflows import access, clock
from workflows.errors import Conflict, InvalidInput
from workflows.leave import rules, services
from workflows.unit_of_work import UnitOfWork


def _resubmitted(form) -> dict:
    return {"type": form.leave_type.data, "start_date": form.start_date.data,
            "end_date": form.end_date.data, "reason": form.reason.data or "", "business": business_of(form)}


def _as_it_is(case) -> dict:
    leave = case.leave
    return {"leave_type": leave.leave_type, "start_date": leave.start_date, "end_date": leave.end_date,
            "reason": leave.reason, "business": leave.business or rules.OFFICIAL}


def _documents(form) -> dict:
    return {"documents": uploaded(form.document)}


def _extension_form(case, user, active, active_form) -> dict:
    """续假 is offered on an approved leave, to its applicant, until its last day."""
    if not (access.is_subject(user, case) and case.state == "approved" and clock.today() <= case.leave.end_date):
        return {}
    return {"extend": active_form if active == "extend" else ExtendForm(formdata=None, version=case.version)}


def _title(case):
    """An official absence is business, not leave: 因公外出, with the business where it is not a trip
    (公务外出（开会）)."""
    leave = case.leave
    if leave is None or leave.leave_type != rules.OFFICIAL:
        return _l("Leave of %(name)s")
    if leave.business in (None, rules.OFFICIAL):
        return _l("Official trip of %(name)s")
    return _BUSINESS_TITLES[leave.business]


_BUSINESS_TITLES = {"meeting": _l("Official business (meeting) of %(name)s"),
                    "training": _l("Official business (training) of %(name)s")}


pages.register(pages.Pages(
    kind="leave",
    title=_l("Leave of %(name)s"),
    # An official trip (因公外出, 报备) is business, not leave: it is not called a leave request.
    title_for=lambda case: _title(case),
    facts="leave/_facts.html",
    forms="leave/_forms.html",
    summary="leave/_summary.html",
    actions={
        "withdraw": pages.ActionPage(done=_l("You withdrew this request.")),
        "submit": pages.ActionPage(ResubmitForm, _resubmitted, _as_it_is,
                                   _l("The request was submitted for approval.")),
        "report_back": pages.ActionPage(ReportBackForm, lambda f: {"actual_return_date": f.actual_return_date.data},
                                        lambda case: {"actual_return_date": clock.today()},
                                        _l("You reported back from leave. The leave is closed.")),
        "cancel": pages.ActionPage(done=_l("The leave is cancelled; its days are given back.")),
        "arrange_stand_in": pages.ActionPage(done=_l("The stand-in is recorded.")),
        "make_up": pages.ActionPage(done=_l("The overrun is granted: its days are leave, not absence.")),
        "attach_document": pages.ActionPage(DocumentForm, _documents, done=_l("The document was added.")),
        "complete": pages.ActionPage(DocumentForm, _documents,
                                     done=_l("Your written request is recorded. The leave is complete.")),
    },
    extra_forms=_extension_form,
))


@bp.post("/<int:case_id>/extend")
@login_required
def extend(case_id):
    form = ExtendForm()
    if not form.validate():
        return render(visible_case(case_id), "extend", form, status=422)
    try:
        with UnitOfWork(db.session) as uow:
            extension = services.extend_leave(db.session, case_id, current_user, form.version.data,
                                              form.end_date.data, form.reason.data or "")
            uow.commit()
    except InvalidInput as error:
        return render(visible_case(case_id), "extend", form, show_error(form, error), status=error.status)
    except Conflict as error:
        flash(describe_error(error), "error")
        return redirect(url_for("cases.detail", case_id=case_id), 303)
    flash(_("The extension was submitted for approval."), "success")
    return redirect(url_for("cases.detail", case_id=extension.id), 303)
