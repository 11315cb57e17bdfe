"""Pages: the policy editor, in the admin area. An admin reads any policy and its versions, copies a
preset into the jurisdiction's own policy, changes its rules in a form, previews the routes they give
and publishes them as a new version. The rules themselves are `workflows.policy_editor`'s."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import OrgUnit
from webapp import admin_forms as forms
from webapp.admin import _go_on, _pick, _units, bp
from webapp.extensions import db
from webapp.forms import show_error
from workflows import policy, policy_editor
from workflows.errors import Conflict, WorkflowError
from workflows.fields import MAX_ID
from workflows.unit_of_work import UnitOfWork

# Buttons of the edit form that change its shape (a band or a step more or less) rather than the policy.
REARRANGING = ("add_band", "remove_band", "add_step", "remove_step")


def source_text(source: str) -> str:
    """Where a version came from, in words."""
    kind, _sep, rest = source.partition(":")
    if kind == "preset":
        return _("Shipped preset file %(file)s", file=rest)
    if kind == "copy":
        original, _at, version = rest.partition("@v")
        return _("Copied from %(policy)s, version %(version)s", policy=original, version=version)
    if kind == "edit":
        return rest
    return source


def _units_by_policy() -> dict[str, list[OrgUnit]]:
    using: dict[str, list[OrgUnit]] = {}
    for unit in db.session.scalars(select(OrgUnit).where(OrgUnit.policy_id.is_not(None)).order_by(OrgUnit.name)):
        using.setdefault(unit.policy_id, []).append(unit)
    return using


@bp.get("/policies")
def policies():
    return render_template("admin/policies.html", rows=policy.list_latest(db.session), using=_units_by_policy(),
                           is_preset=policy_editor.is_preset, source_text=source_text)


def _copy_form(row, formdata=None) -> forms.CopyPolicyForm:
    form = forms.CopyPolicyForm(formdata=formdata, data={"name": row.name})
    form.unit_id.choices = _units(policy_editor.POLICY_UNIT_KINDS)
    return form


def _versions(policy_id: str):
    """Every version of the policy, newest first, and the one the page asks for (`?version=`, else
    the newest); 404 if there is no such policy or version."""
    versions = policy.versions(db.session, policy_id)
    wanted = request.args.get("version", type=int)
    shown = next((v for v in versions if wanted in (None, v.version)), None)
    if shown is None:
        abort(404)
    return versions, shown


def _policy_page(policy_id: str, copy_form=None, status=200, general_errors=()):
    """A version of a policy, its rules and routes, and its history."""
    versions, shown = _versions(policy_id)
    earlier = next((v for v in versions if v.version < shown.version), None)
    return render_template(
        "admin/policy.html", row=shown, versions=versions, latest=versions[0],
        tables=policy_editor.route_tables(shown.body, earlier.body if earlier else None), earlier=earlier,
        preset=policy_editor.is_preset(policy_id), using=_units_by_policy().get(policy_id, []),
        copy_form=copy_form or _copy_form(shown), general_errors=list(general_errors),
        source_text=source_text, columns=policy_editor.COLUMNS, source_title=policy.source_title,
        approve_due_days=policy_editor.approve_due_days(shown.body)), status


@bp.get("/policies/<policy_id>")
def policy_page(policy_id):
    return _policy_page(policy_id)


@bp.post("/policies/<policy_id>/copy")
def copy_policy(policy_id):
    """Copy the version shown into a new policy, applied where chosen."""
    _all, original = _versions(policy_id)
    form = _copy_form(original, request.form)
    if not form.validate_on_submit():
        return _policy_page(policy_id, form, 422)
    try:
        unit = _pick(OrgUnit, "unit_id", form.unit_id.data, required=False)
        copied = policy_editor.copy(db.session, original, form.new_id.data, form.name.data, unit, current_user)
        UnitOfWork(db.session).commit()  # another admin took the same id meanwhile: saved_concurrently
    except WorkflowError as error:
        db.session.rollback()
        return _policy_page(policy_id, form, error.status, show_error(form, error))
    return _go_on(_("%(name)s is now a policy of its own. Change it here, then publish it.", name=copied.name),
                  "admin.edit_policy", policy_id=copied.policy_id)


def _edit_page(current, form, status=200, preview=None, general_errors=()):
    return render_template("admin/policy_edit.html", row=current, form=form, preview=preview,
                           columns=policy_editor.COLUMNS, general_errors=list(general_errors)), status


def _rearranged(settings: dict, op: str) -> dict:
    """The form's settings with a band or a step added or removed, as the button pressed says
    ("remove_step:2:0": band 2's first step)."""
    verb, *where = op.split(":")
    at = [int(n) for n in where if n.isdigit()]
    bands = settings["bands"]
    try:
        if verb == "add_band":
            last = bands[-1] if bands else {"applicant": [], "tier": [], "types": [], "filing": [], "steps": []}
            bands.append({**last, "min_days": None, "max_days": None, "steps": [{"approvers": [], "joint": False}]})
        elif verb == "remove_band":
            del bands[at[0]]
        elif verb == "add_step":
            bands[at[0]]["steps"].append({"approvers": [], "joint": False})
        elif verb == "remove_step":
            del bands[at[0]]["steps"][at[1]]
    except IndexError:  # a page older than the form it was posted to: leave the form as it was
        pass
    return settings


@bp.route("/policies/<policy_id>/edit", methods=["GET", "POST"])
def edit_policy(policy_id):
    current = policy.latest(db.session, policy_id)
    if current is None:
        abort(404)
    if policy_editor.is_preset(policy_id):
        flash(_("A shipped preset cannot be changed here. Copy it into your jurisdiction's own policy."), "error")
        return redirect(url_for("admin.policy_page", policy_id=policy_id), 303)
    if request.method == "GET":
        data = {**policy_editor.settings_of(current.body), "base_version": current.version}
        return _edit_page(current, forms.PolicyForm(formdata=None, data=data))
    form = forms.PolicyForm()
    op = request.form.get("op", "preview")
    if op.split(":")[0] in REARRANGING:
        return _edit_page(current, forms.PolicyForm(formdata=None, data=_rearranged(form.data, op)))
    if not form.validate_on_submit():
        return _edit_page(current, form, 422)
    edited = form.base_version.data
    base = (policy.pinned(db.session, policy_id, edited) if 0 < edited <= MAX_ID else None) or current
    try:
        if op != "publish":
            body = policy_editor.apply(base.body, form.data)
            return _edit_page(current, form, preview=policy_editor.route_tables(body, base.body))
        published = policy_editor.publish(db.session, base, form.data, form.note.data or "", current_user)
        db.session.commit()
    except WorkflowError as error:
        db.session.rollback()
        return _edit_page(current, form, error.status, general_errors=show_error(form, error))
    except IntegrityError:  # another admin published the same version number at the same moment
        db.session.rollback()
        error = Conflict("policy_changed", version=policy.latest(db.session, policy_id).version)
        return _edit_page(current, form, 409, general_errors=show_error(form, error))
    if published is None:
        message = _("Nothing changed: version %(version)s stays in force.", version=base.version)
    else:
        message = _("Version %(version)s is published. New requests follow it; cases already open keep the "
                    "version they were opened under.", version=published.version)
    return _go_on(message, "admin.policy_page", policy_id=policy_id)
