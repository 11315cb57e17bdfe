"""The phone-sized sign-in page (/presence/): one tap, an optional note and place; today's status and
the month so far."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional

from webapp.extensions import db
from webapp.forms import show_error
from workflows import clock
from workflows.errors import WorkflowError
from workflows.presence import days, jurisdiction, rules, sign_ins, whereabouts
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
    settings = rules.settings(jurisdiction.policy_of(db.session, term.team.village).body)
    return day_map, days.totals(db.session, day_map, settings, first), settings


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    person = current_user.person
    today = clock.today()
    if person is None or person.current_term(today) is None:
        return render_template("presence/index.html", posted=False), 200
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
    return render_template("presence/index.html", posted=True, form=form, errors=errors, today=today,
                           status=day_map[today], days=sorted(day_map.items(), reverse=True), totals=totals,
                           settings=settings, labels=STATUS_LABELS,
                           village_id=person.current_term(today).team.village_id), 422 if errors else 200


BOARD_LABELS = {**STATUS_LABELS, "present": _l("In the village"), "open": _l("Not signed in yet")}


@bp.route("/board/<int:unit_id>")
@login_required
def board(unit_id):
    """去向牌: where each cadre of a village, or of a township's villages, is today."""
    today = clock.today()
    unit = whereabouts.unit_for(db.session, unit_id, current_user, today)
    return render_template("presence/board.html", unit=unit, today=today, labels=BOARD_LABELS,
                           entries=whereabouts.board(db.session, unit, today))
