"""A record starts where its workflow starts, whatever the client sends
(issue 15, point 2).

One generic test: it finds every model of the registry that inherits
``appraisal.workflow.mixin`` (the reward addon's too, once they inherit it),
and for each of its protected fields (status, who/when, flags, results,
amounts, totals, job fields), as every role that may create such a record
(the demo-like users of ``security_common``, and the server's own code),
sends a hostile value the two ways a client can: as a ``default_<field>``
context key (exactly as XML-RPC / JSON-RPC carry it) and in the values.
The stored record must start in its first status with that field as a
clean creation leaves it (empty or computed); a refusal is fine too.

Each addon describes a valid creation of its models in its own
``tests/workflow_samples.py`` (``SAMPLES``); a model without one fails the
test, so that a new stateful model cannot slip past it.
"""
import importlib

from odoo.tests import tagged

from .security_common import SecurityCommon, _Undo, MUTED, REFUSALS
from odoo.tools import mute_logger

MIXIN = "appraisal.workflow.mixin"


def workflow_models(env):
    """The concrete models that inherit the workflow mixin."""
    names = []
    for name in sorted(env.registry):
        model = env[name]
        if model._abstract or name == MIXIN or not model._auto:
            continue
        if any(getattr(klass, "_name", None) == MIXIN for klass in type(model).__mro__):
            names.append(name)
    return names


def sample_for(env, name):
    """The sample creation of model ``name``, from the tests of its addon."""
    module = env.registry[name]._original_module
    try:
        samples = importlib.import_module("odoo.addons.%s.tests.workflow_samples" % module)
    except ImportError:
        return None
    return getattr(samples, "SAMPLES", {}).get(name)


@tagged("post_install", "-at_install")
class TestCreateDefaults(SecurityCommon):

    def roles(self):
        """Every role, as (label, user); None is the server's own code."""
        return [
            ("HR officer", self.user_hr),
            ("appraisal administrator", self.user_admin),
            ("committee member", self.user_committee),
            ("head", self.user_head),
            ("team leader", self.user_leader),
            ("staff", self.user_staff),
            ("outsider", self.user_outsider),
            ("server code (sudo)", None),
        ]

    def model_as(self, name, user, context=None):
        Model = self.env[name].sudo() if user is None else self.env[name].with_user(user)
        return Model.with_context(**context) if context else Model

    def hostile_values(self, model, fname):
        """Values a hostile client would send for ``fname``."""
        field = model._fields[fname]
        if field.type == "selection":
            values = [value for value, _label in field._description_selection(self.env)]
            if fname == model._workflow_state_field:
                values = [v for v in values if v != model._workflow_initial_state]
            return values
        if field.type == "boolean":
            return [True]
        if field.type == "many2one":
            if field.comodel_name == "res.users":
                return [self.env.ref("base.user_root").id]
            record = self.env[field.comodel_name].sudo().with_context(active_test=False).search(
                [], limit=1, order="id desc")
            return [record.id] if record else []
        if field.type == "many2many":
            records = self.env[field.comodel_name].sudo().with_context(active_test=False).search(
                [], limit=2, order="id desc")
            return [[(6, 0, records.ids)]] if records else []
        if field.type in ("integer", "float", "monetary"):
            return [7]
        if field.type in ("char", "text", "html"):
            return ["forged"]
        if field.type == "date":
            return ["2020-01-31"]
        if field.type == "datetime":
            return ["2020-01-31 10:00:00"]
        return []

    @staticmethod
    def stored(record, fnames):
        """The stored values of ``fnames`` (recordsets as their ids)."""
        record.env.flush_all()
        record.env.invalidate_all()
        record = record.sudo()
        values = {}
        for fname in fnames:
            value = record[fname]
            values[fname] = tuple(value.ids) if hasattr(value, "ids") else value
        return values

    def try_create(self, name, user, sample, fnames, context=None, extra=None):
        """Create as ``user`` (rolled back): the stored values, or None when refused."""
        result = {}
        try:
            with mute_logger(*MUTED), self.env.cr.savepoint():
                vals = dict(sample(self, user), **(extra or {}))
                record = self.model_as(name, user, context).create(vals)
                result = self.stored(record, fnames)
                raise _Undo()
        except _Undo:
            return result
        except REFUSALS:
            return None
        finally:
            self.env.invalidate_all()

    def test_every_stateful_model_starts_in_its_first_status(self):
        names = workflow_models(self.env)
        # The addon's own stateful models are found (the reward addon's
        # join them when they inherit the mixin).
        for name in ("appraisal.form", "appraisal.period", "appraisal.action.plan",
                     "appraisal.action.plan.item", "appraisal.summary"):
            self.assertIn(name, names)
        problems = []
        for name in names:
            model = self.env[name]
            sample = sample_for(self.env, name)
            if not sample:
                problems.append("%s: no sample creation in the tests/workflow_samples.py "
                                "of its addon" % name)
                continue
            state_field = model._workflow_state_field
            protected = sorted(model._workflow_create_fields())
            creators = 0
            for label, user in self.roles():
                baseline = self.try_create(name, user, sample, protected)
                if baseline is None:
                    continue  # this role may not create such a record
                creators += 1
                if baseline[state_field] != model._workflow_initial_state:
                    problems.append("%s as %s: a clean creation starts as %r" % (
                        name, label, baseline[state_field]))
                for fname in protected:
                    for value in self.hostile_values(model, fname):
                        for way, kwargs in (
                            ("context default_%s" % fname, {"context": {"default_" + fname: value}}),
                            ("vals %s" % fname, {"extra": {fname: value}}),
                        ):
                            stored = self.try_create(name, user, sample, protected, **kwargs)
                            if stored is None:
                                continue  # refused: fine
                            if stored[state_field] != model._workflow_initial_state:
                                problems.append("%s as %s, %s=%r: starts as %r" % (
                                    name, label, way, value, stored[state_field]))
                            elif stored[fname] != baseline[fname]:
                                problems.append("%s as %s, %s=%r: stored %r" % (
                                    name, label, way, value, stored[fname]))
            if not creators:
                problems.append("%s: nobody could create the sample record" % name)
        if problems:
            self.fail("%s record(s) not starting clean:\n- %s" % (
                len(problems), "\n- ".join(problems)))
