from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon

MUTED = ("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")


@tagged("post_install", "-at_install", "access_rights")
class TestAccessRights(AppraisalCommon):
    """Who may read and change what, role by role.

    Record rules decide which forms a user sees; the models decide which
    fields each role may change in which status.  AccessError means "not
    yours"; a plain UserError means "yours, but not now / not this way".
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Form = cls.env["appraisal.form"]
        cls.form_staff2 = Form.create({
            "employee_id": cls.emp_staff2.id, "period_id": cls.period.id,
        })
        cls.form_leader = Form.create({
            "employee_id": cls.emp_leader.id, "period_id": cls.period.id,
        })
        cls.form_head = Form.create({
            "employee_id": cls.emp_head.id, "period_id": cls.period.id,
        })

    # helpers -------------------------------------------------------------
    @contextmanager
    def assertUserErrorOnly(self):
        """A UserError that is not an AccessError (which subclasses it)."""
        with self.assertRaises(UserError) as catcher:
            yield catcher
        self.assertNotIsInstance(
            catcher.exception, AccessError,
            "expected a business UserError, got an AccessError: %s" % catcher.exception,
        )

    def _submit(self, form, ratio=1.0):
        self.fill_self(form, ratio=ratio)
        form.with_user(form.employee_id.user_id).action_submit()
        self.assertEqual(form.state, "submitted")

    def _review(self, form, user=None, ratio=1.0):
        user = user or form.reviewer_user_id
        self.fill_manager(form, ratio=ratio, user=user)
        form.with_user(user).action_review()
        self.assertEqual(form.state, "reviewed")

    def _approve(self, form, user=None):
        form.with_user(user or form.approver_user_id).action_approve()
        self.assertEqual(form.state, "approved")

    def _approved_form_staff(self):
        self._submit(self.form_staff)
        self._review(self.form_staff, self.user_leader)
        self._approve(self.form_staff, self.user_head)
        return self.form_staff

    def _visible_forms(self, user, domain=None):
        self.env.invalidate_all()
        return self.env["appraisal.form"].with_user(user).search(
            (domain or []) + [("id", "not in", self.preexisting_forms.ids)]
        )

    def _first_score_line(self, form):
        return self.score_lines(form).filtered(lambda l: l.kind == "score")[:1]

    # ------------------------------------------------------------------
    # Fixture sanity: the approval chain the tests rely on
    # ------------------------------------------------------------------
    def test_fixture_chain(self):
        self.assertEqual(self.form_staff.reviewer_user_id, self.user_leader)
        self.assertEqual(self.form_staff.approver_user_id, self.user_head)
        self.assertEqual(self.form_staff2.reviewer_user_id, self.user_leader)
        self.assertEqual(self.form_staff2.approver_user_id, self.user_head)
        self.assertEqual(self.form_leader.reviewer_user_id, self.user_head)
        self.assertEqual(self.form_leader.approver_user_id, self.user_head)
        self.assertFalse(self.form_head.reviewer_user_id)
        self.assertFalse(self.form_head.approver_user_id)

    # ------------------------------------------------------------------
    # Employee
    # ------------------------------------------------------------------
    def test_employee_reads_own_form_and_lines(self):
        form = self.form_staff.with_user(self.user_staff)
        self.env.invalidate_all()
        data = form.read(["name", "state", "employee_id", "line_ids"])[0]
        self.assertEqual(data["employee_id"][0], self.emp_staff.id)
        self.assertEqual(data["state"], "draft")
        self.assertEqual(set(data["line_ids"]), set(self.form_staff.line_ids.ids))
        lines = form.line_ids.read(["name", "self_score", "max_score"])
        self.assertEqual(len(lines), len(self.form_staff.line_ids))
        self.assertTrue(form.is_own_form)
        self.assertEqual(self._visible_forms(self.user_staff), self.form_staff)
        self.assertEqual(
            self.env["appraisal.form.line"].with_user(self.user_staff).search([]),
            self.form_staff.line_ids,
        )

    @mute_logger(*MUTED)
    def test_employee_cannot_see_colleague_form(self):
        self.assertFalse(self._visible_forms(
            self.user_staff, [("id", "=", self.form_staff2.id)]))
        self.assertFalse(self._visible_forms(
            self.user_staff, [("employee_id", "=", self.emp_staff2.id)]))
        with self.assertRaises(AccessError):
            self.form_staff2.with_user(self.user_staff).read(["name"])
        with self.assertRaises(AccessError):
            self.form_staff2.line_ids.with_user(self.user_staff).read(["self_score"])
        self.assertFalse(
            self.env["appraisal.form.line"].with_user(self.user_staff).search(
                [("form_id", "=", self.form_staff2.id)])
        )
        # nor write on it, nor post in its chatter
        with self.assertRaises(AccessError):
            self._first_score_line(self.form_staff2).with_user(
                self.user_staff).self_score = 1
        with self.assertRaises(AccessError):
            self.form_staff2.with_user(self.user_staff).message_post(body="Hello")
        with self.assertRaises(AccessError):
            self.form_staff2.with_user(self.user_staff).action_submit()

    @mute_logger(*MUTED)
    def test_subordinate_cannot_see_superior_forms(self):
        self.assertFalse(self._visible_forms(
            self.user_staff, [("id", "in", (self.form_leader | self.form_head).ids)]))
        self.assertFalse(self._visible_forms(
            self.user_leader, [("id", "=", self.form_head.id)]))
        with self.assertRaises(AccessError):
            self.form_leader.with_user(self.user_staff).read(["final_score"])
        with self.assertRaises(AccessError):
            self.form_head.with_user(self.user_leader).read(["final_score"])

    @mute_logger(*MUTED)
    def test_employee_cannot_create_or_unlink_forms(self):
        Form = self.env["appraisal.form"].with_user(self.user_staff)
        with self.assertRaises(AccessError):
            Form.create({"employee_id": self.emp_outsider.id, "period_id": self.period.id})
        with self.assertRaises(AccessError):
            self.form_staff.with_user(self.user_staff).unlink()
        with self.assertRaises(AccessError):
            self.form_staff.line_ids[:1].with_user(self.user_staff).unlink()
        with self.assertRaises(AccessError):
            self.env["appraisal.form.line"].with_user(self.user_staff).create({
                "form_id": self.form_staff.id, "name": "My own criterion",
                "max_score": 100,
            })
        with self.assertRaises(AccessError):
            self.form_staff.with_user(self.user_staff).copy()
        self.assertTrue(self.form_staff.exists())

    def test_employee_writes_own_self_scores_in_draft(self):
        form = self.form_staff
        line = self._first_score_line(form)
        line.with_user(self.user_staff).write({"self_score": 3, "note": "Done"})
        form.with_user(self.user_staff).self_comment = "A good month"
        self.env.invalidate_all()
        self.assertEqual(line.self_score, 3)
        self.assertTrue(line.self_scored)
        self.assertEqual(line.note, "Done")
        self.assertEqual(form.self_comment, "A good month")
        self.assertEqual(form.self_score, 3)

    @mute_logger(*MUTED)
    def test_employee_cannot_write_superior_fields(self):
        form = self.form_staff
        line = self._first_score_line(form)
        with self.assertRaises(AccessError):
            line.with_user(self.user_staff).manager_score = 5
        with self.assertRaises(AccessError):
            line.with_user(self.user_staff).manager_note = "Perfect"
        for fname in ("manager_comment", "approver_comment", "rating_change_reason"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                form.with_user(self.user_staff).write({fname: "Self-praise"})
        with self.assertRaises(AccessError):
            form.with_user(self.user_staff).rating = "excellent"
        # the same once the form is submitted or reviewed
        self._submit(form)
        with self.assertRaises(AccessError):
            line.with_user(self.user_staff).manager_score = 5
        self._review(form, self.user_leader)
        # Full marks give Excellent: sending that level is no change (issue
        # 17); any other level is one, which the employee cannot make.
        self.assertEqual(form.rating, "excellent")
        with self.assertRaises(AccessError):
            form.with_user(self.user_staff).rating = "failed"
        self.env.invalidate_all()
        self.assertFalse(form.manager_comment)
        self.assertEqual(line.manager_score, line.max_score)

    @mute_logger(*MUTED)
    def test_employee_cannot_write_after_submit(self):
        form = self.form_staff
        self._submit(form)
        line = self._first_score_line(form)
        for vals in ({"self_score": 0}, {"note": "changed my mind"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                line.with_user(self.user_staff).write(vals)
        with self.assertRaises(AccessError):
            form.with_user(self.user_staff).self_comment = "Too late"
        self.env.invalidate_all()
        self.assertEqual(line.self_score, line.max_score)

    @mute_logger(*MUTED)
    def test_employee_cannot_review_approve_or_return_own_form(self):
        form = self.form_staff
        self._submit(form)
        as_staff = form.with_user(self.user_staff)
        self.assertFalse(as_staff.can_review)
        with self.assertRaises(AccessError):
            as_staff.action_review()
        with self.assertRaises(AccessError):
            as_staff.action_return(reason="I want to fix it")
        with self.assertRaises(AccessError):
            as_staff.action_copy_self_scores()
        self._review(form, self.user_leader)
        self.assertFalse(as_staff.can_approve)
        with self.assertRaises(AccessError):
            as_staff.action_approve()
        with self.assertRaises(AccessError):
            as_staff.action_cancel()
        self.assertEqual(form.state, "reviewed")

    @mute_logger(*MUTED)
    def test_employee_cannot_change_form_identity(self):
        form = self.form_staff.with_user(self.user_staff)
        other_period = self.env["appraisal.period"].create({
            "date_start": "2026-02-01", "company_id": self.company.id,
        })
        for vals in (
            {"employee_id": self.emp_staff2.id},
            {"period_id": other_period.id},
            {"criteria_set_id": self.set_manager.id},
            {"reviewer_user_id": self.user_staff2.id},
            {"approver_user_id": self.user_staff2.id},
            {"company_id": self.company.id},
            {"max_score": 1.0},
            {"threshold_excellent": 1.0},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                form.write(vals)
        self.env.invalidate_all()
        self.assertEqual(self.form_staff.employee_id, self.emp_staff)
        self.assertEqual(self.form_staff.period_id, self.period)
        self.assertEqual(self.form_staff.criteria_set_id, self.set_staff)
        self.assertEqual(self.form_staff.approver_user_id, self.user_head)

    def test_employee_cannot_write_state(self):
        form = self.form_staff.with_user(self.user_staff)
        for vals in ({"state": "approved"}, {"state": "submitted"},
                     {"date_approved": "2026-01-31 10:00:00"},
                     {"approved_user_id": self.user_head.id}):
            with self.subTest(vals=vals), self.assertUserErrorOnly():
                form.write(vals)
        self.assertEqual(self.form_staff.state, "draft")

    @mute_logger(*MUTED)
    def test_employee_cannot_forge_computed_results(self):
        # Regression: computed results, levels and evidence are guarded by
        # allow-lists of writable fields (see USER_FIELDS / SELF_FIELDS).
        form = self.form_staff
        self._submit(form, ratio=0.4)
        self._review(form, self.user_leader, ratio=0.4)
        self.assertEqual(form.rating, "failed")
        line = self._first_score_line(form)
        for vals in (
            {"final_score": form.max_score},
            {"score_percent": 100.0},
            {"suggested_rating": "excellent"},
            {"veto": False},
            {"manager_score": form.max_score},
            {"is_late": False},
        ):
            with self.subTest(form_vals=vals), self.assertRaises(UserError):
                form.with_user(self.user_staff).write(vals)
        for vals in ({"final_score": line.max_score}, {"final_veto": False}):
            with self.subTest(line_vals=vals), self.assertRaises(UserError):
                line.with_user(self.user_staff).write(vals)
        self.env.invalidate_all()
        self.assertEqual(form.rating, "failed")
        self.assertEqual(form.suggested_rating, "failed")

    @mute_logger(*MUTED)
    def test_employee_cannot_raise_own_level_before_approval(self):
        # Regression: computed results, levels and evidence are guarded by
        # allow-lists of writable fields (see USER_FIELDS / SELF_FIELDS).
        form = self.form_staff
        self._submit(form, ratio=0.4)
        self._review(form, self.user_leader, ratio=0.4)
        self.assertEqual(form.score_percent, 40.0)
        self.assertEqual(form.rating, "failed")
        refused = False
        try:
            form.with_user(self.user_staff).write({"suggested_rating": "excellent"})
        except UserError:
            refused = True  # expected: the employee may not set their own level
        form.with_user(self.user_head).action_approve()
        self.env.invalidate_all()
        self.assertEqual(form.state, "approved")
        self.assertEqual(
            form.rating, "failed",
            "the employee raised their own approved level to %r" % form.rating,
        )
        self.assertTrue(refused, "the employee could write suggested_rating")

    @mute_logger(*MUTED)
    def test_evidence_frozen_after_submit(self):
        # Regression: computed results, levels and evidence are guarded by
        # allow-lists of writable fields (see USER_FIELDS / SELF_FIELDS).
        form = self.form_staff
        line = self._first_score_line(form)
        evidence = self.env["ir.attachment"].create({
            "name": "report.txt", "raw": b"monthly report",
            "res_model": line._name, "res_id": line.id,
        })
        line.attachment_ids = [Command.set(evidence.ids)]
        self._submit(form)
        for user in (self.user_staff, self.user_leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                line.with_user(user).write({"attachment_ids": [Command.clear()]})
        self.env.invalidate_all()
        self.assertEqual(line.attachment_ids, evidence)

    @mute_logger(*MUTED)
    def test_employee_criteria_sets_read_only(self):
        Set = self.env["appraisal.criteria.set"].with_user(self.user_staff)
        Criterion = self.env["appraisal.criterion"].with_user(self.user_staff)
        self.env.invalidate_all()
        self.assertIn(self.set_staff, Set.search([]))
        self.set_staff.with_user(self.user_staff).read(["name", "max_score"])
        self.set_staff.criterion_ids.with_user(self.user_staff).read(["name", "max_score"])
        with self.assertRaises(AccessError):
            self.set_staff.with_user(self.user_staff).name = "Easier set"
        with self.assertRaises(AccessError):
            Set.create({"name": "Mine", "code": "MINE", "target": "staff"})
        with self.assertRaises(AccessError):
            self.set_staff.criterion_ids[:1].with_user(self.user_staff).max_score = 1
        with self.assertRaises(AccessError):
            Criterion.create({"set_id": self.set_staff.id, "name": "Free points",
                              "max_score": 10})
        with self.assertRaises(AccessError):
            self.set_staff.with_user(self.user_staff).unlink()

    @mute_logger(*MUTED)
    def test_employee_cannot_manage_periods(self):
        Period = self.env["appraisal.period"].with_user(self.user_staff)
        self.env.invalidate_all()
        self.assertIn(self.period, Period.search([]))
        self.period.with_user(self.user_staff).read(["name", "state"])
        with self.assertRaises(AccessError):
            Period.create({"date_start": "2026-03-01", "company_id": self.company.id})
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_staff).date_self_deadline = "2026-02-28"
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_staff).action_close()
        with self.assertRaises(AccessError):
            self.generate_forms(self.period, self.user_staff)
        self.assertEqual(self.period.state, "open")

    @mute_logger(*MUTED)
    def test_employee_cannot_reopen_through_wizard(self):
        form = self._approved_form_staff()
        wizard = self.env["appraisal.form.return"].with_user(self.user_staff).create({
            "form_ids": [Command.set(form.ids)],
            "action": "reset_to_draft",
            "reason": "I deserve better",
        })
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(form.state, "approved")

    # ------------------------------------------------------------------
    # Outsider
    # ------------------------------------------------------------------
    @mute_logger(*MUTED)
    def test_outsider_sees_no_form(self):
        self.assertFalse(self._visible_forms(self.user_outsider))
        self.assertFalse(
            self.env["appraisal.form.line"].with_user(self.user_outsider).search([])
        )
        for form in (self.form_staff, self.form_leader, self.form_head):
            with self.subTest(form=form.name), self.assertRaises(AccessError):
                form.with_user(self.user_outsider).read(["name", "final_score"])
        with self.assertRaises(AccessError):
            self.form_staff.line_ids.with_user(self.user_outsider).read(["self_score"])

    # ------------------------------------------------------------------
    # Direct superior
    # ------------------------------------------------------------------
    def test_superior_sees_team_forms(self):
        visible = self._visible_forms(self.user_leader)
        self.assertEqual(visible, self.form_staff | self.form_staff2 | self.form_leader)
        self.form_staff2.with_user(self.user_leader).read(["name", "self_score"])
        self.form_staff.line_ids.with_user(self.user_leader).read(["self_score"])
        self.assertTrue(self.form_staff.with_user(self.user_leader).is_managed_by_me)
        self.assertFalse(self.form_staff.with_user(self.user_leader).is_own_form)

    @mute_logger(*MUTED)
    def test_superior_scores_submitted_form_only(self):
        form = self.form_staff
        line = self._first_score_line(form).with_user(self.user_leader)
        # not before the employee submits
        with self.assertRaises(AccessError):
            line.manager_score = 2
        self._submit(form)
        line.write({"manager_score": 2, "manager_note": "Late twice"})
        form.with_user(self.user_leader).manager_comment = "Needs focus"
        self.env.invalidate_all()
        self.assertEqual(line.manager_score, 2)
        self.assertTrue(line.manager_scored)
        self.assertEqual(form.manager_comment, "Needs focus")
        # but never the employee's own figures
        with self.assertRaises(AccessError):
            line.self_score = 0
        with self.assertRaises(AccessError):
            line.note = "Rewritten"
        with self.assertRaises(AccessError):
            form.with_user(self.user_leader).self_comment = "Rewritten"
        with self.assertRaises(AccessError):
            form.with_user(self.user_leader).rating = "failed"
        self.env.invalidate_all()
        self.assertEqual(line.self_score, line.max_score)

    @mute_logger(*MUTED)
    def test_superior_cannot_approve_as_reviewer(self):
        form = self.form_staff
        self._submit(form)
        self._review(form, self.user_leader)
        self.assertFalse(form.with_user(self.user_leader).can_approve)
        with self.assertRaises(AccessError):
            form.with_user(self.user_leader).action_approve()
        self.assertEqual(form.state, "reviewed")

    def test_superior_returns_submitted_form(self):
        form = self.form_staff
        self._submit(form)
        # without a reason the button only opens the dialog
        action = form.with_user(self.user_leader).action_return()
        self.assertEqual(action["res_model"], "appraisal.form.return")
        self.assertEqual(form.state, "submitted")
        form.with_user(self.user_leader).action_return(reason="Evidence missing")
        self.assertEqual(form.state, "draft")
        self.assertFalse(form.date_submitted)
        self.assertIn("Evidence missing", form.message_ids[:1].body)
        # the employee may work on it again
        line = self._first_score_line(form)
        line.with_user(self.user_staff).self_score = 1
        self.assertEqual(line.self_score, 1)

    @mute_logger(*MUTED)
    def test_superior_cannot_reopen_approved_form(self):
        form = self._approved_form_staff()
        for user in (self.user_leader, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                form.with_user(user).action_reset_to_draft(reason="Let me rescore")
        with self.assertUserErrorOnly():
            form.with_user(self.user_leader).action_return(reason="Rescore")
        self.assertEqual(form.state, "approved")

    # ------------------------------------------------------------------
    # Head of unit
    # ------------------------------------------------------------------
    def test_head_sees_department_chain(self):
        visible = self._visible_forms(self.user_head)
        self.assertEqual(
            visible,
            self.form_staff | self.form_staff2 | self.form_leader | self.form_head,
        )
        for form in (self.form_staff, self.form_staff2, self.form_leader):
            with self.subTest(form=form.name):
                self.assertTrue(form.with_user(self.user_head).is_managed_by_me)
                form.line_ids.with_user(self.user_head).read(["final_score"])

    def test_head_approves_reviewed_form(self):
        form = self.form_staff
        self._submit(form)
        self._review(form, self.user_leader)
        self.assertTrue(form.with_user(self.user_head).can_approve)
        form.with_user(self.user_head).write({"approver_comment": "Agreed"})
        form.with_user(self.user_head).action_approve()
        self.assertEqual(form.state, "approved")
        self.assertEqual(form.approved_user_id, self.user_head)
        self.assertEqual(form.reviewed_user_id, self.user_leader)
        self.assertTrue(form.date_approved)
        self.assertEqual(form.rating, "excellent")
        self.assertTrue(form.is_locked)

    def test_approved_form_locked_for_everybody(self):
        form = self._approved_form_staff()
        line = self._first_score_line(form)
        attempts = [
            (self.user_staff, line, {"self_score": 0}),
            (self.user_staff, line, {"note": "Edited"}),
            (self.user_staff, form, {"self_comment": "Edited"}),
            (self.user_leader, line, {"manager_score": 0}),
            (self.user_leader, form, {"manager_comment": "Edited"}),
            (self.user_head, line, {"manager_score": 0}),
            (self.user_head, form, {"approver_comment": "Edited"}),
            (self.user_head, form, {"rating": "failed"}),
            (self.user_hr, line, {"manager_score": 0}),
            (self.user_hr, line, {"self_score": 0}),
            (self.user_hr, form, {"self_comment": "Edited"}),
            (self.user_hr, form, {"criteria_set_id": self.set_manager.id}),
            (self.user_admin, form, {"manager_comment": "Edited"}),
            (self.user_admin, line, {"manager_score": 0}),
        ]
        for user, record, vals in attempts:
            with self.subTest(user=user.login, model=record._name, vals=vals), \
                    self.assertUserErrorOnly():
                record.with_user(user).write(vals)
        self.env.invalidate_all()
        self.assertEqual(form.state, "approved")
        self.assertEqual(line.manager_score, line.max_score)
        self.assertEqual(line.self_score, line.max_score)
        self.assertFalse(form.self_comment)
        self.assertEqual(form.criteria_set_id, self.set_staff)
        self.assertEqual(form.rating, "excellent")

    # ------------------------------------------------------------------
    # HR officer
    # ------------------------------------------------------------------
    def test_officer_reads_all_company_forms(self):
        self.env.invalidate_all()
        visible = self.env["appraisal.form"].with_user(self.user_hr).search([])
        all_forms = self.form_staff | self.form_staff2 | self.form_leader | self.form_head
        self.assertEqual(visible, self.env["appraisal.form"].search([
            ("company_id", "=", self.company.id)]), "demo forms included, if any")
        self.assertEqual(visible & all_forms, all_forms)
        all_forms.with_user(self.user_hr).read(["name", "final_score", "rating"])
        all_forms.line_ids.with_user(self.user_hr).read(["self_score", "manager_score"])

    def test_officer_creates_forms(self):
        form = self.env["appraisal.form"].with_user(self.user_hr).create({
            "employee_id": self.emp_outsider.id, "period_id": self.period.id,
        })
        self.assertEqual(form.state, "draft")
        self.assertEqual(form.company_id, self.company)
        self.assertEqual(form.criteria_set_id, self.set_staff)
        self.assertTrue(form.line_ids)
        # the outsider now sees exactly their own form
        self.assertEqual(self._visible_forms(self.user_outsider), form)

    def test_officer_generates_forms(self):
        Form = self.env["appraisal.form"]
        before = Form.search([("period_id", "=", self.period.id)])
        wizard = self.generate_forms(self.period, self.user_hr)  # shows its result
        forms = Form.search([("period_id", "=", self.period.id)])
        self.assertGreater(len(forms), len(before))
        self.assertEqual(wizard.created_count, len(forms) - len(before))
        self.assertIn(self.emp_outsider, forms.employee_id)
        self.assertEqual(len(forms), len(forms.employee_id), "one form per employee")
        self.assertEqual(forms.company_id, self.company)
        # pressing the button again makes no duplicates
        self.generate_forms(self.period, self.user_hr)
        self.assertEqual(Form.search([("period_id", "=", self.period.id)]), forms)

    def test_officer_reopens_approved_form(self):
        form = self._approved_form_staff()
        self.assertTrue(form.with_user(self.user_hr).can_reset)
        # without a reason: the dialog
        action = form.with_user(self.user_hr).action_reset_to_draft()
        self.assertEqual(action["res_model"], "appraisal.form.return")
        self.assertEqual(form.state, "approved")
        form.with_user(self.user_hr).action_reset_to_draft(reason="Wrong task list")
        self.assertEqual(form.state, "draft")
        self.assertFalse(form.approved_user_id)
        self.assertFalse(form.date_approved)
        self.assertIn("Wrong task list", form.message_ids[:1].body)
        # the employee may edit again
        line = self._first_score_line(form)
        line.with_user(self.user_staff).self_score = 1
        form.with_user(self.user_staff).self_comment = "Corrected"
        self.env.invalidate_all()
        self.assertEqual(line.self_score, 1)
        self.assertEqual(form.self_comment, "Corrected")

    @mute_logger(*MUTED)
    def test_officer_cannot_approve(self):
        form = self.form_staff
        self._submit(form)
        self._review(form, self.user_leader)
        self.assertFalse(form.with_user(self.user_hr).can_approve)
        with self.assertRaises(AccessError):
            form.with_user(self.user_hr).action_approve()
        self.assertEqual(form.state, "reviewed")
        # nor by writing the status
        with self.assertUserErrorOnly():
            form.with_user(self.user_hr).write({"state": "approved"})
        self.assertEqual(form.state, "reviewed")

    # ------------------------------------------------------------------
    # Administrator
    # ------------------------------------------------------------------
    def test_administrator_may_approve(self):
        form = self.form_staff
        self._submit(form)
        self._review(form, self.user_leader)
        self.assertTrue(form.with_user(self.user_admin).can_approve)
        form.with_user(self.user_admin).action_approve()
        self.assertEqual(form.state, "approved")
        self.assertEqual(form.approved_user_id, self.user_admin)

    # ------------------------------------------------------------------
    # Reward committee
    # ------------------------------------------------------------------
    @mute_logger(*MUTED)
    def test_committee_reads_approved_forms_only(self):
        self.assertFalse(self._visible_forms(self.user_committee))
        with self.assertRaises(AccessError):
            self.form_staff.with_user(self.user_committee).read(["name"])
        with self.assertRaises(AccessError):
            self.form_staff.line_ids.with_user(self.user_committee).read(["final_score"])
        form = self._approved_form_staff()
        self.assertEqual(self._visible_forms(self.user_committee), form)
        data = form.with_user(self.user_committee).read(["rating", "final_score"])[0]
        self.assertEqual(data["rating"], "excellent")
        form.line_ids.with_user(self.user_committee).read(["final_score"])
        with self.assertRaises(AccessError):
            self.form_staff2.with_user(self.user_committee).read(["name"])

    @mute_logger(*MUTED)
    def test_committee_cannot_write_approved_forms(self):
        form = self._approved_form_staff()
        line = self._first_score_line(form)
        with self.assertRaises(UserError):
            form.with_user(self.user_committee).write({"approver_comment": "Reward!"})
        with self.assertRaises(UserError):
            line.with_user(self.user_committee).write({"manager_score": 0})
        with self.assertRaises(AccessError):
            form.with_user(self.user_committee).action_reset_to_draft(reason="x")
        with self.assertRaises(AccessError):
            form.with_user(self.user_committee).unlink()
        self.env.invalidate_all()
        self.assertFalse(form.approver_comment)
        self.assertEqual(line.manager_score, line.max_score)

    # ------------------------------------------------------------------
    # Multi-company
    # ------------------------------------------------------------------
    def _setup_company2(self):
        company2 = self.env["res.company"].create({"name": "Second Commune"})
        employee2 = self.env["hr.employee"].create({
            "name": "Second Co Staff", "company_id": company2.id,
        })
        period2 = self.env["appraisal.period"].create({
            "date_start": "2026-01-01", "company_id": company2.id,
        })
        period2.action_open()
        form2 = self.env["appraisal.form"].sudo().create({
            "employee_id": employee2.id, "period_id": period2.id,
        })
        self.assertEqual(form2.company_id, company2)
        return company2, period2, form2

    @mute_logger(*MUTED)
    def test_multi_company_forms_isolated(self):
        company2, period2, form2 = self._setup_company2()
        for user in (self.user_hr, self.user_admin, self.user_staff, self.user_committee):
            with self.subTest(user=user.login):
                self.assertNotIn(form2, self._visible_forms(user))
                with self.assertRaises(AccessError):
                    form2.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    form2.line_ids.with_user(user).read(["self_score"])
        self.assertNotIn(period2, self.env["appraisal.period"].with_user(self.user_hr).search([]))
        with self.assertRaises(AccessError):
            period2.with_user(self.user_hr).read(["name"])
        with self.assertRaises(AccessError):
            self.generate_forms(period2, self.user_hr)
        # a user cannot pretend to work in a company they do not belong to
        with self.assertRaises(AccessError):
            self.env["appraisal.form"].with_user(self.user_hr).with_context(
                allowed_company_ids=[company2.id]).search([])
        # even approved, the other company's results stay hidden from the committee
        self._approve_company2_form(company2, form2)
        self.assertNotIn(form2, self._visible_forms(self.user_committee))

    def _approve_company2_form(self, company2, form2):
        """Approve the other company's form through its real steps, by
        people of that company: its employee, then its administrator."""
        in_company2 = {"company_id": company2.id, "company_ids": [Command.set(company2.ids)]}
        staff2 = new_test_user(self.env, login="am_c2_staff", name="Second Co Staff",
                               lang="en_US", groups="base.group_user", **in_company2)
        admin2 = new_test_user(
            self.env, login="am_c2_admin", name="Second Co Admin", lang="en_US",
            groups="base.group_user,appraisal_monthly.group_appraisal_manager", **in_company2)
        form2.employee_id.user_id = staff2
        self.fill_self(form2, 0.8)
        form2.with_user(staff2).action_submit()
        self.fill_manager(form2, 0.8, user=admin2)
        form2.with_user(admin2).action_review()
        form2.with_user(admin2).action_approve()
        self.assertEqual(form2.state, "approved")

    @mute_logger(*MUTED)
    def test_multi_company_officer_allowed_companies(self):
        company2, _period2, form2 = self._setup_company2()
        hr_multi = new_test_user(
            self.env, login="am_hr_multi", name="HR Both Companies",
            groups="base.group_user,appraisal_monthly.group_appraisal_officer",
            company_id=self.company.id,
            company_ids=[Command.set([self.company.id, company2.id])],
        )
        Form = self.env["appraisal.form"].with_user(hr_multi)
        only_c1 = Form.with_context(allowed_company_ids=[self.company.id])
        self.env.invalidate_all()
        self.assertNotIn(form2, only_c1.search([]))
        self.assertIn(self.form_staff, only_c1.search([]))
        with self.assertRaises(AccessError):
            form2.with_user(hr_multi).with_context(
                allowed_company_ids=[self.company.id]).read(["name"])
        both = Form.with_context(allowed_company_ids=[self.company.id, company2.id])
        self.env.invalidate_all()
        self.assertIn(form2, both.search([]))
        self.assertIn(self.form_staff, both.search([]))
        form2.with_user(hr_multi).with_context(
            allowed_company_ids=[company2.id]).read(["name", "final_score"])
        only_c2 = Form.with_context(allowed_company_ids=[company2.id])
        self.assertEqual(only_c2.search([]), form2)
