"""One month of a 200-person organisation, end to end, against hand-computed figures.

Ten units of twenty (one head, nineteen staff), a new company of their own.
Generation runs twice; three staff carry work plans with errors, delays and
an exemption; a staff member fails, so that unit's head gets half the unit
result; another gets a reprimand in the month; a unit rates one Excellent too
many for the 20% quota until an exception is recorded; the period is then
published and closed.
"""
from odoo.exceptions import RedirectWarning, UserError
from odoo.tests import tagged

from .common import AppraisalCommon

GOOD, EXCELLENT, FAILED = 0.8, 0.95, 0.4


@tagged("post_install", "-at_install", "appraisal_month")
class TestMonthOrganisation(AppraisalCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.org = env["res.company"].create({
            "name": "Xã Thử Nghiệm",
            "appraisal_quota_enabled": True,
            "appraisal_quota_percent": 20.0,
            "appraisal_quota_grouping": "department",
            "appraisal_auto_period": False,
        })
        env = cls.env = env(context=dict(env.context, allowed_company_ids=[cls.org.id]))
        Employee = env["hr.employee"].with_company(cls.org)
        cls.units = env["hr.department"].create(
            [{"name": f"Bộ phận {i}", "company_id": cls.org.id} for i in range(10)]
        )
        cls.heads = Employee.create([
            {"name": f"Trưởng bộ phận {i}", "department_id": unit.id, "company_id": cls.org.id}
            for i, unit in enumerate(cls.units)
        ])
        for unit, head in zip(cls.units, cls.heads):
            unit.manager_id = head
        cls.staff = {}
        vals = []
        for i, (unit, head) in enumerate(zip(cls.units, cls.heads)):
            for j in range(19):
                vals.append({
                    "name": f"Công chức {i}-{j}", "department_id": unit.id,
                    "parent_id": head.id, "company_id": cls.org.id,
                })
        for employee in Employee.create(vals):
            i, j = employee.name.split()[-1].split("-")
            cls.staff[int(i), int(j)] = employee
        cls.march = env["appraisal.period"].create({
            "date_start": "2026-03-01", "company_id": cls.org.id,
        })
        cls.march.action_open()

    # helpers ----------------------------------------------------------------
    def _form(self, employee):
        return self.march.form_ids.filtered(lambda f: f.employee_id == employee)

    @staticmethod
    def _scored(forms, auto=False):
        return forms.line_ids.filtered(
            lambda l: not l.display_type and not l.veto and l.kind == "score"
            and (l.auto_source in ("task_result", "unit_result")) == auto
        )

    def _fill(self, forms, ratio, field):
        """Every plain score line at ratio × its maximum, in a few batch writes."""
        lines = self._scored(forms)
        for max_score in set(lines.mapped("max_score")):
            lines.filtered(lambda l, m=max_score: l.max_score == m).write(
                {field: round(max_score * ratio, 2)})

    def _task(self, employee, name, **vals):
        return self.env["appraisal.task"].create(dict({
            "employee_id": employee.id, "period_id": self.march.id, "name": name,
            "date_deadline": "2026-03-20", "weight": 1.0,
        }, **vals))

    # the month ------------------------------------------------------------------
    def test_month_for_200_people(self):
        env = self.env
        # 1. Generation, twice: 200 forms, then nothing new.
        wizard = env["appraisal.period.generate"].create({"period_id": self.march.id})
        wizard.action_generate()
        self.assertEqual(wizard.created_count, 200)
        again = env["appraisal.period.generate"].create({"period_id": self.march.id})
        again.action_generate()
        self.assertEqual((again.created_count, again.existing_count), (0, 200))
        forms = self.march.form_ids
        self.assertEqual(len(forms), 200)
        self.assertEqual(forms.filtered(lambda f: f.target == "manager").employee_id, self.heads)

        # 2. Work plans (unit 1): errors, delays and a confirmed exemption.
        a, b, c = self.staff[1, 0], self.staff[1, 1], self.staff[1, 2]
        for n in range(3):
            self._task(a, f"A{n}", date_done="2026-03-15")
        self._task(a, "A3")  # not done: quantity 3/4
        self._task(b, "B0", date_done="2026-03-15", major_error_count=1)
        self._task(b, "B1", date_done="2026-03-15", delay_count=2)
        self._task(c, "C0", date_done="2026-03-15", major_error_count=1)
        c_delayed = self._task(c, "C1", date_done="2026-03-15", delay_count=2,
                               objective_cause="Chờ ý kiến cấp trên")
        c_delayed.exempt = True  # confirmed by the superior (here: the administrator)
        expected_task = {
            a: 70 * (0.75 + 1 + 1) / 3,        # quantity 75%, quality 100%, progress 100%
            b: 70 * (1 + 0.875 + 0.75) / 3,    # one error: quality 87.5%; two delays: progress 75%
            c: 70 * (1 + 0.875 + 1) / 3,       # the delay is exempt: progress 100%
        }
        for employee, figure in expected_task.items():
            line = self._scored(self._form(employee), auto=True)
            self.assertAlmostEqual(line.computed_score, figure, places=2, msg=employee.name)

        # 3. A reprimand in the month (unit 3) sets the veto by itself.
        reprimanded = self.staff[3, 0]
        env["appraisal.discipline"].create({
            "employee_id": reprimanded.id, "kind": "reprimand",
            "date": "2026-03-10", "decision_number": "12/QĐ-UBND",
        })
        self.assertTrue(self._form(reprimanded).veto)

        # 4. Self-assessment: most Good; one failure (unit 0); five Excellent in unit 2.
        staff_forms = forms - forms.filtered(lambda f: f.employee_id in self.heads)
        failing = self._form(self.staff[0, 0])
        excellent_u2 = forms.filtered(lambda f: f.employee_id in
                                      [self.staff[2, j] for j in range(4)])
        high = excellent_u2 | self._form(reprimanded)
        planned = self._form(a) | self._form(b) | self._form(c)
        self._fill(staff_forms - failing - high - planned, GOOD, "self_score")
        self._fill(failing, FAILED, "self_score")
        self._fill(high, EXCELLENT, "self_score")
        self._fill(planned, 1.0, "self_score")
        self._fill(self.march.form_ids.filtered(lambda f: f.employee_id in self.heads), GOOD, "self_score")
        ratio = {form: GOOD for form in forms}
        ratio.update({form: FAILED for form in failing})
        ratio.update({form: EXCELLENT for form in high})
        for form in forms:
            task_line = self._scored(form, auto=True).filtered(lambda l: l.auto_source == "task_result")
            task_line.self_score = (round(task_line.computed_score, 2) if task_line.has_computed_score
                                    else round(task_line.max_score * ratio[form], 2))
            unit_line = self._scored(form, auto=True) - task_line
            unit_line.self_score = unit_line.max_score * GOOD
        forms.action_submit()
        self.assertEqual(set(forms.mapped("state")), {"submitted"})

        # 5. Superiors: their own scores are the employees' (computed ones where there are).
        staff_forms.action_copy_self_scores()
        staff_forms.action_use_computed_scores()
        staff_forms.action_review()

        # 6. The quota: unit 2 has 4 Excellent for 15 Good once all are approved: 3 allowed.
        staff_forms.filtered(lambda f: f not in excellent_u2[3:]).action_approve()
        # Refused with the counts, and a button to the quota check.
        with self.assertRaisesRegex(RedirectWarning, "4 Excellent for 15 Good, 3 allowed"):
            excellent_u2[3:].action_approve()
        env["appraisal.quota.exception"].create({
            "period_id": self.march.id, "scope": "department",
            "department_id": self.units[2].id, "extra_allowed": 1,
            "authorised_by": "Chủ tịch UBND huyện", "decision_reference": "45/QĐ-UBND",
        })
        excellent_u2[3:].action_approve()

        # 7. Heads: the unit result counts half where a subordinate failed.
        head_forms = forms - staff_forms
        head_forms.action_copy_self_scores()
        head_forms.action_use_computed_scores()
        for head, unit in zip(self.heads, range(10)):
            unit_line = self._scored(self._form(head), auto=True).filtered(
                lambda l: l.auto_source == "unit_result")
            expected = 15 if unit in (0, 3) else 30
            self.assertEqual(unit_line.manager_score, expected, head.name)
        self.assertIn(self.staff[0, 0].name, self._scored(self._form(self.heads[0]), auto=True)
                      .filtered(lambda l: l.auto_source == "unit_result").computed_explanation)
        head_forms.action_review()
        head_forms.action_approve()

        # Hand-computed results.
        self.assertAlmostEqual(self._form(a).final_score, 30 + expected_task[a], places=1)
        self.assertEqual(self._form(a).rating, "excellent")   # 94.17
        self.assertEqual(self._form(b).rating, "excellent")   # 91.25
        self.assertEqual(self._form(c).rating, "excellent")   # 97.08
        self.assertEqual(failing.rating, "failed")            # 40
        self.assertEqual(self._form(reprimanded).score_percent, 95)
        self.assertEqual(self._form(reprimanded).rating, "failed")  # veto
        # Heads: 24 + 56 + 8 + 8 + unit (15 or 30) of 150.
        self.assertAlmostEqual(self._form(self.heads[0]).score_percent, 74.0, places=2)
        self.assertAlmostEqual(self._form(self.heads[5]).score_percent, 84.0, places=2)

        # 8. Publication and the summary for the monthly meeting.
        last_message = max(forms.message_ids.ids)
        self.march.action_publish()
        self.assertEqual(self.march.state, "published")
        summary = env["appraisal.period.summary"].search([("period_id", "=", self.march.id)])
        counts = {row.department_id: (row.excellent_count, row.good_count,
                                      row.completed_count, row.failed_count) for row in summary}
        expected_counts = {unit: (0, 20, 0, 0) for unit in self.units}
        expected_counts[self.units[0]] = (0, 19, 0, 1)
        expected_counts[self.units[1]] = (3, 17, 0, 0)
        expected_counts[self.units[2]] = (4, 16, 0, 0)
        expected_counts[self.units[3]] = (0, 19, 0, 1)
        self.assertEqual(counts, expected_counts)
        self.assertEqual(sum(c[0] for c in counts.values()), 7)
        self.assertEqual(sum(c[3] for c in counts.values()), 2)
        # Each is told in their own language; the period's name is in every version.
        told = forms.filtered(lambda f: any(
            m.id > last_message and self.march.name in (m.body or "") for m in f.message_ids))
        self.assertEqual(len(told), 200, "every employee is told their result")

        # 9. Closing locks the month.
        self.march.action_close()
        self.assertEqual(self.march.state, "closed")
        with self.assertRaises(UserError):
            self._scored(failing)[0].write({"manager_score": 5})
