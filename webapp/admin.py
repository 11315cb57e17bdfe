"""Pages: the admin area. Org units, people, teams and terms, users and their role grants, and a
search over every case. Only holders of an `admin` grant come in. Each post is one transaction;
bad input is shown at its field with status 422, and nothing is written."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash
from wtforms.fields.choices import SelectChoice

from models import BlackoutPeriod, Case, OrgUnit, Person, RoleGrant, Team, Term, User
from webapp import admin_forms as forms
from webapp.auth import login_limits, new_session_token
from webapp.extensions import db, login_manager
from webapp.forms import show_error
from webapp.labels import STATES, label
from webapp.views import page_number
from workflows import clock, login_guard, org_admin, policy, records
from workflows.errors import InvalidInput, WorkflowError
from workflows.fields import MAX_ID
from workflows.leave import blackouts as leave_blackouts
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def admins_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.has_role("admin"):
        abort(403)


# ---------------------------------------------------------------- helpers

def _units(kinds=None) -> list[SelectChoice]:
    """Units as select choices, indented as a tree; the first choice is none."""
    choices = [SelectChoice("", "—")]
    for unit, depth in org_admin.units_as_tree(db.session):
        if kinds is None or unit.kind in kinds:
            choices.append(SelectChoice(str(unit.id), f"{'　' * depth}{unit.name}（{label('unit_kind', unit.kind)}）"))
    return choices


def _people() -> list[SelectChoice]:
    return [SelectChoice("", "—")] + [
        SelectChoice(str(p.id), p.name) for p in db.session.scalars(select(Person).order_by(Person.name))]


def _pick(model, field: str, value, required=True):
    """The row a select named, or a refusal naming the select. An optional select left empty is
    None; a value naming no row (a stale page, a forged post) is refused either way."""
    if value is None:
        if required:
            raise InvalidInput("required", field)
        return None
    row = db.session.get(model, value) if 0 < value <= MAX_ID else None
    if row is None:
        raise InvalidInput("not_a_choice", field)
    return row


def _row(model, row_id: int):
    """The row a path names, or 404: also for ids no INTEGER column holds, which the database
    itself would refuse with an error rather than find nothing."""
    row = db.session.get(model, row_id) if 0 < row_id <= MAX_ID else None
    if row is None:
        abort(404)
    return row


def _saved(message: str, endpoint: str, **values):
    # A name another admin saved since it was checked: 409 (saved_concurrently), not a server error.
    UnitOfWork(db.session).commit()
    return _go_on(message, endpoint, **values)


def _go_on(message: str, endpoint: str, **values):
    """After a save: say what was done, on the page it leads to."""
    flash(message, "success")
    return redirect(url_for(endpoint, **values), 303)


def _refused(template: str, form, error: WorkflowError, **context):
    db.session.rollback()
    return render_template(template, form=form, general_errors=show_error(form, error), **context), 422


def _form_page(template: str, form, save, saved_message: str, endpoint: str, **context):
    """A page with one form: a valid post saves (one transaction) and goes on to `endpoint`; a
    refusal shows the form again with the error at its field (422); a get shows the form."""
    if form.validate_on_submit():
        try:
            save()
        except WorkflowError as error:
            return _refused(template, form, error, **context)
        return _saved(saved_message, endpoint)
    return render_template(template, form=form, **context), 422 if form.errors else 200


# ---------------------------------------------------------------- pages

@bp.get("/")
def index():
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    return render_template("admin/index.html", counts={
        "units": count(OrgUnit), "people": count(Person), "teams": count(Team), "users": count(User),
        "cases": count(Case)})


def _unit_form(form: forms.UnitForm) -> forms.UnitForm:
    form.parent_id.choices = _units(("city", "county", "township"))
    form.policy_id.choices = [SelectChoice("", "—")] + [
        SelectChoice(p.policy_id, f"{p.name}（{p.policy_id}）") for p in policy.list_latest(db.session)]
    return form


def _save_unit(form: forms.UnitForm, unit: OrgUnit | None) -> OrgUnit:
    parent = _pick(OrgUnit, "parent_id", form.parent_id.data, required=False)
    org_admin.check_unit(db.session, form.kind.data, form.name.data, parent, unit, form.policy_id.data,
                         tuple(p.policy_id for p in policy.list_latest(db.session)))
    unit = unit or OrgUnit()
    unit.kind, unit.name, unit.parent = form.kind.data, form.name.data.strip(), parent
    # Only a city or county runs its procedures under a policy.
    unit.policy_id = (form.policy_id.data or None) if unit.kind in ("city", "county") else None
    db.session.add(unit)
    return unit


@bp.route("/units", methods=["GET", "POST"])
def units():
    form = _unit_form(forms.UnitForm())
    return _form_page("admin/units.html", form, lambda: _save_unit(form, None), _("The unit was added."),
                      "admin.units", tree=org_admin.units_as_tree(db.session))


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def unit(unit_id):
    row = _row(OrgUnit, unit_id)
    form = _unit_form(forms.UnitForm(obj=row))
    return _form_page("admin/unit.html", form, lambda: _save_unit(form, row), _("The unit was saved."),
                      "admin.units", unit=row, unit_consequences=records.unit_consequences(db.session, row))


def _person_form(form: forms.PersonForm) -> forms.PersonForm:
    form.home_unit_id.choices = _units(("dispatching_unit",))
    return form


def _save_person(form: forms.PersonForm, person: Person | None) -> Person:
    home = _pick(OrgUnit, "home_unit_id", form.home_unit_id.data, required=False)
    if home is not None:
        org_admin.check_unit_kind(home, "home_unit_id", "dispatching_unit")
    person = person or Person()
    person.name, person.phone, person.home_unit = form.name.data.strip(), form.phone.data or None, home
    db.session.add(person)
    return person


@bp.route("/people", methods=["GET", "POST"])
def people():
    form = _person_form(forms.PersonForm())
    return _form_page("admin/people.html", form, lambda: _save_person(form, None), _("The person was added."),
                      "admin.people",
                      people=db.session.scalars(select(Person).order_by(Person.name)).all(),
                      today=clock.today())


@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
def person(person_id):
    row = _row(Person, person_id)
    form = _person_form(forms.PersonForm(obj=row))
    return _form_page("admin/person.html", form, lambda: _save_person(form, row), _("The person was saved."),
                      "admin.people", person=row)


def _term_form(form: forms.TermForm) -> forms.TermForm:
    form.person_id.choices = _people()
    form.team_id.choices = [SelectChoice("", "—")] + [
        SelectChoice(str(t.id), t.name) for t in db.session.scalars(select(Team).order_by(Team.name))]
    return form


def _teams_page(team_form, term_form, status=200, general_errors=()):
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    return render_template("admin/teams.html", teams=teams, team_form=team_form, term_form=term_form,
                           general_errors=list(general_errors), today=clock.today()), status


def _team_form(form: forms.TeamForm) -> forms.TeamForm:
    form.village_id.choices = _units(("village",))
    return form


@bp.get("/teams")
def teams():
    return _teams_page(_team_form(forms.TeamForm(prefix="team")), _term_form(forms.TermForm(prefix="term")))


@bp.post("/teams")
def add_team():
    form = _team_form(forms.TeamForm(prefix="team"))
    term_form = _term_form(forms.TermForm(prefix="term", formdata=None))
    if not form.validate_on_submit():
        return _teams_page(form, term_form, 422)
    try:
        village = _pick(OrgUnit, "village_id", form.village_id.data)
        org_admin.check_team(db.session, village)
    except WorkflowError as error:
        return _teams_page(form, term_form, 422, show_error(form, error))
    db.session.add(Team(village=village, name=form.name.data.strip()))
    return _saved(_("The team was added."), "admin.teams")


def _save_term(form: forms.TermForm, term: Term | None) -> Term:
    person = _pick(Person, "person_id", form.person_id.data)
    team = _pick(Team, "team_id", form.team_id.data)
    org_admin.check_term(db.session, person, form.start_date.data, form.planned_end_date.data,
                         form.end_date.data, term)
    term = term or Term()
    term.person, term.team, term.position = person, team, form.position.data
    term.start_date, term.planned_end_date = form.start_date.data, form.planned_end_date.data
    term.end_date = form.end_date.data
    db.session.add(term)
    return term


@bp.post("/terms")
def add_term():
    form = _term_form(forms.TermForm(prefix="term"))
    team_form = _team_form(forms.TeamForm(prefix="team", formdata=None))
    if not form.validate_on_submit():
        return _teams_page(team_form, form, 422)
    try:
        _save_term(form, None)
    except WorkflowError as error:
        db.session.rollback()
        return _teams_page(team_form, form, 422, show_error(form, error))
    return _saved(_("The term was added."), "admin.teams")


@bp.route("/terms/<int:term_id>", methods=["GET", "POST"])
def term(term_id):
    row = _row(Term, term_id)
    form = _term_form(forms.TermForm(obj=row))
    return _form_page("admin/term.html", form, lambda: _save_term(form, row), _("The term was saved."),
                      "admin.teams", term=row)


def _user_form(form: forms.UserForm) -> forms.UserForm:
    form.person_id.choices = _people()
    return form


@bp.route("/users", methods=["GET", "POST"])
def users():
    form = _user_form(forms.UserForm())
    rows = db.session.scalars(select(User).order_by(User.username)).all()
    if form.validate_on_submit():
        try:
            org_admin.check_username(db.session, form.username.data)
            if not form.password.data:
                raise InvalidInput("required", "password")
            person = _pick(Person, "person_id", form.person_id.data, required=False)
            org_admin.check_person_free(db.session, person, form.active.data)
        except WorkflowError as error:
            return _refused("admin/users.html", form, error, users=rows)
        user = User(username=form.username.data.strip(), password_hash=generate_password_hash(form.password.data),
                    person=person, active=form.active.data)
        db.session.add(user)
        UnitOfWork(db.session).commit()  # before its id leads on, so that a lost race is a conflict
        return _go_on(_("The user was added. Now grant them roles."), "admin.user", user_id=user.id)
    return render_template("admin/users.html", form=form, users=rows), 422 if form.errors else 200


def _user_page(user: User, form, grant_form, status=200, general_errors=()):
    locked_until = login_guard.locked_until(db.session, login_limits(), user.username)
    return render_template("admin/user.html", user=user, form=form, grant_form=grant_form,
                           general_errors=list(general_errors), locked_until=locked_until), status


def _grant_form(form: forms.GrantForm) -> forms.GrantForm:
    form.org_unit_id.choices = _units()
    return form


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id):
    row = _row(User, user_id)
    form = _user_form(forms.UserForm(obj=row, prefix="user"))
    grant_form = _grant_form(forms.GrantForm(prefix="grant", formdata=None))
    if not form.validate_on_submit():
        return _user_page(row, form, grant_form, 422 if form.errors else 200)
    try:
        org_admin.check_username(db.session, form.username.data, row)
        person = _pick(Person, "person_id", form.person_id.data, required=False)
        org_admin.check_person_free(db.session, person, form.active.data, row)
        if row.id == current_user.id and not form.active.data:
            raise InvalidInput("deactivate_self", "active")
    except WorkflowError as error:
        db.session.rollback()
        return _user_page(row, form, grant_form, 422, show_error(form, error))
    row.username, row.person, row.active = form.username.data.strip(), person, form.active.data
    if form.password.data:
        row.password_hash = generate_password_hash(form.password.data)
        new_session_token(row)  # whoever is signed in with the old password is signed out
    response = _saved(_("The user was saved."), "admin.user", user_id=row.id)
    if form.password.data and row.id == current_user.id:
        login_user(row)  # but the administrator who changed their own password stays signed in
    return response


@bp.post("/users/<int:user_id>/unlock")
def unlock_user(user_id):
    """Lift a lock that wrong passwords put on the username."""
    row = _row(User, user_id)
    login_guard.unlock(db.session, row, current_user)
    current_app.logger.info("login lock lifted: username %r by %r", row.username, current_user.username)
    return _saved(_("The username was unlocked: it may log in again."), "admin.user", user_id=row.id)


@bp.post("/users/<int:user_id>/grants")
def add_grant(user_id):
    row = _row(User, user_id)
    grant_form = _grant_form(forms.GrantForm(prefix="grant"))
    form = _user_form(forms.UserForm(obj=row, prefix="user", formdata=None))
    if not grant_form.validate_on_submit():
        return _user_page(row, form, grant_form, 422)
    try:
        unit = _pick(OrgUnit, "org_unit_id", grant_form.org_unit_id.data)
        org_admin.check_grant(row, grant_form.role.data, unit)
    except WorkflowError as error:
        return _user_page(row, form, grant_form, 422, show_error(grant_form, error))
    row.grants.append(RoleGrant(role=grant_form.role.data, org_unit=unit))
    return _saved(_("The role was granted."), "admin.user", user_id=row.id)


@bp.post("/grants/<int:grant_id>/revoke")
def revoke_grant(grant_id):
    grant = _row(RoleGrant, grant_id)
    user_id = grant.user_id
    if grant.user_id == current_user.id and grant.role == "admin":
        flash(_("You cannot revoke your own administrator role."), "error")
        return redirect(url_for("admin.user", user_id=user_id), 303)
    db.session.delete(grant)  # grants are configuration, not history: the case events keep who acted
    return _saved(_("The role was revoked."), "admin.user", user_id=user_id)


@bp.route("/blackouts", methods=["GET", "POST"])
def blackouts():
    """特殊时期: periods in which no leave may start, for a unit and everything below it."""
    form = forms.BlackoutForm()
    form.org_unit_id.choices = _units(("city", "county", "township", "village"))

    def declare():
        unit = _pick(OrgUnit, "org_unit_id", form.org_unit_id.data)
        if form.end_date.data < form.start_date.data:
            raise InvalidInput("end_before_start", "end_date")
        db.session.add(BlackoutPeriod(org_unit=unit, start_date=form.start_date.data, end_date=form.end_date.data,
                                      reason=form.reason.data.strip(), created_by_id=current_user.id))
    periods = db.session.scalars(select(BlackoutPeriod).order_by(BlackoutPeriod.start_date.desc())).all()
    # The approved leaves each period catches: declaring one does not cancel them, the offices settle them.
    caught = {p.id: leave_blackouts.approved_leaves_during(db.session, p) for p in periods}
    return _form_page("admin/blackouts.html", form, declare, _("The period is declared."), "admin.blackouts",
                      periods=periods, caught=caught)


@bp.get("/cases")
def cases():
    state = request.args.get("state") or None
    if state not in STATES:
        state = None
    text = request.args.get("q", "")
    page = page_number()  # past the end: an empty page
    result = org_admin.search_cases(db.session, current_user, state, text, page, current_app.config["PER_PAGE"])
    return render_template("admin/cases.html", result=result, state=state, q=text, states=STATES)
