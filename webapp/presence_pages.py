"""The phone-sized sign-in page (/presence/): one tap, an optional note and place; today's status and
the month so far; for office holders, the missed days waiting for their confirmation (篇六). Also a
cadre's month (/presence/people/<id>) and a township's or team's month (/presence/attendance)."""
from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, StringField
from wtforms.validators import InputRequired, Length, Optional

from models import OrgUnit
from webapp.api import parse
from webapp.api import presence as presence_api
from webapp.extensions import db
from webapp.forms import show_error
from webapp.messages import describe_error
from workflows import clock, people
from workflows.errors import InvalidInput, WorkflowError
from workflows.fields import MAX_ID
from workflows.presence import attendance, confirmations, days, go_live, jurisdiction, sign_ins, whereabouts
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("presence", __name__, url_prefix="/presence")

STATUS_LABELS = {
    "present": _l("Present"), "trip": _l("Official trip"), "leave": _l("On leave"), "absent": _l("Absent"),
    "rest": _l("Rest day"), "off_term": _l("Not posted"), "no_record": _l("No record"), "open": _l("Not signed in yet"),
}


class SignInForm(FlaskForm):
    note = StringField(_l("Note"), validators=[Optional(), Length(max=sign_ins.NOTE_MAX)])
    location = StringField(_l("Place"), validators=[Optional(), Length(max=sign_ins.LOCATION_MAX)])


def _month_so_far(person):
    today = clock.today()
    first, _last = days.month_range(today)
    day_map = days.statuses(db.session, [person.id], first, today, today)[person.id]
    term = person.current_term(today)
    settings = jurisdiction.settings_of(db.session, term.team.village)
    return day_map, days.totals(db.session, day_map, settings, first), settings


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    person = current_user.person
    today = clock.today()
    if person is None or person.current_term(today) is None:
        return render_template("presence/index.html", posted=False, **_offices_part(today)), 200
    form = SignInForm()
    errors = []
    if form.validate_on_submit():
        try:
            with UnitOfWork(db.session) as uow:
                row = sign_ins.sign_in(db.session, current_user, form.note.data or None, form.location.data or None)
                uow.commit()
            flash(_("Signed in at %(time)s.", time=clock.now().strftime("%H:%M"))
                  + (" " + _("Late.") if row.late else ""))
            return redirect(url_for("presence.index"))
        except WorkflowError as e:
            errors = show_error(form, e)
    day_map, totals, settings = _month_so_far(person)
    village = person.current_term(today).team.village
    return render_template("presence/index.html", posted=True, form=form, errors=errors, today=today,
                           status=day_map[today], days=sorted(day_map.items(), reverse=True), totals=totals,
                           settings=settings, labels=STATUS_LABELS, village_id=village.id,
                           sign_out_at=sign_ins.signs_out_today(db.session, village, today),
                           signed=sign_ins.todays_sign_in(db.session, person.id, today), sign_out_form=FlaskForm(),
                           **_offices_part(today)), 422 if errors else 200


