"""Command-line: `flask --app wsgi init-db | seed-demo [--preset ID] | user token USERNAME |
calendar import FILE --by USERNAME`; the sweep and the roster import are `webapp.sweep_cli`'s and
`webapp.roster_cli`'s."""
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_migrate import upgrade
from sqlalchemy import select

from models import User
from webapp import roster_cli, sweep_cli
from webapp.auth import new_token
from webapp.extensions import db
from workflows import clock, demo_data, holiday_notices, policy
from workflows.errors import WorkflowError
from workflows.leave import overstay
from workflows.unit_of_work import UnitOfWork


def init_schema() -> None:
    """Bring the schema to the newest migration and load the shipped policy presets."""
    upgrade()
    policy.sync_presets(db.session)
    db.session.commit()


def register(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db():
        """Create or upgrade the schema on the configured database and load the presets."""
        init_schema()
        click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")

    @app.cli.command("seed-demo")
    @click.option("--preset", default=None, help="Policy preset id for the demo jurisdiction.")
    def seed_demo(preset):
        """Load the demo jurisdiction (idempotent). Every demo password is 'demo'."""
        init_schema()
        try:
            created = demo_data.seed(db.session, preset)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--preset")
        click.echo("Demo jurisdiction created." if created else "Demo jurisdiction already present.")

    user_cli = AppGroup("user", help="Users and their API tokens.")

    @user_cli.command("token")
    @click.argument("username")
    def token(username):
        """Print a new personal API token for USERNAME."""
        user = db.session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise click.BadParameter(f"no user '{username}'", param_hint="USERNAME")
        value = new_token(user)
        db.session.commit()
        click.echo(value)

    app.cli.add_command(user_cli)

    policy_cli = AppGroup("policy", help="Versioned policies.")

    @policy_cli.command("publish")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def publish(path):
        """Publish a policy file as the next version of its policy (open cases keep theirs)."""
        try:
            row = policy.publish(db.session, policy.read_file(path), f"file:{path.name}")
        except policy.PolicyError as e:
            raise click.ClickException(str(e))
        db.session.commit()
        click.echo(f"{row.policy_id} version {row.version}")

    @policy_cli.command("list")
    def list_policies():
        """The newest version of every policy."""
        for row in policy.list_latest(db.session):
            click.echo(f"{row.policy_id}\tversion {row.version}\t{row.name}")

    app.cli.add_command(policy_cli)

    leave_cli = AppGroup("leave", help="Leave jobs.")

    @leave_cli.command("flag-overstays")
    @click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="The morning to run for (default: today).")
    def flag_overstays(on):
        """Run each morning: flag approved leaves not reported back by their end, and record the
        days since as absence (旷工)."""
        flagged = overstay.flag(db.session, on.date() if on else clock.today())
        db.session.commit()
        for case in flagged:
            click.echo(f"case {case.id}: {case.subject.name} not back since {case.leave.end_date.isoformat()}")
        click.echo(f"{len(flagged)} overstaying leave(s) flagged.")

    app.cli.add_command(leave_cli)

    calendar_cli = AppGroup("calendar", help="Holidays and adjusted working days.")

    @calendar_cli.command("import")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--by", "username", required=True, help="The admin entering it (kept with the notice).")
    @click.option("--year", type=int, default=None, help="The notice's year (default: that of its first date).")
    def import_notice(path, username, year):
        """Enter a year's holiday notice from a file, one line per holiday range ("2027-01-01~2027-01-03
        元旦") or adjusted working day ("2027-02-07 上班"), as the admin page takes it."""
        from webapp.messages import describe_error
        text = path.read_text(encoding="utf-8")
        admin = db.session.scalars(select(User).where(User.username == username)).first()
        if admin is None or not admin.has_role("admin"):
            raise click.ClickException(f"no administrator {username!r}")
        try:
            with UnitOfWork(db.session) as uow:
                notice = holiday_notices.enter(db.session, year or holiday_notices.year_of(text), text, admin)
                uow.commit()
        except WorkflowError as e:
            with current_app.test_request_context():  # the message in the default language
                raise click.ClickException(describe_error(e)) from None
        click.echo(f"{notice.year} version {notice.version}: {len(notice.days)} days")

    app.cli.add_command(calendar_cli)

    sweep_cli.register(app)
    roster_cli.register(app)
