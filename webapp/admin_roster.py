"""Pages: the roster import (花名册导入), in the admin area. An admin uploads a CSV or .xlsx roster,
sees what every row would create or change (or every bad row, with its row number, column and the
problem) before anything is written, and confirms. The confirm posts the very bytes previewed,
checks them again, and refuses if the import they give has changed since the preview."""
import base64
import binascii
import csv
import hashlib
import io

from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms.fields import HiddenField

from webapp.admin import _go_on, bp
from webapp.extensions import db
from webapp.messages import describe_error
from webapp.roster_messages import problem_rows
from workflows import roster
from workflows.errors import InvalidInput, WorkflowError
from workflows.unit_of_work import UnitOfWork

ACTIONS = {"create": _l("New"), "update": _l("Changes"), "unchanged": _l("Unchanged")}


class UploadForm(FlaskForm):
    file = FileField(_l("Roster file (CSV or .xlsx)"))


class ConfirmForm(FlaskForm):
    data = HiddenField()  # the uploaded file, base64
    fingerprint = HiddenField()  # what the preview showed, to confirm exactly that


def fingerprint(plan: roster.Plan) -> str:
    """A digest of what the import would do, row by row: the confirm must find the same."""
    shown = [(r.row.number, r.action, sorted(r.changes.items()), r.new_term, r.new_team,
              sorted(r.row.values.items())) for r in plan.rows]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def _page(status=200, **context):
    context.setdefault("upload", UploadForm())
    return render_template("admin/roster.html", actions=ACTIONS, header=roster.HEADER, **context), status


def _checked(data: bytes, status=422, **context):
    """Read and plan the file: the preview with its confirm form, or the bad rows (422)."""
    try:
        plan = roster.plan(db.session, roster.read(data))
    except roster.RosterInvalid as error:
        return None, _page(status, summary=describe_error(error), problems=problem_rows(error.problems), **context)
    except WorkflowError as error:
        return None, _page(status, general_errors=[describe_error(error)], **context)
    return plan, None


def _preview(data: bytes, plan: roster.Plan, status=200, **context):
    confirm = ConfirmForm(formdata=None, data={"data": base64.b64encode(data).decode(),
                                               "fingerprint": fingerprint(plan)})
    return _page(status, plan=plan, confirm=confirm, **context)


@bp.get("/roster")
def roster_page():
    return _page()


@bp.post("/roster/preview")
def roster_preview():
    upload = UploadForm()
    if not upload.validate_on_submit():
        return _page(400, upload=upload, general_errors=[_("The form expired. Upload the file again.")])
    data = upload.file.data.read() if upload.file.data else b""
    if not data:
        return _page(422, upload=upload, general_errors=[_("Choose a roster file to upload.")])
    plan, refused = _checked(data, upload=upload)
    return refused or _preview(data, plan)


@bp.post("/roster/import")
def roster_import():
    confirm = ConfirmForm()
    try:
        if not confirm.validate_on_submit():
            raise InvalidInput("roster_unreadable", "body")
        data = base64.b64decode(confirm.data.data or "", validate=True)
    except (binascii.Error, InvalidInput):
        return _page(422, general_errors=[_("The preview could not be read back. Upload the file again.")])
    plan, refused = _checked(data)
    if refused:
        return refused
    if fingerprint(plan) != confirm.fingerprint.data:
        return _preview(data, plan, 409, general_errors=[
            _("The roster or the data it meets changed since the preview. Check this preview and confirm again.")])
    with UnitOfWork(db.session) as uow:
        totals = roster.apply(db.session, plan)
        uow.commit()
    return _go_on(_("Roster imported: %(created)s created, %(updated)s updated.", **totals), "admin.roster_page")


@bp.get("/roster/template.csv")
def roster_template_csv():
    out = io.StringIO()
    csv.writer(out).writerow(roster.HEADER)
    # With a BOM, so that Excel opens the Chinese header as UTF-8.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=roster.csv"})


@bp.get("/roster/template.xlsx")
def roster_template_xlsx():
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(list(roster.HEADER))
    for column in "EFG":  # unit names and dates are wider than the default column
        sheet.column_dimensions[column].width = 16
    out = io.BytesIO()
    book.save(out)
    return Response(out.getvalue(), mimetype=roster.XLSX_TYPE,
                    headers={"Content-Disposition": "attachment; filename=roster.xlsx"})
