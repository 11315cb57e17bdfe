"""Pages: searching the cases one may see (/cases/), and exporting the list as .xlsx or CSV.

The same filters and the same visibility as GET /api/v1/cases (workflows.case_search)."""
import csv
import io
from datetime import datetime, timezone

from flask import Blueprint, Response, current_app, render_template, request, send_file
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from models import OrgUnit
from webapp.case_filters import filters_from
from webapp.extensions import db
from webapp.labels import CASE_KINDS as KINDS, STATES, label
from webapp.messages import describe_error
from webapp.views import page_number
from workflows import case_search, clock
from workflows.case_search import Filters
from workflows.errors import InvalidInput

bp = Blueprint("case_list", __name__, url_prefix="/cases")

# The parameters the form sends; pagination and export links carry them on.
PARAMS = ("kind", "state", "township_id", "village_id", "q", "from", "to", "overdue")

# An export is a working list, not a database dump.
EXPORT_LIMIT = 50_000


@bp.app_template_global()
def may_search_cases(user) -> bool:
    """The header links to the search for those who approve, supervise or administer: anyone holding
    a grant other than cadre (an office, admin, inspector)."""
    return any(g.role != "cadre" for g in user.grants)


def _units(kind: str) -> list[OrgUnit]:
    return list(db.session.scalars(select(OrgUnit).where(OrgUnit.kind == kind).order_by(OrgUnit.name)))


def _current_params() -> dict:
    return {k: request.args[k] for k in PARAMS if request.args.get(k)}


@bp.get("/")
@login_required
def index():
    error, status = None, 200
    try:
        filters = filters_from(request.args)
    except InvalidInput as refused:
        error, status, filters = describe_error(refused), 422, None
    result = None
    if filters is not None:
        result = case_search.search(db.session, current_user, filters, page_number(),
                                    current_app.config["PER_PAGE"])
    return render_template("case_list/index.html", result=result, error=error, params=_current_params(),
                           kinds=KINDS, states=STATES, townships=_units("township"),
                           villages=_units("village")), status


def _local(stored: datetime | None) -> str:
    if stored is None:
        return ""
    return stored.replace(tzinfo=timezone.utc).astimezone(clock.zone()).strftime("%Y-%m-%d %H:%M")


def _rows(filters: Filters):
    """The export's header and rows, in Chinese whatever the page language: the files go on to
    offices that file them as they are."""
    with force_locale("zh_CN"):
        yield [_("No."), _("Procedure"), _("State"), _("Person"), _("Village"), _("Created"),
               _("Last change"), _("Overdue")]
        yes = _("Yes")
        for case, overdue in case_search.export_rows(db.session, current_user, filters, EXPORT_LIMIT):
            yield [case.id, label("kind", case.kind), label("state", case.state),
                   case.subject.name if case.subject else "", case.village.name if case.village else "",
                   _local(case.created_at), _local(case.updated_at), yes if overdue else ""]


def _filename(ext: str) -> str:
    return f"cases-{clock.today().isoformat()}.{ext}"


@bp.get("/export.xlsx")
@login_required
def export_xlsx():
    from openpyxl import Workbook
    filters = filters_from(request.args)  # a bad filter: 422 through the error handler
    book = Workbook(write_only=True)
    with force_locale("zh_CN"):
        sheet = book.create_sheet(_("Cases"))
    for row in _rows(filters):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return send_file(out, as_attachment=True, download_name=_filename("xlsx"),
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/export.csv")
@login_required
def export_csv():
    filters = filters_from(request.args)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a byte-order mark: Excel then reads the file as UTF-8 and shows the Chinese
    csv.writer(buffer).writerows(_rows(filters))
    return Response(buffer.getvalue().encode("utf-8"), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={_filename('csv')}"})
