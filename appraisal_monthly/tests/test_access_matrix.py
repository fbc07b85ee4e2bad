"""Issue 9, item 9: the access matrix, as the README's security table says.

Each row of MATRIX is one kind of record (a model, in a given status),
each column a role; the four letters say what the role may do with it:

    r = read   c = create   w = write   u = unlink (delete)
    -  the operation must be refused
    .  not checked here (the README says nothing about it, or another
       test file covers it with more detail)

Every operation runs as the user of the role (``with_user``) in a savepoint
that is rolled back; "refused" means an AccessError or another UserError
of the addon, never a database error.  What each row creates, writes and
deletes is defined in the ``_case_<row>`` methods below the table.

Roles: the employee owns the records (Staff, in the Office); the superior
is his direct superior (Leader, head of the Office); the head heads the
Leadership above (and approves Staff's form); HR officer and administrator
of the company; a reward committee member; an HR officer of *another*
company; a portal user.
"""
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .security_common import SecurityCommon

ROLES = ("employee", "superior", "head", "hr", "admin", "committee", "other_company", "portal")

MATRIX = {
    # row                        employee superior head    hr      admin   committee other   portal
    # -- appraisal.form ---------------------------------------------------------------------------
    "form_draft":               ("r---", "r---", "r---", "rcwu", "rcwu", "----", "----", "----"),
    "form_self_assessment":     ("r.w.", "r.-.", "r.-.", "r...", "r...", "-.-.", "-.-.", "-.-."),
    "form_approved":            ("r.--", "r.--", "r.--", "r.--", "r.--", "r.--", "-.--", "-.--"),
    # -- appraisal.form.line ------------------------------------------------------------------------
    "line_draft":               ("r-w-", "r---", "r---", "rc..", "rc..", "----", "----", "----"),
    "line_submitted":           ("r---", "r-w-", "r-w-", "r-.-", "r-w-", "----", "----", "----"),
    "line_approved":            ("r---", "r---", "r---", "r---", "r---", "r---", "----", "----"),
    # -- periods, criteria -------------------------------------------------------------------------
    "period_draft":             ("r---", "r---", "r---", "rcwu", "rcwu", "r---", "----", "----"),
    "criteria_set_company":     ("r---", "r---", "r---", "rcwu", "rcwu", "r---", "----", "----"),
    "criteria_set_shared":      ("r.-.", "r.-.", "r.-.", "r.-.", "r...", "r.-.", "r.-.", "-.-."),
    "criterion_company":        ("r---", "r---", "r---", "rcwu", "rcwu", "r---", "----", "----"),
    "criterion_shared":         ("r---", "r---", "r---", "r---", "r...", "r---", "r---", "----"),
    # -- discipline, action plans, meetings, work plans ----------------------------------------------
    "discipline":               ("r---", "r---", "r---", "rcwu", "rcwu", "r---", "----", "----"),
    "action_plan":              ("rc--", "rcwu", "rcwu", "rcwu", "rcwu", "----", "----", "----"),
    "action_plan_item":         ("rcwu", "rcwu", "rcwu", "rcwu", "rcwu", "----", "----", "----"),
    "meeting":                  ("----", "rcwu", "rcwu", "rcwu", "rcwu", "r---", "----", "----"),
    "meeting_comment_draft":    ("r---", "rcwu", "rcwu", "rcwu", "rcwu", "----", "----", "----"),
    "meeting_comment_approved": ("r.-.", "r...", "r...", "r...", "r...", "r.-.", "-.-.", "-.-."),
    "task_draft":               ("rcwu", "rcwu", "rcwu", "rcwu", "rcwu", "----", "----", "----"),
    # -- quota, results, analysis ------------------------------------------------------------------
    "quota_exception":          (".---", ".---", ".---", "rcwu", "rcwu", ".---", "----", "----"),
    "period_summary_open":      ("----", "----", ".---", "r---", "r---", "r---", "----", "----"),
    "period_summary_published": ("r---", "r---", "r---", "r---", "r---", "r---", "----", "----"),
    "result":                   ("r.-.", "r.-.", "r.-.", "r.w.", "r.w.", "r.-.", "-.-.", "-.-."),
    "analysis_row":             ("r...", "r...", "r...", "r...", "r...", "-...", "-...", "-..."),
    # -- wizards (create only: each user reads their own) ----------------------------------------------
    "quota_check":              (".-..", ".-..", ".c..", ".c..", ".c..", "....", ".-..", ".-.."),
    "generate_wizard":          (".-..", ".-..", ".-..", ".c..", ".c..", ".-..", ".-..", ".-.."),
    "period_export_wizard":     (".c..", ".c..", ".c..", ".c..", ".c..", ".c..", "....", ".-.."),
    "summary_export_wizard":    (".c..", ".c..", ".c..", ".c..", ".c..", ".c..", ".c..", ".-.."),
    "return_wizard":            (".c..", ".c..", ".c..", ".c..", ".c..", ".c..", "....", ".-.."),
}
# The model of each row; every model of the addon has a row, except these.
ROW_MODEL = {
    "form_draft": "appraisal.form", "form_self_assessment": "appraisal.form",
    "form_approved": "appraisal.form",
    "line_draft": "appraisal.form.line", "line_submitted": "appraisal.form.line",
    "line_approved": "appraisal.form.line",
    "period_draft": "appraisal.period",
    "criteria_set_company": "appraisal.criteria.set", "criteria_set_shared": "appraisal.criteria.set",
    "criterion_company": "appraisal.criterion", "criterion_shared": "appraisal.criterion",
    "discipline": "appraisal.discipline",
    "action_plan": "appraisal.action.plan", "action_plan_item": "appraisal.action.plan.item",
    "meeting": "appraisal.meeting", "meeting_comment_draft": "appraisal.meeting.comment",
    "meeting_comment_approved": "appraisal.meeting.comment",
    "task_draft": "appraisal.task",
    "quota_exception": "appraisal.quota.exception",
    "period_summary_open": "appraisal.period.summary",
    "period_summary_published": "appraisal.period.summary",
    "result": "appraisal.summary", "analysis_row": "appraisal.form.report",
    "quota_check": "appraisal.quota.check", "generate_wizard": "appraisal.period.generate",
    "period_export_wizard": "appraisal.period.export",
    "summary_export_wizard": "appraisal.summary.export",
    "return_wizard": "appraisal.form.return",
}
NOT_IN_MATRIX = {
    "appraisal.managed.mixin",       # abstract helper, no table of its own
    "appraisal.workflow.mixin",      # abstract: the one gate of stateful models
    "appraisal.input.mixin",         # abstract: input refused in words
    "appraisal.compat",              # abstract: loads the Odoo 18.0/19.0 data files
    "appraisal.quota.check.line",    # made by appraisal.quota.check only
    "hr.employee", "hr.employee.public", "res.company", "res.config.settings",  # Odoo's, extended
    "hr.department",  # Odoo's, extended (forgets the cached hierarchy on change)
    "ir.ui.menu",     # Odoo's, extended (hides menus a user cannot use)
}
OPERATIONS = (("r", "read"), ("c", "create"), ("w", "write"), ("u", "unlink"))


