"""The end of a term (到期) on the pages: the case's facts (the term, its planned end, the days left, the
decision) and the dispatching unit's two forms: extend to a new end date, or rotate, naming one of its
people serving on no team and the handover date (at least the policy's overlap away)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from webapp import labels, pages
from webapp.extensions import db
from webapp.forms import optional_id
from workflows.term_end import rules

labels.STATES.setdefault("deciding", _l("Awaiting the unit's decision"))
labels.STATES.setdefault("rotated", _l("Rotated: successor named"))
# "extended" and "extend" are leave's words too: a term-end case says them in its own.
labels.BY_KIND[("term_end", "state")] = {"extended": _l("Term extended")}
labels.BY_KIND[("term_end", "action")] = {"extend": _l("Extend the term"),
                                          "reopen": _l("Asked again: the handover was called off")}
labels.TASK_KINDS.setdefault("decide_term_end", _l("Decide at the end of a term: extend or rotate"))
labels.TASK_HINTS.setdefault("decide_term_end", _l("Your cadre's term ends soon: extend it to a new end date, or "
                                                   "name a successor who arrives before the cadre leaves."))
labels.ACTIONS.setdefault("rotate", _l("Rotate: name a successor"))
labels.ALL.setdefault("term_end_decision", {"extend": _l("Term extended"), "rotate": _l("Rotated")})


class ExtendForm(FlaskForm):
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    # Optional here: "required", "after the planned end" and "within the term's length" are the workflow's.
    end_date = DateField(_l("New end of the term"), validators=[Optional()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class RotateForm(FlaskForm):
    """A successor from the unit's own people on no team, and the handover date."""
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    incoming_person_id = SelectField(_l("Successor"), coerce=optional_id, validate_choice=False)
    handover_date = DateField(_l("Handover date"), validators=[Optional()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.incoming_person_id.choices = [("", "—")] + [(p.id, p.name) for p in candidates]


def _rotate_start(case) -> dict:
    from workflows.vacancy import services as vacancy_services
    overlap = rules.of_case(db.session, case)["overlap_days"]
    return {"candidates": vacancy_services.candidates(db.session, case),
            "handover_date": rules.earliest_handover(overlap)}


def _extend_start(case) -> dict:
    return {"end_date": None}


pages.register(pages.Pages(
    kind="term_end",
    title=_l("End of term of %(name)s"),
    facts="term_end/_facts.html",
    forms="term_end/_forms.html",
    actions={
        "extend": pages.ActionPage(ExtendForm, lambda f: {"end_date": f.end_date.data}, _extend_start,
                                   _l("The term is extended; the county office is told.")),
        "rotate": pages.ActionPage(RotateForm, lambda f: {"incoming_person_id": f.incoming_person_id.data,
                                                          "handover_date": f.handover_date.data},
                                   _rotate_start, _l("The successor is named: the handover is open.")),
    },
))


def overlap_of(case) -> int:
    """The policy's overlap (压茬) in days, which the rotate form states."""
    return rules.of_case(db.session, case)["overlap_days"]


def register(app) -> None:
    app.add_template_global(overlap_of, "term_end_overlap")
