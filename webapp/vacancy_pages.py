"""The vacancy a recall or an adjustment leaves, on the pages: the names of its tasks and actions in the
inbox and the case history, and the team page's form by which the township names an acting leader."""
from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from webapp import labels
from webapp.extensions import db
from models.org import LEADING_POSITIONS
from webapp.messages import describe_error
from workflows import clock, fields, people
from workflows.errors import InvalidInput
from workflows.unit_of_work import UnitOfWork
from workflows.vacancy import leadership

labels.TASK_KINDS.setdefault("name_replacement", _l("Name a replacement for the vacant post"))
labels.TASK_KINDS.setdefault("file_change", _l("File the change of members"))
labels.TASK_HINTS.setdefault("name_replacement", _l("The cadre's term has ended: name an eligible replacement "
                                                    "and the day they start."))
labels.TASK_HINTS.setdefault("file_change", _l("File the change of the team's members with the offices the "
                                               "policy names, by the due date."))
labels.ACTIONS.setdefault("name_replacement", _l("Replacement named"))
labels.ACTIONS.setdefault("file_change", _l("Change of members filed"))
labels.ACTIONS.setdefault("name_acting_leader", _l("Acting team leader named"))

bp = Blueprint("vacancy_pages", __name__)


@bp.post("/teams/<int:team_id>/acting-leader")
@login_required
def acting_leader(team_id):
    """The team page's form: the township picks a current member as acting leader."""
    try:
        with UnitOfWork(db.session) as uow:
            team = people.readable_team(db.session, team_id, current_user, clock.today())
            leadership.name_acting(db.session, team, fields.integer(request.form, "person_id", low=1,
                                                                     high=fields.MAX_ID), current_user)
            uow.commit()
    except InvalidInput as error:
        flash(describe_error(error), "error")
        return redirect(url_for("people.team", team_id=team_id))
    flash(_("The acting team leader is named."), "success")
    return redirect(url_for("people.team", team_id=team_id))


def team_page_context(roster, user) -> dict:
    """What the team page shows of vacancies: whether this user may name an acting leader now."""
    may_name = roster.leader_vacant and any(v.position in LEADING_POSITIONS for v in roster.open_vacancies) \
        and leadership.may_name_acting(user, roster.team)
    return {"may_name_acting": may_name}
