import contextlib
import math

from odoo import api, models
from odoo.exceptions import UserError

from ..rules import validation

# Attribute of the database cursor holding the (model, id) pairs an action
# of this addon is changing right now.  A client cannot set it: it is no
# context key, and it lives only while the action runs.
_INTERNAL = "_appraisal_reward_internal"
# Context keys a client may send to switch the chatter's record off: the
# records of this addon keep their trail whatever the client sends.
NO_TRACE_KEYS = ("tracking_disable", "mail_notrack")


class AppraisalRewardGuardMixin(models.AbstractModel):
    """Status fields that only actions change, and locks that hold for
    every caller (superuser included).

    Actions check who may act first, then write through
    :meth:`_reward_write`, which marks the records on the cursor for the
    duration of the write; ``write`` refuses the protected fields (and
    whatever the model's lock refuses) without that mark.

    A new record starts where its workflow starts: the protected fields
    (the model's ``_reward_action_fields`` and every stored computed
    field) are refused in the values and never taken from a
    ``default_<field>`` key of the client's context.
    """

    _name = "appraisal.reward.guard.mixin"
    _description = "Commendation Record Changed by Its Actions"

    # Fields that only the model's actions change.
    _reward_action_fields = ("state",)

    @contextlib.contextmanager
    def _reward_internal(self):
        keys = getattr(self.env.cr, _INTERNAL, None)
        if keys is None:
            keys = set()
            setattr(self.env.cr, _INTERNAL, keys)
        added = {(self._name, record_id) for record_id in self.ids} - keys
        keys |= added
        try:
            yield
        finally:
            keys -= added

    @contextlib.contextmanager
    def _reward_creating(self):
        """Within the block, the addon itself creates records of this model
        (ballots when the vote opens, condition lines of the evaluation)."""
        keys = getattr(self.env.cr, _INTERNAL, None)
        if keys is None:
            keys = set()
            setattr(self.env.cr, _INTERNAL, keys)
        key = (self._name, "create")
        added = key not in keys
        keys.add(key)
        try:
            yield
        finally:
            if added:
                keys.discard(key)

    def _reward_is_creating(self):
        return (self._name, "create") in getattr(self.env.cr, _INTERNAL, ())

    def _reward_is_internal(self):
        keys = getattr(self.env.cr, _INTERNAL, ())
        return all((self._name, rid) in keys for rid in self.ids)

    @api.model
    def _reward_protected_fields(self):
        """The fields no client sets: the action fields, and the stored
        fields the server computes (amounts, flags, related copies)."""
        names = set(self._reward_action_fields)
        for name, field in self._fields.items():
            if field.store and field.compute and field.readonly and not field.inverse:
                names.add(name)
        return names

    @api.model
    def _reward_clean_env(self):
        """This model without the client's ``default_<protected field>``
        keys, and with the chatter's trail switched on."""
        protected = self._reward_protected_fields()
        context = {
            key: value for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[len("default_"):] in protected)
            and key not in NO_TRACE_KEYS
        }
        return self.with_context(context)

    def _reward_tracked(self):
        """These records with the chatter's trail switched on."""
        if any(self.env.context.get(key) for key in NO_TRACE_KEYS):
            return self.with_context({key: value for key, value in self.env.context.items()
                                      if key not in NO_TRACE_KEYS})
        return self

    def _reward_write(self, vals):
        """Write as an action of this addon (checks done by the caller)."""
        records = self._reward_tracked()
        with records._reward_internal():
            return records.sudo().write(vals)

    def _reward_check_write(self, vals):
        """Refuse a direct write of the action fields, then the model's lock."""
        self._reward_check_values([vals])
        if self._reward_is_internal():
            return
        protected = sorted(set(vals) & self._reward_protected_fields())
        if protected:
            labels = ", ".join(self._fields[name]._description_string(self.env) for name in protected)
            raise UserError(self.env._(
                "%(fields)s change only through the buttons of the record.", fields=labels))
        self._reward_check_lock(vals)

    def _reward_check_lock(self, vals):
        """Hook: raise when these records may not change (e.g. issued)."""

    def _reward_check_create(self, vals_list):
        self._reward_check_values(vals_list)

        def default(name):
            field = self._fields[name]
            return field.default(self) if field.default else False

        protected_fields = self._reward_protected_fields()
        protected = sorted({name for vals in vals_list for name in vals
                            if name in protected_fields and vals[name]
                            and vals[name] != default(name)})
        if protected:
            raise UserError(self.env._(
                "A new record starts in its first status: %(fields)s are set by its buttons.",
                fields=", ".join(self._fields[name]._description_string(self.env)
                                 for name in protected)))

    def _reward_check_values(self, vals_list):
        """Values a client may send that the database would store wrong or
        refuse with a raw error: an unknown choice, a number that is not a
        finite number, a text that is no text, a year out of range."""
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if field is None or value is False or value is None:
                    continue
                label = field._description_string(self.env)
                if field.type == "selection":
                    allowed = [key for key, _label in field._description_selection(self.env)]
                    if value not in allowed:
                        raise UserError(self.env._(
                            "%(value)s is not a possible value of %(field)s: choose one of "
                            "%(allowed)s.", value=repr(value), field=label,
                            allowed=", ".join(allowed)))
                elif field.type in ("float", "monetary", "integer"):
                    if isinstance(value, bool) or not isinstance(value, (int, float)) \
                            or (isinstance(value, float) and not math.isfinite(value)):
                        raise UserError(self.env._(
                            "%(field)s must be a number: %(value)s is not.",
                            field=label, value=repr(value)))
                elif field.type in ("char", "text", "html") and not isinstance(value, str):
                    raise UserError(self.env._(
                        "%(field)s must be a text: %(value)s is not.",
                        field=label, value=repr(value)))
                if name == "year" and field.type == "integer" \
                        and not validation.year_in_range(value):
                    raise UserError(self.env._(
                        "The year %(year)s is out of range: give a year between %(first)s "
                        "and %(last)s.", year=value, first=validation.FIRST_YEAR,
                        last=validation.LAST_YEAR))
