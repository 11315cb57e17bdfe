"""Forms of the admin area. Choices that come from the database are filled in by the view."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from models.org import POSITIONS, ROLES, UNIT_KINDS
from webapp.forms import optional_id
from webapp.labels import label


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
