from odoo.tests import tagged

from .common import AppraisalCommon

# Ratios of the one 100-point criterion: 95 Excellent, 80 Good, 60 Completed,
# 30 Failed (Decree 335 thresholds 90/70/50).
LEVEL_RATIO = {"excellent": 0.95, "good": 0.8, "completed": 0.6, "failed": 0.3}


@tagged("post_install", "-at_install")
class TestAnalysis(AppraisalCommon):
    """Analysis report (levels by department and month, trends) and the HR
    dashboard of a period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_simple = cls.env["appraisal.criteria.set"].create({
            "name": "Analysis test set", "code": "AN", "target": "staff",
            "criterion_ids": [(0, 0, {"name": "Results", "max_score": 100})],
        })
        cls.dep_other = cls.env["hr.department"].create({
            "name": "Other Unit", "parent_id": cls.dep_leadership.id,
        })
        # Months long past, so that the open forms are late whatever today.
        Period = cls.env["appraisal.period"]
        cls.feb = Period.create({"date_start": "2025-02-01", "company_id": cls.company.id})
        cls.mar = Period.create({"date_start": "2025-03-01", "company_id": cls.company.id})
        (cls.feb | cls.mar).action_open()
        cls.counter = 0
        # February: Office (staff good, staff2 completed, leader excellent,
        # all approved); Other Unit: 4 Good approved, 1 Excellent and
        # 1 Failed reviewed, 1 Completed submitted, 1 in self-assessment.
        cls.f_staff_feb = cls._form(cls.emp_staff, "good", cls.feb)
        cls.f_staff2_feb = cls._form(cls.emp_staff2, "completed", cls.feb)
        cls.f_leader_feb = cls._form(cls.emp_leader, "excellent", cls.feb)
        cls.f_other_good = cls.env["appraisal.form"]
        for _i in range(4):
            cls.f_other_good |= cls._form(cls._employee(), "good", cls.feb)
        cls.f_other_exc = cls._form(cls._employee(), "excellent", cls.feb, until="review")
        cls.f_other_failed = cls._form(cls._employee(), "failed", cls.feb, until="review")
        cls.f_other_submitted = cls._form(cls._employee(), "completed", cls.feb, until="submit")
        cls.f_other_draft = cls._form(cls._employee(), "good", cls.feb, until="draft")
        # March: staff excellent (approved), staff2 good (reviewed).
        cls.f_staff_mar = cls._form(cls.emp_staff, "excellent", cls.mar)
        cls.f_staff2_mar = cls._form(cls.emp_staff2, "good", cls.mar, until="review")
        cls.forms = cls.env["appraisal.form"].search([("period_id", "in", (cls.feb | cls.mar).ids)])

    @classmethod
    def _employee(cls):
        cls.counter += 1
        return cls.env["hr.employee"].create({
            "name": f"Analysed {cls.counter:02d}",
            "department_id": cls.dep_other.id,
            "parent_id": cls.emp_head.id,
        })

    @classmethod
    def _form(cls, employee, level, period, until="approve"):
        form = cls.env["appraisal.form"].create({
            "employee_id": employee.id,
            "period_id": period.id,
            "criteria_set_id": cls.set_simple.id,
        })
        if until == "draft":
            return form
        ratio = LEVEL_RATIO[level]
        line = cls.score_lines(form)
        line.with_user(cls.user_hr).self_score = 100 * ratio
        form.with_user(cls.user_hr).action_submit()
        if until == "submit":
            return form
        reviewer = form.reviewer_user_id or cls.user_admin
        line.with_user(reviewer).manager_score = 100 * ratio
        form.with_user(reviewer).action_review()
        if until == "review":
            return form
        form.with_user(form.approver_user_id or cls.user_admin).action_approve()
        return form

    def _report(self, user=None):
        Report = self.env["appraisal.form.report"]
        if user:
            Report = Report.with_user(user)
        return Report.search([("period_id", "in", (self.feb | self.mar).ids)])

    # report --------------------------------------------------------------
    def test_report_rows_match_forms(self):
        rows = self._report(self.user_hr)
        self.assertEqual(rows.form_id, self.forms)
        self.assertEqual(len(rows), 13)
        row = rows.filtered(lambda r: r.form_id == self.f_staff_mar)
        self.assertRecordValues(row, [{
            "employee_id": self.emp_staff.id,
            "department_id": self.dep_office.id,
            "period_id": self.mar.id,
            "year": 2025,
            "state": "approved",
            "rating": "excellent",
            "score_percent": self.f_staff_mar.score_percent,
            "final_score": self.f_staff_mar.final_score,
            "company_id": self.company.id,
        }])
        self.assertEqual(str(row.date_start), "2025-03-01")
        # Levels by department and month, as the pivot reads them.
        Report = self.env["appraisal.form.report"].with_user(self.user_hr)
        groups = Report._read_group(
            [("period_id", "in", (self.feb | self.mar).ids), ("state", "=", "approved")],
            ["department_id", "date_start:month", "rating"],
            ["__count"],
        )
        counts = {
            (dep.name, month.month, rating): count for dep, month, rating, count in groups
        }
        self.assertEqual(counts, {
            ("Office", 2, "good"): 1,
            ("Office", 2, "completed"): 1,
            ("Office", 2, "excellent"): 1,
            ("Other Unit", 2, "good"): 4,
            ("Office", 3, "excellent"): 1,
        })
        # The average score of a month is the forms' average.
        [(avg,)] = Report._read_group(
            [("period_id", "=", self.feb.id), ("department_id", "=", self.dep_office.id)],
            [], ["score_percent:avg"],
        )
        self.assertAlmostEqual(avg, (80 + 60 + 95) / 3, places=2)
        # Cancelled forms leave the analysis.
        self.f_other_draft.with_user(self.user_hr).action_cancel()
        self.env.flush_all()
        self.assertNotIn(self.f_other_draft, self._report(self.user_hr).form_id)
        self.assertEqual(len(self._report(self.user_hr)), 12)

    def test_report_visibility(self):
        office = self.forms.filtered(lambda f: f.department_id == self.dep_office)
        # Employees: their own forms only.
        self.assertEqual(
            self._report(self.user_staff).form_id, self.f_staff_feb | self.f_staff_mar
        )
        self.assertEqual(
            self._report(self.user_staff2).form_id, self.f_staff2_feb | self.f_staff2_mar
        )
        # The team leader: own form and the team's.
        self.assertEqual(self._report(self.user_leader).form_id, office)
        # The head: everyone below, every unit under Leadership.
        self.assertEqual(self._report(self.user_head).form_id, self.forms)
        # Someone outside: nothing.
        self.assertFalse(self._report(self.user_outsider))
        # The committee: approved results only; HR: everything.
        self.assertEqual(
            self._report(self.user_committee).form_id,
            self.forms.filtered(lambda f: f.state == "approved"),
        )
        self.assertEqual(self._report(self.user_hr).form_id, self.forms)
        # Another company's forms stay out, even for HR.
        other_company = self.env["res.company"].create({"name": "Other Commune"})
        self.user_hr.write({"company_ids": [(4, other_company.id)]})
        self.assertEqual(
            self.env["appraisal.form.report"].with_user(self.user_hr)
            .with_context(allowed_company_ids=[other_company.id])
            .search_count([("period_id", "in", (self.feb | self.mar).ids)]),
            0,
        )

    def test_employee_trend(self):
        action = self.emp_staff.action_open_appraisal_trend()
        self.assertEqual(action["res_model"], "appraisal.form.report")
        rows = self.env["appraisal.form.report"].with_user(self.user_staff).search(action["domain"])
        self.assertEqual(rows.form_id, self.f_staff_feb | self.f_staff_mar | self.form_staff)
        trend = self.env["appraisal.form.report"].with_user(self.user_staff)._read_group(
            action["domain"] + [("period_id", "in", (self.feb | self.mar).ids)],
            ["date_start:month"], ["score_percent:avg"],
        )
        self.assertEqual(
            [(month.month, round(avg, 2)) for month, avg in trend], [(2, 80.0), (3, 95.0)]
        )
        # A colleague's trend shows only what the colleague may read.
        public = self.env["hr.employee.public"].with_user(self.user_staff2).browse(self.emp_staff.id)
        action = public.action_open_appraisal_trend()
        self.assertFalse(
            self.env["appraisal.form.report"].with_user(self.user_staff2).search(action["domain"])
        )
        # "My Trend": the user's own forms.
        my_action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_report_action_my_trend"
        )
        self.assertIn("user_id", my_action["domain"])

    # dashboard -----------------------------------------------------------
    def test_dashboard_counts(self):
        feb = self.feb.with_user(self.user_hr)
        self.assertRecordValues(feb, [{
            "form_count": 11,
            "form_to_submit_count": 1,
            "form_submitted_count": 1,
            "form_reviewed_count": 2,
            "form_approved_count": 7,
            # late: the draft at self-assessment, the submitted at review,
            # the two reviewed at approval
            "late_self_count": 1,
            "late_review_count": 1,
            "late_approval_count": 2,
            "late_total_count": 4,
            "rated_count": 10,
            "rating_excellent_count": 2,
            "rating_good_count": 5,
            "rating_completed_count": 2,
            "rating_failed_count": 1,
        }])
        self.assertAlmostEqual(feb.rating_excellent_percent, 20.0)
        self.assertAlmostEqual(feb.rating_good_percent, 50.0)
        self.assertAlmostEqual(feb.rating_completed_percent, 20.0)
        self.assertAlmostEqual(feb.rating_failed_percent, 10.0)
        # Quota (20% of Good, by department): company 2 Excellent for
        # 5 Good allows 1; Office 1 for 1 Good allows 0 -> exceeded.
        self.company.write({"appraisal_quota_percent": 20.0, "appraisal_quota_grouping": "department"})
        feb.invalidate_recordset()
        self.assertRecordValues(feb, [{
            "quota_excellent_count": 2,
            "quota_allowed_count": 1,
            "quota_unlimited": False,
            "quota_exceeded": True,
        }])
        self.assertIn("Office", feb.quota_status)
        self.assertIn("Whole company", feb.quota_status)
        # March: 1 Excellent approved, 1 Good reviewed: 20% of 1 allows 0.
        mar = self.mar.with_user(self.user_hr)
        self.assertRecordValues(mar, [{
            "rating_excellent_count": 1,
            "rating_good_count": 1,
            "quota_excellent_count": 1,
            "quota_allowed_count": 0,
            "quota_exceeded": True,
        }])
        # Within the quota once the percentage allows it.
        self.company.appraisal_quota_percent = 100.0
        (feb | mar).invalidate_recordset()
        self.assertFalse(feb.quota_exceeded)
        self.assertEqual(feb.quota_allowed_count, 5)
        self.assertIn("Within the quota", feb.quota_status)

    def test_dashboard_buttons(self):
        Form = self.env["appraisal.form"].with_user(self.user_hr)
        feb = self.feb.with_user(self.user_hr)
        action = feb.with_context(dashboard_state="reviewed").action_view_dashboard_forms()
        self.assertEqual(Form.search(action["domain"]), self.f_other_exc | self.f_other_failed)
        action = feb.with_context(dashboard_rating="excellent").action_view_dashboard_forms()
        self.assertEqual(Form.search(action["domain"]), self.f_leader_feb | self.f_other_exc)
        action = feb.with_context(dashboard_rating="good").action_view_dashboard_forms()
        self.assertEqual(Form.search(action["domain"]), self.f_staff_feb | self.f_other_good)
        action = feb.action_view_dashboard_forms()  # late forms
        self.assertEqual(
            Form.search(action["domain"]),
            self.f_other_draft | self.f_other_submitted | self.f_other_exc | self.f_other_failed,
        )
        action = feb.action_view_analysis()
        self.assertEqual(
            self.env["appraisal.form.report"].with_user(self.user_hr).search(action["domain"]).form_id,
            self.forms.filtered(lambda f: f.period_id == self.feb),
        )
        # A superior's dashboard counts only their people's forms.
        leader_feb = self.feb.with_user(self.user_leader)
        self.assertEqual(leader_feb.form_approved_count, 3)
        self.assertEqual(leader_feb.rating_excellent_count, 1)
