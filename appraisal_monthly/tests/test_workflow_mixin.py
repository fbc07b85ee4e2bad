"""The one gate of every record with a status (issue 15): the workflow mixin.

Written before the fix, as its specification: the form and the period (then
the action plan and the annual result) go through ``appraisal.workflow.mixin``;
what the client sends (``default_<field>`` context keys, values, the
chatter's switches) never decides a status, who took a step, or whether
the step leaves a trace.
"""
from odoo.tests import tagged

from .security_common import SecurityCommon

# The context keys exactly as a client sends them over XML-RPC / JSON-RPC.
# Every model of this addon with a status.
STATEFUL_MODELS = ("appraisal.form", "appraisal.period", "appraisal.action.plan",
                   "appraisal.action.plan.item", "appraisal.summary")
SILENCING_CONTEXT = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}


@tagged("post_install", "-at_install")
class TestWorkflowMixin(SecurityCommon):

    def test_stateful_models_inherit_the_mixin(self):
        for model in STATEFUL_MODELS:
            with self.subTest(model=model):
                self.assertIn("appraisal.workflow.mixin", _parents(self.env.registry[model]))

    def test_form_table_is_the_rules_table(self):
        from ..rules import workflow
        Form = self.env["appraisal.form"]
        self.assertEqual(Form._workflow_transitions, workflow.FORM_TRANSITIONS)
        self.assertEqual(Form._workflow_transitions["approve"], {"reviewed": "approved"})
        self.assertEqual(self.env["appraisal.period"]._workflow_transitions,
                         workflow.PERIOD_TRANSITIONS)

    # ------------------------------------------------------------------
    # Create: the client's defaults never decide a status
    # ------------------------------------------------------------------
    def test_hr_form_with_context_defaults_starts_a_draft(self):
        """The exact attack: HR creates an approved Excellent form through
        the context (default_state, default_rating, default_approved_user_id)."""
        Form = self.env["appraisal.form"].with_user(self.user_hr).with_context(
            default_state="approved", default_rating="excellent",
            default_approved_user_id=self.user_hr.id,
            default_date_approved="2026-01-31 10:00:00",
            default_reviewed_user_id=self.user_hr.id,
            default_final_score=100.0, default_score_percent=100.0,
        )
        form = Form.create({"employee_id": self.emp_outsider.id, "period_id": self.period.id})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(form.state, "draft")
        self.assertFalse(form.rating)
        self.assertFalse(form.approved_user_id)
        self.assertFalse(form.reviewed_user_id)
        self.assertFalse(form.date_approved)
        self.assertEqual(form.final_score, 0.0)

    def test_hr_period_with_context_defaults_starts_a_draft(self):
        """HR creates a period already closed or published, whose job runs
        as OdooBot on another company's form: every such key is dropped."""
        other_company = self.env["res.company"].create({"name": "Other Commune"})
        other_emp = self.env["hr.employee"].create({"name": "Other", "company_id": other_company.id})
        other_period = self.env["appraisal.period"].with_company(other_company).create({
            "company_id": other_company.id, "date_start": "2026-02-01"})
        other_form = self.env["appraisal.form"].with_company(other_company).create({
            "employee_id": other_emp.id, "period_id": other_period.id})
        odoobot = self.env.ref("base.user_root")
        for state in ("open", "published", "closed"):
            with self.subTest(state=state):
                Period = self.env["appraisal.period"].with_user(self.user_hr).with_context(
                    default_state=state,
                    default_date_published="2026-03-31 10:00:00",
                    default_published_user_id=self.user_hr.id,
                    default_job_kind="publish",
                    default_job_user_id=odoobot.id,
                    default_job_form_ids=[(6, 0, other_form.ids)],
                    default_job_employee_ids=[(6, 0, other_emp.ids)],
                    default_job_total=1,
                )
                period = Period.create({"date_start": "2028-03-01"})
                self.env.flush_all()
                self.env.invalidate_all()
                self.assertEqual(period.state, "draft")
                self.assertFalse(period.date_published)
                self.assertFalse(period.published_user_id)
                self.assertFalse(period.job_kind)
                self.assertFalse(period.job_user_id)
                self.assertFalse(period.sudo().job_form_ids)
                self.assertFalse(period.sudo().job_employee_ids)
                period.sudo().unlink()

    def test_protected_values_in_vals_are_refused(self):
        Period = self.env["appraisal.period"].with_user(self.user_hr)
        for vals in ({"state": "closed"}, {"job_kind": "generate"},
                     {"job_user_id": self.env.ref("base.user_root").id},
                     {"published_user_id": self.user_hr.id}):
            with self.subTest(vals=vals), self.assertRefused("period with %s" % vals):
                Period.create(dict(vals, date_start="2028-04-01"))
        Form = self.env["appraisal.form"].with_user(self.user_hr)
        for vals in ({"state": "approved"}, {"rating": "excellent"},
                     {"approved_user_id": self.user_hr.id}, {"final_score": 99.0}):
            with self.subTest(vals=vals), self.assertRefused("form with %s" % vals):
                Form.create(dict(vals, employee_id=self.emp_outsider.id, period_id=self.period.id))

    def test_initial_state_in_vals_is_accepted(self):
        """What a web client sends for a new record (the first status) is fine."""
        period = self.env["appraisal.period"].with_user(self.user_hr).create({
            "date_start": "2028-05-01", "state": "draft"})
        self.assertEqual(period.state, "draft")

    def test_create_refusal_in_user_language_without_lang(self):
        """A refusal over RPC (no lang in the context) speaks the user's language."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.user_hr.lang = "vi_VN"
        Period = self.env["appraisal.period"].with_user(self.user_hr).with_context(lang=None)
        try:
            Period.create({"date_start": "2028-06-01", "state": "closed"})
        except Exception as error:  # noqa: BLE001 - the message is the point
            from .security_common import is_vietnamese
            self.assertTrue(is_vietnamese(str(error)), str(error))
        else:
            self.fail("a closed period was created")

    # ------------------------------------------------------------------
    # Write: protected fields under the workflow's mark only
    # ------------------------------------------------------------------
    def test_protected_fields_refused_to_sudo_writes(self):
        self.refuse("sudo writes a form's status",
                    lambda: self.form_staff.sudo().write({"state": "approved"}))
        self.refuse("sudo writes who approved",
                    lambda: self.form_staff.sudo().write({"approved_user_id": self.user_hr.id}))
        self.refuse("sudo writes a period's job requester",
                    lambda: self.period.sudo().write({"job_user_id": self.env.ref("base.user_root").id}))
        self.refuse("sudo writes a period's status",
                    lambda: self.period.sudo().write({"state": "closed"}))
        self.assertAllRefused()

    # ------------------------------------------------------------------
    # Audit trail: the client cannot switch it off (point 7)
    # ------------------------------------------------------------------
    def _state_trackings(self, record):
        self.flush_tracking()
        return record.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state")

    def test_steps_are_tracked_whatever_the_client_sends(self):
        form = self.form_staff
        self.fill_self(form)
        self.flush_tracking()
        steps = [
            ("submission", self.user_staff, "action_submit", {}),
            ("review", form.reviewer_user_id, "action_review", {}),
            ("approval", form.approver_user_id, "action_approve", {}),
            ("reopening", self.user_hr, "action_reset_to_draft", {"reason": "Wrong criteria"}),
            ("cancellation", self.user_hr, "action_cancel", {}),
        ]
        for count, (label, user, method, kwargs) in enumerate(steps, start=1):
            if method == "action_review":
                self.fill_manager(form, user=user)
                self.flush_tracking()
            getattr(form.with_user(user).with_context(**SILENCING_CONTEXT), method)(**kwargs)
            self.assertEqual(len(self._state_trackings(form)), count, "%s not tracked" % label)
        self.assertIn("Wrong criteria", " ".join(form.message_ids.mapped("body")))

    def test_return_is_tracked_whatever_the_client_sends(self):
        form = self.submit(self.form_staff)
        self.flush_tracking()
        form.with_user(form.reviewer_user_id).with_context(**SILENCING_CONTEXT).action_return(
            reason="Redo it")
        self.assertEqual(len(self._state_trackings(form)), 2, "return not tracked")
        self.assertIn("Redo it", " ".join(form.message_ids.mapped("body")))

    def test_period_steps_are_tracked_whatever_the_client_sends(self):
        period = self.env["appraisal.period"].create({"date_start": "2028-07-01"})
        self.flush_tracking()
        for count, method in enumerate(("action_open", "action_publish", "action_reopen"), 1):
            getattr(period.with_user(self.user_hr).with_context(**SILENCING_CONTEXT), method)()
            self.assertEqual(len(self._state_trackings(period)), count, method)


def _parents(model_class):
    """Every model name a registry class inherits, directly or not."""
    names = set()
    for klass in model_class.__mro__:
        name = getattr(klass, "_name", None)
        if name:
            names.add(name)
    return names
