"""Forms of the admin area. Choices that come from the database are filled in by the view."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, FieldList, Form, FormField, HiddenField, IntegerField, PasswordField,
                     SelectField, SelectMultipleField, StringField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from models.org import POSITIONS, ROLES, UNIT_KINDS
from webapp.forms import optional_id
from webapp.labels import label
from workflows.offices import OFFICE_CODES
from workflows.leave.rules import APPLICANT_ROLES, LEAVE_TYPES, MAX_LEAVE_DAYS, TIERS


def coded(kind: str, codes) -> list[SelectChoice]:
    return [SelectChoice(code, label(kind, code)) for code in codes]


class UnitForm(FlaskForm):
    kind = SelectField(_l("Kind"), validators=[InputRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    parent_id = SelectField(_l("Parent unit"), coerce=optional_id, validate_choice=False)
    policy_id = SelectField(_l("Policy"), validators=[Optional()], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = coded("unit_kind", UNIT_KINDS)


class PersonForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=50)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)])
    home_unit_id = SelectField(_l("Dispatching unit"), coerce=optional_id, validate_choice=False)


class TeamForm(FlaskForm):
    village_id = SelectField(_l("Village"), coerce=optional_id, validate_choice=False,
                             validators=[InputRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])


class TermForm(FlaskForm):
    person_id = SelectField(_l("Person"), coerce=optional_id, validate_choice=False, validators=[InputRequired()])
    team_id = SelectField(_l("Team"), coerce=optional_id, validate_choice=False, validators=[InputRequired()])
    position = SelectField(_l("Position"), validators=[InputRequired()])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    planned_end_date = DateField(_l("Planned end"), validators=[InputRequired()])
    end_date = DateField(_l("Ended on"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.position.choices = coded("position", POSITIONS)


class UserForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[Optional(), Length(min=4, max=200)])
    person_id = SelectField(_l("Person"), coerce=optional_id, validate_choice=False)
    active = BooleanField(_l("Active"), default=True)


class BlackoutForm(FlaskForm):
    org_unit_id = SelectField(_l("For unit and below"), coerce=optional_id, validate_choice=False,
                              validators=[InputRequired()])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    end_date = DateField(_l("End date"), validators=[InputRequired()])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=200)])


class GrantForm(FlaskForm):
    role = SelectField(_l("Role"), validators=[InputRequired()])
    org_unit_id = SelectField(_l("At unit"), coerce=optional_id, validate_choice=False,
                              validators=[InputRequired()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = coded("role", ROLES)


# ---------------------------------------------------------------- the policy editor

class CheckboxesField(SelectMultipleField):
    """A choice of several, as a row of checkboxes. Validity (e.g. "choose at least one") is the policy's."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, kind=None, codes=(), **kwargs):
        super().__init__(label, choices=coded(kind, codes), validate_choice=True, **kwargs)


def _days(label, required=False, most=MAX_LEAVE_DAYS):
    return IntegerField(label, validators=[InputRequired() if required else Optional(), NumberRange(1, most)])


class StepForm(Form):
    # Always posted, so that a step with nothing ticked yet is still there when the form comes back.
    kept = HiddenField(default="1")
    approvers = CheckboxesField(_l("Approved by"), "office", OFFICE_CODES)
    joint = BooleanField(_l("Jointly: every office ticked must approve"))


class BandForm(Form):
    min_days = _days(_l("From (days)"), required=True)
    max_days = _days(_l("To (days; empty: no upper end)"))
    applicant = CheckboxesField(_l("Applicant"), "applicant", APPLICANT_ROLES)
    tier = CheckboxesField(_l("Sent by"), "tier", TIERS)
    types = CheckboxesField(_l("Leave types"), "leave_type", LEAVE_TYPES)
    steps = FieldList(FormField(StepForm))
    filing = CheckboxesField(_l("Filed with (for the record)"), "office", OFFICE_CODES)


class LimitForm(Form):
    per_request = _days(_l("Per request"))
    per_month = _days(_l("Per month"))
    per_year = _days(_l("Per year"))


class LimitsForm(Form):
    personal = FormField(LimitForm, _l("Personal leave"))
    sick = FormField(LimitForm, _l("Sick leave"))
    annual = FormField(LimitForm, _l("Annual leave"))
    official_trip = FormField(LimitForm, _l("Official trip (reported)"))


class PolicyForm(FlaskForm):
    """A policy's rules, as `policy_editor.settings_of` gives them; whether they hold together (every
    length decided by exactly one band) is the policy's check, shown at the setting at fault."""
    base_version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    source = StringField(_l("Based on (the regulation's title and number)"), validators=[Length(max=200)])
    day_counting = SelectField(_l("Counting leave days"), choices=[
        SelectChoice("calendar", _l("Calendar days")),
        SelectChoice("working", _l("Working days on the official calendar"))], validators=[InputRequired()])
    approve_due_days = _days(_l("Working days each approver has to decide"), required=True, most=60)
    stand_in_days = _days(_l("From how many days the dispatching unit names a stand-in (empty: never)"))
    proxy_days = _days(_l("Urgent leave entered by the team leader: days after return to complete it "
                          "in writing (empty: not allowed)"), most=60)
    types = CheckboxesField(_l("Leave types offered"), "leave_type", LEAVE_TYPES)
    documents_required = CheckboxesField(_l("Types that need a supporting document"), "leave_type", LEAVE_TYPES)
    limits = FormField(LimitsForm)
    bands = FieldList(FormField(BandForm))
    note = StringField(_l("Reason for the change (e.g. the document that orders it)"),
                       validators=[Length(max=190)])


class CopyPolicyForm(FlaskForm):
    new_id = StringField(_l("Id of the new policy (lower-case letters, digits, hyphens)"),
                         validators=[DataRequired(), Length(max=50)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    unit_id = SelectField(_l("Apply it in (a city or county; empty: not yet)"), coerce=optional_id,
                          validate_choice=False)
