"""Command-line: `flask --app wsgi roster import FILE`, the roster import (花名册) for scripts and cron."""
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from webapp.extensions import db
from webapp.roster_messages import problem_rows
from workflows import roster
from workflows.errors import InvalidInput
from workflows.unit_of_work import UnitOfWork


def register(app: Flask) -> None:
    roster_cli = AppGroup("roster", help="The roster of cadres (花名册).")

    @roster_cli.command("import")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_roster(path):
        """Import a roster, CSV (UTF-8) or .xlsx: all rows or, if any row is bad, none."""
        with UnitOfWork(db.session) as uow:
            try:
                totals = roster.apply(db.session, roster.plan(db.session, roster.read(path.read_bytes())))
            except roster.RosterInvalid as error:
                for row in problem_rows(error.problems):
                    click.echo(f"row {row['row']}, {row['field'] or '-'}: {row['message']}", err=True)
                raise click.ClickException(f"{len(error.problems)} problem(s); nothing was imported.")
            except InvalidInput:
                raise click.ClickException(f"{path.name} could not be read as CSV (UTF-8) or .xlsx.")
            uow.commit()
        click.echo(f"created: {totals['created']}, updated: {totals['updated']}")

    app.cli.add_command(roster_cli)
