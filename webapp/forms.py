"""WTForms forms. Flask-WTF adds the CSRF token to each."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from webapp.labels import LEAVE_TYPES


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class LeaveForm(FlaskForm):
    leave_type = SelectField(_l("Leave type"), choices=list(LEAVE_TYPES.items()), validators=[InputRequired()])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    end_date = DateField(_l("End date"), validators=[InputRequired()])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])


class ActionForm(FlaskForm):
    """One decision on a case. `version` is the case version the page was rendered from."""
    version = HiddenField(validators=[InputRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class ReportBackForm(FlaskForm):
    version = HiddenField(validators=[InputRequired()])
    actual_return_date = DateField(_l("Actual return date"), validators=[InputRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])
