from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalFlow(AppraisalCommon):

    def _submit(self, form, ratio=0.8):
        self.fill_self(form, ratio)
        form.with_user(form.employee_id.user_id).action_submit()

    def test_full_flow(self):
        form = self.form_staff
        self.assertEqual(form.reviewer_user_id, self.user_leader)
        self.assertEqual(form.approver_user_id, self.user_head)
        self.assertEqual(form.state, "draft")

        self._submit(form, 0.8)
        self.flush_tracking()  # each step is its own transaction in real use
        self.assertEqual(form.state, "submitted")
        self.assertTrue(form.date_submitted)
        self.assertEqual(form.self_score, 80)
        review_activity = form.activity_ids.filtered(lambda a: a.user_id == self.user_leader)
        self.assertTrue(review_activity, "the superior gets a to-do")

        self.fill_manager(form, 0.92, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        self.flush_tracking()
        self.assertEqual(form.state, "reviewed")
        self.assertEqual(form.reviewed_user_id, self.user_leader)
        self.assertTrue(form.activity_ids.filtered(lambda a: a.user_id == self.user_head))

        form.with_user(self.user_head).action_approve()
        self.assertEqual(form.state, "approved")
        self.assertEqual(form.approved_user_id, self.user_head)
        self.assertEqual(form.final_score, 92)
        self.assertEqual(form.score_percent, 92)
        self.assertEqual(form.rating, "excellent")
        self.assertFalse(form.activity_ids, "no to-do left once approved")

        self.flush_tracking()
        tracked = form.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(tracked), 3, "every change of state is in the chatter")

    def test_wrong_state_transitions_refused(self):
        form = self.form_staff
        with self.assertRaises(UserError):
            form.with_user(self.user_leader).action_review()
        with self.assertRaises(UserError):
            form.with_user(self.user_head).action_approve()
        with self.assertRaises(UserError):
            form.with_user(self.user_hr).action_reset_to_draft(reason="no")
        self._submit(form)
        with self.assertRaises(UserError):
            form.with_user(self.user_staff).action_submit()
        self.assertEqual(form.state, "submitted")

    def test_missing_self_score_refused(self):
        form = self.form_staff
        lines = self.score_lines(form).filtered(lambda l: l.kind == "score")
        for line in lines[:-1]:
            line.with_user(self.user_staff).self_score = line.max_score
        with self.assertRaisesRegex(UserError, lines[-1].name):
            form.with_user(self.user_staff).action_submit()
        self.assertEqual(form.state, "draft")
        # Zero is a real score, not a missing one.
        lines[-1].with_user(self.user_staff).self_score = 0
        form.with_user(self.user_staff).action_submit()
        self.assertEqual(form.state, "submitted")

    def test_missing_manager_score_refused(self):
        form = self.form_staff
        self._submit(form)
        lines = self.score_lines(form).filtered(lambda l: l.kind == "score")
        lines[0].with_user(self.user_leader).manager_score = 1
        with self.assertRaises(UserError):
            form.with_user(self.user_leader).action_review()
        self.assertEqual(form.state, "submitted")
        form.with_user(self.user_leader).action_copy_self_scores()
        self.assertEqual(lines[0].manager_score, 1, "copy keeps what the superior entered")
        form.with_user(self.user_leader).action_review()
        self.assertEqual(form.state, "reviewed")

    def test_batch_submit_is_all_or_nothing(self):
        form2 = self.env["appraisal.form"].create({
            "employee_id": self.emp_staff2.id, "period_id": self.period.id,
        })
        self.fill_self(self.form_staff, 0.8)
        forms = (self.form_staff | form2).with_user(self.user_hr)
        with self.assertRaises(UserError):
            forms.action_submit()
        self.assertEqual(self.form_staff.state, "draft", "nothing is half-saved")

    def test_return_with_reason(self):
        form = self.form_staff
        self._submit(form)
        action = form.with_user(self.user_leader).action_return()
        self.assertEqual(action["res_model"], "appraisal.form.return", "a click asks for the reason")
        wizard = self.env["appraisal.form.return"].with_user(self.user_leader).with_context(
            **action["context"]).create({"reason": "Thiếu minh chứng công việc"})
        wizard.action_confirm()
        self.assertEqual(form.state, "draft")
        self.assertIn("Thiếu minh chứng công việc", form.message_ids[0].body)
        self.assertTrue(form.activity_ids.filtered(lambda a: a.user_id == self.user_staff))
        # The employee corrects and submits again; the head returns from review.
        form.with_user(self.user_staff).action_submit()
        self.fill_manager(form, 0.8, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        form.with_user(self.user_head).action_return(reason="Chấm lại tiêu chí 2")
        self.assertEqual(form.state, "draft")

    def test_level_change_needs_reason(self):
        form = self.form_staff
        self._submit(form, 0.85)
        self.fill_manager(form, 0.85, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        self.assertEqual(form.suggested_rating, "good")
        form.with_user(self.user_head).rating = "completed"
        with self.assertRaises(UserError):
            form.with_user(self.user_head).action_approve()
        self.assertEqual(form.state, "reviewed")
        form.with_user(self.user_head).rating_change_reason = "Chậm tiến độ nhiệm vụ trọng tâm"
        form.with_user(self.user_head).action_approve()
        self.assertEqual(form.state, "approved")
        self.assertEqual(form.rating, "completed")
        self.assertEqual(form.score_percent, 85, "the score is kept as it was")
        self.assertTrue(any("Chậm tiến độ nhiệm vụ trọng tâm" in body
                            for body in form.message_ids.mapped("body")))
        self.flush_tracking()
        rating_tracking = form.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "rating")
        self.assertTrue(rating_tracking, "the change of level is tracked")

    def test_approved_is_locked_until_reopened(self):
        form = self.form_staff
        self._submit(form, 0.8)
        self.fill_manager(form, 0.8, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        form.with_user(self.user_head).action_approve()
        line = self.score_lines(form)[0]
        for user in (self.user_staff, self.user_leader, self.user_head, self.user_hr):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                line.with_user(user).write({"manager_score": 1})
        with self.assertRaises(UserError):
            form.with_user(self.user_hr).write({"manager_comment": "x"})
        # Recomputing cannot move a fixed level either.
        self.company.appraisal_threshold_excellent = 99
        self.assertEqual(form.rating, "good")
        form.with_user(self.user_hr).action_reset_to_draft(reason="Sai sót khi nhập điểm")
        self.assertEqual(form.state, "draft")
        self.assertFalse(form.date_approved)
        self.assertIn("Sai sót khi nhập điểm", form.message_ids[0].body)
        line.with_user(self.user_staff).self_score = 1
        self.assertEqual(line.self_score, 1)

    def test_cancel_and_reopen(self):
        form = self.form_staff
        form.with_user(self.user_hr).action_cancel()
        self.assertEqual(form.state, "cancelled")
        with self.assertRaises(UserError):
            self.score_lines(form)[0].with_user(self.user_hr).self_score = 1
        form.with_user(self.user_hr).action_reset_to_draft(reason="Tạo nhầm")
        self.assertEqual(form.state, "draft")

    def test_period_must_be_open(self):
        draft_period = self.env["appraisal.period"].create({"date_start": "2026-02-01"})
        form = self.env["appraisal.form"].create({
            "employee_id": self.emp_staff.id, "period_id": draft_period.id,
        })
        self.fill_self(form, 0.8)
        with self.assertRaisesRegex(UserError, "not open"):
            form.with_user(self.user_staff).action_submit()

    def test_late_submission(self):
        form = self.form_staff
        self.fill_self(form, 0.8)
        self.company.appraisal_block_late_submission = True
        with freeze_time("2026-02-10"):
            with self.assertRaises(UserError):
                form.with_user(self.user_staff).action_submit()
            form.with_user(self.user_hr).action_submit()
        self.assertTrue(form.is_late)

    def test_on_time_submission_not_late(self):
        form = self.form_staff
        self.fill_self(form, 0.8)
        with freeze_time("2026-01-30"):
            form.with_user(self.user_staff).action_submit()
        self.assertFalse(form.is_late)

    @mute_logger("odoo.sql_db")
    def test_one_form_per_employee_and_period(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["appraisal.form"].create({
                "employee_id": self.emp_staff.id, "period_id": self.period.id,
            })

    def test_generate_forms_twice(self):
        period = self.env["appraisal.period"].create({"date_start": "2026-03-01"})
        period.action_open()
        nobody_set = self.env["hr.employee"].create({"name": "No Set", "appraisal_target": "manager"})
        self.set_manager.active = False
        self.generate_forms(period, self.user_hr)
        forms = period.form_ids
        company_employees = self.env["hr.employee"].search([("company_id", "=", self.company.id)])
        self.assertIn(self.emp_staff, forms.employee_id)
        self.assertNotIn(nobody_set, forms.employee_id, "no matching set: no form")
        self.assertIn("No Set", period.message_ids[0].body, "unmatched employees are listed")
        self.assertEqual(len(forms), len(company_employees) - len(
            company_employees.filtered(lambda e: e._get_appraisal_target() == "manager")))
        self.generate_forms(period, self.user_hr)
        self.assertEqual(period.form_ids, forms, "running it twice creates nothing new")

    def test_quarter_period(self):
        period = self.env["appraisal.period"].create({
            "date_start": "2026-04-01", "period_type": "quarter",
        })
        self.assertEqual(str(period.date_end), "2026-06-30")
        self.assertIn("2/2026", period.name)
        month = self.env["appraisal.period"].create({"date_start": "2026-02-01"})
        self.assertEqual(str(month.date_end), "2026-02-28")
        self.assertEqual(str(month.date_self_deadline), "2026-02-28")
        self.assertEqual(str(month.date_review_deadline), "2026-03-05")

    def test_closed_period_blocks_reopening_forms(self):
        form = self.form_staff
        form.with_user(self.user_hr).action_cancel()
        self.period.action_publish()  # closing needs published results
        self.period.action_close()
        with self.assertRaises(UserError):
            form.with_user(self.user_hr).action_reset_to_draft(reason="x")
        with self.assertRaises(UserError):
            self.period.action_close()

    def test_employee_history_button(self):
        self.assertEqual(self.emp_staff.appraisal_form_count, 1)
        action = self.emp_staff.action_open_appraisal_forms()
        forms = self.env["appraisal.form"].search(action["domain"])
        self.assertEqual(forms, self.form_staff)

    def test_leader_form_goes_to_head(self):
        form = self.env["appraisal.form"].create({
            "employee_id": self.emp_leader.id, "period_id": self.period.id,
        })
        self.assertEqual(form.reviewer_user_id, self.user_head)
        self.assertEqual(form.approver_user_id, self.user_head)
        self._submit(form, 0.6)
        self.fill_manager(form, 0.6, user=self.user_head)
        form.with_user(self.user_head).action_review()
        form.with_user(self.user_head).action_approve()
        self.assertEqual(form.rating, "completed")

    def test_superior_score_changes_logged(self):
        form = self.form_staff
        self._submit(form)
        line = self.score_lines(form).filtered(lambda l: l.max_score == 70)
        line.with_user(self.user_leader).manager_score = 50
        line.with_user(self.user_leader).manager_score = 60
        bodies = [b for b in form.message_ids.mapped("body") if "Superior" in b]
        self.assertEqual(len(bodies), 1, "a first entry is not a change")
        self.assertIn("50.0 → 60.0", bodies[0])

    def test_history_button_for_colleagues_without_hr_rights(self):
        public = self.env["hr.employee.public"]
        self.assertEqual(
            public.with_user(self.user_leader).browse(self.emp_staff.id).appraisal_form_count, 1,
            "the superior sees the history of his people")
        self.assertEqual(
            public.with_user(self.user_outsider).browse(self.emp_staff.id).appraisal_form_count, 0,
            "others see no appraisal of a colleague")
        action = public.with_user(self.user_staff).browse(self.emp_staff.id).action_open_appraisal_forms()
        forms = self.env["appraisal.form"].with_user(self.user_staff).search(action["domain"])
        self.assertEqual(forms, self.form_staff)

    def test_self_assessment_todo_when_period_open(self):
        todo_type = self.env.ref("appraisal_monthly.mail_activity_type_appraisal_self")
        todo = self.form_staff.activity_ids.filtered(lambda a: a.activity_type_id == todo_type)
        self.assertEqual(todo.user_id, self.user_staff, "forms of an open period come with a to-do")
        self.assertEqual(todo.date_deadline, self.period.date_self_deadline)
        draft_period = self.env["appraisal.period"].create({"date_start": "2026-05-01"})
        form = self.env["appraisal.form"].create({
            "employee_id": self.emp_staff.id, "period_id": draft_period.id,
        })
        self.assertFalse(form.activity_ids, "no to-do before the period opens")
        draft_period.action_open()
        self.assertEqual(form.activity_ids.activity_type_id, todo_type)
        self._submit(form)
        self.assertFalse(form.activity_ids.filtered(lambda a: a.activity_type_id == todo_type))

    def test_workflow_does_not_need_email(self):
        self.user_leader.email = False
        self.user_staff.email = False
        self.user_staff.partner_id.email = False
        form = self.form_staff
        self._submit(form)
        self.fill_manager(form, 0.8, user=self.user_leader)
        form.with_user(self.user_leader).action_return(reason="Thiếu minh chứng")
        self.assertEqual(form.state, "draft")
        self.assertIn("Thiếu minh chứng", form.message_ids[0].body)

    def test_employee_told_in_own_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["appraisal_monthly"], ["vi_VN"])
        self.user_staff.lang = "vi_VN"
        form = self.form_staff
        self._submit(form, 0.8)
        self.fill_manager(form, 0.8, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        form.with_user(self.user_head).action_approve()  # the head works in English
        # In Vietnamese, numbers are written the Vietnamese way: 80,0.
        notice = form.message_ids.filtered(lambda m: "80,0" in (m.body or ""))[:1]
        self.assertIn("Hoàn thành tốt nhiệm vụ", notice.body)

    def test_messages_in_user_language_without_context(self):
        """Scripts over XML-RPC send no language: answer in the user's own."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["appraisal_monthly"], ["vi_VN"])
        self.user_staff.lang = "vi_VN"
        form = self.form_staff.with_user(self.user_staff).with_context(lang=None)
        with self.assertRaisesRegex(UserError, "Còn thiếu"):
            form.action_submit()
