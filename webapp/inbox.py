"""Pages: an approver's inbox (open tasks), the filed-with-us list and their archive."""
from flask import Blueprint, render_template
from flask_login import login_required

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


@bp.get("/")
@login_required
def index():
    return render_template("inbox/index.html")
