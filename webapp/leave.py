"""Pages: a cadre's leave. The form to request it (with a preview of who will approve), and the
list of their own requests. Every rule lives in workflows.leave; these views parse and render."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from webapp import route_view
from webapp.extensions import db
from webapp.messages import describe_error
from webapp.forms import LeaveForm, ProxyLeaveForm, show_error, uploaded
from webapp.views import page_number
from workflows import clock, queries
from workflows.leave import balance, rules, services
from workflows.errors import InvalidInput, WorkflowError
from workflows.leave.services import LeaveInput
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("leave", __name__, url_prefix="/leave")


def leave_input(form: LeaveForm, reason: str | None = None) -> LeaveInput:
    return LeaveInput(form.leave_type.data, form.start_date.data, form.end_date.data,
                      reason if reason is not None else (form.reason.data or ""), business_of(form))


def business_of(form: LeaveForm) -> str | None:
    """The form's 公务类型, for an official trip only: one select serves every type (no script may
    hide it), so on another type the value left in it means nothing and is not sent."""
    return (form.business.data or None) if form.leave_type.data == rules.OFFICIAL else None


@bp.get("/")
@login_required
def index():
    page = page_number()
    cases = queries.own_cases(db.session, current_user, page, current_app.config["PER_PAGE"])
    return render_template("leave/index.html", cases=cases, **_balance(),
                           entered=services.entered_by_proxy(db.session, current_user),
                           may_proxy=services.may_enter_by_proxy(db.session, current_user))


def _balance() -> dict:
    """This year's days granted per leave type, beside the limits of the cadre's current policy."""
    person, year = current_user.person, clock.today().year
    if person is None:
        return {}
    try:
        limits = services.applicant_for(db.session, current_user, clock.today()).policy.body["leave"]["limits"]
    except WorkflowError:  # no posting today: the ledger still shows what was used
        limits = {}
    return {"year": year, "used": balance.yearly(db.session, person.id, year), "limits": limits,
            "ledger": balance.history(db.session, person.id)}


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    # Who is applying, under which policy: shown above the form; refuses users with no posting.
    who = services.applicant_for(db.session, current_user, clock.today())
    return _leave_form(LeaveForm(), who=who)


def _blank_reason_too(form: LeaveForm) -> None:
    """A form refused for its dates also says that the reason is missing: every error at once,
    not one per try. (The reason is the workflow's to check; it refuses a blank one the same way.)"""
    if not (form.reason.data or "").strip():
        form.reason.errors = [*form.reason.errors, describe_error(InvalidInput("required", "reason"))]


def _leave_form(form: LeaveForm, proxy: bool = False, **context):
    """The leave form, the user's own or (`proxy`) one entered for the cadre it names: shown, then
    previewed, saved as a draft or submitted."""
    page = {"template_name_or_list": "leave/new.html", "form": form, "proxy": proxy, **context}
    if request.method == "GET":
        return render_template(**page)
    if not form.validate():
        _blank_reason_too(form)
        return render_template(**page), 422
    try:
        person = services.cadre(db.session, form.on_behalf_of.data) if proxy else None
        if "preview" in request.form:
            return _preview(form, person)
        case = _create(form, submit="save_draft" not in request.form, for_person=person)
    except WorkflowError as error:
        return render_template(**page, general_errors=show_error(form, error)), error.status
    if case.state == "draft":
        flash(_("Draft saved. It goes to nobody until you submit it."), "success")
    elif person is None:
        flash(_("Your leave request was submitted."), "success")
    else:
        flash(_("The urgent leave was entered for %(name)s. They complete the written request after coming back.",
                name=person.name), "success")
    return redirect(url_for("cases.detail", case_id=case.id))


def _preview(form: LeaveForm, for_person=None):
    # The reason does not change the route: a preview may be asked for before writing one.
    days, route, who = services.preview_route(db.session, current_user,
                                              leave_input(form, form.reason.data or "-"), for_person)
    preview = route_view.planned(route.as_dict()["steps"], list(route.filing), who.village, who.person)
    return render_template("leave/new.html", form=form, who=who, preview=preview, days=days,
                           proxy=for_person is not None)


def _create(form: LeaveForm, submit: bool, for_person=None):
    with UnitOfWork(db.session) as uow:
        case = services.create_leave(db.session, current_user, leave_input(form), submit=submit,
                                     documents=uploaded(form.document), for_person=for_person)
        uow.commit()
    return case


@bp.route("/proxy", methods=["GET", "POST"])
@login_required
def proxy():
    """篇六 urgent leave: a cadre asks by phone, and the team leader (or whoever the policy names)
    enters the request for them. The cadre completes it in writing after coming back."""
    form = ProxyLeaveForm()
    cadres = services.proxy_candidates(db.session, current_user, clock.today())
    if not cadres:
        abort(403)
    form.on_behalf_of.choices = [SelectChoice("", "—")] + [
        SelectChoice(p.id, f"{p.name}（{p.current_term(clock.today()).team.village.name}）") for p in cadres]
    return _leave_form(form, proxy=True)
