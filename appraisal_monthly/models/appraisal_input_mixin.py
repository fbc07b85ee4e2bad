"""Values that do not fit their field are refused in words.

Over XML-RPC or JSON-RPC a client may send anything: a score ``'abc'``, a
status that does not exist, an infinite amount.  Odoo would answer with a
raw Python error (``ValueError: could not convert string to float``) or
store a NaN; the models of the addons inherit ``appraisal.input.mixin``
(every model with a status does, through ``appraisal.workflow.mixin``),
whose ``create`` and ``write`` check, just before Odoo converts the
values (after the model's own ``create``/``write`` has run), that each
selection value is one of the field's, each number is a finite number and
each date a date, and refuse otherwise with a message in the user's
language.  Nothing is saved.  Its ``unlink`` speaks the user's language
too (the refusals of the ``@api.ondelete`` methods), with or without a
``lang`` in the context.
"""
import math

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..user_lang import in_user_lang

NUMBER_TYPES = ("float", "monetary", "integer")


class AppraisalInputMixin(models.AbstractModel):
    _name = "appraisal.input.mixin"
    _description = "Appraisal Input Check"

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input_values(vals)
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        self._check_input_values(vals)
        return super().write(vals)

    @in_user_lang
    def unlink(self):
        # The refusals of the @api.ondelete methods speak the user's
        # language too, when the client sends none.
        return super().unlink()

    @api.model
    def _check_input_values(self, vals):
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or value is None or value is False:
                continue
            if field.type == "selection":
                allowed = field.get_values(self.env)
                # An empty string is an empty selection for Odoo too.
                if value != "" and value not in allowed:
                    labels = dict(field._description_selection(self.env))
                    raise UserError(self.env._(
                        "'%(value)s' is not a possible value of %(field)s (%(model)s). "
                        "Choose one of: %(choices)s.",
                        value=value,
                        field=self._input_field_label(field),
                        model=self._input_model_label(),
                        choices=", ".join(labels.get(key, key) for key in allowed),
                    ))
            elif field.type in NUMBER_TYPES:
                self._check_input_number(field, value)
            elif field.type in ("date", "datetime"):
                try:
                    if field.type == "date":
                        converted = fields.Date.to_date(value)
                    else:
                        converted = fields.Datetime.to_datetime(value)
                except (TypeError, ValueError):
                    converted = None
                if converted is None:
                    raise UserError(self.env._(
                        "'%(value)s' is not a date (%(field)s of %(model)s).",
                        value=value,
                        field=self._input_field_label(field),
                        model=self._input_model_label(),
                    ))

    def _check_input_number(self, field, value):
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise TypeError(value)
            number = float(value)
            if field.type == "integer":
                int(value)
        except (TypeError, ValueError, OverflowError):
            raise UserError(self.env._(
                "%(field)s (%(model)s) must be a number, not '%(value)s'.",
                field=self._input_field_label(field),
                model=self._input_model_label(),
                value=value,
            )) from None
        if not math.isfinite(number):
            raise UserError(self.env._(
                "%(field)s (%(model)s) must be a finite number.",
                field=self._input_field_label(field),
                model=self._input_model_label(),
            ))

    def _input_field_label(self, field):
        return field.get_description(self.env)["string"]

    @api.model
    def _input_model_label(self):
        return self.env["ir.model"]._get(self._name).name or self._description
