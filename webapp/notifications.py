"""Pages: the user's notifications (the bell in the header links here). Opening one marks it read
and goes to its case."""
from flask import Blueprint, Flask, current_app, redirect, render_template, url_for
from flask_login import current_user, login_required

from webapp.extensions import db
from webapp.notification_text import render
from webapp.views import page_number
from workflows import notifications
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index():
    result = notifications.for_user(db.session, current_user, page_number(), current_app.config["PER_PAGE"])
    return render_template("notifications/index.html", result=result, render=render)


@bp.post("/<int:notification_id>/read")
@login_required
def read(notification_id):
    with UnitOfWork(db.session) as uow:
        note = notifications.mark_read(db.session, current_user, notification_id)
        case_id = note.case_id
        uow.commit()
    if case_id is not None:
        return redirect(url_for("cases.detail", case_id=case_id))
    return redirect(url_for("notifications.index"))


@bp.post("/read-all")
@login_required
def read_all():
    with UnitOfWork(db.session) as uow:
        notifications.mark_all_read(db.session, current_user)
        uow.commit()
    return redirect(url_for("notifications.index"))


def register(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.context_processor
    def unread_notifications():
        """The bell's count, for every page a logged-in user sees."""
        if current_user.is_authenticated:
            return {"unread_notifications": notifications.unread_count(db.session, current_user)}
        return {"unread_notifications": 0}
