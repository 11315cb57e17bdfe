"""Explanations (情况说明) on the generic case page and inbox: their template parts, the cadre's form,
and the names of their states, tasks and actions."""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from webapp import labels, pages
from webapp.forms import ActionForm
from workflows.spot_checks.actions import TEXT_MAX


class ExplanationForm(ActionForm):
    """The cadre's explanation. Whether it is given is the workflow's call (the API's refusal, the same words)."""
    text = TextAreaField(_l("Explanation"), validators=[Optional(), Length(max=TEXT_MAX)])


labels.STATES.update({
    "open": _l("Awaiting the cadre's explanation"),
    "excused": _l("Excused: not counted as absence"),
    "counted": _l("Counted as absence"),
})
labels.TASK_KINDS.update({"explain": _l("Explain an absence found by a spot check")})
labels.TASK_HINTS.update({"explain": _l("A spot check did not find you at your post: say why in writing.")})
labels.ACTIONS.update({"monthly_batch": _l("Sent to the city with the month's explanations")})

pages.register(pages.Pages(
    kind="explanation",
    title=_l("Explanation of absence by %(name)s"),
    facts="spot_checks/_facts.html",
    forms="spot_checks/_forms.html",
    summary="spot_checks/_summary.html",
    actions={
        "submit": pages.ActionPage(ExplanationForm, lambda form: {"text": form.text.data or ""},
                                   lambda case: {"text": case.explanation.text or ""},
                                   _l("Your explanation was sent to your dispatching unit.")),
    },
))
