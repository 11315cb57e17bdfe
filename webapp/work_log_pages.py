"""The work log's pages: today's entry and one's month (/work-log, phone-sized), and the review case
on the generic case page and inbox."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import Optional

from webapp import labels, pages
from webapp.extensions import db
from webapp.forms import show_error
from workflows import clock, people
from workflows.errors import InvalidInput
from workflows.unit_of_work import UnitOfWork
from workflows.work_log import details, entries, periods

bp = Blueprint("work_log", __name__, url_prefix="/work-log")


class EntryForm(FlaskForm):
    """Today's entry. The form only parses; what is required is the workflow's call (entries.read_input)."""
    work_done = TextAreaField(_l("Work done"))
    households_count = IntegerField(_l("Households visited"), validators=[Optional()])
    households = TextAreaField(_l("Households (names)"))
    note = TextAreaField(_l("Note"))


def _month() -> tuple:
    try:
        return periods.parse_month(request.args.get("month", ""))
    except ValueError:
        today = clock.today()
        return periods.month_start(today), periods.month_end(today)


def _render(form, general_errors=(), status=200):
    start, end = _month()
    mine = entries.of_person(db.session, current_user, current_user.person_id, start, end) \
        if current_user.person_id else []
    return render_template("work_log/index.html", form=form, entries=mine, month=start,
                           today=clock.today(), general_errors=list(general_errors)), status


@bp.get("/")
@login_required
def index():
    entry = entries.today_entry(db.session, current_user.person_id) if current_user.person_id else None
    form = EntryForm(formdata=None, obj=entry)
    return _render(form)


@bp.post("/")
@login_required
def save():
    form = EntryForm()
    if not form.validate():
        return _render(form, status=422)
    data = {"work_done": form.work_done.data, "households_count": form.households_count.data,
            "households": form.households.data, "note": form.note.data}
    try:
        inp = entries.read_input(data)
        with UnitOfWork(db.session) as uow:
            entries.write(db.session, current_user, inp)
            uow.commit()
    except InvalidInput as error:
        return _render(form, show_error(form, error), status=error.status)
    flash(_("Today's work log is saved."), "success")
    return redirect(url_for("work_log.index"), 303)


@bp.get("/teams/<int:team_id>")
@login_required
def team(team_id):
    """A team's month of logs, for the team leader, the offices over the village and, of their own
    cadres, the dispatching units (the person record's read rule)."""
    start, end = _month()
    found = people.readable_team(db.session, team_id, current_user, clock.today())
    return render_template("work_log/team.html", team=found, month=start,
                           entries=entries.of_team(db.session, current_user, team_id, start, end))


@bp.app_template_global("work_log_members")
def work_log_members(review):
    """Per member of the reviewed team: entries written in the period and the working days without one."""
    return details.member_rows(db.session, review)


pages.register(pages.Pages(
    kind="work_log_review",
    title=_l("Work log review of %(name)s"),
    facts="work_log/_facts.html",
    summary="work_log/_summary.html",
    actions={"answer": pages.ActionPage(done=_l("Your answer is sent to the reviewing office."))},
))

# The review's words on the generic pages, beside the other procedures' (webapp/labels.py).
labels.CASE_KINDS.setdefault("work_log_review", _l("Work log review"))
labels.STATES.setdefault("reviewed", _l("Reviewed"))
labels.ACTIONS.setdefault("answer", _l("Answer"))
labels.TASK_KINDS.setdefault("review", _l("Review the work logs"))
labels.TASK_KINDS.setdefault("answer", _l("Answer the review of the work logs"))
labels.TASK_HINTS.setdefault("answer", _l("The reviewing office returned the team's work logs with a comment: answer it."))
