"""Recall (召回) and adjustment (调整) on the pages: starting one from the cadre's page (the policy's
grounds as checkboxes, the reason), the case page's parts (the evidence the system holds: absence
spells, warnings, grades), the forms of the unit's confirmation and its named replacement, and the
recall notice (召回通知) as a printable page."""
from datetime import date

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from webapp import labels, pages
from webapp.cases import visible_case
from webapp.extensions import db
from webapp.forms import optional_id, show_error
from workflows import clock, people, records
from workflows.errors import WorkflowError
from workflows.recall import rules, services
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("recall", __name__)

labels.STATES.setdefault("dismissed", _l("Dismissed: no recall"))
labels.STATES.setdefault("notified", _l("Recall notice issued"))
labels.STATES.setdefault("adjusted", _l("Adjusted"))
labels.STATES.setdefault("recalled", _l("Recalled"))
labels.STATES.setdefault("criticized", _l("Closed with criticism and education"))
labels.TASK_KINDS.setdefault("propose", _l("Take up or withdraw a recall draft"))
labels.TASK_HINTS.setdefault("propose", _l("The system found a recall ground in the cadre's records: a person "
                                            "decides whether to propose the recall, or withdraws the draft saying why."))
labels.TASK_KINDS.setdefault("confirm", _l("Recall the cadre: record the talk"))
labels.TASK_HINTS.setdefault("confirm", _l("A recall notice was issued: recall the cadre, and record the talk "
                                            "your unit's head held with them."))
labels.ALL.setdefault("recall_path", {"recall": _l("Recall"), "adjustment": _l("Adjustment on application")})
for _name, _text in {"criticize": _l("Criticism and education"), "confirm": _l("Confirm the recall"),
                     "propose_replacement": _l("Name the replacement")}.items():
    labels.ALL["action"].setdefault(_name, _text)
labels.ALL.setdefault("warning_kind", {"criticism": _l("Criticism and education"),
                                       "spot_check_absence": _l("Absent at a spot check")})
# 001 第九条(五): the grounds, by their number (another policy's own list shows its own words).
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


class ConfirmForm(FlaskForm):
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    # Optional here: "required" and "not in the future" are the workflow's rules.
    talk_date = DateField(_l("Date of the talk"), validators=[Optional()])
    note = TextAreaField(_l("What was said"), validators=[Optional(), Length(max=2000)])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class ReplacementForm(FlaskForm):
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    replacement_person_id = IntegerField(_l("Replacement (person number)"), validators=[Optional()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class NameReplacementForm(FlaskForm):
    """The dispatching unit names who fills the post (a select of its people on no team) and their first day."""
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    person_id = SelectField(_l("Replacement"), coerce=optional_id, validate_choice=False)
    start_date = DateField(_l("First day in the village"), validators=[Optional()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person_id.choices = [("", "—")] + [(p.id, p.name) for p in candidates]


def _replacement_start(case) -> dict:
    from workflows.vacancy import services as vacancy_services
    return {"candidates": vacancy_services.candidates(db.session, case), "start_date": clock.today()}


class StartForm(FlaskForm):
    grounds = SelectMultipleField(_l("Grounds"), coerce=int, widget=ListWidget(prefix_label=False),
                                  option_widget=CheckboxInput(), validate_choice=False)
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=services.REASON_MAX)])


pages.register(pages.Pages(
    kind="recall",
    title=_l("Recall or adjustment of %(name)s"),
    facts="recall/_facts.html",
    forms="recall/_forms.html",
    summary="recall/_summary.html",
    # Submit, withdraw and criticize take the generic form (a comment and the button).
    actions={
        "confirm": pages.ActionPage(ConfirmForm, lambda f: {"talk_date": f.talk_date.data, "note": f.note.data},
                                    lambda case: {"talk_date": clock.today()},
                                    _l("The cadre is recalled; the term ended on the notice date.")),
        "propose_replacement": pages.ActionPage(
            ReplacementForm, lambda f: {"replacement_person_id": f.replacement_person_id.data},
            done=_l("The replacement is named.")),
        "name_replacement": pages.ActionPage(
            NameReplacementForm, lambda f: {"person_id": f.person_id.data, "start_date": f.start_date.data},
            _replacement_start, _l("The post is filled: the replacement starts on the day named.")),
    },
))


def isodate(value: str) -> str:
    """An ISO date kept in a case's evidence, as the page shows dates."""
    from webapp.views import fmt_date
    return fmt_date(date.fromisoformat(value)) if value else ""


def _section(version) -> dict:
    return rules.settings(version.body if version is not None else None)


def ground_text(case, number: int) -> str:
    """A ground in the words of the case's policy (the seed's), else the product's label."""
    found = rules.ground_label(_section(case.policy), number)
    return found or str(labels.ALL["recall_ground"].get(str(number), number))


def record_of(case) -> dict:
    """What the system holds on the cadre, for the decision: warnings and grades."""
    if case.subject is None:
        return {"warnings": [], "grades": []}
    return {"warnings": records.warnings(db.session, case.subject), "grades": records.grades(db.session, case.subject)}


def _posting(person):
    from workflows.leave.services import posting
    try:
        return posting(db.session, person, clock.today())
    except WorkflowError:
        return None


def may_start(person) -> bool:
    """Whether the reader may open a recall or an adjustment about this cadre."""
    where = _posting(person)
    if where is None:
        return False
    section = rules.settings(where.policy.body)
    return any(services.may_open(current_user, person, where.village, section, path) for path in rules.PATHS)


@bp.route("/people/<int:person_id>/recall", methods=["GET", "POST"])
@login_required
def start(person_id):
    person = people.readable_person(db.session, person_id, current_user, clock.today())
    where = _posting(person)
    if where is None or not may_start(person):
        abort(403)
    section = rules.settings(where.policy.body)
    form = StartForm()
    form.grounds.choices = [(g["number"], f'{g["number"]}. {g["label"]}') for g in section["grounds"]]
    general, status = (), 200
    if form.is_submitted():
        try:
            with UnitOfWork(db.session) as uow:
                case = services.create(db.session, current_user, person.id,
                                       {"grounds": form.grounds.data or [], "reason": form.reason.data or ""})
                uow.commit()
            return redirect(url_for("cases.detail", case_id=case.id), 303)
        except WorkflowError as error:
            general, status = show_error(form, error), error.status
    return render_template("recall/start.html", person=person, form=form, section=section,
                           general_errors=general), status


@bp.get("/cases/<int:case_id>/notice")
@login_required
def notice(case_id):
    """召回通知, for print: the number, the date, the cadre, the unit, the grounds, the issuing office."""
    case = visible_case(case_id)
    if case.kind != "recall" or case.recall is None or case.recall.notice_no is None:
        abort(404)
    return render_template("recall/notice.html", case=case, r=case.recall,
                           grounds=[ground_text(case, g) for g in case.recall.grounds])


def register(app) -> None:
    app.add_template_filter(isodate, "isodate")
    app.add_template_global(ground_text, "recall_ground_text")
    app.add_template_global(record_of, "recall_record")
    app.add_template_global(may_start, "may_start_recall")
    app.register_blueprint(bp)
