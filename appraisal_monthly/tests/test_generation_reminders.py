from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestGenerationReminders(AppraisalCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Period = cls.env["appraisal.period"]
        cls.Form = cls.env["appraisal.form"]
        cls.period_mar = cls.Period.create({
            "date_start": "2026-03-01", "company_id": cls.company.id,
        })
        cls.period_mar.action_open()
        cls.user_staff3 = new_test_user(cls.env, login="am_staff3", name="Staff Three",
                                        groups="base.group_user")
        cls.emp_staff3 = cls.env["hr.employee"].create({
            "name": "Staff Three", "user_id": cls.user_staff3.id,
            "parent_id": cls.emp_leader.id, "department_id": cls.dep_office.id,
        })

    # helpers -------------------------------------------------------------
    def _generate(self, period, user=None, **vals):
        wizard = self.env["appraisal.period.generate"].with_user(user or self.user_hr).create(
            dict(vals, period_id=period.id)
        )
        action = wizard.action_generate()
        self.assertEqual(action["res_model"], "appraisal.period.generate")
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(wizard.step, "done")
        return wizard

    def _mails(self, form, partner=None, subject=None):
        mails = self.env["mail.mail"].sudo().search([
            ("model", "=", "appraisal.form"), ("res_id", "=", form.id),
        ])
        if partner is not None:
            mails = mails.filtered(lambda m: partner in m.recipient_ids)
        if subject is not None:
            mails = mails.filtered(lambda m: subject in (m.subject or ""))
        return mails

    def _submit(self, form):
        self.fill_self(form, 0.8)
        form.with_user(form.employee_id.user_id).action_submit()

    def _send_open_notices(self):
        """The notices queued when the forms were made, early in January."""
        with freeze_time("2026-01-05 03:00:00"):
            self.Form._cron_send_reminders()
        self.assertFalse(self.period.form_ids.filtered("open_notice_pending"))

    def _close(self, period):
        # However the period gets closed (publication first, or not), a
        # closed period is what these tests need.  One that still holds
        # forms in progress cannot be reached through the actions
        # (publication needs every form approved or cancelled), and a
        # period's status is written by its actions only, whoever calls:
        # the fixture sets it in the database.
        period.flush_recordset()
        self.env.cr.execute(
            "UPDATE appraisal_period SET state = 'closed' WHERE id = %s", [period.id])
        period.invalidate_recordset(["state"])
        self.env["appraisal.form"].invalidate_model(["period_state"])

    def _reviewed_form(self):
        """A form of the January period, reviewed by the superior."""
        form = self.Form.create({"employee_id": self.emp_staff3.id, "period_id": self.period.id})
        self._submit(form)
        self.fill_manager(form, 0.9, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        self.assertEqual(form.state, "reviewed")
        self.assertEqual(form.approver_user_id, self.user_head)
        return form

    def _company_periods(self):
        return self.Period.search([("company_id", "=", self.company.id)])

    # ------------------------------------------------------------------
    # Generation wizard
    # ------------------------------------------------------------------
    def test_generate_button_opens_wizard(self):
        action = self.period_mar.with_user(self.user_hr).action_open_generate_wizard()
        self.assertEqual(action["res_model"], "appraisal.period.generate")
        self.assertEqual(action["context"]["default_period_id"], self.period_mar.id)
        self._close(self.period_mar)
        with self.assertRaises(UserError):
            self.period_mar.with_user(self.user_hr).action_open_generate_wizard()

    def test_wizard_scope_department_includes_sub_departments(self):
        wizard = self._generate(
            self.period_mar, scope="department",
            department_ids=[Command.set(self.dep_leadership.ids)],
        )
        expected = (self.emp_head | self.emp_leader | self.emp_staff | self.emp_staff2
                    | self.emp_staff3)
        self.assertEqual(self.period_mar.form_ids.employee_id, expected,
                         "Leadership and its sub-department Office, nobody else")
        self.assertEqual(wizard.created_count, 5)
        self.assertEqual(wizard.existing_count, 0)
        self.assertFalse(wizard.unmatched_employee_ids)
        # the Office alone: its people already have their forms
        wizard = self._generate(
            self.period_mar, scope="department",
            department_ids=[Command.set(self.dep_office.ids)],
        )
        self.assertEqual(wizard.created_count, 0)
        self.assertEqual(wizard.existing_count, 4)

    def test_wizard_scope_job(self):
        clerk = self.env["hr.job"].create({"name": "Clerk"})
        (self.emp_staff2 | self.emp_outsider).job_id = clerk
        wizard = self._generate(self.period_mar, scope="job", job_ids=[Command.set(clerk.ids)])
        self.assertEqual(self.period_mar.form_ids.employee_id, self.emp_staff2 | self.emp_outsider)
        self.assertEqual(wizard.created_count, 2)
        with self.assertRaisesRegex(UserError, "job position"):
            self._generate(self.period_mar, scope="job")

    def test_wizard_twice_creates_nothing_new(self):
        wizard = self._generate(self.period_mar)
        forms = self.period_mar.form_ids
        company_employees = self.env["hr.employee"].search([("company_id", "=", self.company.id)])
        self.assertEqual(forms.employee_id, company_employees)
        self.assertEqual(wizard.created_count, len(company_employees))
        again = self._generate(self.period_mar)
        self.assertEqual(again.created_count, 0)
        self.assertEqual(again.existing_count, len(company_employees))
        self.assertEqual(self.period_mar.form_ids, forms, "running it twice creates nothing new")

    def test_wizard_lists_unmatched_employees(self):
        nobody = self.env["hr.employee"].create({
            "name": "No Set", "appraisal_target": "manager", "department_id": self.dep_office.id,
        })
        self.env["appraisal.criteria.set"].search([("target", "=", "manager")]).active = False
        wizard = self._generate(
            self.period_mar, scope="department", department_ids=[Command.set(self.dep_office.ids)],
        )
        # the leader heads the Office: a manager, like "No Set"
        self.assertEqual(wizard.unmatched_employee_ids, nobody | self.emp_leader)
        self.assertEqual(self.period_mar.form_ids.employee_id,
                         self.emp_staff | self.emp_staff2 | self.emp_staff3)
        self.assertEqual(wizard.created_count, 3)
        note = self.period_mar.message_ids[:1].body
        self.assertIn("No Set", note, "unmatched employees are on the period's chatter")
        self.assertIn("3 form(s) created", note)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_wizard_only_for_hr_officers(self):
        for user in (self.user_staff, self.user_committee, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["appraisal.period.generate"].with_user(user).create(
                    {"period_id": self.period_mar.id}
                )
        self.assertFalse(self.period_mar.form_ids)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_wizard_not_for_another_company(self):
        company2 = self.env["res.company"].create({"name": "Other Body"})
        period2 = self.Period.create({"date_start": "2026-03-01", "company_id": company2.id})
        with self.assertRaises(AccessError):
            self.env["appraisal.period.generate"].with_user(self.user_hr).create(
                {"period_id": period2.id}
            ).action_generate()
        self.assertFalse(period2.form_ids)

    def test_wizard_refused_on_closed_period(self):
        wizard = self.env["appraisal.period.generate"].with_user(self.user_hr).create(
            {"period_id": self.period_mar.id}
        )
        self._close(self.period_mar)
        with self.assertRaises(UserError):
            wizard.action_generate()
        self.assertFalse(self.period_mar.form_ids)

    # ------------------------------------------------------------------
    # Scheduled creation of periods
    # ------------------------------------------------------------------
    def test_cron_creates_period_on_first_day(self):
        company_employees = self.env["hr.employee"].search([("company_id", "=", self.company.id)])
        before = self._company_periods()
        with freeze_time("2026-05-01 01:00:00"):
            self.Period._cron_create_periods()
        period = self._company_periods() - before
        self.assertEqual(len(period), 1)
        self.assertEqual(str(period.date_start), "2026-05-01")
        self.assertEqual(str(period.date_end), "2026-05-31")
        self.assertEqual(period.period_type, "month")
        self.assertEqual(period.state, "open")
        self.assertEqual(period.form_ids.employee_id, company_employees)
        with freeze_time("2026-05-01 01:05:00"):
            self.Form._cron_send_reminders()  # triggered by the generation
        self.assertTrue(self._mails(period.form_ids.filtered(
            lambda f: f.employee_id == self.emp_staff), self.user_staff.partner_id, "is open"),
            "each employee is told that the period is open")
        # twice (or the next day): nothing new
        forms = period.form_ids
        with freeze_time("2026-05-01 05:00:00"):
            self.Period._cron_create_periods()
        with freeze_time("2026-05-02 01:00:00"):
            self.Period._cron_create_periods()
        self.assertEqual(self._company_periods() - before, period)
        self.assertEqual(period.form_ids, forms)

    def test_cron_catches_up_a_missed_first_day(self):
        before = self._company_periods()
        with freeze_time("2026-06-04 09:00:00"):
            self.Period._cron_create_periods()
        period = self._company_periods() - before
        self.assertEqual(str(period.date_start), "2026-06-01")
        self.assertTrue(period.form_ids)

    def test_cron_uses_the_company_date(self):
        self.company.partner_id.tz = "Asia/Ho_Chi_Minh"  # UTC+7
        before = self._company_periods()
        with freeze_time("2026-04-30 12:00:00"):  # 19:00 in Hanoi, still April
            self.Period._cron_create_periods()
        april = self._company_periods() - before
        self.assertEqual(str(april.date_start), "2026-04-01")
        with freeze_time("2026-04-30 18:00:00"):  # already 1 May in Hanoi
            self.Period._cron_create_periods()
        may = self._company_periods() - before - april
        self.assertEqual(str(may.date_start), "2026-05-01")

    def test_cron_does_nothing_when_setting_off(self):
        self.company.appraisal_auto_period = False
        before = self._company_periods()
        with freeze_time("2026-05-01 01:00:00"):
            self.Period._cron_create_periods()
        self.assertEqual(self._company_periods(), before)

    def test_cron_leaves_an_existing_period_alone(self):
        # January already has its period (of the fixture), still with one form
        with freeze_time("2026-01-01 01:00:00"):
            self.Period._cron_create_periods()
        self.assertEqual(self.Period.search_count([
            ("company_id", "=", self.company.id), ("date_start", "=", "2026-01-01"),
        ]), 1)
        self.assertEqual(len(self.period.form_ids), 1)

    def test_cron_quarter_company(self):
        self.company.appraisal_period_type = "quarter"
        before = self._company_periods()
        with freeze_time("2026-04-01 01:00:00"):
            self.Period._cron_create_periods()
        quarter = self._company_periods() - before
        self.assertEqual(len(quarter), 1)
        self.assertEqual(quarter.period_type, "quarter")
        self.assertEqual(str(quarter.date_start), "2026-04-01")
        self.assertEqual(str(quarter.date_end), "2026-06-30")
        self.assertTrue(quarter.form_ids)
        # the quarter covers May: no month period then
        with freeze_time("2026-05-01 01:00:00"):
            self.Period._cron_create_periods()
        self.assertEqual(self._company_periods() - before, quarter)

    # ------------------------------------------------------------------
    # Notices at each step
    # ------------------------------------------------------------------
    def test_period_open_notifies_employees(self):
        cron = self.env.ref("appraisal_monthly.ir_cron_appraisal_reminders")
        period = self.Period.create({"date_start": "2026-07-01", "company_id": self.company.id})
        form = self.Form.create({"employee_id": self.emp_staff2.id, "period_id": period.id})
        self.assertFalse(form.open_notice_pending, "nothing before the period opens")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        period.with_user(self.user_hr).action_open()
        self.assertTrue(form.open_notice_pending)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers,
            "the e-mails are sent by the scheduled action, started at once")
        with freeze_time("2026-07-01 08:00:00"):
            self.Form._cron_send_reminders()
            self.Form._cron_send_reminders()
        mail = self._mails(form, self.user_staff2.partner_id, "is open")
        self.assertEqual(len(mail), 1, "told once")
        self.assertEqual(mail.recipient_ids, self.user_staff2.partner_id)
        self.assertIn("Staff Two", mail.body_html)
        self.assertFalse(form.open_notice_pending)
        # a form made later in the open period: told too
        late_joiner = self.Form.create({"employee_id": self.emp_outsider.id, "period_id": period.id})
        with freeze_time("2026-07-02 08:00:00"):
            self.Form._cron_send_reminders()
        self.assertEqual(len(self._mails(late_joiner, self.user_outsider.partner_id, "is open")), 1)

    def test_submit_notifies_superior_and_review_notifies_head(self):
        form = self.form_staff
        self._submit(form)
        mail = self._mails(form, subject="submitted their self-assessment")
        self.assertEqual(mail.recipient_ids, self.user_leader.partner_id)
        self.fill_manager(form, 0.9, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        mail = self._mails(form, subject="awaits your approval")
        self.assertEqual(mail.recipient_ids, self.user_head.partner_id)

    def test_superior_gets_one_mail_for_many_forms(self):
        """HR submits a unit at once: its superior gets one e-mail listing
        the forms, not one per form; a single form keeps its own e-mail."""
        forms = self.Form.create([
            {"employee_id": employee.id, "period_id": self.period_mar.id}
            for employee in (self.emp_staff, self.emp_staff2, self.emp_staff3)
        ])
        for form in forms:
            self.fill_self(form, 0.8)
        mails_before = self.env["mail.mail"].sudo().search([])
        forms.with_user(self.user_hr).action_submit()
        new = self.env["mail.mail"].sudo().search([]) - mails_before
        to_leader = new.filtered(lambda m: self.user_leader.partner_id in m.recipient_ids)
        self.assertEqual(len(to_leader), 1, "one e-mail for the three forms")
        self.assertIn("3 self-assessments", to_leader.subject)
        for employee in ("Staff", "Staff Two", "Staff Three"):
            self.assertIn(">%s</a>" % employee, to_leader.body_html)
        for form in forms:
            self.assertIn("res_id=%s" % form.id, to_leader.body_html)

    def test_mail_in_recipient_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        template = self.env.ref("appraisal_monthly.mail_template_appraisal_submitted")
        template.with_context(lang="vi_VN").subject = "{{ object.employee_id.name }} đã nộp bản tự đánh giá"
        self.user_leader.lang = "vi_VN"
        self._submit(self.form_staff)  # the employee works in English
        mail = self._mails(self.form_staff, self.user_leader.partner_id)
        self.assertEqual(mail.subject, "Staff đã nộp bản tự đánh giá")

    def test_missing_email_never_stops_the_workflow(self):
        self.user_leader.partner_id.email = False
        form = self.form_staff
        self._submit(form)
        self.assertEqual(form.state, "submitted")
        self.assertFalse(self._mails(form, self.user_leader.partner_id))
        # A note naming who could not be e-mailed (in the database's language).
        self.assertIn(self.user_leader.partner_id.name, form.message_ids[:1].body)
        self.assertNotEqual(form.message_ids[:1].message_type, "email")
        self.assertIn("Leader", form.message_ids[:1].body)

    # ------------------------------------------------------------------
    # Scheduled reminders
    # ------------------------------------------------------------------
    def test_reminder_before_self_deadline_once(self):
        form = self.form_staff  # January: deadline 31/01, reminder 2 days before
        subject = "is due soon"
        self._send_open_notices()
        self.assertEqual(len(self._mails(form, self.user_staff.partner_id, "is open")), 1)
        with freeze_time("2026-01-28 03:00:00"):
            self.Form._cron_send_reminders()
        self.assertFalse(self._mails(form, subject=subject), "too early")
        with freeze_time("2026-01-29 03:00:00"):
            self.Form._cron_send_reminders()
        self.assertEqual(len(self._mails(form, self.user_staff.partner_id, subject)), 1)
        self.assertEqual(str(form.reminder_date), "2026-01-29")
        with freeze_time("2026-01-30 03:00:00"):
            self.Form._cron_send_reminders()
        self.assertEqual(len(self._mails(form, subject=subject)), 1, "once before the deadline")
        self.company.appraisal_reminder_days = 0
        form2 = self.Form.create({"employee_id": self.emp_staff2.id, "period_id": self.period.id})
        with freeze_time("2026-01-31 03:00:00"):
            self.Form._cron_send_reminders()
        self.assertFalse(self._mails(form2, subject=subject), "0 days: no reminder")

    def test_overdue_reminders_once_a_day_to_the_right_people(self):
        form_self = self.form_staff
        form_review = self.Form.create({"employee_id": self.emp_staff2.id, "period_id": self.period.id})
        self._submit(form_review)
        form_approval = self._reviewed_form()
        self._send_open_notices()

        # after the self-assessment deadline (31/01), before the review one (05/02)
        with freeze_time("2026-02-02 03:00:00"):
            self.Form._cron_send_reminders()
            self.Form._cron_send_reminders()  # twice the same day
        overdue_self = self._mails(form_self, subject="Overdue")
        self.assertEqual(len(overdue_self), 1, "one reminder a day")
        self.assertEqual(overdue_self.recipient_ids, self.user_staff.partner_id)
        self.assertFalse(self._mails(form_review, subject="Overdue"), "review not due yet")
        self.assertEqual(str(form_self.reminder_date), "2026-02-02")

        with freeze_time("2026-02-06 03:00:00"):
            self.Form._cron_send_reminders()
            self.Form._cron_send_reminders()
        self.assertEqual(len(self._mails(form_self, subject="Overdue")), 2, "a new day, a new reminder")
        overdue_review = self._mails(form_review, subject="Overdue")
        self.assertEqual(len(overdue_review), 1)
        self.assertEqual(overdue_review.recipient_ids, self.user_leader.partner_id)
        overdue_approval = self._mails(form_approval, subject="Overdue")
        self.assertEqual(len(overdue_approval), 1)
        self.assertEqual(overdue_approval.recipient_ids, self.user_head.partner_id)

        # a closed period is not chased any more
        self._close(self.period)
        with freeze_time("2026-02-07 03:00:00"):
            self.Form._cron_send_reminders()
        self.assertEqual(len(self._mails(form_self, subject="Overdue")), 2)

    def test_reminders_a_batch_a_run(self):
        """A run of the reminders sends at most a batch of e-mails (the
        background batch size) and starts the next run at once; the next
        run takes the people not reminded yet, nobody twice."""
        form_self = self.form_staff
        form_other = self.Form.create({"employee_id": self.emp_staff2.id, "period_id": self.period.id})
        self._send_open_notices()
        self.env["ir.config_parameter"].sudo().set_param(
            "appraisal_monthly.background_batch_size", "1")
        cron = self.env.ref("appraisal_monthly.ir_cron_appraisal_reminders")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        forms = form_self | form_other
        with freeze_time("2026-02-02 03:00:00"):
            self.Form._cron_send_reminders()
            reminded = forms.filtered(lambda f: self._mails(f, subject="Overdue"))
            self.assertEqual(len(reminded), 1, "one e-mail a run")
            self.assertGreater(
                self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers,
                "the next run is started at once")
            self.Form._cron_send_reminders()
        for form in forms:
            self.assertEqual(len(self._mails(form, subject="Overdue")), 1, form.name)

    def test_overdue_reminder_without_email_is_noted(self):
        self.user_staff.partner_id.email = False
        self._send_open_notices()
        with freeze_time("2026-02-02 03:00:00"):
            self.Form._cron_send_reminders()
        self.assertFalse(self._mails(self.form_staff, subject="Overdue"))
        self.assertIn(self.user_staff.partner_id.name, self.form_staff.message_ids[:1].body)
        self.assertEqual(str(self.form_staff.reminder_date), "2026-02-02")

    # ------------------------------------------------------------------
    # Who is late: filters and the period's dashboard
    # ------------------------------------------------------------------
    def test_late_filters_and_dashboard(self):
        form_self = self.form_staff
        form_review = self.Form.create({"employee_id": self.emp_staff2.id, "period_id": self.period.id})
        self._submit(form_review)
        form_approval = self._reviewed_form()
        forms = form_self | form_review | form_approval
        period_forms = [("period_id", "=", self.period.id)]

        def late(step, operator="="):
            return self.Form.search(period_forms + [("late_step", operator, step)])

        with freeze_time("2026-01-20 03:00:00"):
            self.env.invalidate_all()
            self.assertEqual(late("none"), forms, "before the deadlines nobody is late")
            self.assertEqual(set(forms.mapped("late_step")), {"none"})
            self.assertEqual(self.period.late_self_count, 0)

        with freeze_time("2026-02-02 03:00:00"):
            self.env.invalidate_all()
            self.assertEqual(late("self"), form_self)
            self.assertFalse(late("review"))
            self.assertEqual(form_self.late_step, "self")
            self.assertEqual(form_review.late_step, "none")

        with freeze_time("2026-02-06 03:00:00"):
            self.env.invalidate_all()
            self.assertEqual(late("self"), form_self)
            self.assertEqual(late("review"), form_review)
            self.assertEqual(late("approval"), form_approval)
            self.assertEqual(late("none", "!="), forms)
            self.assertFalse(late("none"))
            self.assertEqual(late(["review", "approval"], "in"), form_review | form_approval)
            self.assertEqual(late(["self"], "not in"), form_review | form_approval)
            self.assertEqual(form_approval.late_step, "approval")
            period = self.period.with_user(self.user_hr)
            self.assertEqual(
                (period.late_self_count, period.late_review_count, period.late_approval_count),
                (1, 1, 1),
            )
            action = period.with_context(late_step="review").action_view_late_forms()
            self.assertEqual(self.Form.search(action["domain"]), form_review)

            self._close(self.period)
            self.env.invalidate_all()
            self.assertFalse(late("none", "!="), "a closed period has nobody late")
            self.assertEqual(self.period.late_self_count, 0)
