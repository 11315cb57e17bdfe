"""`flask --app wsgi sweep [--date YYYY-MM-DD]`: run every daily job due up to that date."""
import click
from flask import Flask

from webapp.extensions import db
from workflows import clock, jobs


def register(app: Flask) -> None:
    @app.cli.command("sweep")
    @click.option("--date", "until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="Run every job due up to this date (default: today in the jurisdiction).")
    def sweep(until):
        """Run each morning (e.g. from cron): reminders, overdue marks, escalations and every
        procedure's daily job, for each day not yet done (twice changes nothing)."""
        day = until.date() if until else clock.today()
        runs = jobs.run(db.session, day)
        failed = 0
        for run in runs:
            if run.error is not None:
                failed += 1
                click.echo(f"{run.day.isoformat()} {run.job}: FAILED {run.error}", err=True)
                continue
            click.echo(f"{run.day.isoformat()} {run.job}: {len(run.lines)} done")
            for line in run.lines:
                click.echo(f"  {line}")
        if not runs:
            click.echo(f"Nothing to do: every job has run up to {day.isoformat()}.")
        if failed:
            raise SystemExit(1)
