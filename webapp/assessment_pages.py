"""Assessment (考核) on the case pages: the words for its stages, tasks and actions; an assessment case's
facts (the round, what the system holds on the cadre, each stage's record, the scores and the grade,
objections) and the form of each stage for whoever holds it; a round's facts come from
`webapp.assessment_round_pages`.

Every form posts through the same engine action the API uses, its fields read by that action's own
reader (`Action.read`), so the page refuses exactly what the API refuses, next to the field."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import Field, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import Optional
from wtforms.widgets import TextInput

from webapp import labels, pages
from webapp.forms import ActionForm, uploaded
from workflows.assessment import details
from workflows.assessment.actions import ACTIONS

KIND, ROUND = "assessment", "assessment_round"

# The stages, in the assessment's own words ("final" and "noticed" are other procedures' codes too).
STAGES = {"report": _l("Public self-report"), "survey": _l("Opinion survey"), "site_check": _l("Site check"),
          "opinion": _l("Seeking opinions"), "scoring": _l("Overall evaluation"),
          "scored": _l("Graded, awaiting notice"), "noticed": _l("On public notice"), "final": _l("Final")}
labels.BY_KIND[(KIND, "state")] = STAGES
labels.BY_KIND[(ROUND, "state")] = {"open": _l("In progress"), "noticed": _l("On public notice"),
                                    "published": _l("Published"), "final": _l("Final")}

TASKS = {
    "self_report": (_l("Give your public self-report"),
                    _l("Write what you did this year (公开述职) and attach your report: the survey follows.")),
    "survey": (_l("Record the opinion survey"),
               _l("Enter the counts of satisfied, basically satisfied and unsatisfied answers: the system "
                  "works out the rate.")),
    "site_check": (_l("Record the site check"), _l("Say what the site check of the cadre's work found.")),
    "opinion": (_l("Give the township's and the village committees' opinion"),
                _l("Write the opinion of the township and the village 两委 on the cadre.")),
    "score": (_l("Score the assessment"),
              _l("Score each item within its maximum; the system proposes the grade from the total.")),
    "run_round": (_l("Run the assessment round"),
                  _l("Follow the stages, read the ranking, publish the proposed grades, then finalize them.")),
    "send_results": (_l("Send the results to the dispatching units"),
                     _l("The grades are final: send each cadre's result to their unit by the due date.")),
}
for _kind in (KIND, ROUND):
    labels.BY_KIND[(_kind, "task_kind")] = {code: name for code, (name, _hint) in TASKS.items()}
    labels.BY_KIND[(_kind, "task_hint")] = {code: hint for code, (_name, hint) in TASKS.items()}
    labels.BY_KIND[(_kind, "action")] = {
        "submit": _l("Submit the self-report"), "record_survey": _l("Record the survey"),
        "record_site_check": _l("Record the site check"), "record_opinion": _l("Record the opinion"),
        "score": _l("Record the scores"), "object": _l("Raise an objection"), "notice": _l("Put on notice"),
        "publish": _l("Publish the proposed grades"), "finalize": _l("Finalize the grades"),
        "send_results": _l("Send the results to the units"), "create": _l("Opened"),
        "set_goals": _l("Record the goals"),
    }
labels.ALL.setdefault("assessment_kind", {"annual": _l("Annual assessment"), "semiannual": _l("Semiannual review"),
                                          "term_end": _l("End-of-term assessment")})
labels.ALL.setdefault("assessment_excluded", {"not_in_post": _l("No longer in post"),
                                              "under_min_months": _l("Under the months in post required"),
                                              "assessed_already": _l("Assessed at the term's end already")})
labels.ALL.setdefault("assessment_forced", {
    "absence_limit": _l("Absent without leave over the policy's limits"),
    "quarter_short": _l("A quarter under the policy's days in the village"),
})


# ---------------------------------------------------------------- forms

class ScoresField(Field):
    """The posted `scores.<item code>` fields together, as {code: text}: one number field per item of the
    policy (how many is the policy's, so the form cannot list them as fields of its own)."""
    widget = TextInput()

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors, self.raw_data = [], []
        self.object_data = data
        self.data = dict(data) if isinstance(data, dict) else {}
        if formdata is not None:
            prefix = self.name + "."
            found = {key[len(prefix):]: formdata.get(key) for key in formdata if key.startswith(prefix)}
            if found:
                self.data = found
                self.raw_data = list(found.values())


class ReportForm(ActionForm):
    text = TextAreaField(_l("Self-report"), validators=[Optional()])
    document = FileField(_l("Report (PDF, JPEG or PNG)"))


class SurveyForm(ActionForm):
    # Text here: "a whole number from 0" is the workflow's rule, refused under the field.
    satisfied = StringField(_l("Satisfied"), validators=[Optional()])
    basic = StringField(_l("Basically satisfied"), validators=[Optional()])
    unsatisfied = StringField(_l("Unsatisfied"), validators=[Optional()])


class TextForm(ActionForm):
    text = TextAreaField(_l("What was found"), validators=[Optional()])


class ScoreForm(ActionForm):
    scores = ScoresField(_l("Scores"))
    grade = SelectField(_l("Grade"), choices=[SelectChoice("", "—")] + [SelectChoice(g, n) for g, n in labels.GRADES.items()],
                        validate_choice=False, validators=[Optional()])
    reason = TextAreaField(_l("Reason for another grade than the proposed one"), validators=[Optional()])


def _read(action: str, values: dict) -> dict:
    """The form's values read by the action's own reader, as the API's body is."""
    return ACTIONS[action].read(values)


def _report(form) -> dict:
    return {**_read("submit", {"text": form.text.data or ""}), "documents": uploaded(form.document)}


def _survey(form) -> dict:
    return _read("record_survey", {k: (getattr(form, k).data or "").strip() for k in ("satisfied", "basic", "unsatisfied")})


def _text(action: str):
    return lambda form: _read(action, {"text": form.text.data or ""})


def _scores(form) -> dict:
    # An empty field is an item not scored: the workflow names it ("score_missing").
    given = {code: value.strip() for code, value in (form.scores.data or {}).items() if value and value.strip()}
    return _read("score", {"scores": given, "grade": form.grade.data or None, "reason": form.reason.data or None})


def _score_start(case) -> dict:
    """The presence item pre-filled from what the system holds; the grade the one proposed, if scored."""
    view = details.assessment(case) or {}
    a = case.assessment
    scores = dict(a.scores or {}) or {i["code"]: i["suggested"] for i in view.get("items", []) if "suggested" in i}
    return {"scores": scores, "grade": a.grade or a.proposed_grade or ""}


pages.register(pages.Pages(
    kind=KIND,
    title=_l("Assessment of %(name)s"),
    facts="assessment/_facts.html",
    forms="assessment/_forms.html",
    summary="assessment/_summary.html",
    actions={
        "submit": pages.ActionPage(ReportForm, _report, done=_l("Your self-report is in: the survey follows.")),
        "record_survey": pages.ActionPage(SurveyForm, _survey, done=_l("The survey is recorded.")),
        "record_site_check": pages.ActionPage(TextForm, _text("record_site_check"),
                                              done=_l("The site check is recorded.")),
        "record_opinion": pages.ActionPage(TextForm, _text("record_opinion"), done=_l("The opinion is recorded.")),
        "score": pages.ActionPage(ScoreForm, _scores, _score_start, _l("The scores are recorded.")),
        "object": pages.ActionPage(TextForm, _text("object"),
                                   done=_l("Your objection is recorded: the case goes back to its evaluation.")),
    },
))


def register(app) -> None:
    app.add_template_global(details.assessment, "assessment_view")


pages.register(pages.Pages(
    kind=ROUND,
    title=_l("Assessment round: %(name)s"),
    facts="assessment/_round_facts.html",
    summary="assessment/_round_summary.html",
    # Publish, finalize and send_results take the generic form (a comment and the button).
))
