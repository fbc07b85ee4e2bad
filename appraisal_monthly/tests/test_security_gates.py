"""Issue 9, items 1 and 2: no switch a client can send, one gate per step.

1. No check of the addon depends on a context key: every key its Python
   reads is sent by an ordinary employee (and a superior), and nothing opens.
2. Never one's own form as reviewer, approver, HR actor, canceller or
   reopener; status fields of forms, periods, results and action plans are
   changed by their actions only; HR cannot edit computed results.
"""
from odoo.fields import Command
from odoo.tests import tagged

from odoo.tools import mute_logger

from .security_common import HOSTILE_CONTEXTS, MUTED, REFUSALS, SecurityCommon

FORM_FIELDS = [
    "state", "rating", "suggested_rating", "final_score", "score_percent",
    "date_approved", "approved_user_id", "approver_comment",
    "reviewer_user_id", "approver_user_id",
]
LINE_FIELDS = ["self_score", "manager_score", "manager_scored", "final_score"]


@tagged("post_install", "-at_install", "appraisal_security")
class TestNoClientSwitch(SecurityCommon):
    """Item 1: whatever context an employee sends, nothing opens."""

    def _hostile(self, record, user, context):
        return record.with_user(user).with_context(**context)

    def test_exact_attack_employee_approves_own_form_excellent(self):
        # The attack of the issue, verbatim: over XML-RPC
        # execute_kw(..., 'appraisal.form', 'write', [[id], {...}],
        #            {'context': {'appraisal_workflow': True}})
        form = self.form_staff
        self.fill_self(form, ratio=0.3)
        before = self.snapshot(form, FORM_FIELDS)
        with self.assertRefused("employee writing state=approved, rating=excellent"):
            form.with_user(self.user_staff).with_context(appraisal_workflow=True).write(
                {"state": "approved", "rating": "excellent"})
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_employee_cannot_write_status_or_level_of_own_form(self):
        form = self.submit(self.form_staff, ratio=0.3)
        before = self.snapshot(form, FORM_FIELDS)
        attacks = [
            {"state": "approved", "rating": "excellent"},
            {"state": "approved"},
            {"rating": "excellent"},
            {"date_approved": "2026-01-31 10:00:00", "approved_user_id": self.user_head.id},
            {"suggested_rating": "excellent", "score_percent": 100.0, "final_score": 100.0},
            {"approver_comment": "Outstanding", "rating_change_reason": "I say so"},
            {"reviewer_user_id": self.user_staff2.id, "approver_user_id": self.user_staff2.id},
        ]
        for label, context in HOSTILE_CONTEXTS:
            for vals in attacks:
                self.refuse("employee writes %s with %s" % (vals, label),
                            lambda c=context, v=vals: self._hostile(form, self.user_staff, c).write(v))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_employee_cannot_approve_or_reopen_own_form(self):
        form = self.review(self.submit(self.form_staff, ratio=0.3), ratio=0.3)
        for label, context in HOSTILE_CONTEXTS:
            hostile = self._hostile(form, self.user_staff, context)
            for name, call in (
                ("approve", hostile.action_approve),
                ("review", hostile.action_review),
                ("return", lambda h=hostile: h.action_return(reason="again")),
                ("cancel", hostile.action_cancel),
                ("reset", lambda h=hostile: h.action_reset_to_draft(reason="again")),
            ):
                self.refuse("employee %s own form with %s" % (name, label), call)
        self.assertAllRefused()
        self.assertEqual(form.state, "reviewed")

    def test_employee_cannot_enter_superior_scores_on_own_lines(self):
        form = self.submit(self.form_staff, ratio=0.3)
        line = self.first_line(form)
        before = self.snapshot(line, LINE_FIELDS)
        for label, context in HOSTILE_CONTEXTS:
            self.refuse("manager_score on own line with %s" % label,
                        lambda c=context: self._hostile(line, self.user_staff, c).write(
                            {"manager_score": line.max_score}))
            self.refuse("manager_score through own form with %s" % label,
                        lambda c=context: self._hostile(form, self.user_staff, c).write({
                            "line_ids": [Command.update(line.id, {"manager_score": line.max_score})],
                        }))
            self.refuse("new line on own form with %s" % label,
                        lambda c=context: self._hostile(form, self.user_staff, c).write({
                            "line_ids": [Command.create({"name": "Free points", "max_score": 50})],
                        }))
        self.assertAllRefused()
        self.assertUnchanged(before, line, LINE_FIELDS)

    def test_superior_cannot_set_level_or_approve_with_context(self):
        # The reviewer (leader) is not the approver (head).
        form = self.review(self.submit(self.form_staff, ratio=0.3), ratio=0.3)
        before = self.snapshot(form, FORM_FIELDS)
        for label, context in HOSTILE_CONTEXTS:
            hostile = self._hostile(form, self.user_leader, context)
            for vals in ({"rating": "excellent"}, {"state": "approved"},
                         {"approved_user_id": self.user_leader.id}):
                self.refuse("reviewer writes %s with %s" % (vals, label),
                            lambda h=hostile, v=vals: h.write(v))
            self.refuse("reviewer approves with %s" % label, hostile.action_approve)
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def _failed_form_with_plan(self):
        form = self.approved(self.form_staff, ratio=0.3)
        self.assertEqual(form.rating, "failed")
        plan = form.action_plan_ids
        self.assertEqual(len(plan), 1, "a Failed approval makes a draft action plan")
        plan.with_user(self.user_leader).write({
            "item_ids": [Command.create({"name": "Attend the training"})],
        })
        return plan

    def test_employee_cannot_change_action_plan_status(self):
        plan = self._failed_form_with_plan()
        fields_ = ["state", "objective", "supervisor_user_id"]
        before = self.snapshot(plan, fields_)
        for label, context in HOSTILE_CONTEXTS:
            hostile = self._hostile(plan, self.user_staff, context)
            for vals in ({"state": "done"}, {"state": "cancelled"}, {"state": "in_progress"},
                         {"objective": "Nothing to remedy"},
                         {"supervisor_user_id": self.user_staff2.id}):
                self.refuse("employee writes own plan %s with %s" % (vals, label),
                            lambda h=hostile, v=vals: h.write(v))
            for name in ("action_start", "action_done", "action_cancel"):
                self.refuse("employee %s own plan with %s" % (name, label), getattr(hostile, name))
        self.assertAllRefused()
        self.assertUnchanged(before, plan, fields_)

    def test_employee_cannot_mark_own_actions_done(self):
        plan = self._failed_form_with_plan()
        plan.with_user(self.user_leader).action_start()
        item = plan.item_ids
        for label, context in HOSTILE_CONTEXTS:
            self.refuse("employee writes item status with %s" % label,
                        lambda c=context: self._hostile(item, self.user_staff, c).write({"status": "done"}))
            self.refuse("employee marks item done with %s" % label,
                        lambda c=context: self._hostile(item, self.user_staff, c).action_mark_done())
        self.assertAllRefused()
        self.assertEqual(item.status, "open")

    def test_employee_cannot_reopen_through_wizard_with_context(self):
        form = self.approved(self.form_staff)
        def reopen(context):
            self.env["appraisal.form.return"].with_user(self.user_staff).with_context(
                **context).create({
                    "form_ids": [Command.set(form.ids)],
                    "action": "reset_to_draft",
                    "reason": "I deserve better",
                }).action_confirm()
        for label, context in HOSTILE_CONTEXTS:
            self.refuse("employee reopens through the dialog with %s" % label,
                        lambda c=context: reopen(c))
        self.assertAllRefused()
        self.assertEqual(form.state, "approved")


