"""A workday in the browser: each role's tour walks the real web client on
the demo commune (the test database is installed with the demo data), in
headless Chromium.  The tours are in static/tests/tours/; a tour fails when
one of its steps cannot be done, and so does its test."""
import unittest

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

TIMEOUT = 240  # two shared cores: the first page builds the assets


@tagged("post_install", "-at_install", "appraisal_tours")
class TestWorkdayTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Form = cls.env["appraisal.form"]
        cls.company = cls.env.ref("base.main_company")
        missing = [
            login for login in ("nhanvien", "truongvp", "chutich", "canbotochuc")
            if not cls.env["res.users"].search_count([("login", "=", login)])
        ]
        if missing:
            raise AssertionError(
                f"The tours need the demo commune (demo users {missing} missing): "
                "install the addons with their demo data."
            )

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        # A browser that cannot start must fail the suite, not skip it.
        kwargs.setdefault("timeout", TIMEOUT)
        try:
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)
        except unittest.SkipTest as exc:
            self.fail(f"The browser could not run tour {tour_name}: {exc}")

    def _current_form(self, login):
        return self.Form.search(
            [("employee_id.user_id.login", "=", login), ("state", "!=", "cancelled")],
            order="date_start desc, id desc",
            limit=1,
        )

    def _line(self, form, name):
        line = form.with_context(lang="vi_VN").line_ids.filtered(lambda l: l.name == name)
        self.assertEqual(len(line), 1, name)
        return line

    def test_employee_scores_attaches_and_submits(self):
        form = self._current_form("nhanvien")
        self.assertEqual(form.state, "draft")
        # Everything scored but the two lines the tour fills in.
        for line in form.line_ids.filtered(
            lambda l: not l.display_type and not l.veto and l.kind == "score"
            and l.name not in ("Phẩm chất chính trị", "Đạo đức, lối sống")
        ):
            line.sudo().write({"self_score": line.max_score * 0.8})
        self.start_tour("/odoo", "appraisal_employee_tour", login="nhanvien")
        form.invalidate_recordset()
        self.assertEqual(form.state, "submitted")
        line = self._line(form, "Phẩm chất chính trị")
        self.assertEqual(line.self_score, 4)
        self.assertTrue(line.note)
        self.assertEqual(line.attachment_ids.mapped("name"), ["minh_chung.txt"])
        self.assertEqual(self._line(form, "Đạo đức, lối sống").self_score, 5)

    def test_superior_reviews_and_returns(self):
        anh = self._current_form("canbotochuc")
        trang = self.Form.search([
            ("employee_id.name", "=", "Đặng Thu Trang"), ("period_id", "=", anh.period_id.id),
        ])
        self.assertEqual((anh.state, trang.state), ("submitted", "submitted"))
        self.start_tour("/odoo", "appraisal_superior_tour", login="truongvp")
        self.env.invalidate_all()
        self.assertEqual(anh.state, "reviewed")
        line = self._line(anh, "Ý thức tổ chức kỷ luật")
        self.assertEqual(line.manager_score, 3)
        self.assertTrue(line.manager_note)
        self.assertEqual(trang.state, "draft")
        # Issue 17: "4,5" and "4.5" typed in Vietnamese are four and a half;
        # the lower scores crossed from Excellent to Good and were saved.
        self.assertEqual(self._line(anh, "Phẩm chất chính trị").manager_score, 4.5)
        self.assertEqual(self._line(anh, "Đạo đức, lối sống").manager_score, 4.5)
        self.assertEqual(self._line(anh, "Kết quả thực hiện nhiệm vụ được giao").manager_score, 60.5)
        self.assertEqual((anh.final_score, anh.rating), (87.5, "good"))
        self.assertTrue(anh.manager_comment)

    def test_head_sets_level_with_reason_and_approves(self):
        lan = self._current_form("truongvp")
        self.assertEqual(lan.state, "reviewed")
        self.assertNotEqual(lan.rating, "completed")
        self.start_tour("/odoo", "appraisal_head_tour", login="chutich")
        lan.invalidate_recordset()
        self.assertEqual(lan.state, "approved")
        self.assertEqual(lan.rating, "completed")
        self.assertTrue(lan.rating_change_reason)

    def test_hr_generates_publishes_and_exports(self):
        start = fields.Date.context_today(self.Form) + relativedelta(months=1, day=1)
        period = self.env["appraisal.period"].create({
            "name": "Kỳ thử nghiệm", "date_start": start, "company_id": self.company.id,
        })
        self.start_tour("/odoo", "appraisal_hr_generate_tour", login="canbotochuc")
        period.invalidate_recordset()
        self.assertEqual(period.state, "open")
        self.assertEqual(len(period.form_ids), 22, "only the commune's people")
        # The month's work, done by the administrator (every role): every
        # form scored Good, so that the quota holds.
        admin = self.env.ref("base.user_admin")
        forms = period.form_ids.with_user(admin)
        for line in forms.sudo().line_ids.filtered(lambda l: not l.display_type and not l.veto):
            score = line.max_score * 0.8 if line.kind == "score" else 0.0
            line.write({"self_score": score, "manager_score": score})
        forms.action_submit()
        forms.action_review()
        forms.action_approve()
        self.assertEqual(set(forms.mapped("state")), {"approved"})
        self.start_tour("/odoo", "appraisal_hr_publish_tour", login="canbotochuc")
        period.invalidate_recordset()
        self.assertEqual(period.state, "published")
        export = self.env["appraisal.period.export"].search([("period_id", "=", period.id)])
        self.assertTrue(export.file_data)
        self.assertTrue(export.file_name.endswith(".xlsx"))

    def test_employee_drafts_action_plan(self):
        self.start_tour("/odoo", "appraisal_action_plan_tour", login="nhanvien")
        plan = self.env["appraisal.action.plan"].search(
            [("employee_id.user_id.login", "=", "nhanvien")], order="id desc", limit=1
        )
        self.assertTrue(plan)
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.item_ids.mapped("name"), ["Nộp báo cáo tuần đúng hạn"])
