from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestWorkPlan(AppraisalCommon):
    """Work plans as evidence, the Decree 335 task-result figure and the
    managers' unit result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Task = cls.env["appraisal.task"]

    # helpers -------------------------------------------------------------
    def task_line(self, form):
        return form.line_ids.filtered(lambda l: l.auto_source == "task_result")

    def unit_line(self, form):
        return form.line_ids.filtered(lambda l: l.auto_source == "unit_result")

    def new_task(self, user, employee, **vals):
        return self.Task.with_user(user).create(dict(
            {"employee_id": employee.id, "period_id": self.period.id, "name": "Task"},
            **vals,
        ))

    def approve(self, form, ratio, reviewer, approver):
        self.fill_self(form)
        form.with_user(form.employee_id.user_id).action_submit()
        self.fill_manager(form, ratio, user=reviewer)
        task_line = self.task_line(form)
        if task_line.has_computed_score:
            task_line.with_user(reviewer).manager_note = "Scored on the whole month"
        form.with_user(reviewer).action_review()
        form.with_user(approver).action_approve()

    # rights ------------------------------------------------------------------
    def test_employee_enters_own_tasks_while_draft(self):
        task = self.new_task(self.user_staff, self.emp_staff, name="Monthly report")
        self.assertEqual(task.form_id, self.form_staff)
        self.assertEqual(task.company_id, self.company)
        self.assertEqual(task.state, "planned")
        task.with_user(self.user_staff).date_done = "2026-01-20"
        self.assertEqual(task.state, "done")
        self.assertIn(task, self.form_staff.task_ids)
        # Defaults: one's own employee and the open period of today or the latest.
        task2 = self.Task.with_user(self.user_staff).with_context(
            default_period_id=self.period.id
        ).create({"name": "Defaults"})
        self.assertEqual(task2.employee_id, self.emp_staff)
        # A colleague or an outsider can neither see nor add to it.
        with self.assertRaises(AccessError):
            self.new_task(self.user_staff2, self.emp_staff)
        with self.assertRaises(AccessError):
            task.with_user(self.user_outsider).name = "Hijacked"
        self.assertFalse(self.Task.with_user(self.user_staff2).search([("id", "=", task.id)]))
        # Computed fields cannot be written by hand.
        with self.assertRaises(AccessError):
            task.with_user(self.user_staff).write({"exempt_confirmed_by": self.user_staff.id})

    def test_only_superior_or_hr_confirms_exemption(self):
        task = self.new_task(
            self.user_staff, self.emp_staff, major_error_count=1,
            objective_cause="The source data arrived late.",
        )
        with self.assertRaises(AccessError):
            task.with_user(self.user_staff).exempt = True
        with self.assertRaises(AccessError):
            self.new_task(self.user_staff, self.emp_staff, exempt=True)
        with self.assertRaises(AccessError):
            task.with_user(self.user_staff2).exempt = True
        self.assertFalse(task.exempt)
        self.assertFalse(task.with_user(self.user_staff).can_confirm_exemption)
        self.assertTrue(task.with_user(self.user_leader).can_confirm_exemption)

        task.with_user(self.user_leader).exempt = True
        self.assertTrue(task.exempt)
        self.assertEqual(task.exempt_confirmed_by, self.user_leader)
        # The head (indirect superior) and HR may too; nobody confirms their own.
        task.with_user(self.user_head).exempt = False
        self.assertFalse(task.exempt_confirmed_by)
        task.with_user(self.user_hr).exempt = True
        self.assertEqual(task.exempt_confirmed_by, self.user_hr)
        leader_task = self.new_task(self.user_leader, self.emp_leader)
        with self.assertRaises(AccessError):
            leader_task.with_user(self.user_leader).exempt = True
        # Writing an unchanged value is no confirmation.
        task.with_user(self.user_staff).write({"exempt": True, "name": "Renamed"})
        self.assertEqual(task.exempt_confirmed_by, self.user_hr)

    def test_employee_cannot_edit_after_submit(self):
        task = self.new_task(self.user_staff, self.emp_staff, weight=2)
        self.fill_self(self.form_staff)
        self.form_staff.with_user(self.user_staff).action_submit()
        self.assertFalse(task.with_user(self.user_staff).can_edit)
        self.assertFalse(self.form_staff.with_user(self.user_staff).can_edit_tasks)
        with self.assertRaises(AccessError):
            task.with_user(self.user_staff).date_done = "2026-01-30"
        with self.assertRaises(AccessError):
            self.new_task(self.user_staff, self.emp_staff)
        with self.assertRaises(AccessError):
            task.with_user(self.user_staff).unlink()
        # The superior still may: record errors, add a task, confirm a cause.
        self.assertTrue(self.form_staff.with_user(self.user_leader).can_edit_tasks)
        task.with_user(self.user_leader).write({"date_done": "2026-01-30", "major_error_count": 1})
        self.new_task(self.user_leader, self.emp_staff, name="Added by the superior")
        self.assertEqual(len(self.form_staff.task_ids), 2)
        # Through the form's Work Plan tab (one2many) the same checks apply.
        self.form_staff.with_user(self.user_leader).write({"task_ids": [
            (0, 0, {"name": "From the tab", "employee_id": self.emp_staff.id,
                    "period_id": self.period.id}),
        ]})
        self.assertEqual(len(self.form_staff.task_ids), 3)
        with self.assertRaises(AccessError):
            self.form_staff.with_user(self.user_staff).write({"task_ids": [
                (1, task.id, {"name": "Changed through the form"}),
            ]})

    def test_approved_form_tasks_are_locked(self):
        task = self.new_task(self.user_staff, self.emp_staff)
        self.approve(self.form_staff, 0.8, self.user_leader, self.user_head)
        self.assertEqual(self.form_staff.state, "approved")
        for user in (self.user_leader, self.user_head, self.user_hr):
            with self.assertRaises(UserError):
                task.with_user(user).major_error_count = 2
            with self.assertRaises(UserError):
                self.new_task(user, self.emp_staff)
        with self.assertRaises(UserError):
            task.with_user(self.user_hr).unlink()
        self.assertEqual(task.major_error_count, 0)

    def test_tasks_entered_before_the_form_join_it(self):
        task = self.new_task(self.user_staff2, self.emp_staff2, date_done="2026-01-05")
        self.assertFalse(task.form_id)
        form = self.env["appraisal.form"].create({
            "employee_id": self.emp_staff2.id, "period_id": self.period.id,
        })
        self.assertEqual(task.form_id, form)
        self.assertEqual(self.task_line(form).computed_score, 70)

    # task-result score ---------------------------------------------------------
    def test_task_score_end_to_end(self):
        staff = self.user_staff
        line = self.task_line(self.form_staff)
        self.assertFalse(line.has_computed_score)
        self.assertIn("No task", line.computed_explanation)
        self.new_task(staff, self.emp_staff, name="A", weight=2,
                      date_done="2026-01-10", major_error_count=1)
        self.new_task(staff, self.emp_staff, name="B", weight=1,
                      date_deadline="2026-01-10", date_done="2026-01-12")
        task_c = self.new_task(staff, self.emp_staff, name="C", weight=1,
                               date_done="2026-01-15", major_error_count=2, delay_count=3,
                               objective_cause="Server outage")
        self.new_task(staff, self.emp_staff, name="D", weight=1)
        task_e = self.new_task(staff, self.emp_staff, name="E", weight=3,
                               objective_cause="Cancelled by the province")
        # Before any exemption: assigned 8, done 4 -> quantity 50%;
        # quality (2×0.75 + 1 + 1×0.5)/4 = 75%; progress (2 + 1×0.75 + 1×0.25)/4
        # = 75%; mean 66.67% × 70 = 46.67.
        self.assertAlmostEqual(line.computed_score, 46.67)
        self.assertTrue(line.has_computed_score)

        (task_c | task_e).with_user(self.user_leader).write({"exempt": True})
        # C exempt: no deductions; E exempt and not done: not assigned.
        # Quantity 4/5 = 80%; quality (1.5 + 1 + 1)/4 = 87.5%;
        # progress (2 + 0.75 + 1)/4 = 93.75%; mean 87.0833% × 70 = 60.96.
        self.assertAlmostEqual(line.computed_score, 60.96)
        explanation = line.computed_explanation
        for part in ("Quantity 4/5 = 80%", "quality 3.5/4 = 87.5%",
                     "progress 3.75/4 = 93.75%", "mean 87.08% × 70 = 60.96",
                     "2 task(s) with a confirmed objective cause"):
            self.assertIn(part, explanation)
        self.assertEqual(self.form_staff.task_result_summary, explanation)
        self.assertEqual(self.form_staff.task_count, 5)

        # The company may combine by the lowest part instead: 80% × 70 = 56.
        self.company.appraisal_task_combination = "min"
        self.assertAlmostEqual(line.computed_score, 56)
        self.assertIn("lowest 80% × 70 = 56", line.computed_explanation)

    def test_adjust_with_reason(self):
        self.new_task(self.user_staff, self.emp_staff, weight=1, date_done="2026-01-10")
        self.new_task(self.user_staff, self.emp_staff, weight=1)
        line = self.task_line(self.form_staff)
        # Quantity 50%, quality 100%, progress 100% -> 83.33% × 70 = 58.33.
        self.assertAlmostEqual(line.computed_score, 58.33)
        self.fill_self(self.form_staff)
        self.form_staff.with_user(self.user_staff).action_submit()
        leader_form = self.form_staff.with_user(self.user_leader)

        # Copy Self Scores starts the computed line from the computed figure.
        leader_form.action_copy_self_scores()
        self.assertAlmostEqual(line.manager_score, 58.33)
        self.assertFalse(line.computed_differs)

        line.with_user(self.user_leader).manager_score = 65
        self.assertTrue(line.computed_differs)
        with self.assertRaisesRegex(UserError, "differs from the computed figure"):
            leader_form.action_review()
        self.assertEqual(self.form_staff.state, "submitted")

        line.with_user(self.user_leader).manager_note = "Extra work on the census."
        leader_form.action_review()
        self.assertEqual(self.form_staff.state, "reviewed")

        # The head changes the figure again: approval needs a reason too.
        line.with_user(self.user_head).write({"manager_score": 59, "manager_note": " "})
        with self.assertRaises(UserError):
            self.form_staff.with_user(self.user_head).action_approve()
        self.form_staff.with_user(self.user_head).action_use_computed_scores()
        self.assertAlmostEqual(line.manager_score, 58.33)
        self.form_staff.with_user(self.user_head).action_approve()
        self.assertEqual(self.form_staff.state, "approved")

    def test_use_computed_scores_is_for_superiors(self):
        self.new_task(self.user_staff, self.emp_staff, date_done="2026-01-10")
        self.fill_self(self.form_staff)
        self.form_staff.with_user(self.user_staff).action_submit()
        with self.assertRaises(AccessError):
            self.form_staff.with_user(self.user_staff).action_use_computed_scores()
        self.form_staff.with_user(self.user_leader).action_use_computed_scores()
        self.assertEqual(self.task_line(self.form_staff).manager_score, 70)

    # unit result ----------------------------------------------------------
    def test_subordinates_match_the_user_based_rule(self):
        Employee = self.env["hr.employee"]
        employees = self.emp_head | self.emp_leader | self.emp_staff
        subordinates = employees._get_appraisal_subordinates()
        for employee, user in ((self.emp_head, self.user_head),
                               (self.emp_leader, self.user_leader),
                               (self.emp_staff, self.user_staff)):
            self.assertEqual(
                subordinates[employee.id], set(Employee._get_appraisal_managed_by(user).ids)
            )
        self.assertEqual(subordinates[self.emp_leader.id], {self.emp_staff.id, self.emp_staff2.id})

    def test_unit_result(self):
        Form = self.env["appraisal.form"]
        form_leader = Form.create({"employee_id": self.emp_leader.id, "period_id": self.period.id})
        self.assertEqual(form_leader.criteria_set_id, self.set_manager)
        unit = self.unit_line(form_leader)
        self.assertEqual(unit.max_score, 30)
        # Staff has a form, Staff Two none yet: both are still to be rated.
        self.assertTrue(unit.has_computed_score)
        self.assertTrue(unit.computed_provisional)
        self.assertEqual((unit.unit_rated_count, unit.unit_pending_count), (0, 2))
        self.assertEqual(unit.computed_score, 30)

        form_staff2 = Form.create({"employee_id": self.emp_staff2.id, "period_id": self.period.id})
        self.approve(self.form_staff, 0.8, self.user_leader, self.user_head)
        self.assertEqual(self.form_staff.rating, "good")
        self.assertEqual((unit.unit_rated_count, unit.unit_pending_count), (1, 1))
        self.assertTrue(unit.computed_provisional)
        self.assertEqual(unit.computed_score, 30)
        self.assertIn("Provisional: 1 subordinate(s) not yet rated", unit.computed_explanation)

        self.approve(form_staff2, 0.3, self.user_leader, self.user_head)
        self.assertEqual(form_staff2.rating, "failed")
        self.assertEqual(unit.computed_score, 15)
        self.assertFalse(unit.computed_provisional)
        self.assertEqual(unit.unit_failed_employee_ids, self.emp_staff2)
        self.assertEqual(form_leader.unit_failed_employee_ids, self.emp_staff2)
        self.assertIn("rated Failed: Staff Two → 50% × 30 = 15", unit.computed_explanation)
        self.assertEqual(form_leader.unit_result_summary, unit.computed_explanation)

        # The head's unit includes the leader (pending) and both staff.
        form_head = Form.create({"employee_id": self.emp_head.id, "period_id": self.period.id})
        head_unit = self.unit_line(form_head)
        self.assertEqual(head_unit.computed_score, 15)
        self.assertEqual((head_unit.unit_rated_count, head_unit.unit_pending_count), (2, 1))

        # Reopening the failed form takes its level back.
        form_staff2.with_user(self.user_hr).action_reset_to_draft(reason="Recount")
        self.assertEqual(unit.computed_score, 30)
        self.assertTrue(unit.computed_provisional)
        self.assertFalse(unit.unit_failed_employee_ids)

        # The leader's own review: a different unit figure needs a reason.
        self.approve(form_staff2, 0.3, self.user_leader, self.user_head)
        self.fill_self(form_leader)
        form_leader.with_user(self.user_leader).action_submit()
        self.fill_manager(form_leader, 1.0, user=self.user_head)
        with self.assertRaisesRegex(UserError, "Results of the unit led"):
            form_leader.with_user(self.user_head).action_review()
        form_leader.with_user(self.user_head).action_use_computed_scores()
        self.assertEqual(unit.manager_score, 15)
        form_leader.with_user(self.user_head).action_review()
        self.assertEqual(form_leader.state, "reviewed")

    def test_approved_manager_form_keeps_its_unit_figure(self):
        Form = self.env["appraisal.form"]
        form_leader = Form.create({"employee_id": self.emp_leader.id, "period_id": self.period.id})
        form_staff2 = Form.create({"employee_id": self.emp_staff2.id, "period_id": self.period.id})
        self.form_staff.with_user(self.user_hr).action_cancel()
        self.fill_self(form_leader)
        form_leader.with_user(self.user_leader).action_submit()
        self.fill_manager(form_leader, 0.8, user=self.user_head)
        unit = self.unit_line(form_leader)
        self.assertEqual(unit.unit_pending_count, 1)  # the cancelled form is out
        # 24 instead of a provisional 30: indicative only, no reason needed yet.
        self.assertTrue(unit.computed_provisional and unit.computed_differs)
        form_leader.with_user(self.user_head).action_review()
        form_leader.with_user(self.user_head).action_approve()
        self.approve(form_staff2, 0.3, self.user_leader, self.user_head)
        self.assertEqual(unit.computed_score, 30)
        self.assertFalse(unit.unit_failed_employee_ids)

    # import ------------------------------------------------------------------
    def test_import_with_load(self):
        arch = self.Task.get_view(view_type="list")["arch"]
        for fname in ("employee_id", "period_id", "name", "date_deadline", "weight",
                      "date_done", "major_error_count", "delay_count", "objective_cause"):
            self.assertIn(f'name="{fname}"', arch)
        fields = ["employee_id", "period_id", "name", "date_deadline", "weight",
                  "date_done", "major_error_count", "delay_count"]
        period = self.period.name
        result = self.Task.with_user(self.user_hr).load(fields, [
            ["Staff", period, "Monthly report", "2026-01-15", "2", "2026-01-14", "1", "0"],
            ["Staff", period, "Census data", "2026-01-20", "1", "", "0", "0"],
            ["Staff Two", period, "Archive", "2026-01-25", "1", "2026-01-28", "0", "0"],
        ])
        self.assertFalse(result["messages"], result["messages"])
        tasks = self.Task.browse(result["ids"])
        self.assertEqual(len(tasks), 3)
        self.assertEqual(tasks.employee_id, self.emp_staff | self.emp_staff2)
        self.assertEqual(tasks[0].form_id, self.form_staff)
        self.assertEqual(tasks[0].weight, 2)
        self.assertEqual(tasks[2].state, "late")
        # Quantity 2/3, quality 1.5/2 = 75%, progress 100% -> mean 80.56% × 70.
        self.assertAlmostEqual(self.task_line(self.form_staff).computed_score, 56.39)

        # An employee imports their own plan; an exemption cannot sneak in.
        result = self.Task.with_user(self.user_staff).load(
            ["name", "period_id", "weight"], [["Own import", period, "1"]]
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.Task.browse(result["ids"]).employee_id, self.emp_staff)
        result = self.Task.with_user(self.user_staff).load(
            ["name", "period_id", "exempt"], [["Sneaky", period, "1"]]
        )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