@tagged("post_install", "-at_install", "appraisal_security")
class TestOneGatePerStep(SecurityCommon):
    """Item 2: never one's own form; status fields only through actions."""

    # -- HR officer on her own form ------------------------------------
    def test_fixture_hr_form_chain(self):
        self.assertEqual(self.form_hr.reviewer_user_id, self.user_leader)
        self.assertEqual(self.form_hr.approver_user_id, self.user_head)

    def test_hr_cannot_enter_superior_scores_on_own_form(self):
        form = self.submit(self.form_hr, ratio=0.3)
        line = self.first_line(form)
        before = self.snapshot(line, LINE_FIELDS)
        form_before = self.snapshot(form, FORM_FIELDS + ["manager_comment"])
        hr_form = form.with_user(self.user_hr)
        self.refuse("HR enters the superior's score on her own line",
                    lambda: line.with_user(self.user_hr).write({"manager_score": line.max_score}))
        self.refuse("HR enters the superior's score through her own form",
                    lambda: hr_form.write({"line_ids": [
                        Command.update(line.id, {"manager_score": line.max_score})]}))
        self.refuse("HR writes the superior's comment on her own form",
                    lambda: hr_form.write({"manager_comment": "Flawless"}))
        self.refuse("HR copies her self scores as the superior's", hr_form.action_copy_self_scores)
        self.refuse("HR reviews her own form", hr_form.action_review)
        self.assertAllRefused()
        self.assertUnchanged(before, line, LINE_FIELDS)
        self.assertUnchanged(form_before, form, FORM_FIELDS + ["manager_comment"])

    def test_hr_cannot_choose_own_superiors(self):
        form = self.form_hr
        before = self.snapshot(form, FORM_FIELDS)
        for vals in ({"reviewer_user_id": self.user_staff.id},
                     {"approver_user_id": self.user_staff.id},
                     {"approver_user_id": self.user_hr.id}):
            self.refuse("HR choosing who scores her: %s" % vals,
                        lambda v=vals: form.with_user(self.user_hr).write(v))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_hr_cannot_approve_by_naming_herself_approver(self):
        form = self.review(self.submit(self.form_staff, ratio=0.3), ratio=0.3)

        def name_and_approve():
            # Either step may be the one refused; together they must fail.
            form.with_user(self.user_hr).write({"approver_user_id": self.user_hr.id})
            form.with_user(self.user_hr).action_approve()
        with self.assertRefused("HR naming herself approver, then approving"):
            name_and_approve()
        self.assertEqual(form.state, "reviewed")
        self.assertEqual(form.approver_user_id, self.user_head)

    def test_hr_cannot_create_a_form_already_approved(self):
        Form = self.env["appraisal.form"].with_user(self.user_hr)
        vals = {
            "employee_id": self.emp_outsider.id, "period_id": self.period.id,
            "state": "approved", "rating": "excellent",
            "date_approved": "2026-01-31 10:00:00", "approved_user_id": self.user_hr.id,
        }
        try:
            with mute_logger(*MUTED), self.env.cr.savepoint():
                created = Form.create(dict(vals))
                self.env.flush_all()
        except REFUSALS:
            created = Form.browse()
        self.env.invalidate_all()
        approved = self.env["appraisal.form"].search([
            ("employee_id", "=", self.emp_outsider.id), ("state", "!=", "draft")])
        self.assertFalse(approved, "HR created a form that is not a draft")
        if created:
            self.assertFalse(created.rating)
            self.assertFalse(created.approved_user_id)
            self.assertFalse(created.date_approved)

    def test_hr_cannot_cancel_own_form(self):
        form = self.submit(self.form_hr, ratio=0.3)
        with self.assertRefused("HR cancelling her own submitted form"):
            form.with_user(self.user_hr).action_cancel()
        self.assertEqual(form.state, "submitted")

    def test_hr_cannot_reopen_own_approved_form(self):
        form = self.approved(self.form_hr, ratio=0.3)
        self.refuse("HR reopens her own approved form",
                    lambda: form.with_user(self.user_hr).action_reset_to_draft(reason="Let me redo it"))
        self.refuse("HR reopens her own form through the dialog",
                    lambda: self.env["appraisal.form.return"].with_user(self.user_hr).create({
                        "form_ids": [Command.set(form.ids)], "action": "reset_to_draft",
                        "reason": "Let me redo it",
                    }).action_confirm())
        self.assertAllRefused()
        self.assertEqual(form.state, "approved")

    def test_admin_cannot_reopen_or_cancel_own_form(self):
        form = self.submit(self.form_admin, ratio=0.3)
        as_admin = form.with_user(self.user_admin)
        self.refuse("administrator cancels his own submitted form", as_admin.action_cancel)
        self.review(form, ratio=0.3)
        self.refuse("administrator approves his own form", as_admin.action_approve)
        self.approve(form)
        self.refuse("administrator reopens his own approved form",
                    lambda: as_admin.action_reset_to_draft(reason="Redo"))
        self.assertAllRefused()
        self.assertEqual(form.state, "approved")

    def test_hr_still_reopens_and_cancels_others_forms(self):
        # The gates must not close the legitimate path.
        form = self.approved(self.form_staff)
        form.with_user(self.user_hr).action_reset_to_draft(reason="Wrong task list")
        self.assertEqual(form.state, "draft")
        form.with_user(self.user_hr).action_cancel()
        self.assertEqual(form.state, "cancelled")

    # -- Status fields ------------------------------------------------
    def test_form_status_fields_only_through_actions(self):
        form = self.review(self.submit(self.form_staff, ratio=0.3), ratio=0.3)
        before = self.snapshot(form, FORM_FIELDS)
        for user in (self.user_hr, self.user_admin, self.user_head):
            for vals in ({"state": "approved"}, {"state": "draft"},
                         {"date_approved": "2026-01-31 10:00:00"},
                         {"approved_user_id": user.id},
                         {"reviewed_user_id": user.id}):
                self.refuse("%s writes %s" % (user.login, vals),
                            lambda u=user, v=vals: form.with_user(u).write(v))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_period_state_and_dates_only_through_actions(self):
        period = self.period  # open, holds forms
        fields_ = ["state", "date_start", "date_end", "date_published", "published_user_id"]
        before = self.snapshot(period, fields_)
        for user in (self.user_hr, self.user_admin):
            for vals in ({"state": "published"}, {"state": "closed"}, {"state": "draft"},
                         {"date_start": "2026-02-01"}, {"date_end": "2026-03-31"},
                         {"date_published": "2026-02-01 08:00:00"},
                         {"published_user_id": user.id}):
                self.refuse("%s writes period %s" % (user.login, vals),
                            lambda u=user, v=vals: period.with_user(u).write(v))
        self.assertAllRefused()
        self.assertUnchanged(before, period, fields_)

    def test_period_actions_refused_to_employees(self):
        period = self.period
        for name in ("action_publish", "action_close", "action_reopen"):
            self.refuse("employee calls period.%s" % name,
                        getattr(period.with_user(self.user_staff), name))
        # Generate Forms is the wizard's button.
        self.refuse("employee generates the period's forms",
                    lambda: self.env["appraisal.period.generate"].with_user(self.user_staff)
                    .create({"period_id": period.id}).action_generate())
        draft = self.env["appraisal.period"].create({
            "date_start": "2026-05-01", "company_id": self.company.id})
        self.refuse("head opens a period", draft.with_user(self.user_head).action_open)
        self.assertAllRefused()
        self.assertEqual(draft.state, "draft")

    def _summary_of_staff(self):
        self.approved(self.form_staff, ratio=0.8)
        summary = self.env["appraisal.summary"].search([
            ("employee_id", "=", self.emp_staff.id), ("period_type", "=", "year"),
            ("year", "=", 2026)])
        self.assertTrue(summary, "approving a form makes the year result")
        return summary

    def test_hr_cannot_edit_results_directly(self):
        summary = self._summary_of_staff()
        fields_ = ["state", "rating", "average_score", "month_count", "veto", "form_ids",
                   "date_locked", "locked_user_id"]
        before = self.snapshot(summary, fields_)
        for user in (self.user_hr, self.user_admin):
            for vals in ({"rating": "excellent"}, {"average_score": 100.0},
                         {"month_count": 12}, {"veto": True},
                         {"form_ids": [Command.clear()]},
                         {"state": "locked"},
                         {"date_locked": "2026-12-31 10:00:00"},
                         {"locked_user_id": user.id}):
                self.refuse("%s writes result %s" % (user.login, vals),
                            lambda u=user, v=vals: summary.with_user(u).write(v))
        self.refuse("HR creates a result by hand",
                    lambda: self.env["appraisal.summary"].with_user(self.user_hr).create({
                        "employee_id": self.emp_staff2.id, "period_type": "year", "year": 2026,
                        "quarter": 0, "rating": "excellent", "average_score": 100.0,
                    }))
        self.assertAllRefused()
        self.assertUnchanged(before, summary, fields_)

    def test_results_lock_through_actions(self):
        summary = self._summary_of_staff()
        summary.with_user(self.user_hr).action_lock()
        self.assertEqual(summary.state, "locked")
        with self.assertRefused("employee locking/unlocking"):
            summary.with_user(self.user_staff).action_unlock(reason="x")
        summary.with_user(self.user_hr).action_unlock(reason="Decision annulled")
        self.assertEqual(summary.state, "draft")

    def test_action_plan_status_only_through_actions(self):
        form = self.approved(self.form_staff, ratio=0.3)
        plan = form.action_plan_ids
        before = self.snapshot(plan, ["state"])
        for user in (self.user_hr, self.user_leader, self.user_admin):
            for state in ("in_progress", "done", "cancelled"):
                self.refuse("%s writes plan state %s" % (user.login, state),
                            lambda u=user, s=state: plan.with_user(u).write({"state": s}))
        self.assertAllRefused()
        self.assertUnchanged(before, plan, ["state"])
