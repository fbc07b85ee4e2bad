from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.appraisal_monthly.tests.common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestProjectImport(AppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create({
            "name": "Commune office", "privacy_visibility": "employees",
        })
        ProjectTask = cls.env["project.task"]
        cls.pt_report = ProjectTask.create({
            "name": "Monthly report", "project_id": cls.project.id,
            "user_ids": [(6, 0, cls.user_staff.ids)],
            "date_deadline": "2026-01-15 10:00:00",
            "description": "<p>Send it to the district</p>",
        })
        cls.pt_done = ProjectTask.create({
            "name": "Census data", "project_id": cls.project.id,
            "user_ids": [(6, 0, cls.user_staff.ids)],
            "date_deadline": "2026-01-20 10:00:00",
        })
        cls.pt_done.write({"state": "1_done", "date_end": "2026-01-18 09:00:00"})
        cls.pt_february = ProjectTask.create({
            "name": "Next month", "project_id": cls.project.id,
            "user_ids": [(6, 0, cls.user_staff.ids)],
            "date_deadline": "2026-02-03 10:00:00",
        })
        cls.pt_cancelled = ProjectTask.create({
            "name": "Dropped", "project_id": cls.project.id,
            "user_ids": [(6, 0, cls.user_staff.ids)],
            "date_deadline": "2026-01-10 10:00:00",
        })
        cls.pt_cancelled.state = "1_canceled"
        cls.pt_other = ProjectTask.create({
            "name": "Someone else's", "project_id": cls.project.id,
            "user_ids": [(6, 0, cls.user_staff2.ids)],
            "date_deadline": "2026-01-10 10:00:00",
        })

    def wizard(self, user, employee):
        return self.env["appraisal.task.project.import"].with_user(user).create({
            "employee_id": employee.id, "period_id": self.period.id,
        })

    def test_import_assigned_tasks_of_the_period_once(self):
        wizard = self.wizard(self.user_staff, self.emp_staff)
        self.assertEqual(wizard.project_task_ids, self.pt_report | self.pt_done)
        wizard.action_import()
        tasks = self.form_staff.task_ids
        self.assertEqual(tasks.project_task_id, self.pt_report | self.pt_done)
        report = tasks.filtered(lambda t: t.project_task_id == self.pt_report)
        self.assertEqual(report.name, "Monthly report")
        self.assertEqual(str(report.date_deadline), "2026-01-15")
        self.assertIn("Send it to the district", report.description)
        self.assertEqual(report.state, "planned")
        done = tasks - report
        self.assertEqual(str(done.date_done), "2026-01-18")
        self.assertEqual(done.state, "done")
        # Quantity 1/2, quality and progress 100%: mean 83.33% × 70.
        line = self.form_staff.line_ids.filtered(lambda l: l.auto_source == "task_result")
        self.assertAlmostEqual(line.computed_score, 58.33)
        # A second run offers nothing new.
        again = self.wizard(self.user_staff, self.emp_staff)
        self.assertFalse(again.project_task_ids)
        with self.assertRaises(UserError):
            again.action_import()

    def test_work_plan_rights_apply(self):
        # A colleague cannot fill someone else's plan.
        with self.assertRaises(AccessError):
            self.wizard(self.user_staff2, self.emp_staff).action_import()
        # After submission only the superior may import into the plan.
        self.fill_self(self.form_staff)
        self.form_staff.with_user(self.user_staff).action_submit()
        with self.assertRaises(AccessError):
            self.wizard(self.user_staff, self.emp_staff).action_import()
        self.wizard(self.user_leader, self.emp_staff).action_import()
        self.assertEqual(len(self.form_staff.task_ids), 2)

    def test_entry_points(self):
        action = self.form_staff.with_user(self.user_staff).action_open_project_import()
        self.assertEqual(action["res_model"], "appraisal.task.project.import")
        self.assertEqual(action["context"]["default_employee_id"], self.emp_staff.id)
        action = self.env["appraisal.task"].with_user(self.user_staff).action_open_project_import()
        self.assertEqual(action["target"], "new")
