"""The commands in api.md: init-db, seed-demo (twice changes nothing), user token."""
from pathlib import Path

from sqlalchemy import func, select

from models import Case, OrgUnit, User
from webapp import create_app
from webapp.extensions import db


def counts():
    return (db.session.scalar(select(func.count()).select_from(OrgUnit)),
            db.session.scalar(select(func.count()).select_from(User)))


def test_init_seed_and_token_from_an_empty_database(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "Database ready" in result.output

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        first = counts()
        assert first[1] >= 30
    again = runner.invoke(args=["seed-demo"])
    assert "already present" in again.output
    with app.app_context():
        assert counts() == first
        city = db.session.scalars(select(OrgUnit).where(OrgUnit.kind == "city")).one()
        assert city.policy_id == "zhumadian-2022"

    assert runner.invoke(args=["seed-demo", "--preset", "wuhai-2023"]).exit_code == 0
    bad = runner.invoke(args=["seed-demo", "--preset", "atlantis-1999"])
    assert bad.exit_code != 0 and "unknown preset" in bad.output

    token = runner.invoke(args=["user", "token", "admin"]).output.strip()
    client = app.test_client()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert me["username"] == "admin"
    assert runner.invoke(args=["user", "token", "nobody"]).exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0
        db.session.remove()
        db.engine.dispose()


def test_migrations_match_the_models(database_url):
    """What `init-db` builds from the migrations is exactly what the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from models import Base
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    assert app.test_cli_runner().invoke(args=["init-db"]).exit_code == 0
    with app.app_context():
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        db.engine.dispose()
    assert diff == []


def test_publishing_an_edited_policy_file_makes_a_new_version(app, api, tmp_path):
    from tests.conftest import leave_dates
    start, end = leave_dates(10)
    body = {"type": "personal", "start_date": start, "end_date": end, "reason": "事假"}
    old_case = api("xinghua.member1").post("/api/v1/leave-requests", json=body).get_json()

    edited = (Path(__file__).parent.parent / "workflows/policies/zhumadian-2022.toml").read_text(encoding="utf-8")
    edited = edited.replace("max_days = 7", "max_days = 10").replace("min_days = 8", "min_days = 11")
    (tmp_path / "ours.toml").write_text(edited, encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["policy", "publish", str(tmp_path / "ours.toml")])
    assert result.exit_code == 0, result.output
    assert "zhumadian-2022 version 2" in result.output
    assert "zhumadian-2022\tversion 2" in runner.invoke(args=["policy", "list"]).output

    later_start, later_end = leave_dates(10, start_in=30)
    later = {**body, "start_date": later_start, "end_date": later_end}
    new_case = api("xinghua.member1").post("/api/v1/leave-requests", json=later).get_json()
    assert new_case["policy"]["version"] == 2 and new_case["leave"]["route"][0]["approvers"] == ["township"]
    assert api("xinghua.member1").get(f"/api/v1/cases/{old_case['id']}").get_json()["policy"]["version"] == 1

    (tmp_path / "bad.toml").write_text(edited.replace('"township"', '"townshp"'), encoding="utf-8")
    bad = runner.invoke(args=["policy", "publish", str(tmp_path / "bad.toml")])
    assert bad.exit_code != 0
    assert "bad.toml: leave.bands[0].steps[0].approvers: unknown value 'townshp'" in bad.output
