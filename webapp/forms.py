"""WTForms forms. Flask-WTF adds the CSRF token to each."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, FieldList, FormField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from webapp.labels import BUSINESS, LEAVE_TYPES
from webapp.messages import describe_error
from workflows.errors import WorkflowError
from workflows.fields import Document


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


def optional_id(value):
    """A select's empty choice is no id; any other value is an id."""
    return int(value) if value not in (None, "", "None") else None


class LeaveForm(FlaskForm):
    """A leave request. The form only parses; whether the request is valid (reason given, end after
    start, length, leave type allowed by the policy) is the workflow's call, so that the page and the
    API refuse exactly the same things with the same words."""
    leave_type = SelectField(_l("Leave type"), choices=[SelectChoice(code, name) for code, name in LEAVE_TYPES.items()], validators=[InputRequired()])
    # 公务类型: read only for the official trip type (webapp/leave.business_of); on any other type
    # the page ignores it, so a cadre who switches to personal leave is not refused for a select left set.
    business = SelectField(_l("Kind of business"), choices=[SelectChoice(code, name) for code, name in BUSINESS.items()],
                           default="official_trip", validators=[Optional()])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    end_date = DateField(_l("End date"), validators=[InputRequired()])
    reason = TextAreaField(_l("Reason"))
    document = FileField(_l("Supporting document (PDF, JPEG or PNG)"))


class ProxyLeaveForm(LeaveForm):
    """篇六 urgent leave: the same request, entered for a cadre who asked by phone."""
    on_behalf_of = SelectField(_l("Cadre"), coerce=optional_id, validate_choice=False, validators=[InputRequired()])


class ActionForm(FlaskForm):
    """One decision on a case. `version` is the case version the page was rendered from."""
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class ResubmitForm(LeaveForm):
    """Submitting a draft, or resubmitting after it was returned: the applicant may correct it."""
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class ExtendForm(FlaskForm):
    """续假: a later end date and why; the rules are the workflow's."""
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    end_date = DateField(_l("New end date"), validators=[Optional()])
    reason = TextAreaField(_l("Reason"))


class DocumentForm(FlaskForm):
    """A document added to a request already made, or the written request a cadre completes."""
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])
    document = FileField(_l("Supporting document (PDF, JPEG or PNG)"))


def uploaded(field) -> tuple[Document, ...]:
    """The file a form's file field carries, as the workflows take documents."""
    upload = field.data
    if not upload or not upload.filename:
        return ()
    return (Document(upload.filename, upload.mimetype, upload.read()),)


class ReportBackForm(FlaskForm):
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    # Optional here: "required" and "not before the start" are the workflow's rules.
    actual_return_date = DateField(_l("Actual return date"), validators=[Optional()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


# The workflows name fields as the API does; the forms name one of them differently.
FORM_FIELDS = {"type": "leave_type"}


def _field_named(form, name: str):
    """The field a form shows under this name, also inside its repeated parts ("bands-0-min_days")."""
    for field in form:
        if field.name == name:
            return field
        if isinstance(field, (FieldList, FormField)):
            inner = _field_named(field, name)
            if inner is not None:
                return inner
    return None


def show_error(form, error: WorkflowError) -> list[str]:
    """Put a workflow error under the form field it names; return it as a general error otherwise
    (also where the field is one the user does not see, such as the version a page was read at)."""
    field = _field_named(form, form._prefix + FORM_FIELDS.get(error.field, error.field or ""))
    if field is None or isinstance(field, (FieldList, FormField)) or isinstance(field.widget, HiddenInput):
        return [describe_error(error)]
    # WTForms keeps a field's errors as a tuple until it has been validated.
    field.errors = [*field.errors, describe_error(error)]
    return []
