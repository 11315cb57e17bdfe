"""Pages: 系统管理 → 节假日. Where each year's working days come from, and the State Council's holiday
notice for a year entered as lines of text: previewed, then saved as the year's next version.
The rules are `workflows.calendar`'s and `workflows.holiday_notices`'s."""
from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired

from webapp.admin import _go_on, bp
from webapp.extensions import db
from webapp.forms import show_error
from workflows import calendar, clock, holiday_notices
from workflows.errors import WorkflowError
from workflows.unit_of_work import UnitOfWork


class NoticeForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired()])
    lines = TextAreaField(_l("Holidays and adjusted working days"), validators=[InputRequired()])


def years_without_holidays() -> list[int]:
    """This year and the next, where their working days fall back to Monday–Friday."""
    this_year = clock.today().year
    return calendar.unknown_years(db.session, (this_year, this_year + 1))


# A callable, so that only the pages that show the warning pay for its queries.
bp.context_processor(lambda: {"years_without_holidays": years_without_holidays})


def _years_shown() -> list[tuple[int, str]]:
    """The years around today, the package's last and every year a notice was entered for, with the
    source of their working days; newest first."""
    this_year = clock.today().year
    years = {this_year - 1, this_year, this_year + 1, calendar.PACKAGE_YEARS[-1]}
    years |= {n.year for n in holiday_notices.history(db.session)}
    return [(year, calendar.source(db.session, year)) for year in sorted(years, reverse=True)]


def _page(form, status=200, preview=None, general_errors=()):
    return render_template(
        "admin/calendar.html", form=form, years=_years_shown(), notices=holiday_notices.history(db.session),
        current={n.year: n for n in holiday_notices.history(db.session) if n.superseded_at is None},
        package_years=calendar.PACKAGE_YEARS, preview=preview, general_errors=list(general_errors)), status


@bp.get("/calendar")
def calendar_page():
    return _page(NoticeForm(data={"year": clock.today().year + 1}))


@bp.post("/calendar")
def enter_notice():
    """预览 shows what the lines say; 保存 stores them as the year's next version, in one transaction."""
    form = NoticeForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        if request.form.get("op") != "save":
            return _page(form, preview=holiday_notices.parse(form.year.data, form.lines.data))
        with UnitOfWork(db.session) as uow:
            notice = holiday_notices.enter(db.session, form.year.data, form.lines.data, current_user)
            uow.commit()  # another admin saved the same year meanwhile: 409 saved_concurrently
    except WorkflowError as error:
        db.session.rollback()
        return _page(form, error.status, general_errors=show_error(form, error))
    return _go_on(_("The holidays of %(year)s are saved as version %(version)s.", year=notice.year,
                    version=notice.version), "admin.calendar_page")
