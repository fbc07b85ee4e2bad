"""Issue 9, item 8: every refusal reaches a Vietnamese user in Vietnamese,
constraint and unique-index violations included (never a raw database
error), and action methods return what XML-RPC can carry.

The calls are made as an XML-RPC client makes them: the user's own
environment with an empty context (no ``lang``).
"""
import xmlrpc.client

import psycopg2

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .security_common import MUTED, REFUSALS, SecurityCommon, is_vietnamese


@tagged("post_install", "-at_install", "appraisal_security")
class TestMessagesInVietnamese(SecurityCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_vi_hr = new_test_user(
            cls.env, login="am_vi_hr", name="Can bo to chuc", lang="vi_VN",
            groups="base.group_user,appraisal_monthly.group_appraisal_officer")
        cls.user_vi = new_test_user(cls.env, login="am_vi", name="Nhan vien", lang="vi_VN")
        cls.emp_vi = cls.env["hr.employee"].create({
            "name": "Nhan vien", "user_id": cls.user_vi.id,
            "parent_id": cls.emp_leader.id, "department_id": cls.dep_office.id})
        cls.form_vi = cls.env["appraisal.form"].create({
            "employee_id": cls.emp_vi.id, "period_id": cls.period.id})

    def rpc(self, user, records):
        """``records`` as an XML-RPC call of ``user`` sees them: no lang."""
        return records.with_env(self.env(user=user, context={}))

    def assertRefusedInVietnamese(self, func, what):
        try:
            with mute_logger(*MUTED), self.env.cr.savepoint():
                func()
                self.env.flush_all()
        except REFUSALS as error:
            message = error.args[0] if error.args else str(error)
            self.assertTrue(is_vietnamese(message), "%s: refused in English: %s" % (what, message))
            return
        except psycopg2.Error as error:
            self.fail("%s: a raw database error reached the user: %s" % (what, error))
        finally:
            self.env.invalidate_all()
        self.fail("%s was accepted" % what)

    # -- constraints and unique indexes -------------------------------
    def test_second_form_of_a_month_refused_in_vietnamese(self):
        Form = self.rpc(self.user_vi_hr, self.env["appraisal.form"])
        self.assertRefusedInVietnamese(
            lambda: Form.create({"employee_id": self.emp_staff.id, "period_id": self.period.id}),
            "a second form for the same person and month")

    def test_duplicate_period_refused_in_vietnamese(self):
        Period = self.rpc(self.user_vi_hr, self.env["appraisal.period"])
        self.assertRefusedInVietnamese(
            lambda: Period.create({"date_start": "2026-01-01", "company_id": self.company.id}),
            "a second period starting on the same day")

    def test_period_ending_before_it_starts_refused_in_vietnamese(self):
        Period = self.rpc(self.user_vi_hr, self.env["appraisal.period"])
        self.assertRefusedInVietnamese(
            lambda: Period.create({"date_start": "2026-08-01", "date_end": "2026-07-01",
                                   "date_self_deadline": "2026-08-01",
                                   "date_review_deadline": "2026-08-05",
                                   "company_id": self.company.id}),
            "a period ending before it starts")

    def test_duplicate_criteria_set_code_refused_in_vietnamese(self):
        Set = self.rpc(self.user_vi_hr, self.env["appraisal.criteria.set"])
        vals = {"name": "Bo A", "code": "DUP", "target": "staff", "company_id": self.company.id,
                "criterion_ids": [(0, 0, {"name": "Cong viec", "max_score": 100.0})]}
        Set.create(dict(vals))
        self.assertRefusedInVietnamese(lambda: Set.create(dict(vals)),
                                       "a second criteria set with the same code")

    def test_score_out_of_range_refused_in_vietnamese(self):
        line = self.first_line(self.form_vi)
        self.assertRefusedInVietnamese(
            lambda: self.rpc(self.user_vi, line).write({"self_score": line.max_score + 1}),
            "a self score above the maximum")

    # -- refusals of the workflow -------------------------------------
    def test_workflow_refusals_in_vietnamese(self):
        form = self.rpc(self.user_vi, self.form_vi)
        cases = [
            ("status written by hand", lambda: form.write({"state": "approved"})),
            ("status written with the workflow key",
             lambda: form.with_context(appraisal_workflow=True).write({"state": "approved"})),
            ("submit with scores missing", form.action_submit),
            ("approve own form", form.action_approve),
            ("cancel own form", form.action_cancel),
            ("period closed by an employee",
             lambda: self.rpc(self.user_vi, self.period).action_close()),
            ("period published with forms pending",
             lambda: self.rpc(self.user_vi_hr, self.period).action_publish()),
        ]
        failures = []
        for what, func in cases:
            try:
                self.assertRefusedInVietnamese(func, what)
            except AssertionError as error:
                failures.append(str(error))
        self.assertFalse(failures, "\n".join(failures))

    # -- what XML-RPC can carry ---------------------------------------
    def _marshal(self, value):
        xmlrpc.client.dumps((value,), methodresponse=True, allow_none=False)

    def test_action_methods_return_what_xmlrpc_carries(self):
        hr = self.user_hr
        results = []

        def call(what, records, method, *args, **kwargs):
            results.append((what, getattr(records, method)(*args, **kwargs)))

        period = self.env["appraisal.period"].create({
            "date_start": "2026-09-01", "company_id": self.company.id})
        call("period.action_open", period.with_user(hr), "action_open")
        form = self.env["appraisal.form"].create({
            "employee_id": self.emp_staff.id, "period_id": period.id})
        self.fill_self(form, 0.3)
        call("form.action_submit", form.with_user(self.user_staff), "action_submit")
        call("form.action_return", form.with_user(self.user_leader), "action_return", reason="x")
        self.fill_self(form, 0.3)
        form.with_user(self.user_staff).action_submit()
        self.fill_manager(form, 0.3, user=self.user_leader)
        call("form.action_review", form.with_user(self.user_leader), "action_review")
        call("form.action_approve", form.with_user(self.user_head), "action_approve")
        plan = form.action_plan_ids
        plan.with_user(self.user_leader).write({"item_ids": [(0, 0, {"name": "Training"})]})
        call("plan.action_start", plan.with_user(self.user_leader), "action_start")
        call("item.action_mark_done", plan.item_ids.with_user(self.user_leader), "action_mark_done")
        call("plan.action_done", plan.with_user(self.user_leader), "action_done")
        call("form.action_reset_to_draft", form.with_user(hr), "action_reset_to_draft", reason="x")
        call("form.action_cancel", form.with_user(hr), "action_cancel")
        call("period.action_publish", period.with_user(hr), "action_publish")
        call("period.action_close", period.with_user(hr), "action_close")
        call("period.action_reopen", period.with_user(hr), "action_reopen")
        summary = self.env["appraisal.summary"].search([], limit=1)
        if summary:
            call("summary.action_lock", summary.with_user(hr), "action_lock")
            call("summary.action_unlock", summary.with_user(hr), "action_unlock", reason="x")
        failures = []
        for what, value in results:
            try:
                self._marshal(value)
            except TypeError as error:
                failures.append("%s returned %r: %s" % (what, value, error))
        self.assertFalse(failures, "\n".join(failures))
