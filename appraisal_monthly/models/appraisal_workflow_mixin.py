"""One gate for every record that has a status.

A model with a workflow inherits ``appraisal.workflow.mixin`` and declares,
as class attributes:

``_workflow_state_field``
    the status field (``"state"``);
``_workflow_initial_state``
    where every record starts, whatever the client sends (``"draft"``);
``_workflow_transitions``
    ``{action: {from state: to state}}``, a plain-Python table from the
    addon's ``rules/workflow.py``;
``_workflow_serialised_actions``
    the actions that must see each other's result: they take the row lock
    (``_workflow_lock``) before the guards;
``_workflow_role_first``
    check the role before the state table (a record whose every step is
    one role's, e.g. the period: nobody else learns its status from a
    refusal); the state table comes first otherwise;
``_workflow_protected_fields``
    status, who/when took a step, flags, results, amounts, totals, job
    fields: never taken from the client on create (neither ``vals`` nor
    its ``default_<field>`` context keys), written only by the workflow
    (under :func:`workflow_write.workflow_writing`), whoever calls,
    ``sudo()`` included;
``_workflow_create_protected_fields``
    fields that a record never gets from the client on create, but that
    the model's own ``write`` rules let a user change later (the level of a
    form, which the head may change while approving; the status of an
    action item, which its supervisor marks done: a status listed here is
    not write-protected by the mixin);
``_workflow_checked_fields``
    fields a user may give on create, under the model's own checks (who
    reviews a form, who supervises a plan): their ``default_<field>``
    context keys are moved into the values before those checks (in
    ``_workflow_check_create_values``), so that the checks see them.

and, per model, these hooks:

``_check_role(action)``
    the user's role on each record of ``self`` for ``action`` (required);
``_workflow_guards(action)``
    the names of the guard methods of ``action``, in their fixed order;
    each is called on the records with no argument;
``_workflow_lock(action)``
    the row lock of the serialised actions (default: these records' rows);
``_workflow_step_values(action, target)``
    values written with the status, for the records reaching ``target``;
``_after_transition(action, previous_states=None, **kwargs)``
    what follows the step; by default each method named by
    ``_workflow_follow_ups(action)`` is called, in order, with no argument;
    a model whose follow-ups need the step's arguments (a reason) overrides
    ``_after_transition`` and calls them by name, in order;
``_workflow_transition_refusal(action, record)``,
``_workflow_create_refusal(fields)``, ``_workflow_write_refusal(fields)``
    the messages (defaults given).

A step is ``records._run_step(action, vals=None, **kwargs)``: the state
table, the role, the lock, the guards, the write under the cursor mark
with the chatter's tracking forced on, then the follow-ups.  Nothing here
reads a context key a client could send to skip a check: the audit keys
(``tracking_disable``, ``mail_notrack``, ``mail_create_nolog``) are
switched off for the whole step.

On create, the ``default_<field>`` keys of the protected fields are
removed from the context, always (a client's context reaches the records
that a step creates too); a protected value in ``vals`` (a status other
than the first one, any other protected field not empty) is refused with
a message, unless the addon's own code creates the record inside
``_workflow_creating()``, a mark on the cursor that no client can send.
"""
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..user_lang import in_user_lang
from ..workflow_write import creating, in_workflow, is_creating, workflow_writing

# What a client could send to keep a step out of the chatter: switched off
# for every step, its follow-ups included.
AUDIT_CONTEXT_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")
_CREATE_MARK = "appraisal.workflow.create"


def protected_default_keys(model):
    """The ``default_<field>`` context keys a client may not use on ``model``."""
    return {"default_" + fname for fname in model._workflow_create_fields()}