@bp.post("/sign-out")
@login_required
def sign_out():
    """篇六 签退: Fridays the cadre signs out of the day's sign-in; before the hour it is leaving early."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        with UnitOfWork(db.session) as uow:
            row = sign_ins.sign_out(db.session, current_user)
            uow.commit()
        flash(_("Signed out at %(time)s.", time=clock.now().strftime("%H:%M"))
              + (" " + _("Before the hour: recorded as leaving early.") if row.left_early else ""))
    except WorkflowError as e:
        flash(describe_error(e), "error")
    return redirect(url_for("presence.index"))


def _offices_part(today) -> dict:
    """What the sign-in page shows an office holder: missed days waiting for their confirmation
    (篇六), the days they recorded still waiting for others, and the townships whose month they read."""
    return {"to_confirm": confirmations.waiting_for(db.session, current_user, today),
            "kept": confirmations.kept_by(db.session, current_user, today),
            "townships": _townships(), "go_live_units": go_live.units_of(current_user)}


def _townships() -> list:
    """The townships the user holds an office at or over (a county's or city's: all of theirs)."""
    if not current_user.grants:
        return []
    found = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "township").order_by(OrgUnit.name))
    return [t for t in found if people.holds_office_over(current_user, t)]


@bp.post("/missed-days/<int:missed_id>/confirm")
@login_required
def confirm(missed_id):
    """篇六: the village duty person or the 第一书记 confirms a day the keeper recorded."""
    with UnitOfWork(db.session) as uow:
        row = sign_ins.confirm_missed_day(db.session, current_user, missed_id)
        name, day, done = row.person.name, row.day, row.confirmed
        uow.commit()
    flash(_("Confirmed: %(name)s, %(date)s.", name=name, date=day.isoformat())
          + (" " + _("The day now counts.") if done else ""))
    return redirect(url_for("presence.index"))


def _month_arg():
    """?month=YYYY-MM; this month when absent or not a month."""
    try:
        return presence_api.month_arg(request.args)
    except InvalidInput:
        return clock.today().replace(day=1)


def _months_around(month):
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return previous, following


@bp.get("/people/<int:person_id>")
@login_required
def person_month(person_id):
    """A cadre's month: each day's status, the totals against the target, and the weeks (五天四夜)
    where the policy sets them; for whoever reads the cadre's record."""
    person = people.readable_person(db.session, person_id, current_user, clock.today())
    month = _month_arg()
    previous, following = _months_around(month)
    return render_template("presence/person.html", person=person, month=month, body=presence_api.person_month(person, month),
                           labels=STATUS_LABELS, previous=previous, following=following)


@bp.get("/attendance")
@login_required
def attendance_page():
    """A township's (or a team's) month, one row per cadre: the page of GET /api/v1/attendance."""
    month = _month_arg()
    if request.args.get("team_id") is not None:
        team = people.readable_team(db.session, parse.integer(request.args, "team_id", low=1, high=MAX_ID),
                                    current_user, clock.today())
        unit, scope = team.village, {"team_id": team.id}
        found = attendance.rows(db.session, month, team=team)
    else:
        township_id = parse.integer(request.args, "township_id", low=1, high=MAX_ID)
        unit = attendance.township_for(db.session, township_id, current_user)
        scope = {"township_id": unit.id}
        found = attendance.rows(db.session, month, township=unit)
    previous, following = _months_around(month)
    return render_template("presence/attendance.html", unit=unit, month=month, rows=found, scope=scope,
                           weeks=any(r.weeks is not None for r in found), previous=previous, following=following)


BOARD_LABELS = {**STATUS_LABELS, "present": _l("In the village"), "open": _l("Not signed in yet")}


@bp.route("/board/<int:unit_id>")
@login_required
def board(unit_id):
    """去向牌: where each cadre of a village, or of a township's villages, is today."""
    today = clock.today()
    unit = whereabouts.unit_for(db.session, unit_id, current_user, today)
    return render_template("presence/board.html", unit=unit, today=today, labels=BOARD_LABELS,
                           entries=whereabouts.board(db.session, unit, today))


class GoLiveForm(FlaskForm):
    presence_from = DateField(_l("Presence records begin on"), validators=[InputRequired()])


@bp.route("/go-live/<int:unit_id>", methods=["GET", "POST"])
@login_required
def go_live_page(unit_id):
    """The county office (or an admin) sets the day the county's presence records begin; earlier days
    show `no_record`. Every move is listed with who made it, when, and the date before."""
    unit = go_live.unit_for(db.session, unit_id, current_user)
    form = GoLiveForm(data={"presence_from": unit.presence_from} if request.method == "GET" else None)
    errors = []
    if form.validate_on_submit():
        try:
            with UnitOfWork(db.session) as uow:
                go_live.set_start(db.session, current_user, unit, form.presence_from.data)
                uow.commit()
            flash(_("Presence records of %(unit)s begin on %(date)s.", unit=unit.name,
                    date=form.presence_from.data.isoformat()))
            return redirect(url_for("presence.go_live_page", unit_id=unit.id))
        except WorkflowError as e:
            db.session.rollback()
            errors = show_error(form, e)
    earliest, latest = go_live.bounds(clock.today())
    status = 422 if errors or form.errors else 200
    return render_template("presence/go_live.html", unit=unit, form=form, errors=errors, earliest=earliest,
                           latest=latest, changes=go_live.changes(db.session, unit)), status
