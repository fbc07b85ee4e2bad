"""What every commendation record checks whoever calls, besides its
workflow (``appraisal.workflow.mixin``): the role of a step (one hook for
every model), the values a client may send, the chatter's trail.

Plain functions on records, called by each model by name.
"""
from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..rules import validation, workflow

COMMITTEE_GROUP = "appraisal_monthly.group_appraisal_committee"
# Context keys a client may send to switch the chatter's record off.
NO_TRACE_KEYS = ("tracking_disable", "mail_notrack")


def is_committee(env):
    return env.su or env.user.has_group(COMMITTEE_GROUP)


def check_role(records, action):
    """The one role hook of the reward models: whose step ``action`` is on
    each of ``records`` (``rules/workflow.py`` ROLES)."""
    env = records.env
    role = workflow.ROLES[records._name].get(action, "committee")
    if role == "member":
        for ballot in records.sudo():
            if ballot.user_id.id != env.uid:
                raise AccessError(env._("A member casts only their own ballot."))
            if ballot.nomination_id.employee_id.user_id.id == env.uid:
                raise AccessError(env._("Nobody votes on their own nomination."))
        return
    # The server's own code (data files, the steps that follow a step) acts
    # as the committee; a ballot is its member's whatever the mode.
    if is_committee(env):
        return
    if role == "unit_head":
        units = records._get_headed_units()
        for record in records:
            if record.unit_id not in units:
                raise AccessError(env._(
                    "Only the head of %(unit)s or the reward committee may take this step.",
                    unit=record.unit_id.name or env._("(no unit)")))
        return
    raise AccessError(env._(
        "Only the reward committee and the emulation officer take this step (%(model)s).",
        model=records._workflow_model_label()))


def tracked(records):
    """``records`` with the chatter's trail on, whatever the client sent."""
    if any(records.env.context.get(key) for key in NO_TRACE_KEYS):
        return records.with_context(**dict.fromkeys(NO_TRACE_KEYS, False))
    return records


def check_values(records, vals_list):
    """Values a client may send that the database would store wrong or
    refuse with a raw error, said in words first: the core's input check
    (``appraisal.input.mixin``: choices, numbers, dates), then what the
    reward records add: a text that is no text, a year (or a date's year)
    out of range."""
    env = records.env
    for vals in vals_list:
        records._check_input_values(vals)
        for name, value in vals.items():
            field = records._fields.get(name)
            if field is None or value is False or value is None:
                continue
            label = field._description_string(env)
            if field.type in ("char", "text", "html") and not isinstance(value, str):
                raise UserError(env._(
                    "%(field)s must be a text: %(value)s is not.", field=label, value=repr(value)))
            if field.type == "integer" and name == "year":
                year = value
            elif field.type == "date":
                year = fields.Date.to_date(value).year
            elif field.type == "datetime":
                year = fields.Datetime.to_datetime(value).year
            else:
                continue
            if not validation.year_in_range(year):
                raise UserError(env._(
                    "The year %(year)s is out of range: give a year between %(first)s and "
                    "%(last)s.", year=year, first=validation.FIRST_YEAR,
                    last=validation.LAST_YEAR))


def check_text(env, *values):
    """Arguments of a public method that must be texts (a reason...)."""
    for value in values:
        if value not in (None, False) and not isinstance(value, str):
            raise UserError(env._("The reason must be a text."))
