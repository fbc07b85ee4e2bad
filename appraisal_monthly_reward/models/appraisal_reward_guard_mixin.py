import contextlib

from odoo import models
from odoo.exceptions import UserError

# Attribute of the database cursor holding the (model, id) pairs an action
# of this addon is changing right now.  A client cannot set it: it is no
# context key, and it lives only while the action runs.
_INTERNAL = "_appraisal_reward_internal"


class AppraisalRewardGuardMixin(models.AbstractModel):
    """Status fields that only actions change, and locks that hold for
    every caller (superuser included).

    Actions check who may act first, then write through
    :meth:`_reward_write`, which marks the records on the cursor for the
    duration of the write; ``write`` refuses the protected fields (and
    whatever the model's lock refuses) without that mark.
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

    def _reward_is_internal(self):
        keys = getattr(self.env.cr, _INTERNAL, ())
        return all((self._name, rid) in keys for rid in self.ids)

    def _reward_write(self, vals):
        """Write as an action of this addon (checks done by the caller)."""
        with self._reward_internal():
            return self.sudo().write(vals)

    def _reward_check_write(self, vals):
        """Refuse a direct write of the action fields, then the model's lock."""
        if self._reward_is_internal():
            return
        protected = sorted(set(vals) & set(self._reward_action_fields))
        if protected:
            labels = ", ".join(self._fields[name]._description_string(self.env) for name in protected)
            raise UserError(self.env._(
                "%(fields)s change only through the buttons of the record.", fields=labels))
        self._reward_check_lock(vals)

    def _reward_check_lock(self, vals):
        """Hook: raise when these records may not change (e.g. issued)."""

    def _reward_check_create(self, vals_list):
        def default(name):
            field = self._fields[name]
            return field.default(self) if field.default else False

        protected = sorted({name for vals in vals_list for name in vals
                            if name in self._reward_action_fields and vals[name]
                            and vals[name] != default(name)})
        if protected:
            raise UserError(self.env._(
                "A new record starts in its first status: %(fields)s are set by its buttons.",
                fields=", ".join(protected)))
