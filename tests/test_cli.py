"""The commands in api.md: init-db, seed-demo (twice changes nothing), user token."""
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
