"""Large work in the background (issue 11): generation, publication and the
annual results run through Odoo's scheduler, batch by batch, as the HR
officer who asked, resumable without duplicates, with the progress on the
period and a notice to the requester at the end."""
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .. import compat
from .common import AppraisalCommon

JOB_CRON = "appraisal_monthly.ir_cron_appraisal_jobs"


@tagged("post_install", "-at_install")
class TestBackgroundJobs(AppraisalCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Three people are "many" here: the whole company goes to the background.
        cls.env["ir.config_parameter"].sudo().set_param(
            "appraisal_monthly.background_threshold", "3")
        cls.Period = cls.env["appraisal.period"]
        cls.march = cls.Period.create({"date_start": "2026-03-01", "company_id": cls.company.id})
        cls.march.action_open()
        cls.company_employees = cls.env["hr.employee"].search(
            [("company_id", "=", cls.company.id)])

    def _request_generation(self, user=None):
        wizard = self.env["appraisal.period.generate"].with_user(user or self.user_hr).create(
            {"period_id": self.march.id, "scope": "company"})
        return wizard.action_generate()

    def _run_jobs(self, batch_size=2, limit=100):
        """What the scheduler does: call the job until nothing is left."""
        calls = 0
        while self.Period.search_count([("job_kind", "!=", False)]) and calls < limit:
            self.Period._cron_run_jobs(batch_size=batch_size)
            calls += 1
        return calls

    def _forms(self, period=None):
        return self.env["appraisal.form"].search([("period_id", "=", (period or self.march).id)])

    def test_generation_queued_then_made_batch_by_batch(self):
        cron = self.env.ref(JOB_CRON)
        triggers = self.env["ir.cron.trigger"].sudo().search_count([("cron_id", "=", cron.id)])
        action = self._request_generation()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.march.job_kind, "generate")
        self.assertEqual(self.march.job_user_id, self.user_hr)
        self.assertEqual(self.march.job_done, 0)
        total = self.march.job_total
        self.assertGreaterEqual(total, 3)
        self.assertFalse(self._forms(), "nothing made in the request")
        self.assertGreater(
            self.env["ir.cron.trigger"].sudo().search_count([("cron_id", "=", cron.id)]),
            triggers, "the scheduler is started at once")
        # A second request for the same period queues nothing.
        with self.assertRaisesRegex(UserError, "background"):
            self._request_generation()
        # One batch: progress on the period.
        self.Period._cron_run_jobs(batch_size=2)
        self.assertEqual(self.march.job_done, 2)
        self.assertEqual(self.march.job_kind, "generate")
        self.assertEqual(len(self.march.job_employee_ids), total - 2)
        first = self._forms()
        self.assertTrue(first)
        self.assertEqual(first.create_uid, self.user_hr, "made as the requester")
        self._run_jobs()
        self.assertFalse(self.march.job_kind)
        self.assertEqual(self.march.job_done, total)
        forms = self._forms()
        self.assertEqual(len(forms), len(set(forms.employee_id.ids)), "one form per person")
        self.assertTrue(first <= forms)
        # Made the same way as in a request: lines, to-dos for their employee.
        form = forms.filtered(lambda f: f.employee_id == self.emp_staff2)
        self.assertTrue(form.line_ids)
        self.assertIn(self.user_staff2, form.activity_ids.user_id)
        # The requester is told, with the figures of the immediate path
        # (then, the open notices being the period's next job, once more
        # when they are sent).
        notice = self.march.message_ids.filtered(lambda m: "form(s) created" in m.body)[:1]
        self.assertIn("form(s) created", notice.body)
        self.assertIn(self.user_hr.partner_id, notice.partner_ids)
        told = self.march.message_ids[:1]
        self.assertIn("Self-assessment open", told.body)
        self.assertIn(self.user_hr.partner_id, told.partner_ids)
        self.assertFalse(forms.filtered("open_notice_pending"))

    def _open_notices(self, form):
        """The "your self-assessment is open" messages of a form."""
        return form.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and form.employee_id.work_contact_id in m.partner_ids)

    def test_open_notices_batch_by_batch_without_sending_twice(self):
        """The notices of a generation in the background are the period's
        next job: a batch at a time, each form taken off the job and its
        mark cleared with the batch, so that a batch done (committed) is
        never sent again, even if the job is handed its forms again."""
        self._request_generation()
        calls = 0
        while self.march.job_kind == "generate" and calls < 50:
            self.Period._cron_run_jobs(batch_size=2)
            calls += 1
        forms = self._forms()
        self.assertEqual(self.march.job_kind, "notify", "queued when the forms are made")
        self.assertEqual(self.march.job_user_id, self.user_hr)
        self.assertEqual(self.march.job_total, len(forms))
        self.assertTrue(all(forms.mapped("open_notice_pending")))
        self.assertFalse(any(self._open_notices(form) for form in forms), "nothing sent yet")
        # The reminders' scheduled action leaves them to the job.
        self.env["appraisal.form"]._cron_send_reminders()
        self.assertFalse(any(self._open_notices(form) for form in forms))
        self.Period._cron_run_jobs(batch_size=2)
        self.assertEqual(self.march.job_done, 2)
        told = forms.filtered(lambda f: not f.open_notice_pending)
        self.assertEqual(len(told), 2)
        # A crash replaying the batch: the forms come back to the job, but
        # their mark is cleared: nobody is told twice.
        self.env.flush_all()
        self.env.cr.execute(
            "INSERT INTO appraisal_period_job_form_rel (period_id, form_id) "
            "SELECT %s, id FROM appraisal_form WHERE id IN %s ON CONFLICT DO NOTHING",
            (self.march.id, tuple(told.ids)))
        self.env.invalidate_all()
        self._run_jobs()
        self.assertFalse(self.march.job_kind)
        self.assertFalse(forms.filtered("open_notice_pending"))
        for form in forms.filtered(lambda f: f.employee_id.work_contact_id.email):
            self.assertEqual(len(self._open_notices(form)), 1, "told once: %s" % form.name)
        notice = self._open_notices(forms.filtered(lambda f: f.employee_id == self.emp_staff2))
        self.assertIn("is open", notice.subject)
        self.assertEqual(notice.author_id, self.user_hr.partner_id, "sent as the requester")
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", notice.id)])
        self.assertEqual(mail.recipient_ids, self.user_staff2.partner_id)
        self.assertIn("Staff Two", mail.body_html)

    def test_period_opened_with_many_forms_notifies_in_background(self):
        """Opening a period that already holds many forms: the notices go
        to the period's job, not to one run of the reminders."""
        april = self.Period.create({"date_start": "2026-04-01", "company_id": self.company.id})
        forms, _missing = april.with_user(self.user_hr)._generate_forms(self.company_employees)
        self.assertGreaterEqual(len(forms), 3)
        april.with_user(self.user_hr).action_open()
        self.assertEqual(april.job_kind, "notify")
        self.assertEqual(april.job_total, len(forms))
        # The self-assessment to-dos come with the notices, batch by batch:
        # none is made in the request.
        todos = self.env["mail.activity"].search(
            [("res_model", "=", "appraisal.form"), ("res_id", "in", forms.ids)])
        self.assertFalse(todos)
        self.Period._cron_run_jobs(batch_size=2)
        batch = forms.filtered(lambda f: not f.open_notice_pending)
        self.assertEqual(len(batch), 2)
        todos = self.env["mail.activity"].search(
            [("res_model", "=", "appraisal.form"), ("res_id", "in", forms.ids)])
        self.assertEqual(sorted(todos.mapped("res_id")),
                         sorted(batch.filtered(lambda f: f.employee_id.user_id).ids),
                         "the to-dos of the batch's forms only")
        self._run_jobs()
        self.assertFalse(april.job_kind)
        self.assertFalse(forms.filtered("open_notice_pending"))
        todos = self.env["mail.activity"].search(
            [("res_model", "=", "appraisal.form"), ("res_id", "in", forms.ids)])
        with_user = forms.filtered(lambda f: f.employee_id.user_id)
        self.assertEqual(sorted(todos.mapped("res_id")), sorted(with_user.ids),
                         "one to-do a form whose employee has a user")
        self.assertEqual(todos.activity_type_id, self.env.ref(
            "appraisal_monthly.mail_activity_type_appraisal_self"))

    def test_generation_resumes_without_duplicates(self):
        self._request_generation()
        self.Period._cron_run_jobs(batch_size=2)
        made = self._forms()
        # A crash between the forms and the bookkeeping cannot happen (one
        # transaction), but even so the made forms are skipped.
        self.march.sudo().with_context().env.cr.execute(
            "INSERT INTO appraisal_period_job_employee_rel (period_id, employee_id) "
            "SELECT %s, employee_id FROM appraisal_form WHERE id IN %s "
            "ON CONFLICT DO NOTHING",
            (self.march.id, tuple(made.ids)),
        )
        self.env.invalidate_all()
        self._run_jobs()
        forms = self._forms()
        self.assertEqual(len(forms), len(set(forms.employee_id.ids)))
        self.assertTrue(made <= forms)

    @mute_logger("odoo.addons.appraisal_monthly.models.appraisal_period_job")
    def test_job_keeps_the_requester_rights(self):
        self._request_generation()
        # The requester is no longer an HR officer when the job runs: it
        # stops, makes nothing, and says so.
        self.user_hr[compat.GROUPS_FIELD] -= self.env.ref("appraisal_monthly.group_appraisal_officer")
        self._run_jobs()
        self.assertFalse(self.march.job_kind)
        self.assertFalse(self._forms())
        self.assertIn("stopped", self.march.message_ids[:1].body)

    def test_job_fields_are_written_by_the_job_only(self):
        with self.assertRaises(UserError):
            self.march.sudo().write({"job_kind": "generate"})
        with self.assertRaises(UserError):
            self.march.with_user(self.user_hr).write({"job_done": 5})

    def test_no_step_of_the_period_while_a_job_runs(self):
        self._request_generation()
        with self.assertRaisesRegex(UserError, "background"):
            self.march.with_user(self.user_hr).action_publish()

    def test_small_run_stays_immediate(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "appraisal_monthly.background_threshold", "500")
        wizard = self.generate_forms(self.march, self.user_hr)
        self.assertFalse(self.march.job_kind)
        self.assertEqual(wizard.created_count, len(self._forms()))

    def test_publication_and_annual_results_in_background(self):
        self._request_generation()
        self._run_jobs()
        forms = self._forms()
        approving = forms.filtered(lambda f: f.employee_id in (
            self.emp_staff | self.emp_staff2 | self.emp_outsider))
        self.assertEqual(len(approving), 3)
        if forms - approving:
            (forms - approving).with_user(self.user_hr).action_cancel()
        for form in approving:
            self.fill_self(form, 0.8)
        approving.with_user(self.user_hr).action_submit()
        for form in approving:
            self.fill_manager(form, 0.8, user=self.user_admin)
        approving.with_user(self.user_admin).action_review()
        approving.with_user(self.user_admin).action_approve()
        self.assertEqual(set(approving.mapped("state")), {"approved"})
        self.march.with_user(self.user_hr).action_publish()
        self.assertEqual(self.march.state, "published")
        self.assertEqual(self.march.job_kind, "publish")
        self.assertEqual(self.march.job_total, len(approving))
        self._run_jobs(batch_size=2)
        self.assertFalse(self.march.job_kind)
        told = approving.filtered(lambda f: any(
            "are published" in (m.body or "") for m in f.message_ids))
        self.assertEqual(told, approving, "every employee is told, once")
        self.assertEqual(sum(
            len(f.message_ids.filtered(lambda m: "are published" in (m.body or "")))
            for f in approving), len(approving))
        self.assertIn("Results published", self.march.message_ids[:1].body)
        # The year's results, in the background too.
        self.march.with_user(self.user_hr).action_recompute_annual_results()
        self.assertEqual(self.march.job_kind, "annual")
        self._run_jobs(batch_size=2)
        self.assertFalse(self.march.job_kind)
        results = self.env["appraisal.summary"].sudo().search([
            ("employee_id", "in", approving.employee_id.ids), ("year", "=", 2026),
            ("period_type", "=", "year")])
        self.assertEqual(results.employee_id, approving.employee_id)

    def test_progress_reported_to_the_scheduler(self):
        self._request_generation()
        cron = self.env.ref(JOB_CRON)
        cron, progress = cron._add_progress()
        # As the scheduler calls it (19.0 checks the progress is the cron's).
        self.Period.with_context(
            ir_cron_progress_id=progress.id, cron_id=cron.id)._cron_run_jobs(batch_size=2)
        self.assertEqual(progress.done, 2)
        self.assertGreater(progress.remaining, 0)
