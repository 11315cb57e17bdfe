"""Template helpers: labels, dates as users in China write them, waiting times; the home page."""
from datetime import date, datetime

from flask import Flask, redirect, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from models import utcnow
from webapp import actors, pages
from webapp.labels import label
from workflows import offices
from workflows.fields import MAX_ID


def page_number() -> int:
    """The ?page= a list page was asked for: at least 1, and no larger than a database can offset."""
    return min(max(request.args.get("page", 1, type=int), 1), MAX_ID)


def fmt_date(value: date | None) -> str:
    return format_date(value, "medium") if value else ""


def fmt_datetime(value: datetime | None) -> str:
    return format_datetime(value, "yyyy-MM-dd HH:mm") if value else ""


def waited(since: datetime | None) -> str:
    """How long something has waited, in the coarsest unit that still says something."""
    if since is None:
        return ""
    minutes = int((utcnow() - since).total_seconds() // 60)
    if minutes < 60:
        return _("%(n)d min", n=max(minutes, 0))
    if minutes < 48 * 60:
        return _("%(n)d h", n=minutes // 60)
    return _("%(n)d days", n=minutes // (24 * 60))


def office_name(code: str, unit) -> str:
    """An office as users name it: the unit, then the office, e.g. 东岭镇 · 乡镇党委."""
    return f"{unit.name} · {label('office', code)}" if unit is not None else label("office", code)


def register(app: Flask) -> None:
    app.add_template_filter(fmt_date, "date")
    app.add_template_filter(fmt_datetime, "datetime")
    app.add_template_filter(waited, "waited")
    app.add_template_global(label)
    app.add_template_global(office_name)
    # Who acted, and who is logged in, by name and office rather than login name.
    app.add_template_global(actors.of_event, "actor_of")
    app.add_template_global(actors.of_user, "user_name")
    app.add_template_global(get_locale)
    app.add_template_global(offices.acting_offices)
    # A case's kind on the generic pages: its template parts, and its own details row.
    app.add_template_global(pages.of, "page_parts")
    app.add_template_global(lambda case: getattr(case, case.kind, None), "case_details")
    # The nav links only to pages that exist (blueprints may still be stubs).
    app.add_template_global(lambda endpoint: endpoint in app.view_functions, "has_endpoint")

    @app.route("/")
    def home():
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        return redirect(url_for("inbox.index"))
