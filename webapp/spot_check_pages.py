"""Spot checks in the browser: recording a check of a village and reading it back; and explanations
(情况说明) on the generic case page and inbox: their template parts, the cadre's form, and the names of
their states, tasks and actions."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from models import OrgUnit, SpotCheck, Team, Term
from webapp import labels, pages
from webapp.extensions import db
from webapp.forms import ActionForm, optional_id, show_error
from workflows import clock
from workflows.errors import Forbidden, InvalidInput
from workflows.fields import MAX_ID
from workflows.spot_checks import services
from workflows.spot_checks.actions import TEXT_MAX
from workflows.unit_of_work import UnitOfWork


class ExplanationForm(ActionForm):
    """The cadre's explanation. Whether it is given is the workflow's call (the API's refusal, the same words)."""
    text = TextAreaField(_l("Explanation"), validators=[Optional(), Length(max=TEXT_MAX)])


labels.STATES.update({
    "open": _l("Awaiting the cadre's explanation"),
    "excused": _l("Excused: not counted as absence"),
    "counted": _l("Counted as absence"),
})
labels.TASK_KINDS.update({"explain": _l("Explain an absence found by a spot check")})
labels.TASK_HINTS.update({"explain": _l("A spot check did not find you at your post: say why in writing.")})
labels.ACTIONS.update({"monthly_batch": _l("Sent to the city with the month's explanations")})

pages.register(pages.Pages(
    kind="explanation",
    title=_l("Explanation of absence by %(name)s"),
    facts="spot_checks/_facts.html",
    forms="spot_checks/_forms.html",
    summary="spot_checks/_summary.html",
    actions={
        "submit": pages.ActionPage(ExplanationForm, lambda form: {"text": form.text.data or ""},
                                   lambda case: {"text": case.explanation.text or ""},
                                   _l("Your explanation was sent to your dispatching unit.")),
    },
))


# ---------------------------------------------------------------- recording a check from the browser

bp = Blueprint("spot_checks", __name__, url_prefix="/spot-checks")


METHODS = {"on_site": _l("On site"), "phone": _l("By phone"), "video": _l("By video call"),
           "online": _l("Online (sign-in records)")}


class SpotCheckForm(FlaskForm):
    """A check of a village. The form only parses; the workflow judges it, as it does the API's."""
    village_id = SelectField(_l("Village"), coerce=optional_id, validate_choice=False)
    date = DateField(_l("Date"), validators=[Optional()])
    time = StringField(_l("Time of the check"), validators=[Optional(), Length(max=5)])
    method = SelectField(_l("How the check was made"), validate_choice=False,
                         choices=[SelectChoice("", "—")] + [SelectChoice(code, name) for code, name in METHODS.items()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=services.NOTE_MAX)])


@bp.app_template_global("may_check_villages")
def may_check_villages(user) -> bool:
    """Whether the nav offers a spot check: the county or city office, or an inspector."""
    return services.may_check(user)


def _require_checker():
    if not services.may_check(current_user):
        raise Forbidden("spot_check_not_allowed")


def _villages() -> list:
    """The villages the user may check, by name."""
    villages = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "village").order_by(OrgUnit.name))
    return [v for v in villages if services.may_check(current_user, v)]


def _members(village_id, day) -> list:
    """Who was posted to the village's team on the day: the people the check can find or miss."""
    if not village_id or day is None:
        return []
    return list(db.session.scalars(
        select(Term).join(Term.team).where(Team.village_id == village_id, Term.start_date <= day)
        .options(joinedload(Term.person)).order_by(Term.id)).unique())


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    _require_checker()
    form = SpotCheckForm(formdata=request.form if request.method == "POST" else request.args)
    form.village_id.choices = [SelectChoice("", "—")] + [SelectChoice(v.id, v.name) for v in _villages()]
    day = form.date.data or clock.today()
    form.date.data = day
    members = [t for t in _members(form.village_id.data, day) if t.covers(day)]
    general = []
    if request.method == "POST" and request.form.get("record") and form.validate():
        marks = {t.person_id: request.form.get(f"status-{t.person_id}", "") for t in members}
        data = {"village_id": form.village_id.data, "date": day.isoformat(), "note": form.note.data,
                "time": form.time.data or None, "method": form.method.data or None,
                "absent": [p for p, mark in marks.items() if mark == "absent"],
                "present": [p for p, mark in marks.items() if mark == "present"]}
        try:
            with UnitOfWork(db.session) as uow:
                check, opened = services.record_check(db.session, current_user, services.read_input(data))
                uow.commit()
        except InvalidInput as error:
            general = show_error(form, error)
        else:
            flash(_("The check is recorded: %(n)d explanation(s) asked for.", n=len(opened)), "success")
            return redirect(url_for("spot_checks.show", check_id=check.id), 303)
    return render_template("spot_checks/new.html", form=form, members=members, general_errors=general,
                           status=request.form), 422 if general or form.errors else 200


@bp.get("/<int:check_id>")
@login_required
def show(check_id):
    check = db.session.get(SpotCheck, check_id) if 1 <= check_id <= MAX_ID else None
    if check is None:
        abort(404)
    if not (services.may_check(current_user, check.village) or current_user.has_role("admin")):
        raise Forbidden("spot_check_not_allowed")
    return render_template("spot_checks/show.html", check=check, methods=METHODS)
