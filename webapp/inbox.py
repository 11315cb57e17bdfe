"""Pages: an approver's inbox (open tasks), the filed-with-us list (备案) and their archive."""
from flask import Blueprint, current_app, render_template, request
from flask_login import current_user, login_required

from webapp.extensions import db
from webapp.views import page_number
from workflows import clock, queries

bp = Blueprint("inbox", __name__, url_prefix="/inbox")

# Tab → the query that fills it. Each returns a queries.Page of tasks or filings.
TABS = {
    "inbox": queries.inbox,
    "filed": queries.filed_with,
    "done": queries.done_by,
    "supervised": queries.supervised,
}


@bp.get("/")
@login_required
def index():
    tab = request.args.get("tab", "inbox")
    if tab not in TABS:
        tab = "inbox"
    page = page_number()
    overdue, sort = request.args.get("overdue") == "1", request.args.get("sort", "new")
    options = {"overdue": overdue, "sort": "due" if sort == "due" else "new"} if tab == "inbox" else {}
    result = TABS[tab](db.session, current_user, page, current_app.config["PER_PAGE"], **options)
    return render_template("inbox/index.html", tab=tab, result=result, today=clock.today(), **options)
