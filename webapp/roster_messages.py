"""Words for the roster import's problem codes (花名册导入), merged into webapp.messages.MESSAGES."""
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "roster_invalid": _l("The roster has %(count)s problem(s); nothing was imported."),
    "roster_unreadable": _l("The file could not be read as CSV (UTF-8) or as an Excel workbook (.xlsx)."),
    "roster_content_type": _l("Send the roster as text/csv (UTF-8) or as an .xlsx workbook."),
    "roster_no_header": _l("The file is empty: its first row must be the header %(columns)s."),
    "roster_missing_column": _l("The header row lacks the column “%(column)s”."),
    "roster_village_not_found": _l("No village is named “%(name)s”."),
    "roster_village_ambiguous": _l("Several villages are named “%(name)s” (in %(parents)s): write the "
                                   "township too, e.g. “%(example)s”."),
    "roster_dispatching_unit_not_found": _l("No dispatching unit is named “%(name)s”."),
    "roster_dispatching_unit_ambiguous": _l("Several dispatching units are named “%(name)s” (under "
                                            "%(parents)s): write which, e.g. “%(example)s”."),
    "roster_username_repeated": _l("This username is already in row %(row)s: one row per person."),
    "roster_username_office": _l("“%(username)s” is an office's account, not a person's: choose another "
                                 "username."),
    "roster_posting_partial": _l("Fill in 驻村, 职务, 任期开始 and 任期结束 together, or leave all four empty for a "
                                 "cadre not posted yet."),
}


def problem_rows(problems) -> list[dict]:
    """A roster's problems as the API and the admin page list them: row, column, words."""
    from webapp.messages import describe  # it merges this module's words: import it late
    return [{"row": p.row, "field": p.field, "message": describe(p.code, p.field, **p.params)} for p in problems]