@tagged("post_install", "-at_install", "appraisal_security", "access_matrix")
class TestAccessMatrix(SecurityCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "Other Commune"})
        cls.user_other = new_test_user(
            cls.env, login="am_other_hr", name="Other Company HR", lang="en_US",
            groups="base.group_user,appraisal_monthly.group_appraisal_officer",
            company_id=cls.company2.id, company_ids=[Command.set(cls.company2.ids)],
        )
        cls.user_portal = new_test_user(
            cls.env, login="am_portal", name="Portal User", lang="en_US",
            groups="base.group_portal",
        )
        cls.role_users = {
            "employee": cls.user_staff, "superior": cls.user_leader, "head": cls.user_head,
            "hr": cls.user_hr, "admin": cls.user_admin, "committee": cls.user_committee,
            "other_company": cls.user_other, "portal": cls.user_portal,
        }

    # ------------------------------------------------------------------
    # The engine
    # ------------------------------------------------------------------
    def _check_row(self, row):
        case = getattr(self, "_case_%s" % row)()
        model = case["model"]
        self.assertEqual(model, ROW_MODEL[row])
        target = case.get("target")
        expected_row = MATRIX[row]
        self.assertEqual(len(expected_row), len(ROLES))
        wrong = []
        for role, letters in zip(ROLES, expected_row):
            user = self.role_users[role]
            for letter, operation in OPERATIONS:
                expected = letters["rcwu".index(letter)]
                if expected == ".":
                    continue
                func = self._operation(operation, model, target, case, user)
                self.assertIsNotNone(func, "row %s checks %s but defines none" % (row, operation))
                allowed = self.attempt(func)
                if allowed != (expected == letter):
                    wrong.append("%-13s %-6s expected %s, was %s" % (
                        role, operation, "allowed" if expected == letter else "refused",
                        "allowed" if allowed else "refused"))
        if wrong:
            self.fail("%s (%s):\n  %s" % (row, model, "\n  ".join(wrong)))

    def _operation(self, operation, model, target, case, user):
        Model = self.env[model].with_user(user)
        if operation == "read":
            if not target:
                return None
            return lambda: target.with_user(user).read(case.get("read", ["display_name"]))
        if operation == "create":
            if "create" not in case:
                return None
            return lambda: Model.create(case["create"]())
        if operation == "write":
            if "write" not in case or not target:
                return None
            return lambda: target.with_user(user).write(case["write"]())
        if operation == "unlink":
            if not target:
                return None
            return lambda: target.with_user(user).unlink()
        raise ValueError(operation)

    def test_matrix_covers_every_model(self):
        models = self.env["ir.model.data"].search([
            ("module", "=", "appraisal_monthly"), ("model", "=", "ir.model")])
        names = set(self.env["ir.model"].browse(models.mapped("res_id")).mapped("model"))
        self.assertFalse(names - set(ROW_MODEL.values()) - NOT_IN_MATRIX,
                         "models of the addon without a row in the access matrix")
        self.assertEqual(set(MATRIX), set(ROW_MODEL))

    # ------------------------------------------------------------------
    # Rows: what each creates, writes and deletes
    # ------------------------------------------------------------------
    def _case_form_draft(self):
        return {
            "model": "appraisal.form", "target": self.form_staff,
            "create": lambda: {"employee_id": self.emp_outsider.id, "period_id": self.period.id},
            "write": lambda: {"reviewer_user_id": self.user_leader.id},
        }

    def _case_form_self_assessment(self):
        return {"model": "appraisal.form", "target": self.form_staff,
                "write": lambda: {"self_comment": "My month"}}

    def _case_form_approved(self):
        form = self.approved(self.form_staff, ratio=0.8)
        return {"model": "appraisal.form", "target": form,
                "write": lambda: {"approver_comment": "Changed afterwards"}}

    def _line_vals(self, form):
        return lambda: {"form_id": form.id, "name": "Missing criterion", "max_score": 5.0}

    def _case_line_draft(self):
        return {"model": "appraisal.form.line", "target": self.first_line(self.form_staff),
                "create": self._line_vals(self.form_staff),
                "write": lambda: {"self_score": 1.0}}

    def _case_line_submitted(self):
        form = self.submit(self.form_staff, ratio=0.8)
        return {"model": "appraisal.form.line", "target": self.first_line(form),
                "create": self._line_vals(form), "write": lambda: {"manager_score": 1.0}}

    def _case_line_approved(self):
        form = self.approved(self.form_staff, ratio=0.8)
        return {"model": "appraisal.form.line", "target": self.first_line(form),
                "create": self._line_vals(form), "write": lambda: {"manager_score": 1.0}}

    def _case_period_draft(self):
        period = self.env["appraisal.period"].create({
            "date_start": "2026-06-01", "company_id": self.company.id})
        return {"model": "appraisal.period", "target": period,
                "create": lambda: {"date_start": "2026-07-01", "company_id": self.company.id},
                "write": lambda: {"date_review_deadline": "2026-07-05"}}

    def _company_set(self):
        return self.make_set([{"name": "Work done", "max_score": 100.0}], code="MATRIX",
                             company_id=self.company.id)

    def _case_criteria_set_company(self):
        return {"model": "appraisal.criteria.set", "target": self._company_set(),
                "create": lambda: {"name": "New set", "code": "NEW", "target": "staff",
                                   "company_id": self.company.id,
                                   "criterion_ids": [Command.create(
                                       {"name": "Work", "max_score": 100.0})]},
                "write": lambda: {"name": "Renamed set"}}

    def _case_criteria_set_shared(self):
        self.assertFalse(self.set_staff.company_id, "the Decree 335 set is shared")
        return {"model": "appraisal.criteria.set", "target": self.set_staff,
                "write": lambda: {"name": "Easier set"}}

    def _case_criterion_company(self):
        criteria_set = self._company_set()
        return {"model": "appraisal.criterion", "target": criteria_set.criterion_ids[:1],
                "create": lambda: {"set_id": criteria_set.id, "name": "Extra", "max_score": 5.0},
                "write": lambda: {"max_score": 50.0}}

    def _case_criterion_shared(self):
        criterion = self.set_staff.criterion_ids.filtered(
            lambda c: not c.display_type and not c.veto)[:1]
        return {"model": "appraisal.criterion", "target": criterion,
                "create": lambda: {"set_id": self.set_staff.id, "name": "Free points",
                                   "max_score": 10.0},
                "write": lambda: {"max_score": 1.0}}

    def _case_discipline(self):
        vals = {"employee_id": self.emp_staff.id, "kind": "reprimand", "date": "2025-06-15"}
        measure = self.env["appraisal.discipline"].create(dict(vals))
        return {"model": "appraisal.discipline", "target": measure,
                "create": lambda: dict(vals, date="2025-07-15"),
                "write": lambda: {"decision_number": "12/QĐ-UBND"}}

    def _draft_plan(self):
        form = self.submit(self.form_staff, ratio=0.8)
        plan = self.env["appraisal.action.plan"].create({"form_id": form.id})
        plan.write({"item_ids": [Command.create({"name": "Attend the training"})]})
        return form, plan

    def _case_action_plan(self):
        form, plan = self._draft_plan()
        return {"model": "appraisal.action.plan", "target": plan,
                "create": lambda: {"form_id": form.id},
                "write": lambda: {"objective": "Deadlines kept"}}

    def _case_action_plan_item(self):
        _form, plan = self._draft_plan()
        return {"model": "appraisal.action.plan.item", "target": plan.item_ids,
                "create": lambda: {"plan_id": plan.id, "name": "Read the decree"},
                "write": lambda: {"progress_note": "Half done"}}

    def _meeting(self):
        return self.env["appraisal.meeting"].create({
            "period_id": self.period.id, "department_id": self.dep_office.id})

    def _case_meeting(self):
        return {"model": "appraisal.meeting", "target": self._meeting(),
                "create": lambda: {"period_id": self.period.id,
                                   "department_id": self.dep_office.id},
                "write": lambda: {"attendees": "All"}}

    def _case_meeting_comment_draft(self):
        meeting = self._meeting()
        comment = self.env["appraisal.meeting.comment"].create({
            "meeting_id": meeting.id, "form_id": self.form_staff.id, "comment": "Reliable"})
        return {"model": "appraisal.meeting.comment", "target": comment,
                "read": ["comment"],
                "create": lambda: {"meeting_id": meeting.id, "form_id": self.form_staff2.id,
                                   "comment": "Often late"},
                "write": lambda: {"comment": "Changed"}}

    def _case_meeting_comment_approved(self):
        meeting = self._meeting()
        comment = self.env["appraisal.meeting.comment"].create({
            "meeting_id": meeting.id, "form_id": self.form_staff.id, "comment": "Reliable"})
        self.approved(self.form_staff, ratio=0.8)
        return {"model": "appraisal.meeting.comment", "target": comment, "read": ["comment"],
                "write": lambda: {"comment": "Changed"}}

    def _case_task_draft(self):
        vals = {"name": "Monthly report", "employee_id": self.emp_staff.id,
                "period_id": self.period.id}
        task = self.env["appraisal.task"].create(dict(vals))
        return {"model": "appraisal.task", "target": task,
                "create": lambda: dict(vals, name="Weekly report"),
                "write": lambda: {"name": "Monthly report (v2)"}}

    def _case_quota_exception(self):
        vals = {"period_id": self.period.id, "scope": "company", "extra_allowed": 1,
                "authorised_by": "Chairman", "decision_reference": "1/QĐ",
                "date": "2026-01-20"}
        exception = self.env["appraisal.quota.exception"].create(dict(vals))
        return {"model": "appraisal.quota.exception", "target": exception,
                "create": lambda: dict(vals, decision_reference="2/QĐ"),
                "write": lambda: {"note": "Outstanding year"}}

    def _publishable_period(self):
        """The month with Staff approved and the others cancelled."""
        self.approved(self.form_staff, ratio=0.8)
        others = self.env["appraisal.form"].search([
            ("period_id", "=", self.period.id), ("state", "!=", "approved")])
        others.action_cancel()
        return self.period

    def _case_period_summary_open(self):
        period = self._publishable_period()
        row = self.env["appraisal.period.summary"].search([
            ("period_id", "=", period.id), ("department_id", "=", self.dep_office.id)])
        self.assertTrue(row)
        return {"model": "appraisal.period.summary", "target": row,
                "read": ["excellent_names", "good_count"],
                "create": lambda: {"period_id": period.id},
                "write": lambda: {"excellent_names": "Me"}}

    def _case_period_summary_published(self):
        case = self._case_period_summary_open()
        self.period.with_user(self.user_hr).action_publish()
        return case

    def _case_result(self):
        self.approved(self.form_staff, ratio=0.8)
        result = self.env["appraisal.summary"].search([
            ("employee_id", "=", self.emp_staff.id), ("period_type", "=", "year")])
        self.assertTrue(result)
        return {"model": "appraisal.summary", "target": result,
                "read": ["rating", "average_score"],
                "write": lambda: {"unlock_reason": "Decision annulled"}}

    def _case_analysis_row(self):
        self.submit(self.form_staff, ratio=0.8)
        row = self.env["appraisal.form.report"].search([("form_id", "=", self.form_staff.id)]) \
            if "form_id" in self.env["appraisal.form.report"]._fields else \
            self.env["appraisal.form.report"].search([("employee_id", "=", self.emp_staff.id)])
        self.assertTrue(row)
        return {"model": "appraisal.form.report", "target": row, "read": ["rating"]}

    def _case_quota_check(self):
        return {"model": "appraisal.quota.check", "create": lambda: {"period_id": self.period.id}}

    def _case_generate_wizard(self):
        return {"model": "appraisal.period.generate",
                "create": lambda: {"period_id": self.period.id}}

    def _case_period_export_wizard(self):
        return {"model": "appraisal.period.export",
                "create": lambda: {"period_id": self.period.id}}

    def _case_summary_export_wizard(self):
        return {"model": "appraisal.summary.export", "create": lambda: {"year": 2026}}

    def _case_return_wizard(self):
        form = self.approved(self.form_staff, ratio=0.8)
        return {"model": "appraisal.form.return",
                "create": lambda: {"form_ids": [Command.set(form.ids)],
                                   "action": "reset_to_draft", "reason": "Check"}}


def _make_test(row):
    def test(self):
        self._check_row(row)
    test.__name__ = "test_matrix_%s" % row
    test.__doc__ = "Access matrix row %s" % row
    return test


for _row in MATRIX:
    setattr(TestAccessMatrix, "test_matrix_%s" % _row, _make_test(_row))
