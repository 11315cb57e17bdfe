"""Pages: one case of any kind, with its route, its history and the actions the viewer may take on it.

An action posts to /cases/<id>/act/<action> and calls workflows.engine.act inside a UnitOfWork,
exactly as the JSON API does: the page never decides who may do what; it offers the actions
workflows.access.available_actions names and shows the workflow's refusals. What a kind shows and
asks for of its own comes from its page registration (webapp.pages).
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from webapp import pages, route_view
from webapp.downloads import send_document
from webapp.errors import kept_form
from webapp.extensions import db
from webapp.forms import show_error
from webapp.messages import describe_error
from workflows import access, clock, engine, queries, registry
from workflows.errors import Conflict, InvalidInput
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("cases", __name__, url_prefix="/cases")


def _group(action: str) -> str:
    return "decide" if action in pages.DECISIONS else action


def visible_case(case_id: int):
    return engine.visible_case(db.session, case_id, current_user)


@bp.get("/<int:case_id>")
@login_required
def detail(case_id):
    return render(visible_case(case_id))


@bp.get("/<int:case_id>/documents/<int:document_id>")
@login_required
def document(case_id, document_id):
    """A file on the case, for whoever may see the case (the approvers among them)."""
    return send_document(engine.attachment_of(visible_case(case_id), document_id))


@bp.post("/<int:case_id>/act/<action>")
@login_required
def act(case_id, action):
    case = visible_case(case_id)
    if action not in registry.get(case.kind).actions:
        abort(404)
    page = pages.action_page(case.kind, action)
    form = page.form()
    if not form.validate():
        return render(case, action, form, status=422)
    try:
        with UnitOfWork(db.session) as uow:
            engine.act(db.session, case_id, action, current_user, form.version.data,
                       form.comment.data, page.data(form))
            uow.commit()
    except InvalidInput as error:
        # Nothing changed (the unit of work rolled back): show the page again, the refusal
        # under the field it names, with what the user typed.
        general = show_error(form, error)
        return render(visible_case(case_id), action, form, general, status=error.status)
    except Conflict as error:
        # The case moved on (another approver, another tab): show it as it is now, and say why.
        flash(describe_error(error), "error")
        return redirect(url_for("cases.detail", case_id=case_id), 303)
    flash(str(page.done), "success")
    return redirect(url_for("cases.detail", case_id=case_id), 303)


@bp.get("/<int:case_id>/act/<action>")
@login_required
def act_again(case_id, action):
    """The address a refused form keeps in the address bar, and the way back after logging in
    from a form whose session had ended: the case page, with the text the user typed if it was kept."""
    case = visible_case(case_id)
    kept = kept_form(request.path)
    if kept is None or action not in access.available_actions(current_user, case):
        return redirect(url_for("cases.detail", case_id=case_id), 303)
    form = pages.action_page(case.kind, action).form(formdata=MultiDict(kept))
    flash(str(_l("Your session had ended. What you typed is kept: check it and send it again.")), "error")
    return render(case, action, form)


def _blank_form(case, action: str):
    """The form for an action the page offers, filled from the case as it is now."""
    page = pages.action_page(case.kind, action)
    return page.form(formdata=None, version=case.version, **page.initial(case))


def render(case, active: str | None = None, active_form=None, general_errors=(), status=200):
    actions = access.available_actions(current_user, case)
    parts = pages.of(case.kind)
    forms = parts.extra_forms(case, current_user, active, active_form)
    for action in actions:
        group = _group(action)
        if group not in forms:
            forms[group] = active_form if active and _group(active) == group else _blank_form(case, action)
    return render_template(
        "cases/detail.html", case=case, parts=parts, details=getattr(case, case.kind, None), actions=actions,
        forms=forms, active=_group(active) if active else None, general_errors=list(general_errors),
        route=route_view.of_case(case), history=queries.history(db.session, case),
        is_applicant=access.is_subject(current_user, case), today=clock.today(),
    ), status
