"""The endpoints for people and teams: a cadre's record, a team's roster (see shared/spec/api.md)."""
from flask import g, jsonify

from webapp.api import bp, parse, serialize
from webapp.extensions import db
from webapp.labels import label
from workflows import clock, people
from workflows.fields import MAX_ID
from workflows.unit_of_work import UnitOfWork
from workflows.vacancy import leadership


def _role(term) -> dict:
    """The post held, by its code (first_secretary, leader, deputy, member) and its name."""
    return {"role": term.position, "role_label": label("position", term.position)}


def term(t, on) -> dict:
    return {"id": t.id, "team": serialize.ref(t.team), "village": serialize.ref(t.team.village), **_role(t),
            "dispatching_unit": serialize.ref(t.person.home_unit), "start_date": serialize.iso(t.start_date),
            "end_date": serialize.iso(people.last_day(t)), "planned_end_date": serialize.iso(t.planned_end_date),
            "ended_early": t.end_date is not None and t.end_date < t.planned_end_date,
            "active": t.covers(on)}


def case_summary(c) -> dict:
    lv = c.leave
    return {"id": c.id, "kind": c.kind, "state": c.state, "created_at": serialize.iso(c.created_at),
            "start_date": serialize.iso(lv.start_date) if lv else None,
            "end_date": serialize.iso(lv.end_date) if lv else None,
            "url": f"/api/v1/cases/{c.id}"}


def person(record: people.PersonRecord, on) -> dict:
    p = record.person
    body = {"id": p.id, "name": p.name, "dispatching_unit": serialize.ref(p.home_unit),
            "team": serialize.ref(record.current.team) if record.current else None,
            "terms": [term(t, on) for t in record.terms],
            "warnings": record.warnings, "grades": record.grades, "consequences": record.consequences,
            "cases": [case_summary(c) for c in record.cases]}
    if record.show_phone:  # the key is absent for a reader who may not see the number
        body["phone"] = p.phone
    return body


def team(roster: people.Roster) -> dict:
    t = roster.team
    return {"id": t.id, "name": t.name, "village": serialize.ref(t.village),
            "township": serialize.ref(t.village.ancestor_of_kind("township")),
            "members": [{"person": serialize.ref(m.person), **_role(m),
                         "dispatching_unit": serialize.ref(m.person.home_unit),
                         "start_date": serialize.iso(m.start_date), "end_date": serialize.iso(people.last_day(m))}
                        for m in roster.members],
            "vacancies": [vacancy(v) for v in roster.open_vacancies], "vacant_posts": roster.vacancies,
            "leader_vacant": roster.leader_vacant, "acting_leader": serialize.ref(roster.acting_leader),
            "min_size": roster.min_size, "below_min_size": roster.below_min_size}


def vacancy(v) -> dict:
    """A post a recall or an adjustment left empty: since when, by whom, and the case that did it."""
    return {"position": v.position, "position_label": label("position", v.position),
            "since": serialize.iso(v.opened_on), "case_id": v.case_id, "left": serialize.ref(v.left_person),
            "acting_leader": serialize.ref(v.acting_leader)}


@bp.get("/people/<int:person_id>")
def person_detail(person_id):
    today = clock.today()
    found = people.readable_person(db.session, person_id, g.actor, today)
    return jsonify(person(people.person_record(db.session, found, g.actor, today), today))


@bp.get("/teams/<int:team_id>")
def team_detail(team_id):
    today = clock.today()
    found = people.readable_team(db.session, team_id, g.actor, today)
    return jsonify(team(people.team_roster(db.session, found, today)))


@bp.post("/teams/<int:team_id>/acting-leader")
def acting_leader(team_id):
    """The township names a current member acting leader while the leader's post is vacant."""
    data = parse.json_body()
    with UnitOfWork(db.session) as uow:
        found = people.readable_team(db.session, team_id, g.actor, clock.today())
        leadership.name_acting(db.session, found, parse.integer(data, "person_id", low=1, high=MAX_ID), g.actor)
        uow.commit()
    return jsonify(team(people.team_roster(db.session, people.load_team(db.session, team_id), clock.today())))
