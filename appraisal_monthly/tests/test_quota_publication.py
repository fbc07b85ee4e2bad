from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon

MUTED = ("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")

# Ratios of the one 100-point criterion: 95 Excellent, 80 Good, 60 Completed,
# 30 Failed (Decree 335 thresholds 90/70/50).
LEVEL_RATIO = {"excellent": 0.95, "good": 0.8, "completed": 0.6, "failed": 0.3}


@tagged("post_install", "-at_install")
class TestQuotaPublication(AppraisalCommon):
    """Decree 335 quota of Excellent ratings, publication and closing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({
            "appraisal_quota_enabled": True,
            "appraisal_quota_percent": 20.0,
            "appraisal_quota_grouping": "department",
        })
        # A one-criterion set: the level follows the ratio given.
        cls.set_simple = cls.env["appraisal.criteria.set"].create({
            "name": "Quota test set", "code": "QT", "target": "staff",
            "criterion_ids": [(0, 0, {"name": "Results", "max_score": 100})],
        })
        cls.dep_other = cls.env["hr.department"].create({
            "name": "Other Unit", "parent_id": cls.dep_leadership.id,
        })
        # Its own month, so that the fixture's January form stays out.
        cls.feb = cls.env["appraisal.period"].create({
            "date_start": "2026-02-01", "company_id": cls.company.id,
        })
        cls.feb.action_open()
        cls.counter = 0

    # helpers -------------------------------------------------------------
    def _employee(self, department, name=None):
        type(self).counter += 1
        parent = self.emp_leader if department == self.dep_office else self.emp_head
        return self.env["hr.employee"].create({
            "name": name or f"Person {self.counter:03d}",
            "department_id": department.id if department else False,
            "parent_id": parent.id if department else False,
        })

    def _form(self, employee, level, approve=True, period=None):
        """A form of ``employee`` scored at ``level``, reviewed and, unless
        told otherwise, approved by its head."""
        form = self.env["appraisal.form"].create({
            "employee_id": employee.id,
            "period_id": (period or self.feb).id,
            "criteria_set_id": self.set_simple.id,
        })
        ratio = LEVEL_RATIO[level]
        line = self.score_lines(form)
        line.with_user(self.user_hr).self_score = 100 * ratio
        form.with_user(self.user_hr).action_submit()
        reviewer = form.reviewer_user_id or self.user_admin
        line.with_user(reviewer).manager_score = 100 * ratio
        form.with_user(reviewer).action_review()
        self.assertEqual(form.rating, level)
        if approve:
            form.with_user(form.approver_user_id or self.user_admin).action_approve()
        return form

    def _forms(self, department, level, count, approve=True):
        forms = self.env["appraisal.form"]
        for _i in range(count):
            forms |= self._form(self._employee(department), level, approve=approve)
        return forms

    def _approve(self, form):
        return form.with_user(form.approver_user_id or self.user_admin).action_approve()

    def _exception(self, **vals):
        values = {
            "period_id": self.feb.id,
            "scope": "company",
            "extra_allowed": 1,
            "authorised_by": "Chairman of the District People's Committee",
            "decision_reference": "12/QĐ-UBND",
        }
        values.update(vals)
        return self.env["appraisal.quota.exception"].with_user(self.user_hr).create(values)

    # quota on approval ---------------------------------------------------
    def test_quota_exceeded_refuses_approval_with_counts(self):
        self._forms(self.dep_office, "good", 4)
        excellent = self._form(self._employee(self.dep_office), "excellent", approve=False)
        with self.assertRaises(RedirectWarning) as caught:
            self._approve(excellent)
        message = caught.exception.args[0]
        self.assertIn("Office: 1 Excellent for 4 Good, 0 allowed", message)
        self.assertIn(excellent.name, message)
        self.assertEqual(excellent.state, "reviewed", "a refused approval changes nothing")
        # The refusal's button builds the quota check for that period.
        action_id, context = caught.exception.args[1], caught.exception.args[3]
        self.assertEqual(
            action_id, self.env.ref("appraisal_monthly.appraisal_period_action_check_quota").id
        )
        self.assertEqual(context["active_id"], self.feb.id)
        # A fifth Good gives a place (20% of 5 = 1).
        self._forms(self.dep_office, "good", 1)
        self._approve(excellent)
        self.assertEqual(excellent.state, "approved")
        # ... and only one: 20% of 5 rounded down.
        second = self._form(self._employee(self.dep_office), "excellent", approve=False)
        with self.assertRaises(RedirectWarning):
            self._approve(second)

    def test_one_quota_truth(self):
        """The refusal, the Check Quota dialog and the dashboard count the
        same forms: every Good with a level, approved or not yet."""
        self._forms(self.dep_office, "good", 5, approve=False)
        first, second = self._forms(self.dep_office, "excellent", 2, approve=False)

        def dialog_line(name):
            action = self.feb.with_user(self.user_head).action_check_quota()
            check = self.env["appraisal.quota.check"].browse(action["res_id"])
            return {line.name: line for line in check.line_ids}[name]

        office = dialog_line("Leadership / Office")
        self.assertEqual((office.good_count, office.excellent_count, office.allowed_count,
                          office.excess), (5, 2, 1, 1))
        dashboard = self.feb.with_user(self.user_hr)
        self.assertEqual((dashboard.quota_excellent_count, dashboard.quota_allowed_count), (2, 1))
        # One place for five Good, approved or not: the first Excellent passes
        # although no Good is approved yet (the dialog said one place) ...
        self._approve(first)
        self.assertEqual(first.state, "approved")
        # ... the second is refused with the dialog's very counts.
        with self.assertRaises(RedirectWarning) as caught:
            self._approve(second)
        self.assertIn("Office: 2 Excellent for 5 Good, 1 allowed", caught.exception.args[0])
        office = dialog_line("Leadership / Office")
        self.assertEqual((office.good_count, office.excellent_count, office.allowed_count,
                          office.approved_excellent_count, office.excess, office.exceeded),
                         (5, 2, 1, 1, 1, True))
        # With the second lowered to Good, dialog and dashboard say it holds.
        second.with_user(second.approver_user_id or self.user_admin).write({
            "rating": "good", "rating_change_reason": "Trong tỷ lệ 20%"})
        self.assertFalse(dialog_line("Whole company").exceeded)
        self.feb.invalidate_recordset()
        self.assertFalse(self.feb.with_user(self.user_hr).quota_exceeded)

    def test_batch_approval_counts_the_whole_batch(self):
        goods = self._forms(self.dep_office, "good", 5, approve=False)
        excellent = self._forms(self.dep_office, "excellent", 2, approve=False)
        with self.assertRaises(RedirectWarning) as caught:
            (goods | excellent).with_user(self.user_head).action_approve()
        self.assertIn("Office: 2 Excellent for 5 Good, 1 allowed", caught.exception.args[0])
        self.assertEqual(set((goods | excellent).mapped("state")), {"reviewed"})
        (goods | excellent[0]).with_user(self.user_head).action_approve()
        self.assertEqual(set((goods | excellent[0]).mapped("state")), {"approved"})

    def test_exception_lets_approval_pass(self):
        self._forms(self.dep_office, "good", 4)
        excellent = self._forms(self.dep_office, "excellent", 2, approve=False)
        with self.assertRaises(RedirectWarning):
            self._approve(excellent[0])
        exception = self._exception(scope="department", department_id=self.dep_office.id)
        self.assertEqual(exception.company_id, self.company)
        # One place for Office: it counts company-wide too.
        self._approve(excellent[0])
        self.assertEqual(excellent[0].state, "approved")
        with self.assertRaises(RedirectWarning):
            self._approve(excellent[1])
        exception.unlimited = True
        self._approve(excellent[1])
        self.assertEqual(excellent[1].state, "approved")

    def test_exception_for_another_department_does_not_count(self):
        self._forms(self.dep_office, "good", 4)
        excellent = self._form(self._employee(self.dep_office), "excellent", approve=False)
        self._exception(scope="department", department_id=self.dep_other.id, extra_allowed=3)
        with self.assertRaises(RedirectWarning):
            self._approve(excellent)

    @mute_logger(*MUTED)
    def test_exception_rules(self):
        with self.assertRaises(ValidationError):
            self._exception(scope="department")
        with self.assertRaises(ValidationError):
            self._exception(extra_allowed=0)
        with self.assertRaises(AccessError):
            self.env["appraisal.quota.exception"].with_user(self.user_head).create({
                "period_id": self.feb.id, "extra_allowed": 1,
                "authorised_by": "Myself", "decision_reference": "none",
            })
        exception = self._exception()
        exception.with_user(self.user_head).read(["decision_reference"])

    def test_department_grouping_vs_company_wide(self):
        self._forms(self.dep_office, "good", 10)
        self._forms(self.dep_office, "excellent", 1)
        other = self._form(self._employee(self.dep_other), "excellent", approve=False)
        # By department: Other Unit has no Good, so no Excellent place.
        with self.assertRaises(RedirectWarning) as caught:
            self._approve(other)
        self.assertIn("Other Unit: 1 Excellent for 0 Good, 0 allowed", caught.exception.args[0])
        self.assertNotIn("Whole company", caught.exception.args[0])
        # Company only: 2 Excellent for 10 Good is within 20%.
        self.company.appraisal_quota_grouping = "none"
        self._approve(other)
        self.assertEqual(other.state, "approved")

    def test_company_wide_quota_counts_everyone(self):
        self._forms(self.dep_office, "good", 5)
        self._forms(self.dep_office, "excellent", 1)
        # The outsider has no department: counted company-wide only.
        outsider = self._form(self.emp_outsider, "excellent", approve=False)
        with self.assertRaises(RedirectWarning) as caught:
            self._approve(outsider)
        self.assertIn("Whole company: 2 Excellent for 5 Good, 1 allowed", caught.exception.args[0])
        self._exception()  # company-wide, one place
        self._approve(outsider)
        self.assertEqual(outsider.state, "approved")

    def test_quota_not_enforced(self):
        self.company.appraisal_quota_enabled = False
        lone = self._form(self._employee(self.dep_office), "excellent")
        self.assertEqual(lone.state, "approved")
        self.feb.with_user(self.user_hr).action_publish()
        self.assertEqual(self.feb.state, "published")
        check = self.env["appraisal.quota.check"].browse(self.feb.action_check_quota()["res_id"])
        self.assertTrue(check.exceeded, "the check still informs")
        self.assertFalse(check.enforced)

    def test_job_grouping(self):
        job = self.env["hr.job"].create({"name": "Accountant"})
        self.company.appraisal_quota_grouping = "job"
        self._forms(self.dep_office, "good", 5)
        employee = self._employee(self.dep_office)
        employee.job_id = job
        form = self._form(employee, "excellent", approve=False)
        with self.assertRaises(RedirectWarning) as caught:
            self._approve(form)
        self.assertIn("Accountant: 1 Excellent for 0 Good", caught.exception.args[0])
        self._exception(scope="job", job_id=job.id)
        self._approve(form)
        self.assertEqual(form.state, "approved")

    def test_quota_check_wizard(self):
        self._forms(self.dep_office, "good", 4)
        candidates = self._forms(self.dep_office, "excellent", 2, approve=False)
        self._forms(self.dep_other, "good", 5)
        action = self.feb.with_user(self.user_head).action_check_quota()
        check = self.env["appraisal.quota.check"].with_user(self.user_head).browse(action["res_id"])
        self.assertTrue(check.exceeded)
        lines = {line.name: line for line in check.line_ids}
        office = lines["Leadership / Office"]
        self.assertEqual(
            (office.good_count, office.excellent_count, office.allowed_count,
             office.approved_excellent_count, office.excess, office.exceeded),
            (4, 2, 0, 0, 2, True),
        )
        other = lines["Leadership / Other Unit"]
        self.assertEqual((other.good_count, other.allowed_count, other.exceeded), (5, 1, False))
        company = lines["Whole company"]
        self.assertEqual((company.good_count, company.excellent_count, company.allowed_count),
                         (9, 2, 1))
        self.assertEqual(check.candidate_ids, candidates)
        # From there the head opens a candidate to lower the level ...
        opened = check.candidate_ids[0].with_user(self.user_head).action_open_from_quota()
        self.assertEqual(opened["res_id"], check.candidate_ids[0].id)
        # ... and HR records an exception for the group.
        exception_action = office.with_user(self.user_hr).action_record_exception()
        self.assertEqual(exception_action["context"]["default_department_id"], self.dep_office.id)
        self.assertEqual(exception_action["context"]["default_extra_allowed"], 2)
        # The server action of the refusal's button opens the same check.
        server_action = self.env.ref("appraisal_monthly.appraisal_period_action_check_quota")
        result = server_action.with_user(self.user_head).with_context(
            active_model="appraisal.period", active_id=self.feb.id, active_ids=self.feb.ids
        ).run()
        self.assertEqual(result["res_model"], "appraisal.quota.check")

    # publication ----------------------------------------------------------
    def test_publish_refuses_unapproved_forms(self):
        self._forms(self.dep_office, "good", 1)
        self._forms(self.dep_office, "good", 2, approve=False)
        self.env["appraisal.form"].create({
            "employee_id": self._employee(self.dep_office).id,
            "period_id": self.feb.id, "criteria_set_id": self.set_simple.id,
        })
        cancelled = self.env["appraisal.form"].create({
            "employee_id": self._employee(self.dep_office).id,
            "period_id": self.feb.id, "criteria_set_id": self.set_simple.id,
        })
        cancelled.with_user(self.user_hr).action_cancel()
        with self.assertRaises(UserError) as caught:
            self.feb.with_user(self.user_hr).action_publish()
        message = caught.exception.args[0]
        self.assertIn("3 form(s)", message)
        self.assertIn("Self-Assessment: 1", message)
        self.assertIn("Reviewed: 2", message)
        self.assertEqual(self.feb.state, "open")

    @mute_logger(*MUTED)
    def test_publish_is_for_hr_officers(self):
        with self.assertRaises(AccessError):
            self.feb.with_user(self.user_head).action_publish()

    def test_publish_refuses_exceeded_quota(self):
        goods = self._forms(self.dep_office, "good", 5)
        self._forms(self.dep_office, "excellent", 1)
        # HR reopens and cancels a Good form: 1 Excellent for 4 Good.
        goods[0].with_user(self.user_hr).action_reset_to_draft(reason="Moved away")
        goods[0].with_user(self.user_hr).action_cancel()
        with self.assertRaises(RedirectWarning) as caught:
            self.feb.with_user(self.user_hr).action_publish()
        self.assertIn("Office: 1 Excellent for 4 Good, 0 allowed", caught.exception.args[0])
        self.assertEqual(self.feb.state, "open")
        self._exception(scope="department", department_id=self.dep_office.id)
        self.feb.with_user(self.user_hr).action_publish()
        self.assertEqual(self.feb.state, "published")

    def test_publish_notifies_employees(self):
        form = self._form(self.emp_staff2, "good")
        silent = self._form(self._employee(self.dep_office), "failed")
        self.feb.with_user(self.user_hr).action_publish()
        self.assertEqual(self.feb.state, "published")
        self.assertEqual(self.feb.published_user_id, self.user_hr)
        self.assertTrue(self.feb.date_published)
        message = form.message_ids.filtered(lambda m: "are published" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn("your level is Good (80.0%)", message.body)
        self.assertIn(self.user_staff2.partner_id, message.partner_ids)
        # The notice is about the employee: the superiors following the
        # form are not its recipients.
        self.assertNotIn(form.reviewer_user_id.partner_id, message.partner_ids)
        # A Vietnamese reader gets the Vietnamese way of writing numbers.
        self.env["res.lang"]._activate_lang("vi_VN")
        self.assertEqual(form._format_percent(form.with_context(lang="vi_VN").env), "80,0")
        # Nobody to notify: the result is still logged on the form.
        note = silent.message_ids.filtered(lambda m: self.feb.name in (m.body or ""))[:1]
        # Written in that employee's language (the company's, having no user).
        silent_env = silent.with_context(lang=silent._get_employee_lang()).env
        failed_label = dict(silent._fields["rating"]._description_selection(silent_env))["failed"]
        self.assertIn(failed_label, note.body)

    @mute_logger(*MUTED)
    def test_unit_reads_summary_once_published(self):
        self._form(self.emp_staff2, "good")
        self._form(self._employee(self.dep_office, "Nguyen Van Truot"), "failed")
        self._form(self._employee(self.dep_other, "Tran Thi Khac"), "good")
        Summary = self.env["appraisal.period.summary"]
        domain = [("period_id", "=", self.feb.id)]
        self.assertFalse(Summary.with_user(self.user_staff).search(domain),
                         "nothing before publication")
        self.feb.with_user(self.user_hr).action_publish()
        rows = Summary.with_user(self.user_staff).search(domain)
        self.assertEqual(rows.department_id, self.dep_office, "own unit only")
        self.assertEqual((rows.good_count, rows.failed_count), (1, 1))
        self.assertIn("Nguyen Van Truot (30.00%)", rows.failed_names)
        # The head of Leadership sees its sub-departments; an outsider nothing.
        self.assertEqual(Summary.with_user(self.user_head).search(domain).department_id,
                         self.dep_office | self.dep_other)
        self.assertFalse(Summary.with_user(self.user_outsider).search(domain))
        self.assertEqual(len(Summary.with_user(self.user_committee).search(domain)), 2)
        # The forms themselves stay private.
        colleague_form = self.env["appraisal.form"].search(
            [("period_id", "=", self.feb.id), ("employee_id", "=", self.emp_staff2.id)]
        )
        with self.assertRaises(AccessError):
            colleague_form.with_user(self.user_staff).read(["final_score"])
        with self.assertRaises(AccessError):
            colleague_form.line_ids.with_user(self.user_staff).read(["manager_note"])

    def test_summary_counts_per_level_per_department(self):
        self.company.appraisal_quota_percent = 50.0
        office = {"excellent": 1, "good": 2, "completed": 1, "failed": 2}
        other = {"good": 3, "failed": 1}
        names = {}
        for department, counts in ((self.dep_office, office), (self.dep_other, other)):
            # Good first: Excellent needs Good ratings approved before it.
            for level in ("good", "excellent", "completed", "failed"):
                for _i in range(counts.get(level, 0)):
                    employee = self._employee(department)
                    names.setdefault((department, level), []).append(employee.name)
                    self._form(employee, level)
        self._form(self._employee(self.dep_office), "good", approve=False)  # not counted
        self.feb.summary_ids.invalidate_recordset()
        rows = {row.department_id: row for row in self.feb.summary_ids}
        self.assertEqual(set(rows), {self.dep_office, self.dep_other})
        row = rows[self.dep_office]
        self.assertEqual(
            (row.excellent_count, row.good_count, row.completed_count, row.failed_count,
             row.total_count),
            (1, 2, 1, 2, 6),
        )
        self.assertAlmostEqual(row.average_percent, round((95 + 80 * 2 + 60 + 30 * 2) / 6, 2))
        self.assertEqual(
            row.excellent_names, f"{names[(self.dep_office, 'excellent')][0]} (95.00%)"
        )
        self.assertEqual(
            row.failed_names,
            ", ".join(f"{name} (30.00%)" for name in sorted(names[(self.dep_office, "failed")])),
        )
        row = rows[self.dep_other]
        self.assertEqual(
            (row.excellent_count, row.good_count, row.completed_count, row.failed_count,
             row.total_count),
            (0, 3, 0, 1, 4),
        )
        self.assertFalse(row.excellent_names)
        people = self.feb.summary_ids._get_people("failed")
        self.assertEqual(len(people), 3)

    def test_summary_report_renders(self):
        self._forms(self.dep_office, "good", 5)
        star = self._form(self._employee(self.dep_office, "Le Thi Sao"), "excellent")
        self._form(self._employee(self.dep_other, "Pham Van Truot"), "failed")
        self.feb.with_user(self.user_hr).action_publish()
        html, _format = self.env["ir.actions.report"].with_user(self.user_hr)._render_qweb_html(
            "appraisal_monthly.action_report_period_summary", self.feb.ids
        )
        html = html.decode()
        for text in ("Le Thi Sao", "Pham Van Truot", "Office", "Other Unit", self.feb.name):
            self.assertIn(text, html)
        self.assertIn("95.0", html)
        action = self.feb.with_user(self.user_hr).action_print_summary()
        self.assertEqual(action["report_name"], "appraisal_monthly.report_period_summary")
        self.assertEqual(star.state, "approved")

    # closing --------------------------------------------------------------
    def test_close_requires_publication_and_locks(self):
        form = self._form(self.emp_staff2, "good")
        with self.assertRaises(UserError):
            self.feb.with_user(self.user_hr).action_close()
        self.feb.with_user(self.user_hr).action_publish()
        # Published: results stand; forms cannot be reopened or added.
        with self.assertRaises(UserError):
            form.with_user(self.user_hr).action_reset_to_draft(reason="Typo")
        with self.assertRaises(UserError):
            self.env["appraisal.form"].create({
                "employee_id": self._employee(self.dep_office).id,
                "period_id": self.feb.id, "criteria_set_id": self.set_simple.id,
            })
        self.feb.with_user(self.user_hr).action_close()
        self.assertEqual(self.feb.state, "closed")
        # Closed: nothing changes, whoever asks.
        with self.assertRaises(UserError):
            form.sudo().write({"approver_comment": "Later remark"})
        with self.assertRaises(UserError):
            form.with_context(appraisal_workflow=True).write({"state": "draft"})
        with self.assertRaises(UserError):
            form.line_ids.sudo().write({"manager_score": 10})
        with self.assertRaises(UserError):
            self._exception()
        self.assertEqual(form.state, "approved")
        self.assertEqual(form.final_score, 80)
        # The chatter stays open.
        form.with_user(self.user_hr).message_post(body="Filed.")
        # Reopening steps back: closed -> published -> open.
        self.feb.with_user(self.user_hr).action_reopen()
        self.assertEqual(self.feb.state, "published")
        self.feb.with_user(self.user_hr).action_reopen()
        self.assertEqual(self.feb.state, "open")
        self.assertFalse(self.feb.date_published)
        form.with_user(self.user_hr).action_reset_to_draft(reason="Typo")
        self.assertEqual(form.state, "draft")
