"""Starting handovers from the team page: 发起交接 for one current member (whoever may open it: the team
leader, the township, the county office, the member's dispatching unit) at /teams/<id>/handover, and
the county office's rotation plan (轮换) for the whole team at /teams/<id>/rotation. Both post to the
same services as the API, in one UnitOfWork, and show its refusals next to the fields they name."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import exists, select
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from models import OrgUnit, Person, Team, Term, User
from webapp.extensions import db
from webapp.forms import optional_id, show_error
from webapp.messages import describe_error
from workflows import clock, offices, people
from workflows.errors import InvalidInput, WorkflowError
from workflows.handover import services
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("handover_start", __name__)

# The rotation form's select for a member: "incoming-<their person id>"; blank means they stay.
INCOMING_PREFIX = "incoming-"


def _members(team: Team) -> list[Term]:
    return people.current_terms(team.terms, clock.today())


def openable_terms(user, team: Team) -> list[Term]:
    """The current members whose handover this user may open."""
    return [t for t in _members(team) if services.may_open(user, t)]


def may_plan_rotation(user, team: Team) -> bool:
    county = team.village.ancestor_of_kind("county")
    return county is not None and (services.PLANNER, county.id) in offices.acting_offices(user)


def incoming_candidates(team: Team) -> list[Person]:
    """Who may come in: people with an account serving on no team from today on, sent by the units of
    the team's jurisdiction (under its county or city), by unit then name (the opening's own checks
    still decide, e.g. a grade the policy excludes)."""
    serving = exists().where(Term.person_id == Person.id, people.LAST_DAY >= clock.today())
    with_account = exists().where(User.person_id == Person.id, User.active.is_(True))
    over = [u.id for u in team.village.ancestors() if u.kind in ("county", "city")]
    units = select(OrgUnit.id).where(OrgUnit.kind == "dispatching_unit", OrgUnit.parent_id.in_(over))
    found = db.session.scalars(select(Person).where(~serving, with_account, Person.home_unit_id.in_(units))).all()
    return sorted(found, key=lambda p: (p.home_unit.name if p.home_unit else "", p.name))


def _choice(person: Person) -> tuple[int, str]:
    unit = person.home_unit.name if person.home_unit else ""
    return person.id, f"{person.name}（{unit}）" if unit else person.name


class StartForm(FlaskForm):
    # The ids are the service's own field names, so its refusals land under them (show_error).
    outgoing_person_id = SelectField(_l("Outgoing cadre"), coerce=optional_id, validate_choice=False)
    incoming_person_id = SelectField(_l("Incoming cadre"), coerce=optional_id, validate_choice=False)
    handover_date = DateField(_l("Handover date"), validators=[Optional()])
    absent_reason = TextAreaField(_l("Outgoing cadre not present: why (optional)"),
                                  validators=[Optional(), Length(max=services.ABSENT_REASON_MAX)])


class RotationForm(FlaskForm):
    date = DateField(_l("Handover date"), validators=[Optional()])


def _team(team_id: int) -> Team:
    return people.readable_team(db.session, team_id, current_user, clock.today())


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@bp.route("/teams/<int:team_id>/handover", methods=["GET", "POST"])
@login_required
def start(team_id):
    team = _team(team_id)
    terms = openable_terms(current_user, team)
    if not terms:
        abort(403)
    form = StartForm()
    form.outgoing_person_id.choices = [("", "—")] + [(t.person.id, t.person.name) for t in terms]
    form.incoming_person_id.choices = [("", "—")] + [_choice(p) for p in incoming_candidates(team)]
    general, status = (), 200
    if form.is_submitted():
        data = {"outgoing_person_id": form.outgoing_person_id.data, "incoming_person_id": form.incoming_person_id.data,
                "handover_date": _iso(form.handover_date.data), "absent_reason": form.absent_reason.data or None}
        try:
            with UnitOfWork(db.session) as uow:
                case = services.create(db.session, current_user, data)
                uow.commit()
            return redirect(url_for("cases.detail", case_id=case.id), 303)
        except WorkflowError as error:
            general, status = show_error(form, error), error.status
    return render_template("handover/start.html", team=team, form=form, general_errors=general), status


def _pairs(members: list[Term]) -> list[dict]:
    """The plan as the service reads it: one pair per member given an incoming person."""
    pairs = []
    for term in members:
        chosen = optional_id(request.form.get(f"{INCOMING_PREFIX}{term.person_id}"))
        if chosen is not None:
            pairs.append({"outgoing": term.person_id, "incoming": chosen})
    return pairs


@bp.route("/teams/<int:team_id>/rotation", methods=["GET", "POST"])
@login_required
def rotation(team_id):
    team = _team(team_id)
    if not may_plan_rotation(current_user, team):
        abort(403)
    members = _members(team)
    form = RotationForm()
    chosen, pairs_error, general, status = {}, None, (), 200
    if form.is_submitted():
        try:
            pairs = _pairs(members)
            chosen = {p["outgoing"]: p["incoming"] for p in pairs}
            data = {"team_id": team.id, "date": _iso(form.date.data), "pairs": pairs}
            with UnitOfWork(db.session) as uow:
                opened = services.rotate_team(db.session, current_user, data)
                uow.commit()
            flash(ngettext("%(num)d handover opened.", "%(num)d handovers opened.", len(opened)), "success")
            return redirect(url_for("people.team", team_id=team.id), 303)
        except ValueError:  # a select's value that is no id: only a hand-made post sends one
            pairs_error, status = describe_error(InvalidInput("invalid_integer", "pairs")), 422
        except WorkflowError as error:
            status = error.status
            if error.field == "pairs":
                pairs_error = describe_error(error)
            else:
                general = show_error(form, error)
    return render_template("handover/rotation.html", team=team, form=form, members=members, chosen=chosen,
                           candidates=[_choice(p) for p in incoming_candidates(team)], prefix=INCOMING_PREFIX,
                           pairs_error=pairs_error, general_errors=general), status


def register(app) -> None:
    app.add_template_global(lambda team: bool(openable_terms(current_user, team)), "may_start_handover")
    app.add_template_global(lambda team: may_plan_rotation(current_user, team), "may_plan_rotation")
    app.register_blueprint(bp)
