"""A valid creation of each model of this addon that inherits the workflow
mixin, for ``test_security_create_defaults`` (which finds the models and
tries every protected field on them as every role).

``SAMPLES = {model: function(case, user) -> vals}``: ``case`` is the
running ``SecurityCommon`` test (its people, period and forms), ``user``
the role about to create (a ``res.users``, or None for the server's own
code, ``sudo()``).  The function may create what the record needs (with
``sudo()``): it runs inside the savepoint of the attempt, rolled back
afterwards.  Another addon gives its own models in its own
``tests/workflow_samples.py``.
"""


def _period(case, user):
    return {"date_start": "2029-01-01"}


def _form(case, user):
    return {"employee_id": case.emp_outsider.id, "period_id": case.period.id}


def _action_plan(case, user):
    # The staff's form: HR, the staff's superiors and the staff (their
    # own programme) may each draw it up.
    return {"form_id": case.form_staff.id}


def _action_plan_item(case, user):
    plan = case.env["appraisal.action.plan"].sudo().create({"form_id": case.form_staff.id})
    return {"plan_id": plan.id, "name": "Attend the training"}


def _summary(case, user):
    return {"employee_id": case.emp_staff.id, "period_type": "year", "year": 2031, "quarter": 0}


SAMPLES = {
    "appraisal.period": _period,
    "appraisal.form": _form,
    "appraisal.action.plan": _action_plan,
    "appraisal.action.plan.item": _action_plan_item,
    "appraisal.summary": _summary,
}
