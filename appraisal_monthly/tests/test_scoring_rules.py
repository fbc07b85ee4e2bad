from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestScoringRules(AppraisalCommon):
    """The scoring rules, as the ORM applies them to forms."""

    def test_lines_copied_from_set(self):
        form = self.form_staff
        criteria = self.set_staff.criterion_ids
        self.assertEqual(len(form.line_ids), len(criteria))
        self.assertEqual(form.line_ids.mapped("name"), criteria.mapped("name"))
        self.assertEqual(form.max_score, 100)
        self.assertEqual(form.criteria_set_id, self.set_staff)
        self.assertEqual(form.department_id, self.dep_office)

    def test_thresholds_on_percent(self):
        form = self.form_staff
        cases = [(1.0, "excellent"), (0.9, "excellent"), (0.89, "good"),
                 (0.7, "good"), (0.69, "completed"), (0.5, "completed"),
                 (0.49, "failed"), (0.0, "failed")]
        for ratio, expected in cases:
            with self.subTest(ratio=ratio):
                self.fill_self(form, ratio)
                self.assertEqual(form.suggested_rating, expected)
                self.assertFalse(form.rating, "no level while the form is filled in")

    def test_bonus_and_penalty_stay_within_bounds(self):
        form = self.form_staff
        self.fill_self(form, 0.95)  # 95 points
        bonus = form.line_ids.filtered(lambda l: l.kind == "bonus")
        penalty = form.line_ids.filtered(lambda l: l.kind == "penalty")
        bonus.with_user(self.user_staff).self_score = 5
        self.assertEqual(form.final_score, 100, "bonus cannot pass the maximum")
        self.assertEqual(form.score_percent, 100)
        penalty.with_user(self.user_staff).self_score = 10
        self.assertEqual(form.final_score, 90)
        self.fill_self(form, 0.05)  # 5 points - 10 penalty + 5 bonus = 0
        bonus.with_user(self.user_staff).self_score = 0
        self.assertEqual(form.final_score, 0, "penalty cannot go below zero")
        self.assertEqual(form.score_percent, 0)
        self.assertEqual(form.suggested_rating, "failed")

    def test_veto_forces_failed(self):
        form = self.form_staff
        self.fill_self(form, 1.0)
        self.assertEqual(form.suggested_rating, "excellent")
        veto_line = form.line_ids.filtered("veto")[:1]
        veto_line.with_user(self.user_staff).self_veto = True
        self.assertTrue(form.veto)
        self.assertEqual(form.suggested_rating, "failed")
        form.with_user(self.user_staff).action_submit()
        self.assertEqual(form.rating, "failed")
        self.assertEqual(form.score_percent, 100, "the score itself is kept")

    def test_manager_score_wins(self):
        form = self.form_staff
        self.fill_self(form, 1.0)
        form.with_user(self.user_staff).action_submit()
        self.fill_manager(form, 0.6, user=self.user_leader)
        self.assertEqual(form.self_score, 100)
        self.assertEqual(form.manager_score, 60)
        self.assertEqual(form.final_score, 60)
        self.assertEqual(form.rating, "completed")

    def test_managers_set_compared_as_percent(self):
        form = self.env["appraisal.form"].create({
            "employee_id": self.emp_leader.id, "period_id": self.period.id,
        })
        self.assertEqual(form.criteria_set_id, self.set_manager)
        self.assertEqual(form.max_score, 150)
        self.fill_self(form, 0.9)  # 135 of 150
        self.assertEqual(form.final_score, 135)
        self.assertEqual(form.score_percent, 90)
        self.assertEqual(form.suggested_rating, "excellent")

    @mute_logger("odoo.sql_db")
    def test_score_out_of_range_refused(self):
        line = self.score_lines(self.form_staff).filtered(lambda l: l.max_score == 5)[:1]
        for bad in (-1, 5.5, 70):
            with self.subTest(score=bad), self.assertRaises(ValidationError):
                with self.cr.savepoint():
                    line.with_user(self.user_staff).self_score = bad
        line.with_user(self.user_staff).self_score = 5
        self.assertEqual(line.self_score, 5)

    def test_company_thresholds_copied_on_new_forms(self):
        self.company.write({
            "appraisal_threshold_excellent": 95,
            "appraisal_threshold_good": 80,
            "appraisal_threshold_completed": 60,
        })
        old_form = self.form_staff
        new_form = self.env["appraisal.form"].create({
            "employee_id": self.emp_staff2.id, "period_id": self.period.id,
        })
        self.fill_self(old_form, 0.9)
        self.fill_self(new_form, 0.9)
        self.assertEqual(old_form.suggested_rating, "excellent",
                         "existing forms keep their thresholds")
        self.assertEqual(new_form.suggested_rating, "good", "new forms use the new thresholds")

    def test_level_only_once_submitted(self):
        form = self.form_staff
        self.fill_self(form, 0.75)
        self.assertEqual(form.suggested_rating, "good")
        self.assertFalse(form.rating)
        form.with_user(self.user_staff).action_submit()
        self.assertEqual(form.rating, "good")
        form.with_user(self.user_leader).action_return(reason="Bổ sung minh chứng")
        self.assertFalse(form.rating, "a returned form has no level until resubmitted")

    def test_invalid_company_thresholds_refused(self):
        with self.assertRaises(ValidationError):
            self.company.write({"appraisal_threshold_good": 95})
