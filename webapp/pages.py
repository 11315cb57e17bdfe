"""The page side of each procedure: its template parts and the forms of its own actions.

The generic case page and inbox include a kind's parts (`facts`, `forms`, `summary`); an action a
kind gives no form of its own gets the generic one (a comment and a button), and approve, reject
and return share the decision form. A kind that registers nothing here still has a working page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from flask_babel import lazy_gettext as _l

from webapp.forms import ActionForm


@dataclass(frozen=True)
class ActionPage:
    form: type = ActionForm
    # The action's own fields, read from its posted form, as the API's reader gives them.
    data: Callable = lambda form: {}
    # The form's starting values, from the case as it is now.
    initial: Callable = lambda case: {}
    done: object = _l("Done.")


@dataclass(frozen=True)
class Pages:
    kind: str
    title: object = _l("Case")  # with %(name)s: whom the case is about
    # The title for one case, where it depends on the case (case → text with %(name)s); else `title`.
    title_for: Callable | None = None
    facts: str | None = None     # template part: the kind's facts on the case page
    forms: str | None = None     # template part: the forms of its own actions
    summary: str | None = None   # template part: what an inbox row says of the case
    actions: dict[str, ActionPage] = field(default_factory=dict)
    # Forms the page offers beside the actions (e.g. a leave's extension), by name: (case, user) → form.
    extra_forms: Callable = lambda case, user, active, active_form: {}


_PAGES: dict[str, Pages] = {}

# Approve, reject and return share one form: the approver writes one comment, then decides.
DECISIONS = ("approve", "reject", "return")
DECISION_DONE = {
    "approve": _l("Your approval is recorded."),
    "reject": _l("You rejected this request."),
    "return": _l("You returned the request to the applicant for revision."),
}


def register(pages: Pages) -> Pages:
    _PAGES[pages.kind] = pages
    return pages


def unregister(kind: str) -> None:
    _PAGES.pop(kind, None)


def of(kind: str) -> Pages:
    return _PAGES.get(kind) or Pages(kind)


def action_page(kind: str, action: str) -> ActionPage:
    found = of(kind).actions.get(action)
    if found is not None:
        return found
    return ActionPage(done=DECISION_DONE.get(action, _l("Done.")))
