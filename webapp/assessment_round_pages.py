"""An assessment round (考核轮次) on the pages: opening one (/assessment/rounds/new, for whoever holds the
office the policy names to open it), what the round's case page shows (how many cases stand at each
stage, who is late with what, the ranking, the grade distribution as a chart drawn on the server, the
quota, who was left out and why, the notice window), and the results as an .xlsx sheet."""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from models import OrgUnit
from webapp import labels
from webapp.assessment_pages import ROUND, STAGES
from webapp.cases import visible_case
from webapp.downloads import send_xlsx
from webapp.extensions import db
from webapp.forms import optional_id, show_error
from workflows import clock, due, offices
from workflows.assessment import details, rules, scoring, services
from workflows.errors import WorkflowError
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("assessment_rounds", __name__, url_prefix="/assessment/rounds")

# The sheet is filed as it is: its words are Chinese whatever the reader's language.
GRADE_WORDS = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
KIND_WORDS = {"annual": "年度考核", "semiannual": "半年考评", "term_end": "期满考核"}


# ---------------------------------------------------------------- opening a round

def openable_units(user) -> list[OrgUnit]:
    """The counties and cities whose policy lets this user open a round there: among those at or above
    the units of the user's offices (asked on every page, for the menu: a few units, one policy read each)."""
    if not offices.acting_offices(user):
        return []
    units = {u.id: u for g in user.grants if g.role in offices.OFFICE_CODES
             for u in g.org_unit.ancestors() if u.kind in services.ROUND_UNITS}
    versions: dict = {}
    return [u for u in sorted(units.values(), key=lambda u: (u.kind, u.name))
            if services.may_open(db.session, user, u, cache=versions)]


def may_open_rounds(user) -> bool:
    return bool(openable_units(user))


def default_period() -> str:
    """The year just assessed: a round in January (001 第十二条's window runs into it) is last year's."""
    today = clock.today()
    return str(today.year - 1 if today.month == 1 else today.year)


class OpenRoundForm(FlaskForm):
    # Optional here: the kind, the period's form and the unit are the workflow's rules.
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k, labels.ALL["assessment_kind"][k]) for k in rules.KINDS],
                       validate_choice=False, validators=[Optional()])
    period = StringField(_l("Period (2026, or 2026H1 for a half year)"), validators=[Optional()])
    org_unit_id = SelectField(_l("County or city"), coerce=optional_id, validate_choice=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.org_unit_id.choices = [(u.id, u.name) for u in units]


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    units = openable_units(current_user)
    if not units:
        abort(403)
    form = OpenRoundForm(units=units, data={"period": default_period(), "kind": "annual"})
    general, status = (), 200
    if form.is_submitted():
        try:
            with UnitOfWork(db.session) as uow:
                case = services.open_round(db.session, current_user, {
                    "kind": form.kind.data, "period": (form.period.data or "").strip(),
                    "org_unit_id": form.org_unit_id.data})
                uow.commit()
            return redirect(url_for("cases.detail", case_id=case.id), 303)
        except WorkflowError as error:
            general, status = show_error(form, error), error.status
    return render_template("assessment/new_round.html", form=form, general_errors=general), status


# ---------------------------------------------------------------- the round's page

@dataclass(frozen=True)
class Bar:
    grade: str
    count: int
    percent: int   # of those graded, for the bar's length


def _round_case(case_id: int):
    case = visible_case(case_id)
    if case.kind != ROUND or case.assessment_round is None:
        abort(404)
    return case


def stage_counts(view: dict) -> list[tuple[str, int]]:
    """Every stage in the order of the procedure, with how many cases stand there (none included)."""
    return [(stage, view["stages"].get(stage, 0)) for stage in STAGES]


def late(case) -> list[dict]:
    """The cases with an overdue task: whose, which task, due when."""
    found = []
    for a in case.assessment_round.assessments:
        for task in a.case.open_tasks:
            if due.is_overdue(task):
                found.append({"case_id": a.case_id, "name": a.case.subject.name if a.case.subject else "",
                              "task": task.kind, "due_date": task.due_date})
    return found


def chart(view: dict) -> list[Bar]:
    """The grade distribution, one bar per grade: the grades as scored until the round is final, then final."""
    counts = view["grades"]
    most = max(counts.values(), default=0)
    return [Bar(g, counts.get(g, 0), round(100 * counts.get(g, 0) / most) if most else 0) for g in labels.GRADES]


def round_view(case) -> dict:
    """What the round's page shows, from the API's details of the round."""
    view = details.round_details(case)
    r = case.assessment_round
    by_case = {a.case_id: a for a in r.assessments}
    ranking = [{**row, "village": by_case[row["case_id"]].case.village.name if by_case[row["case_id"]].case.village
                else "", "proposed_grade": by_case[row["case_id"]].proposed_grade}
               for row in view["ranking"]]
    return {**view, "ranking": ranking, "stage_counts": stage_counts(view), "late_rows": late(case),
            "bars": chart(view), "unscored": len(r.assessments) - len(ranking)}


@bp.get("/<int:case_id>")
@login_required
def show(case_id):
    """The round's address: its case page, where its figures and its actions are."""
    return redirect(url_for("cases.detail", case_id=_round_case(case_id).id), 303)


# ---------------------------------------------------------------- the results sheet

def rows(case) -> tuple[list[str], list[list]]:
    """The sheet's headers (an item's name per column, the policy's) and one row per cadre, ranked first."""
    r = case.assessment_round
    items = details.assessment(r.assessments[0].case)["items"] if r.assessments else []
    headers = ["姓名", "派出单位", "驻村", *[i["name"] for i in items], "总分", "排名", "拟定等次", "等次", "满意度"]
    rank_of = {a.case_id: rank for rank, a in scoring.ranking(r.assessments)}
    ordered = sorted(r.assessments, key=lambda a: (rank_of.get(a.case_id, len(rank_of) + 1), a.case_id))
    out = []
    for a in ordered:
        view = details.assessment(a.case)
        person = a.case.subject
        scores = a.scores or {}
        rate = view["survey"]["rate"]
        out.append([person.name if person else "", person.home_unit.name if person and person.home_unit else "",
                    a.case.village.name if a.case.village else "",
                    *[_number(scores.get(i["code"])) for i in items], _number(a.total), rank_of.get(a.case_id),
                    GRADE_WORDS.get(a.proposed_grade, ""), GRADE_WORDS.get(a.grade, ""),
                    f"{rate}%" if rate is not None else ""])
    return headers, out


def _number(value):
    return float(value) if value is not None else None


def workbook(case) -> bytes:
    from openpyxl import Workbook
    r = case.assessment_round
    headers, body = rows(case)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(r.period)
    sheet.append([f"{r.org_unit.name} {r.period} {KIND_WORDS.get(r.kind, r.kind)}结果"])
    sheet.append(headers)
    for row in body:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@bp.get("/<int:case_id>.xlsx")
@login_required
def xlsx(case_id):
    case = _round_case(case_id)
    content = workbook(case)
    return send_xlsx(content, f"assessment-{case.assessment_round.period}-{case.id}.xlsx")


def register(app) -> None:
    app.add_template_global(round_view, "assessment_round_view")
    app.add_template_global(may_open_rounds, "may_open_assessment_rounds")
    app.register_blueprint(bp)

