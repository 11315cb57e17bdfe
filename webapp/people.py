"""Pages: a cadre's record (/people/<id>) and a team's roster (/teams/<id>), for those who may read
them (workflows.people decides who)."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from webapp.extensions import db
from webapp.vacancy_pages import team_page_context
from workflows import clock, people

bp = Blueprint("people", __name__)


@bp.get("/people/<int:person_id>")
@login_required
def person(person_id):
    today = clock.today()
    found = people.readable_person(db.session, person_id, current_user, today)
    record = people.person_record(db.session, found, current_user, today)
    return render_template("people/person.html", record=record, person=found, today=today,
                           last_day=people.last_day)


@bp.get("/teams/<int:team_id>")
@login_required
def team(team_id):
    today = clock.today()
    found = people.readable_team(db.session, team_id, current_user, today)
    roster = people.team_roster(db.session, found, today)
    return render_template("people/team.html", roster=roster, team=found, today=today,
                           township=found.village.ancestor_of_kind("township"), last_day=people.last_day,
                           min_size=roster.min_size, **team_page_context(roster, current_user))
