"""The engine knows no procedure by name: a kind defined here, in the test alone, with two approval
steps, walks through the API, the inbox, the case page and the history like leave does."""
import pytest
from sqlalchemy import select
from transitions import Machine

from models import OrgUnit, User
from tests.pages import act, get, user
from webapp.extensions import db as _db
from workflows import approval, engine, policy, registry
from workflows.registry import Action, Procedure

ROUTE = [{"approvers": ["township"], "joint": False}, {"approvers": ["county_office"], "joint": False}]


def _start(event):
    ctx = event.kwargs["ctx"]
    approval.start(ctx.session, event.model, ROUTE, ["county_org_dept"], due_days=3)


def _advance(event):
    approval.advance(event.kwargs["ctx"].session, event.model, due_days=3)


def _file(event):
    approval.file(event.kwargs["ctx"].session, event.model, reason="approve")


MACHINE = Machine(model=None, states=["draft", "pending", "approved", "rejected"], initial="draft",
                  send_event=True, auto_transitions=False, name="two_step", transitions=[
                      {"trigger": "submit", "source": "draft", "dest": "pending", "after": _start},
                      {"trigger": "approve", "source": "pending", "dest": "pending",
                       "conditions": lambda e: approval.has_next_step(e.model), "after": _advance},
                      {"trigger": "approve", "source": "pending", "dest": "approved", "after": _file},
                      {"trigger": "reject", "source": "pending", "dest": "rejected"},
                  ])


def _subject_may(event):
    return lambda u, case: u.person_id == case.subject_person_id and engine.allowed(case, event)


TWO_STEP = Procedure(
    kind="two_step",
    machine=MACHINE,
    actions={
        "submit": Action(lambda case, ctx: engine.fire(case, "submit", ctx), who=_subject_may("submit")),
        "approve": Action(lambda case, ctx: approval.approve(case, ctx.actor,
                                                             lambda: engine.fire(case, "approve", ctx)),
                          who=lambda u, case: engine.allowed(case, "approve") and approval.may_decide(u, case)),
        "reject": Action(lambda case, ctx: approval.decline(case, ctx.actor, "reject", ctx.comment,
                                                            lambda: engine.fire(case, "reject", ctx)),
                         who=lambda u, case: engine.allowed(case, "reject") and approval.may_decide(u, case)),
    },
    details=lambda case: {"steps": len(case.route)},
)


@pytest.fixture
def two_step_case(app):
    registry.register(TWO_STEP)
    with app.app_context():
        session = _db.session
        cadre = session.scalars(select(User).where(User.username == "xinghua.member1")).one()
        village = session.scalars(select(OrgUnit).where(OrgUnit.name == "杏花村")).one()
        case = engine.open_case(session, "two_step", cadre, policy.latest(session, "zhumadian-2022"),
                                org_unit=village, subject=cadre.person, village=village)
        session.commit()
        case_id = case.id
    yield case_id
    registry.unregister("two_step")


def test_a_kind_defined_in_a_test_walks_through_api_inbox_page_and_history(two_step_case, api, login_as):
    case_id = two_step_case
    cadre, head, county = api("xinghua.member1"), api("dongling.head"), api("county.office")
    assert cadre.get(f"/api/v1/cases/{case_id}").get_json()["actions"] == ["submit"]
    assert cadre.act(case_id, "submit").status_code == 200

    row = next(i for i in head.get("/api/v1/inbox").get_json()["items"] if i["case"]["id"] == case_id)
    assert (row["kind"], row["office"], row["case"]["kind"]) == ("approve", "township", "two_step")
    assert row["case"]["two_step"] == {"steps": 2}
    assert county.get(f"/api/v1/cases/{case_id}").status_code == 403  # not its step yet

    page = get(user(login_as, "dongling.head"), f"/cases/{case_id}")
    assert page.state == "pending" and page.has("action-approve")
    assert "two_step" in get(user(login_as, "dongling.head"), "/inbox/").one("inbox-row").text

    assert head.act(case_id, "approve", comment="同意").status_code == 200
    assert [i["case"]["id"] for i in county.get("/api/v1/inbox").get_json()["items"]] == [case_id]
    done = act(user(login_as, "county.office"), case_id, "approve")
    assert done.state == "approved"
    assert [f.attrs["data-office"] for f in done.all("filing")] == ["county_org_dept"]

    history = cadre.get(f"/api/v1/cases/{case_id}/history").get_json()
    assert [(e["action"], e["to_state"]) for e in history] == [
        ("create", "draft"), ("submit", "pending"), ("approve", "pending"), ("approve", "approved")]
    assert [e["actor"] for e in history[2:]] == ["dongling.head", "county.office"]


def test_the_test_kind_refuses_what_its_machine_does_not_allow(two_step_case, api):
    cadre = api("xinghua.member1")
    refused = cadre.act(two_step_case, "approve")  # a draft is not for approval yet
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "action_not_allowed"
    assert cadre.act(two_step_case, "unknown").status_code == 404


def test_no_procedure_is_named_in_the_engine_generic_api_templates_or_inbox_query():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    generic = ["workflows/engine.py", "workflows/registry.py", "workflows/approval.py", "workflows/access.py",
               "workflows/tasks.py", "workflows/history.py", "workflows/queries.py", "webapp/api/routes.py",
               "webapp/api/serialize.py", "webapp/cases.py", "webapp/inbox.py", "templates/cases/detail.html",
               "templates/inbox/index.html", "templates/cases/_macros.html"]
    for name in generic:
        text = (root / name).read_text(encoding="utf-8").lower()
        assert "leave" not in text, name
