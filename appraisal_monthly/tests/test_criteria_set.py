from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestCriteriaSet(AppraisalCommon):

    def test_shipped_sets(self):
        self.assertEqual(self.set_staff.max_score, 100)
        self.assertEqual(self.set_staff.target, "staff")
        self.assertEqual(self.set_manager.max_score, 150)
        self.assertEqual(self.set_manager.target, "manager")
        general = self.set_staff.criterion_ids.filtered(
            lambda c: not c.display_type and c.kind == "score" and c.max_score == 5
        )
        self.assertEqual(sum(general.mapped("max_score")), 30, "30 general points")
        self.assertTrue(self.set_staff.criterion_ids.filtered("veto"))

    def test_max_score_ignores_bonus_penalty_veto(self):
        criteria_set = self.make_set([
            {"display_type": "line_section", "name": "A"},
            {"name": "x", "max_score": 60},
            {"name": "y", "max_score": 40},
            {"name": "b", "max_score": 5, "kind": "bonus"},
            {"name": "p", "max_score": 7, "kind": "penalty"},
            {"name": "v", "veto": True},
        ])
        self.assertEqual(criteria_set.max_score, 100)
        self.assertEqual(criteria_set.bonus_max, 5)
        self.assertEqual(criteria_set.penalty_max, 7)

    def test_criterion_needs_points(self):
        with self.assertRaises(ValidationError):
            self.make_set([{"name": "zero", "max_score": 0}])
        with self.assertRaises(ValidationError):
            self.make_set([{"name": "negative", "max_score": -3}], code="T2")

    def test_set_found_by_target_and_job(self):
        job = self.env["hr.job"].create({"name": "Accountant"})
        self.emp_staff2.job_id = job
        specific = self.make_set([{"name": "x", "max_score": 100}], code="ACC", job_ids=[Command.set(job.ids)])
        found = self.env["appraisal.criteria.set"]._find_for_employees(
            self.emp_staff | self.emp_staff2 | self.emp_leader
        )
        self.assertEqual(found[self.emp_staff], self.set_staff)
        self.assertEqual(found[self.emp_staff2], specific, "a job-specific set wins")
        self.assertEqual(found[self.emp_leader], self.set_manager, "heads of units get the managers' set")

    def test_target_override_on_employee(self):
        self.emp_staff.appraisal_target = "manager"
        self.assertEqual(self.emp_staff._get_appraisal_target(), "manager")
        self.emp_leader.appraisal_target = "staff"
        self.assertEqual(self.emp_leader._get_appraisal_target(), "staff")

    def test_editing_set_never_rewrites_forms(self):
        form = self.form_staff
        before = [(l.name, l.max_score, l.kind, l.veto) for l in form.line_ids]
        criterion = self.set_staff.criterion_ids.filtered(lambda c: c.max_score == 70)
        criterion.write({"name": "Renamed", "max_score": 60})
        self.set_staff.write({"criterion_ids": [Command.create({"name": "New one", "max_score": 10})]})
        form.invalidate_recordset()
        self.assertEqual([(l.name, l.max_score, l.kind, l.veto) for l in form.line_ids], before)
        self.assertEqual(form.max_score, 100)

    def test_used_set_cannot_be_deleted(self):
        with self.assertRaises(UserError):
            self.set_staff.unlink()
        self.set_staff.action_archive()
        self.assertFalse(self.set_staff.active)

    def test_copy_keeps_criteria(self):
        copy = self.set_staff.copy()
        self.assertNotEqual(copy.code, self.set_staff.code)
        self.assertEqual(len(copy.criterion_ids), len(self.set_staff.criterion_ids))
        self.assertEqual(copy.max_score, 100)

    def test_lines_keep_every_language(self):
        # With en_US inactive, Odoo writes every edit into en_US as well.
        self.env["res.lang"]._activate_lang("en_US")
        self.env["res.lang"]._activate_lang("vi_VN")
        criterion = self.set_staff.criterion_ids.filtered(lambda c: c.max_score == 70)
        criterion.with_context(lang="vi_VN").name = "Kết quả thực hiện nhiệm vụ"
        form = self.env["appraisal.form"].with_context(lang="en_US").create({
            "employee_id": self.emp_staff2.id, "period_id": self.period.id,
        })
        line = form.line_ids.filtered(lambda l: l.criterion_id == criterion)
        self.assertEqual(line.with_context(lang="vi_VN").name, "Kết quả thực hiện nhiệm vụ")
        self.assertEqual(line.with_context(lang="en_US").name, "Results of assigned tasks")
        criterion.with_context(lang="vi_VN").name = "Đổi tên"
        line.invalidate_recordset()
        self.assertEqual(line.with_context(lang="vi_VN").name, "Kết quả thực hiện nhiệm vụ",
                         "a later edit of the set does not reach the form")
