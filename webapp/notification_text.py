"""Notifications in words: each is stored as a code and parameters, and worded here in the reader's
language when shown, so that the same note reads in Chinese or in English."""
from datetime import date

from flask_babel import gettext as _

from webapp.labels import label
from webapp.views import fmt_date


def _params(params: dict) -> dict:
    """The stored parameters, with codes and dates as a reader writes them."""
    words = dict(params)
    if "task_kind" in params:
        words["task"] = label("task_kind", params["task_kind"])
    if "office" in params:
        words["office"] = label("office", params["office"])
    if "state" in params:
        words["state"] = label("state", params["state"])
    if "action" in params:
        words["action"] = label("action", params["action"])
    if "due" in params:
        words["due"] = fmt_date(date.fromisoformat(params["due"]))
    return words


def render(note) -> str:
    p = {"case": note.case_id, "unit": "", **_params(note.params or {})}
    if note.code == "task_due_soon":
        return _("Due on %(due)s: %(task)s, case #%(case)s.", **p)
    if note.code == "task_overdue":
        return _("Overdue since %(due)s: %(task)s, case #%(case)s.", **p)
    if note.code == "task_escalated":
        return _("%(task)s on case #%(case)s, due %(due)s, is now supervised by %(unit)s %(office)s.", **p)
    if note.code == "case_supervised":
        return _("For supervision: %(task)s on case #%(case)s was due %(due)s and is still open.", **p)
    if note.code == "case_decided":
        return _("Case #%(case)s is now %(state)s (%(action)s: %(actor)s).", **p)
    if note.code == "missed_day_to_confirm":
        p["date"] = fmt_date(date.fromisoformat(p["date"]))
        return _("%(person)s could not sign in on %(date)s: the day waits for your confirmation as %(office)s.", **p)
    return note.code
