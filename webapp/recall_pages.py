"""Recall (召回) on the generic case page and inbox: its template parts and the names of its paths,
grounds, states, tasks and grades. So far the draft the system opens on absence over the thresholds,
which the county office withdraws with the generic form (a comment and a button)."""
from datetime import date

from flask_babel import lazy_gettext as _l

from webapp import labels, pages

labels.STATES.setdefault("dismissed", _l("Dismissed: no recall"))
labels.TASK_KINDS.setdefault("propose", _l("Take up or withdraw a recall draft"))
labels.TASK_HINTS.setdefault("propose", _l("The system found a recall ground in the cadre's records: a person "
                                            "decides whether to propose the recall, or withdraws the draft saying why."))
labels.ALL.setdefault("recall_path", {"recall": _l("Recall"), "adjustment": _l("Adjustment on application")})
# 001 第九条(五): the grounds, by their number.
labels.ALL.setdefault("recall_ground", {
    "1": _l("Transferred, resigned or dismissed during the term"),
    "2": _l("Cannot work for health reasons"),
    "3": _l("Annual grade incompetent"),
    "4": _l("Absent without good reason over the limits"),
    "5": _l("Self-criticism or warning talk twice or more"),
    "6": _l("Satisfaction rating under sixty percent"),
    "7": _l("Punished for breaking discipline or law"),
    "8": _l("Judged unfit by the county or township"),
})

pages.register(pages.Pages(
    kind="recall",
    title=_l("Recall or adjustment of %(name)s"),
    facts="recall/_facts.html",
    summary="recall/_summary.html",
))


def isodate(value: str) -> str:
    """An ISO date kept in a case's evidence, as the page shows dates."""
    from webapp.views import fmt_date
    return fmt_date(date.fromisoformat(value)) if value else ""
