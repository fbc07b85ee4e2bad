import base64
import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AppraisalCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl is in the test venv
    openpyxl = None

# Staff Two's 2025: two months of leave (Jul, Aug), a transfer from Office to
# Leadership in the summer.  Hand-computed: (95+90+85+90+95+100+80+85+90+75)
# / 10 = 88.5 -> Good; Q1 90 Excellent, Q2 95 Excellent, Q3 80 Good,
# Q4 83.33 Good.
YEAR_2025 = {1: 0.95, 2: 0.90, 3: 0.85, 4: 0.90, 5: 0.95, 6: 1.0,
             9: 0.80, 10: 0.85, 11: 0.90, 12: 0.75}


@tagged("post_install", "-at_install")
class TestSummary(AppraisalCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Summary = cls.env["appraisal.summary"]

    def setUp(self):
        super().setUp()
        self.periods = {}  # periods made by this test (rolled back after it)

    # helpers -------------------------------------------------------------
    def make_period(self, year, month, period_type="month", company=None):
        key = (year, month, period_type, (company or self.company).id)
        if key not in self.periods:
            period = self.env["appraisal.period"].create({
                "date_start": "%04d-%02d-01" % (year, month),
                "period_type": period_type,
                "company_id": (company or self.company).id,
            })
            period.action_open()
            self.periods[key] = period
        return self.periods[key]

    def approve(self, employee, year, month, ratio, period_type="month"):
        """A form of the month (or quarter starting that month) approved
        through the real workflow, at ratio x the maximum."""
        form = self.env["appraisal.form"].create({
            "employee_id": employee.id,
            "period_id": self.make_period(year, month, period_type, employee.company_id).id,
        })
        self.fill_self(form, ratio, user=self.user_admin)
        form.with_user(self.user_admin).action_submit()
        self.fill_manager(form, ratio, user=self.user_admin)
        form.with_user(self.user_admin).action_review()
        form.with_user(self.user_admin).action_approve()
        self.assertEqual(form.state, "approved")
        self.assertAlmostEqual(form.score_percent, ratio * 100, places=2)
        return form

    def get(self, employee, year, quarter=0):
        return self.Summary.search([
            ("employee_id", "=", employee.id),
            ("year", "=", year),
            ("period_type", "=", "quarter" if quarter else "year"),
            ("quarter", "=", quarter),
        ])

    def staff2_year(self):
        forms = self.env["appraisal.form"]
        for month, ratio in YEAR_2025.items():
            if month == 9:
                # Transferred to Leadership after the summer leave.
                self.emp_staff2.department_id = self.dep_leadership
            forms |= self.approve(self.emp_staff2, 2025, month, ratio)
        return forms

    # tests -----------------------------------------------------------------
    def test_year_with_leave_transfer_and_discipline(self):
        forms = self.staff2_year()
        self.assertEqual(
            forms.filtered(lambda f: f.date_start.month <= 6).department_id, self.dep_office
        )
        year = self.get(self.emp_staff2, 2025)
        self.assertEqual(len(year), 1)
        self.assertEqual(year.form_ids, forms)
        self.assertEqual(year.month_count, 10)
        self.assertAlmostEqual(year.average_score, 88.5)
        self.assertEqual(year.rating, "good")
        self.assertEqual(year.state, "draft")
        self.assertEqual(year.department_id, self.dep_leadership)
        self.assertFalse(year.quarter)
        expected = {1: (90.0, "excellent", 3), 2: (95.0, "excellent", 3),
                    3: (80.0, "good", 1), 4: (83.33, "good", 3)}
        for quarter, (average, rating, months) in expected.items():
            summary = self.get(self.emp_staff2, 2025, quarter)
            self.assertAlmostEqual(summary.average_score, average, places=2)
            self.assertEqual(summary.rating, rating)
            self.assertEqual(summary.month_count, months)

        # A reprimand in May: the year and Q2 are Failed, Q1 is not.
        measure = self.env["appraisal.discipline"].create({
            "employee_id": self.emp_staff2.id, "kind": "reprimand", "date": "2025-05-10",
        })
        self.assertEqual(year.rating, "failed")
        self.assertTrue(year.veto)
        self.assertAlmostEqual(year.average_score, 88.5)
        self.assertEqual(self.get(self.emp_staff2, 2025, 2).rating, "failed")
        self.assertEqual(self.get(self.emp_staff2, 2025, 1).rating, "excellent")
        # Annulled: back to the score.
        measure.active = False
        self.assertEqual(year.rating, "good")
        self.assertEqual(self.get(self.emp_staff2, 2025, 2).rating, "excellent")
        # A measure below reprimand changes nothing.
        self.env["appraisal.discipline"].create({
            "employee_id": self.emp_staff2.id, "kind": "other", "date": "2025-03-10",
        })
        self.assertEqual(year.rating, "good")

    def test_reopened_form_leaves_the_average(self):
        forms = self.staff2_year()
        year = self.get(self.emp_staff2, 2025)
        december = forms.filtered(lambda f: f.date_start.month == 12)
        december.with_user(self.user_hr).action_reset_to_draft(reason="Recount")
        # (885 - 75) / 9 = 90 -> Excellent.
        self.assertEqual(year.month_count, 9)
        self.assertAlmostEqual(year.average_score, 90.0)
        self.assertEqual(year.rating, "excellent")
        self.assertNotIn(december, year.form_ids)

    def test_transfer_between_companies(self):
        """Results from the body the person left follow them (same user)."""
        company_b = self.env["res.company"].create({"name": "Commune B"})
        company_b.appraisal_quota_enabled = False
        self.user_admin.company_ids |= company_b
        for month, ratio in ((1, 0.95), (2, 0.85), (3, 0.90)):
            self.approve(self.emp_staff2, 2025, month, ratio)
        self.emp_staff2.active = False
        new_employee = self.env["hr.employee"].create({
            "name": "Staff Two", "user_id": self.user_staff2.id, "company_id": company_b.id,
        })
        for month, ratio in ((4, 0.70), (5, 0.80), (6, 0.60)):
            self.approve(new_employee, 2025, month, ratio)
        year = self.get(new_employee, 2025)
        # (95+85+90+70+80+60) / 6 = 80 -> Good, six months worked.
        self.assertEqual(year.month_count, 6)
        self.assertAlmostEqual(year.average_score, 80.0)
        self.assertEqual(year.rating, "good")
        self.assertEqual(year.company_id, company_b)
        self.assertEqual(len(year.form_ids.company_id), 2)
        self.assertAlmostEqual(self.get(new_employee, 2025, 1).average_score, 90.0)

    def test_quarterly_company_year(self):
        # A city reviewing quarterly: Q1..Q4 = 80, 80, 92, 60 -> 78, Good
        # (Q4 alone: 60, Completed).
        forms = self.env["appraisal.form"]
        for quarter, ratio in ((1, 0.80), (2, 0.80), (3, 0.92), (4, 0.60)):
            forms |= self.approve(self.emp_staff, 2024, quarter * 3 - 2, ratio, "quarter")
        year = self.get(self.emp_staff, 2024)
        self.assertEqual(year.form_ids, forms)
        self.assertEqual(year.month_count, 12)
        self.assertAlmostEqual(year.average_score, 78.0)
        self.assertEqual(year.rating, "good")
        q3 = self.get(self.emp_staff, 2024, 3)
        self.assertEqual(q3.form_ids, forms.filtered(lambda f: f.date_start.month == 7))
        self.assertAlmostEqual(q3.average_score, 92.0)
        self.assertEqual(q3.rating, "excellent")
        self.assertEqual(self.get(self.emp_staff, 2024, 4).rating, "completed")

    def test_under_six_months_not_classified(self):
        for month in range(1, 6):
            self.approve(self.emp_staff, 2023, month, 0.95)
        year = self.get(self.emp_staff, 2023)
        self.assertEqual(year.month_count, 5)
        self.assertAlmostEqual(year.average_score, 95.0)
        self.assertEqual(year.rating, "not_classified")
        # Quarters are rated whatever the months.
        self.assertEqual(self.get(self.emp_staff, 2023, 1).rating, "excellent")
        self.company.appraisal_min_months_classified = 0
        year.with_user(self.user_hr).action_recompute()
        self.assertEqual(year.rating, "excellent")

    def test_lock_prevents_recompute(self):
        forms = self.staff2_year()
        year = self.get(self.emp_staff2, 2025)
        with self.assertRaises(AccessError):
            year.with_user(self.user_leader).action_lock()
        year.with_user(self.user_hr).action_lock()
        self.assertEqual(year.state, "locked")
        self.assertEqual(year.locked_user_id, self.user_hr)
        december = forms.filtered(lambda f: f.date_start.month == 12)
        december.with_user(self.user_hr).action_reset_to_draft(reason="Recount")
        self.assertEqual(year.month_count, 10)
        self.assertAlmostEqual(year.average_score, 88.5)
        self.assertIn(december, year.form_ids)
        # The unlocked quarter follows the form.
        self.assertEqual(self.get(self.emp_staff2, 2025, 4).month_count, 2)
        with self.assertRaises(UserError):
            year.with_user(self.user_hr).action_unlock()
        year.with_user(self.user_hr).action_unlock(reason="Complaint upheld")
        self.assertEqual(year.state, "draft")
        self.assertEqual(year.month_count, 9)
        self.assertAlmostEqual(year.average_score, 90.0)

    def test_access(self):
        self.staff2_year()
        self.approve(self.emp_outsider, 2025, 1, 0.9)
        Summary = self.Summary.with_user
        year = self.get(self.emp_staff2, 2025)
        outsider = self.get(self.emp_outsider, 2025)
        self.assertEqual(Summary(self.user_staff2).search([("year", "=", 2025)]).employee_id,
                         self.emp_staff2)
        self.assertFalse(Summary(self.user_staff).search([("year", "=", 2025)]))
        # The head sees the person (Leadership, and through the leader).
        head_seen = Summary(self.user_head).search([("year", "=", 2025)])
        self.assertIn(year, head_seen)
        self.assertNotIn(outsider, head_seen)
        committee_seen = Summary(self.user_committee).search([("year", "=", 2025)])
        self.assertIn(outsider, committee_seen)
        with self.assertRaises(AccessError):
            year.with_user(self.user_committee).write({"unlock_reason": "x"})
        with self.assertRaises(AccessError):
            year.with_user(self.user_staff2).action_lock()

    def read_sheet(self, content):
        book = openpyxl.load_workbook(io.BytesIO(content))
        ws = book.active
        rows = {}
        for row in ws.iter_rows(min_row=1):
            name = row[1].value
            if isinstance(row[0].value, int) and name:
                rows[name] = [cell.value for cell in row]
        return ws, rows

    def test_annual_sheet_says_when_results_are_stale(self):
        """The annual sheet is built from the stored results: stale ones
        (an approved form no year result counts) are recomputed at once
        when few; from the background threshold on, the dialog says so
        and offers the recompute as the period's job, or the sheet as
        the results stand."""
        if openpyxl is None:
            self.skipTest("openpyxl is not installed")
        form = self.approve(self.emp_staff2, 2025, 1, 0.9)
        self.assertTrue(self.get(self.emp_staff2, 2025))
        self.assertFalse(self.Summary._stale_employee_ids(self.company, 2025))
        # Results that lost their forms (made before results existed).
        results = self.Summary.search([("employee_id", "=", self.emp_staff2.id)])
        results.flush_recordset()
        self.env.cr.execute("DELETE FROM appraisal_summary_form_rel WHERE summary_id IN %s",
                            [tuple(results.ids)])
        self.env.invalidate_all()
        self.assertEqual(self.Summary._stale_employee_ids(self.company, 2025),
                         {self.emp_staff2.id})
        # Few: recomputed at once, the sheet downloaded.
        wizard = self.env["appraisal.summary.export"].with_user(self.user_hr).create(
            {"year": 2025})
        self.assertEqual(wizard.action_export()["type"], "ir.actions.act_url")
        self.assertFalse(self.Summary._stale_employee_ids(self.company, 2025))
        self.assertIn(form, self.get(self.emp_staff2, 2025).form_ids)
        # Many (threshold 1 here): the dialog says so, nothing recomputed.
        self.env["ir.config_parameter"].sudo().set_param(
            "appraisal_monthly.background_threshold", "1")
        self.env.cr.execute("DELETE FROM appraisal_summary_form_rel WHERE summary_id IN %s",
                            [tuple(results.ids)])
        self.env.invalidate_all()
        wizard = self.env["appraisal.summary.export"].with_user(self.user_hr).create(
            {"year": 2025})
        action = wizard.action_export()
        self.assertEqual(action["res_model"], "appraisal.summary.export")
        self.assertEqual(wizard.stale_count, 1)
        self.assertFalse(wizard.file_data)
        # A superior's export never recomputes nor warns: their rows as stored.
        content = self.Summary.with_user(self.user_head)._generate_annual_xlsx(
            2025, self.company)
        self.assertTrue(content)
        # Download as it stands: a second click.
        self.assertEqual(wizard.action_export()["type"], "ir.actions.act_url")
        self.assertTrue(wizard.file_data)
        # Or the recompute, as the period's job.
        wizard.action_recompute()
        # The company's last period of the year (the demo's quarters of the
        # past year, when it is 2025, come after this test's months).
        period = self.env["appraisal.period"].search([
            ("company_id", "=", self.company.id), ("date_start", ">=", "2025-01-01"),
            ("date_start", "<=", "2025-12-31")], order="date_start desc, id desc", limit=1)
        self.assertEqual(period.job_kind, "annual")
        self.assertEqual(period.job_user_id, self.user_hr)
        while period.job_kind:
            self.env["appraisal.period"]._cron_run_jobs()
        self.assertFalse(self.Summary._stale_employee_ids(self.company, 2025))
        # Only HR may start it.
        wizard = self.env["appraisal.summary.export"].with_user(self.user_leader).create(
            {"year": 2025})
        with self.assertRaises(AccessError):
            wizard.action_recompute()

    def test_annual_xlsx(self):
        if openpyxl is None:
            self.skipTest("openpyxl is not installed")
        self.staff2_year()
        self.approve(self.emp_outsider, 2025, 1, 0.9)
        wizard = self.env["appraisal.summary.export"].with_user(self.user_hr).create({
            "year": 2025,
        })
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn("field=file_data", action["url"])
        ws, rows = self.read_sheet(base64.b64decode(wizard.file_data))
        self.assertEqual(ws["A1"].value, self.company.name.upper())
        texts = {cell.value for row in ws.iter_rows(max_row=6) for cell in row if cell.value}
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", texts)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", texts)
        self.assertIn("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2025", texts)
        self.assertIn("Staff Two", rows)
        self.assertIn("Outsider", rows)
        row = rows["Staff Two"]
        self.assertEqual(row[3], "Leadership")
        # Month columns: (score, level) pairs from column E.
        self.assertAlmostEqual(row[4], 95.0)
        self.assertEqual(row[5], "HTXSNV")
        self.assertAlmostEqual(row[4 + 2 * 8], 80.0)  # September
        self.assertEqual(row[5 + 2 * 8], "HTTNV")
        self.assertIsNone(row[4 + 2 * 6])  # July: leave
        self.assertIsNone(row[5 + 2 * 6])
        self.assertAlmostEqual(row[28], 88.5)
        self.assertEqual(row[29], "Hoàn thành tốt nhiệm vụ")
        # Merged month headers, print setup.
        merged = {str(rng) for rng in ws.merged_cells.ranges}
        header_row = next(
            cell.row for r in ws.iter_rows() for cell in r if cell.value == "Tháng 1"
        )
        self.assertIn("E%s:F%s" % (header_row, header_row), merged)
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertEqual(ws.print_title_rows, "$%s:$%s" % (header_row, header_row + 1))
        labels = {r[1].value: r[4].value for r in ws.iter_rows() if r[1].value}
        # The demo commune's own 2025 results (appraisal_monthly_reward's
        # demo rates last year), when installed: the test looks past them.
        demo = self.Summary.search([
            ("period_type", "=", "year"), ("year", "=", 2025),
            ("company_id", "=", self.company.id),
            ("employee_id", "not in", (self.emp_staff2 | self.emp_outsider).ids)])
        self.assertEqual(labels["Tổng số người"] - len(demo), 2)
        self.assertEqual(
            labels["Hoàn thành tốt nhiệm vụ"] - len(demo.filtered(lambda s: s.rating == "good")), 1)

        # A superior's export holds only their people: the head of
        # Leadership has Staff Two (moved into it), not the outsider; the
        # leader of Office no longer has them after the transfer.
        content = self.Summary.with_user(self.user_head)._generate_annual_xlsx(
            2025, self.company
        )
        _ws, rows = self.read_sheet(content)
        self.assertEqual(set(rows), {"Staff Two"})
        _ws, rows = self.read_sheet(
            self.Summary.with_user(self.user_leader)._generate_annual_xlsx(2025, self.company)
        )
        self.assertFalse(rows)
        # Staff see only themselves; an outsider's export is empty.
        outsider = new_test_user(self.env, login="am_nobody", groups="base.group_user")
        _ws, rows = self.read_sheet(
            self.Summary.with_user(outsider)._generate_annual_xlsx(2025, self.company)
        )
        self.assertFalse(rows)