class AppraisalWorkflowMixin(models.AbstractModel):
    _name = "appraisal.workflow.mixin"
    _description = "Appraisal Workflow Gate"
    # Values that do not fit their field are refused in words.
    _inherit = ["appraisal.input.mixin"]

    _workflow_state_field = "state"
    _workflow_initial_state = "draft"
    _workflow_transitions = {}
    _workflow_serialised_actions = ()
    _workflow_role_first = False
    _workflow_protected_fields = frozenset()
    _workflow_create_protected_fields = frozenset()
    _workflow_checked_fields = frozenset()

    # ------------------------------------------------------------------
    # Create and write: what the client may not give
    # ------------------------------------------------------------------
    @api.model
    def _workflow_create_fields(self):
        """Every field a client never gives on create (the status included)."""
        return (
            set(self._workflow_protected_fields)
            | set(self._workflow_create_protected_fields)
            | {self._workflow_state_field}
        )

    @api.model
    def _workflow_clean_context(self):
        """``self`` without the ``default_<field>`` keys of protected fields."""
        keys = protected_default_keys(self)
        if not keys.intersection(self.env.context):
            return self
        # The keys are removed, not set to False: the context is replaced.
        return self.with_env(self.env(context={
            key: value for key, value in self.env.context.items() if key not in keys
        }))

    @contextmanager
    def _workflow_creating(self):
        """Within the block, the addon's own code may create records of this
        model with protected values (computed results, records a step makes)."""
        with creating(self.env, (_CREATE_MARK, self._name)):
            yield

    @api.model
    def _workflow_creating_internally(self):
        return is_creating(self.env, (_CREATE_MARK, self._name))

    @api.model
    def _workflow_check_create_values(self, vals_list):
        """Refuse a record that would not start where its workflow starts
        (and values that do not fit their field: a model that calls this
        first in its ``create`` speaks in words before its own checks).
        The context defaults of ``_workflow_checked_fields`` are moved into
        the values first, so that the model's own checks see them."""
        for vals in vals_list:
            for fname in self._workflow_checked_fields:
                key = "default_" + fname
                if key in self.env.context and fname not in vals:
                    vals[fname] = self.env.context[key]
            self._check_input_values(vals)
        if self._workflow_creating_internally():
            return
        state_field = self._workflow_state_field
        others = self._workflow_create_fields() - {state_field}
        given = set()
        for vals in vals_list:
            if vals.get(state_field, self._workflow_initial_state) != self._workflow_initial_state:
                given.add(state_field)
            given.update(fname for fname in others if vals.get(fname))
        if given:
            raise UserError(self._workflow_create_refusal(given))

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        records = self._workflow_clean_context()
        records._workflow_check_create_values(vals_list)
        return super(AppraisalWorkflowMixin, records).create(vals_list)

    @in_user_lang
    def write(self, vals):
        self._workflow_check_write(vals)
        return super().write(vals)

    def _workflow_check_write(self, vals):
        """Protected fields change under the workflow's mark only, whoever
        calls (``sudo()`` included)."""
        # The status is protected too, unless the model lets users set it
        # by hand after creation (it lists it among its create-only fields).
        status = {self._workflow_state_field} - set(self._workflow_create_protected_fields)
        protected = set(vals) & (set(self._workflow_protected_fields) | status)
        if protected and not in_workflow(self):
            raise UserError(self._workflow_write_refusal(protected))

    def _workflow_field_labels(self, fnames):
        return ", ".join(
            self._fields[fname].get_description(self.env)["string"]
            for fname in sorted(fnames)
            if fname in self._fields
        )

    @api.model
    def _workflow_model_label(self):
        """The model's name in the user's language."""
        return self.env["ir.model"]._get(self._name).name or self._description

    def _workflow_state_label(self, state):
        field = self._fields[self._workflow_state_field]
        return dict(field._description_selection(self.env)).get(state, state)

    @api.model
    def _workflow_create_refusal(self, fnames):
        return self.env._(
            "A new %(model)s starts as '%(state)s': its status and what its workflow "
            "records (%(fields)s) are set by its buttons, not given when it is created.",
            model=self._workflow_model_label(),
            state=self._workflow_state_label(self._workflow_initial_state),
            fields=self._workflow_field_labels(fnames),
        )

    def _workflow_write_refusal(self, fnames):
        return self.env._(
            "%(fields)s of %(model)s change only through its buttons.",
            fields=self._workflow_field_labels(fnames),
            model=self._workflow_model_label(),
        )

    # ------------------------------------------------------------------
    # The gate
    # ------------------------------------------------------------------
    def _run_step(self, action, vals=None, **kwargs):
        """Gate, write, follow-ups: every step of the model goes through here.

        ``vals`` are written with the status (and ``_workflow_step_values``);
        ``kwargs`` (a reason...) are passed to ``_after_transition``."""
        records = self.with_context(**dict.fromkeys(AUDIT_CONTEXT_KEYS, False))
        records._check_action_allowed(action)
        previous_states = {record.id: record[self._workflow_state_field] for record in records}
        records._workflow_write_step(action, dict(vals or {}))
        records._after_transition(action, previous_states=previous_states, **kwargs)
        return True

    @api.model
    def _workflow_reason(self, reason):
        """The text of a reason a client sent (a step's argument), stripped;
        anything but text is refused in words."""
        if reason is None or reason is False:
            return ""
        if not isinstance(reason, str):
            raise UserError(self.env._("The reason must be a text."))
        return reason.strip()

    def _check_action_allowed(self, action):
        """The gate of every step, in this order: the state table and the
        user's role on each record (the role first when
        ``_workflow_role_first``), the row lock of the serialised steps,
        then each feature's guard, by name, in a fixed order.  Nothing here
        reads the context: the user and the records decide."""
        if self._workflow_role_first:
            self._check_role(action)
            self._check_transition(action)
        else:
            self._check_transition(action)
            self._check_role(action)
        if action in self._workflow_serialised_actions:
            self._workflow_lock(action)
        for name in self._workflow_guards(action):
            getattr(self, name)()

    def _workflow_target(self, action):
        """The status this record reaches by ``action`` (None: not possible)."""
        self.ensure_one()
        return self._workflow_transitions.get(action, {}).get(self[self._workflow_state_field])

    def _check_transition(self, action):
        for record in self:
            if not record._workflow_target(action):
                raise UserError(self._workflow_transition_refusal(action, record))

    def _workflow_transition_refusal(self, action, record):
        return self.env._(
            "%(record)s is '%(state)s': this step is not possible from that status.",
            record=record.display_name,
            state=self._workflow_state_label(record[self._workflow_state_field]),
        )

    def _check_role(self, action):
        raise NotImplementedError("%s must define _check_role(action)" % self._name)

    def _workflow_guards(self, action):
        """The names of ``action``'s guards, in their order."""
        return []

    def _workflow_lock(self, action):
        self._lock_rows()

    def _lock_rows(self):
        """Serialise the steps that must see each other: the rows are locked
        and touched (a no-op update), so that a transaction that waited gets
        a serialisation failure and is retried with fresh data (as Odoo's
        RPC layer does) instead of deciding on what it read before."""
        if not self.ids:
            return
        ids = tuple(sorted(set(self.ids)))
        self.env.cr.execute(SQL(
            "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
            SQL.identifier(self._table), ids,
        ))
        self.env.cr.execute(SQL(
            "UPDATE %s SET write_date = write_date WHERE id IN %s",
            SQL.identifier(self._table), ids,
        ))

    def _workflow_step_values(self, action, target):
        """Values written with the status, for the records reaching ``target``."""
        return {}

    def _workflow_write_step(self, action, vals):
        by_target = {}
        for record in self:
            by_target.setdefault(record._workflow_target(action), []).append(record.id)
        for target, ids in by_target.items():
            records = self.browse(ids)
            values = dict(vals, **{self._workflow_state_field: target})
            values.update(records._workflow_step_values(action, target))
            records._workflow_write(values)

    def _workflow_write(self, vals):
        """Write a step's values, after the gate: with elevated rights, for
        these records only (see ``workflow_write``), the chatter's tracking
        on whatever the client sent."""
        records = self.with_context(**dict.fromkeys(AUDIT_CONTEXT_KEYS, False))
        with workflow_writing(records) as writable:
            writable.write(vals)
        return True

    def _workflow_follow_ups(self, action):
        """The names of what follows ``action``, in their order."""
        return []

    def _after_transition(self, action, previous_states=None, **kwargs):
        for name in self._workflow_follow_ups(action):
            getattr(self, name)()
