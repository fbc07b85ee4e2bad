"""Issue 9, item 10: the smaller holes.

- action items created already "done" by the employee;
- criteria with NaN or infinite maxima, empty or veto-only sets (whose
  forms could never be approved);
- evidence pointing at another person's attachment;
- the shared Decree 335 set (no company) changed or archived by one
  company's HR.
"""
import functools
import math

from odoo.fields import Command
from odoo.tests import tagged

from .security_common import Dropped, SecurityCommon


@tagged("post_install", "-at_install", "appraisal_security")
class TestSmallerHoles(SecurityCommon):

    # -- action items ---------------------------------------------------
    def test_employee_cannot_create_actions_already_done(self):
        form = self.approved(self.form_staff, ratio=0.3)
        plan = form.action_plan_ids
        self.assertEqual(plan.state, "draft")
        Item = self.env["appraisal.action.plan.item"].with_user(self.user_staff)
        # The employee drafts his actions: allowed, but not as done.
        Item.create({"plan_id": plan.id, "name": "Read the decree"})
        for vals in ({"status": "done"}, {"status": "done", "date_done": "2026-01-15"},
                     {"date_done": "2026-01-15"}):
            self.refuse("employee creates an action with %s" % vals,
                        functools.partial(self._create_item, Item, plan, vals))
        self.refuse("employee creates a done action through the plan",
                    lambda: plan.with_user(self.user_staff).write({"item_ids": [
                        Command.create({"name": "Done already", "status": "done"})]})
                    or self._assert_no_done(plan))
        self.assertAllRefused()

    @staticmethod
    def _create_item(Item, plan, vals):
        item = Item.create(dict(vals, plan_id=plan.id, name="Already done"))
        if item.status == "open" and not item.date_done:
            raise Dropped()

    def _assert_no_done(self, plan):
        if plan.item_ids.filtered(lambda i: i.status == "done"):
            return
        raise Dropped()

    # -- criteria sets ----------------------------------------------------
    def test_criteria_refuse_nan_and_infinite_maxima(self):
        criteria_set = self.make_set([{"name": "Work", "max_score": 100.0}], code="NAN",
                                     company_id=self.company.id)
        criterion = criteria_set.criterion_ids
        Criterion = self.env["appraisal.criterion"].with_user(self.user_hr)
        for value in (math.nan, math.inf, -math.inf):
            for kind in ("score", "bonus", "penalty"):
                self.refuse("criterion created with max %s (%s)" % (value, kind),
                            lambda v=value, k=kind: Criterion.create({
                                "set_id": criteria_set.id, "name": "Odd", "max_score": v,
                                "kind": k}))
            self.refuse("criterion written with max %s" % value,
                        lambda v=value: criterion.with_user(self.user_hr).write({"max_score": v}))
        self.assertAllRefused()
        self.assertTrue(math.isfinite(criteria_set.max_score))

    def _set_then_form(self, criteria):
        """Make a set (as HR) and a form from it: True when both pass."""
        def make():
            job = self.env["hr.job"].create({"name": "Tester"})
            self.emp_outsider.job_id = job
            criteria_set = self.env["appraisal.criteria.set"].with_user(self.user_hr).create({
                "name": "Odd set", "code": "ODD", "target": "staff",
                "company_id": self.company.id, "job_ids": [Command.set(job.ids)],
                "criterion_ids": [Command.create(c) for c in criteria],
            })
            self.env["appraisal.form"].with_user(self.user_hr).create({
                "employee_id": self.emp_outsider.id, "period_id": self.period.id,
                "criteria_set_id": criteria_set.id,
            })
        return self.attempt(make)

    def test_empty_set_cannot_make_forms(self):
        self.refuse("an empty criteria set makes a form", lambda: self._raise_if(
            self._set_then_form([])))
        self.assertAllRefused()

    def test_veto_only_set_cannot_make_forms(self):
        self.refuse("a veto-only criteria set makes a form", lambda: self._raise_if(
            self._set_then_form([{"name": "Disciplined", "veto": True, "max_score": 0.0}])))
        self.refuse("a set of sections and notes only makes a form", lambda: self._raise_if(
            self._set_then_form([{"name": "Part I", "display_type": "line_section"},
                                 {"name": "Veto", "veto": True}])))
        self.assertAllRefused()

    def test_sound_set_still_makes_forms(self):
        self.assertTrue(self._set_then_form([{"name": "Work", "max_score": 100.0}]))

    @staticmethod
    def _raise_if(accepted):
        if not accepted:
            raise Dropped()

    # -- evidence ---------------------------------------------------------
    def test_evidence_cannot_point_at_another_persons_attachment(self):
        other_line = self.first_line(self.form_staff2)
        theirs = self.env["ir.attachment"].with_user(self.user_staff2).create({
            "name": "their-report.pdf", "raw": b"their work",
            "res_model": other_line._name, "res_id": other_line.id,
        })
        private = self.env["ir.attachment"].with_user(self.user_staff2).create({
            "name": "private.txt", "raw": b"private"})
        line = self.first_line(self.form_staff).with_user(self.user_staff)
        for label, attachment in (("a colleague's evidence", theirs),
                                  ("a colleague's private file", private)):
            for command in (Command.set, Command.link):
                arg = attachment.ids if command == Command.set else attachment.id
                self.refuse("employee links %s with %s" % (label, command.__name__),
                            lambda c=command, a=arg: line.write({"attachment_ids": [c(a)]}))
        self.assertAllRefused()

    def test_own_evidence_still_accepted(self):
        line = self.first_line(self.form_staff)
        mine = self.env["ir.attachment"].with_user(self.user_staff).create({
            "name": "my-report.pdf", "raw": b"my work",
            "res_model": line._name, "res_id": line.id,
        })
        line.with_user(self.user_staff).write({"attachment_ids": [Command.link(mine.id)]})
        self.assertIn(mine, line.attachment_ids)

    # -- the shared Decree 335 set ------------------------------------------
    def test_shared_decree_set_not_changed_by_one_companys_hr(self):
        shared = self.set_staff
        self.assertFalse(shared.company_id)
        fields_ = ["name", "active", "max_score", "code", "target", "company_id"]
        before = self.snapshot(shared, fields_)
        criterion = shared.criterion_ids.filtered(lambda c: not c.display_type and not c.veto)[:1]
        as_hr = shared.with_user(self.user_hr)
        for vals in ({"name": "Easier set"}, {"active": False}, {"code": "MINE"},
                     {"company_id": self.company.id},
                     {"criterion_ids": [Command.create({"name": "Free", "max_score": 10.0})]},
                     {"criterion_ids": [Command.delete(criterion.id)]}):
            self.refuse("HR writes the shared set: %s" % vals, lambda v=vals: as_hr.write(v))
        self.refuse("HR archives the shared set", as_hr.action_archive)
        self.refuse("HR lowers a shared criterion",
                    lambda: criterion.with_user(self.user_hr).write({"max_score": 1.0}))
        self.refuse("HR adds a criterion to the shared set",
                    lambda: self.env["appraisal.criterion"].with_user(self.user_hr).create({
                        "set_id": shared.id, "name": "Free", "max_score": 10.0}))
        self.refuse("HR deletes a shared criterion",
                    lambda: criterion.with_user(self.user_hr).unlink())
        self.assertAllRefused()
        self.assertUnchanged(before, shared, fields_)

    def test_hr_may_copy_the_shared_set_for_her_company(self):
        copy = self.set_staff.with_user(self.user_hr).copy({"company_id": self.company.id})
        copy.write({"name": "Our set"})
        self.assertEqual(copy.company_id, self.company)
