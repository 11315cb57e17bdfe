"""The workflows run on a plain SQLAlchemy session, without Flask or a web request."""
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from models import Base, Case, Task, User
from workflows import clock, demo_data, engine, org_admin
from workflows.leave import services
from workflows.errors import Conflict
from workflows.unit_of_work import UnitOfWork


def test_workflows_import_no_flask():
    code = ("import sys, workflows.engine, workflows.queries, workflows.demo_data, workflows.leave, workflows.jobs; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_sqlalchemy', 'webapp')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture
def session(database_url):
    """A plain SQLAlchemy session on the demo jurisdiction: no Flask app anywhere."""
    engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        demo_data.seed(session, "zhumadian-2022")
        yield session
    engine.dispose()


def user(session, name):
    return session.scalars(select(User).where(User.username == name)).one()


def file_one_day_leave(session) -> Case:
    start = clock.today() + timedelta(days=3)
    with UnitOfWork(session) as uow:
        case = services.create_leave(session, user(session, "xinghua.member1"),
                                     services.LeaveInput("personal", start, start, "办事"))
        uow.commit()
    return case


def test_leave_runs_through_services_on_a_plain_session(session):
    case = file_one_day_leave(session)
    case_id, version = case.id, case.version
    with UnitOfWork(session) as uow:
        engine.act(session, case_id, "approve", user(session, "dongling.head"), version, "同意")
        uow.commit()
    assert session.get(Case, case_id).state == "approved"

    # A second decision on the version read before the first: refused, and nothing written.
    with pytest.raises(Conflict) as refused:
        with UnitOfWork(session) as uow:
            engine.act(session, case_id, "approve", user(session, "dongling.deputy"), version)
            uow.commit()
    assert refused.value.code == "case_changed"
    assert [t.kind for t in session.scalars(select(Task).where(Task.case_id == case_id))] == \
        ["approve", "report_back"]


def test_failed_action_rolls_back_everything(session):
    case = file_one_day_leave(session)
    case_id, version = case.id, case.version
    with pytest.raises(RuntimeError):
        with UnitOfWork(session):
            engine.act(session, case_id, "approve", user(session, "dongling.head"), version)
            raise RuntimeError("the connection dropped before commit")
    case = session.get(Case, case_id)
    assert (case.state, case.version, len(case.events)) == ("pending", version, 2)
    assert [t.status for t in case.tasks] == ["open"]


def test_two_admins_saving_one_username_at_once_get_a_conflict_not_a_crash(session):
    # As the admin pages save: check and add, then commit through the unit of work. (Inside a unit
    # of work's block SQLite would hold the write lock, and the other admin would wait for it.)
    org_admin.check_username(session, "twin")  # both admins pass the check ...
    session.add(User(username="twin", password_hash="!"))
    with Session(session.get_bind()) as other:  # ... and the other one saves first
        other.add(User(username="twin", password_hash="!"))
        other.commit()
    with pytest.raises(Conflict) as lost:
        UnitOfWork(session).commit()
    # PostgreSQL reports the unique constraint; SQLite refuses the write on a snapshot moved past.
    assert lost.value.code in ("saved_concurrently", "case_changed")
    assert len(session.scalars(select(User).where(User.username == "twin")).all()) == 1
