from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from ..models.appraisal_form_line import COLUMNS_LEFT_EMPTY, COPIED_COLUMNS
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

    def test_copied_lines_cover_every_stored_column(self):
        """The lines of a new form are copied from the criteria in SQL
        (appraisal_form_line.COPIED_COLUMNS): a stored field added to the
        line must be placed there, or declared left empty."""
        Line = self.env["appraisal.form.line"]
        stored = {
            name for name, field in Line._fields.items()
            if field.store and field.column_type
        }
        magic = {"id", "create_uid", "create_date", "write_uid", "write_date"}
        self.assertEqual(stored - magic, set(COPIED_COLUMNS) | COLUMNS_LEFT_EMPTY)
        self.assertFalse(set(COPIED_COLUMNS) & COLUMNS_LEFT_EMPTY)

    def test_copied_lines_as_the_orm_makes_them(self):
        """Forms made by HR carry their set's criteria as lines the ORM
        sees at once, with the values creating them one by one would give."""
        criteria_set = self.make_set([
            {"display_type": "line_section", "name": "Section", "sequence": 1},
            {"name": "Tasks", "max_score": 60, "sequence": 2},
            {"name": "Extra", "max_score": 5, "kind": "bonus", "sequence": 3},
            {"name": "Reprimand", "veto": True, "auto_source": "discipline", "sequence": 4},
            {"name": "Conduct", "max_score": 40, "sequence": 2},
        ])
        form = self.env["appraisal.form"].with_user(self.user_hr).create({
            "employee_id": self.emp_staff2.id, "period_id": self.period.id,
            "criteria_set_id": criteria_set.id,
        })
        # Read in the same transaction, without invalidating anything.
        self.assertEqual(
            [(l.name, l.sequence, l.display_type, l.max_score, l.kind, l.veto)
             for l in form.line_ids],
            [("Section", 1, "line_section", 0.0, "score", False),
             ("Tasks", 2, False, 60.0, "score", False),
             ("Conduct", 2, False, 40.0, "score", False),
             ("Extra", 3, False, 5.0, "bonus", False),
             ("Reprimand", 4, False, 0.0, "score", True)],
        )
        self.assertEqual(form.line_ids.criterion_id, criteria_set.criterion_ids)
        self.assertEqual(form.line_ids.form_id, form)
        self.assertEqual(form.line_ids.company_id, form.company_id)
        self.assertEqual(form.line_ids.create_uid, self.user_hr)
        self.assertEqual((form.max_score, form.final_score, form.veto), (100.0, 0.0, False))
        form.invalidate_recordset()
        form.line_ids.invalidate_recordset()
        for line in form.line_ids:
            self.assertEqual(
                (line.self_score, line.manager_score, line.final_score, line.final_veto,
                 line.self_scored, line.manager_scored, line.computed_score,
                 line.has_computed_score, line.unit_failed_employee_ids.ids),
                (0.0, 0.0, 0.0, False, False, False, 0.0, False, []),
            )
        # Scoring the copied lines moves the form's figures.
        tasks = form.line_ids.filtered(lambda l: l.name == "Tasks")
        tasks.with_user(self.user_staff2).self_score = 50
        self.assertEqual(form.self_score, 50.0)

    def test_copied_unit_result_is_computed(self):
        """A manager's line filled from the unit led gets its figure when
        the form is made (the unit's forms already exist)."""
        leader_form = self.env["appraisal.form"].with_user(self.user_hr).create({
            "employee_id": self.emp_leader.id, "period_id": self.period.id,
        })
        unit_line = leader_form.line_ids.filtered(lambda l: l.auto_source == "unit_result")
        self.assertTrue(unit_line)
        # Staff has a form (not yet rated), Staff Two has none: both pending.
        self.assertEqual(unit_line.unit_pending_count, 2)
        self.assertTrue(unit_line.computed_provisional)
