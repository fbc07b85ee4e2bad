"""Issue 15 over real XML-RPC, as the attack suites call: the demo-like
users, the context keys exactly as a client sends them (or none at all,
as a script does), through Odoo's own RPC entry point."""
from odoo.tests import HttpCase, tagged

from .rpc_common import RpcMixin
from .security_common import SecurityCommon


@tagged("post_install", "-at_install")
class TestIssue15OverRpc(RpcMixin, HttpCase, SecurityCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        (cls.user_hr | cls.user_staff).write({"lang": "vi_VN"})

    def test_hr_creates_an_approved_form_through_the_context(self):
        form_id = self.call(self.user_hr, "appraisal.form", "create", [{
            "employee_id": self.emp_outsider.id, "period_id": self.period.id,
        }], context={"default_state": "approved", "default_rating": "excellent",
                     "default_approved_user_id": self.user_hr.id,
                     "tracking_disable": True})
        form = self.env["appraisal.form"].browse(form_id)
        self.env.invalidate_all()
        self.assertEqual(form.state, "draft")
        self.assertFalse(form.rating)
        self.assertFalse(form.approved_user_id)

    def test_period_named_in_the_users_language_without_lang(self):
        period_id = self.call(self.user_hr, "appraisal.period", "create",
                              [{"date_start": "2028-03-01"}])
        self.env.invalidate_all()
        period = self.env["appraisal.period"].browse(period_id)
        self.assertEqual(period.with_context(lang="en_US").name, "Tháng 03/2028")

    def test_score_abc_and_period_deletion_refused_in_vietnamese(self):
        line = self.first_line(self.form_staff)
        self.assertFaultInVietnamese(
            lambda: self.call(self.user_staff, "appraisal.form.line", "write",
                              [[line.id], {"self_score": "abc"}]),
            "score 'abc'")
        self.assertFaultInVietnamese(
            lambda: self.call(self.user_hr, "appraisal.period", "unlink", [[self.period.id]]),
            "deleting a period with forms")
        self.assertTrue(self.period.exists())
