from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import AppraisalCommon

MUTED = ("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")


@tagged("post_install", "-at_install")
class TestDisciplineRemediation(AppraisalCommon):
    """Discipline veto (Decree 335/2025), action plans and unit meetings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Discipline = cls.env["appraisal.discipline"]
        cls.Plan = cls.env["appraisal.action.plan"]
        cls.Meeting = cls.env["appraisal.meeting"]
        cls.period_feb = cls.env["appraisal.period"].create({
            "date_start": "2026-02-01", "company_id": cls.company.id,
        })
        cls.period_feb.action_open()

    # helpers -------------------------------------------------------------
    def _measure(self, employee=None, kind="reprimand", date="2026-01-15", number="12/QĐ-UBND"):
        return self.Discipline.with_user(self.user_hr).create({
            "employee_id": (employee or self.emp_staff).id,
            "kind": kind,
            "date": date,
            "decision_number": number,
        })

    @staticmethod
    def _veto_lines(form):
        return form.line_ids.filtered(
            lambda l: l.veto and l.auto_source == "discipline" and not l.display_type
        )

    def _assert_vetoed(self, form, vetoed=True):
        lines = self._veto_lines(form)
        self.assertTrue(lines, "the staff set has a discipline veto criterion")
        self.assertEqual(all(lines.mapped("final_veto")), vetoed)
        self.assertEqual(all(lines.mapped("discipline_auto")), vetoed)
        self.assertEqual(form.veto, vetoed)

    def _form(self, employee, period=None):
        return self.env["appraisal.form"].create({
            "employee_id": employee.id, "period_id": (period or self.period).id,
        })

    def _approve(self, form, ratio=1.0):
        self.fill_self(form, ratio)
        form.with_user(form.employee_id.user_id).action_submit()
        self.fill_manager(form, ratio, user=form.reviewer_user_id)
        form.with_user(form.reviewer_user_id).action_review()
        form.with_user(form.approver_user_id).action_approve()
        self.assertEqual(form.state, "approved")
        return form

    def _last_note(self, form):
        return form.message_ids.sorted("id")[-1].body

    # ------------------------------------------------------------------
    # Discipline veto
    # ------------------------------------------------------------------
    def test_measure_after_form_sets_veto(self):
        form = self.form_staff
        self._assert_vetoed(form, False)
        self.fill_self(form, 1.0)
        self.assertEqual(form.suggested_rating, "excellent")
        measure = self._measure()
        self._assert_vetoed(form)
        self.assertEqual(form.suggested_rating, "failed")
        self.assertEqual(form.discipline_ids, measure)
        self.assertTrue(form.discipline_veto)
        self.assertIn("12/QĐ-UBND", self._last_note(form))

    def test_measure_before_form_sets_veto(self):
        measure = self._measure(self.emp_staff2, kind="warning", date="2026-01-31")
        form = self._form(self.emp_staff2)
        self._assert_vetoed(form)
        self.assertEqual(form.discipline_ids, measure)
        self.assertIn("12/QĐ-UBND", self._last_note(form))
        self.fill_self(form, 1.0)
        form.with_user(self.user_staff2).action_submit()
        self.assertEqual(form.rating, "failed")

    def test_no_veto_outside_period_or_below_reprimand(self):
        self._measure(date="2025-12-31")
        self._measure(date="2026-02-01")
        other = self._measure(kind="other", date="2026-01-10")
        form = self.form_staff
        self._assert_vetoed(form, False)
        # The measure below reprimand is listed, without veto.
        self.assertEqual(form.discipline_ids, other)
        self.assertFalse(form.discipline_veto)
        # The February measure vetoes the February form only.
        feb = self._form(self.emp_staff, self.period_feb)
        self._assert_vetoed(feb)

    def test_removal_and_changes_reevaluate(self):
        form = self.form_staff
        measure = self._measure()
        self._assert_vetoed(form)
        measure.with_user(self.user_hr).kind = "other"
        self._assert_vetoed(form, False)
        self.assertIn("lifted", self._last_note(form))
        measure.with_user(self.user_hr).kind = "demotion"
        self._assert_vetoed(form)
        measure.with_user(self.user_hr).date = "2026-02-10"
        self._assert_vetoed(form, False)
        measure.with_user(self.user_hr).date = "2026-01-02"
        self._assert_vetoed(form)
        measure.with_user(self.user_hr).action_archive()
        self._assert_vetoed(form, False)
        measure.with_user(self.user_hr).action_unarchive()
        self._assert_vetoed(form)
        # Moved to a colleague: the veto follows it.
        form2 = self._form(self.emp_staff2)
        measure.with_user(self.user_hr).employee_id = self.emp_staff2
        self._assert_vetoed(form, False)
        self._assert_vetoed(form2)
        measure.with_user(self.user_hr).unlink()
        self._assert_vetoed(form2, False)

    def test_other_measure_keeps_veto(self):
        """Removing one of two measures keeps the veto of the other."""
        form = self.form_staff
        first = self._measure(number="1/QĐ")
        self._measure(kind="warning", number="2/QĐ", date="2026-01-20")
        first.with_user(self.user_hr).unlink()
        self._assert_vetoed(form)

    def test_veto_set_by_hand_is_not_lifted(self):
        form = self.form_staff
        line = self._veto_lines(form)
        line.with_user(self.user_staff).self_veto = True
        measure = self._measure(date="2026-03-05")  # another period
        measure.with_user(self.user_hr).unlink()
        self.assertTrue(line.final_veto)
        self.assertFalse(line.discipline_auto)

    def test_auto_veto_cannot_be_unchecked(self):
        form = self.form_staff
        self._measure()
        self.fill_self(form, 1.0)
        form.with_user(self.user_staff).action_submit()
        line = self._veto_lines(form)
        with self.assertRaises(UserError):
            line.with_user(self.user_leader).manager_veto = False
        with self.assertRaises(UserError):
            line.with_user(self.user_hr).manager_veto = False
        self.assertTrue(line.final_veto)
        # The superior still scores the other lines.
        self.fill_manager(form, 1.0, user=self.user_leader)
        form.with_user(self.user_leader).action_review()
        self.assertEqual(form.rating, "failed")

    def test_locked_form_gets_note_not_change(self):
        form = self._approve(self.form_staff)
        self.assertEqual(form.rating, "excellent")
        messages_before = form.message_ids
        self._measure(number="99/QĐ-UBND")
        self.assertEqual(form.state, "approved")
        self.assertEqual(form.rating, "excellent")
        self.assertFalse(form.veto)
        self.assertFalse(any(self._veto_lines(form).mapped("final_veto")))
        new = form.message_ids - messages_before
        self.assertEqual(len(new), 1)
        self.assertIn("99/QĐ-UBND", new.body)
        self.assertIn("reopen", new.body)
        # The form shows the measure while locked.
        self.assertTrue(form.discipline_veto)
        # Once HR reopens it, the veto applies.
        form.with_user(self.user_hr).action_reset_to_draft(reason="Kỷ luật sau phê duyệt")
        self._assert_vetoed(form)
        self.assertEqual(form.suggested_rating, "failed")

    def test_cancelled_form_untouched(self):
        form = self.form_staff
        form.with_user(self.user_hr).action_cancel()
        messages_before = form.message_ids
        self._measure()
        self.assertFalse(any(self._veto_lines(form).mapped("final_veto")))
        self.assertEqual(form.message_ids, messages_before)

    def test_batch_generation_applies_veto(self):
        self._measure(self.emp_staff2, date="2026-02-03")
        self._measure(self.emp_leader, kind="forced_dismissal", date="2026-02-28")
        self._measure(self.emp_head, kind="other", date="2026-02-10")
        employees = self.emp_staff | self.emp_staff2 | self.emp_leader | self.emp_head
        forms, missing = self.period_feb._generate_forms(employees)
        self.assertFalse(missing)
        self.assertEqual(len(forms), 4)
        vetoed = forms.filtered("veto")
        self.assertEqual(vetoed.employee_id, self.emp_staff2 | self.emp_leader)
        # The managers' set has its own discipline veto line.
        leader_form = vetoed.filtered(lambda f: f.employee_id == self.emp_leader)
        self.assertEqual(leader_form.criteria_set_id, self.set_manager)
        self._assert_vetoed(leader_form)

    def test_set_without_discipline_line_gets_note(self):
        criteria_set = self.make_set([
            {"name": "Work", "max_score": 100},
        ], code="NOVETO")
        self._measure(self.emp_staff2)
        form = self.env["appraisal.form"].create({
            "employee_id": self.emp_staff2.id, "period_id": self.period.id,
            "criteria_set_id": criteria_set.id,
        })
        self.assertFalse(form.veto)
        self.assertIn("no discipline veto criterion", self._last_note(form))

    # ------------------------------------------------------------------
    # Discipline: access rights
    # ------------------------------------------------------------------
    @mute_logger(*MUTED)
    def test_discipline_access_rights(self):
        mine = self._measure(self.emp_staff)
        colleague = self._measure(self.emp_staff2, number="13/QĐ")
        leader = self._measure(self.emp_leader, number="14/QĐ")
        ours = mine | colleague | leader
        Discipline = self.Discipline
        self.env.invalidate_all()
        # Employees: their own, read only.
        self.assertEqual(Discipline.with_user(self.user_staff).search([]), mine)
        with self.assertRaises(AccessError):
            colleague.with_user(self.user_staff).read(["decision_number"])
        with self.assertRaises(AccessError):
            Discipline.with_user(self.user_staff).create({
                "employee_id": self.emp_staff2.id, "kind": "reprimand",
            })
        with self.assertRaises(AccessError):
            mine.with_user(self.user_staff).write({"kind": "other"})
        with self.assertRaises(AccessError):
            mine.with_user(self.user_staff).unlink()
        # Superiors: their people's, not their own superiors'.
        self.assertEqual(Discipline.with_user(self.user_leader).search([]), mine | colleague | leader)
        self.assertEqual(
            Discipline.with_user(self.user_leader).search([("is_managed_by_me", "=", True)]),
            mine | colleague,
        )
        self.assertEqual(Discipline.with_user(self.user_head).search([]), ours)
        with self.assertRaises(AccessError):
            colleague.with_user(self.user_leader).write({"decision_number": "x"})
        self.assertFalse(Discipline.with_user(self.user_outsider).search([]))
        # The committee reads them all, HR manages them.
        self.assertEqual(Discipline.with_user(self.user_committee).search([]) & ours, ours)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_committee).write({"decision_number": "x"})
        mine.with_user(self.user_hr).write({"decision_number": "12b/QĐ-UBND"})
        self.assertEqual(mine.decision_number, "12b/QĐ-UBND")
        # The form shows each reader the measures they may read.
        self.env.invalidate_all()
        self.assertEqual(self.form_staff.with_user(self.user_staff).discipline_ids, mine)
        # HR's button on the employee.
        employee = self.emp_staff.with_user(self.user_hr)
        self.assertEqual(employee.appraisal_discipline_count, 1)
        action = employee.action_open_appraisal_disciplines()
        self.assertEqual(action["domain"], [("employee_id", "=", self.emp_staff.id)])

    @mute_logger(*MUTED)
    def test_discipline_multi_company(self):
        company2 = self.env["res.company"].create({"name": "Other commune"})
        employee2 = self.env["hr.employee"].create({"name": "Far away", "company_id": company2.id})
        measure = self.Discipline.create({"employee_id": employee2.id, "kind": "reprimand"})
        self.assertEqual(measure.company_id, company2)
        self.assertFalse(self.Discipline.with_user(self.user_hr).search([("id", "=", measure.id)]))
        self.assertFalse(self.Discipline.with_user(self.user_committee).search([("id", "=", measure.id)]))

    # ------------------------------------------------------------------
    # Action plans
    # ------------------------------------------------------------------
    def test_failed_approval_creates_draft_plan(self):
        failed = self._approve(self.form_staff, ratio=0.3)
        self.assertEqual(failed.rating, "failed")
        plan = failed.action_plan_ids
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.state, "draft")
        self.assertTrue(plan.auto_created)
        self.assertEqual(plan.employee_id, self.emp_staff)
        self.assertEqual(plan.supervisor_user_id, self.user_leader)
        self.assertTrue(plan.activity_ids.filtered(lambda a: a.user_id == self.user_leader))
        plan.with_user(self.user_leader).write({"item_ids": [(0, 0, {"name": "Catch up"})]})
        plan.with_user(self.user_leader).action_start()
        self.assertFalse(plan.activity_ids, "the to-do is fulfilled once the plan starts")
        good = self._approve(self._form(self.emp_staff2), ratio=0.8)
        self.assertEqual(good.rating, "good")
        self.assertFalse(good.action_plan_ids)
        # Reopened and approved again as failed: no second plan.
        failed.with_user(self.user_hr).action_reset_to_draft(reason="Sửa điểm")
        self._approve(failed, ratio=0.3)
        self.assertEqual(len(failed.action_plan_ids), 1)

    def test_open_items_appear_on_next_form(self):
        jan = self.form_staff
        self.fill_self(jan, 0.6)
        jan.with_user(self.user_staff).action_submit()
        self.assertTrue(jan.with_user(self.user_leader).can_manage_action_plan)
        self.assertFalse(jan.with_user(self.user_staff).can_manage_action_plan)
        action = jan.with_user(self.user_leader).action_open_action_plan()
        self.assertEqual(action["context"]["default_form_id"], jan.id)
        plan = self.Plan.with_user(self.user_leader).create({
            "form_id": jan.id,
            "item_ids": [
                (0, 0, {"name": "Report on time", "deadline": "2026-02-15"}),
                (0, 0, {"name": "Training on land records"}),
                (0, 0, {"name": "Dropped"}),
            ],
        })
        # An action is added open (issue 15), then marked by its supervisor.
        items = plan.item_ids.with_user(self.user_leader)
        items.filtered(lambda i: i.name == "Training on land records").action_mark_done()
        items.filtered(lambda i: i.name == "Dropped").write({"status": "cancelled"})
        self.assertEqual(plan.supervisor_user_id, self.user_leader)
        plan.with_user(self.user_leader).action_start()
        open_item = plan.item_ids.filtered(lambda i: i.name == "Report on time")
        done_item = plan.item_ids.filtered(lambda i: i.status == "done")
        self.assertTrue(done_item.date_done)
        feb = self._form(self.emp_staff, self.period_feb)
        self.assertEqual(feb.previous_open_action_item_ids, open_item)
        self.assertFalse(jan.previous_open_action_item_ids, "not on the plan's own form")
        # The employee sees them on their next form; a colleague's form does not.
        self.env.invalidate_all()
        self.assertEqual(feb.with_user(self.user_staff).previous_open_action_item_ids, open_item)
        feb2 = self._form(self.emp_staff2, self.period_feb)
        self.assertFalse(feb2.previous_open_action_item_ids)
        # Done, the item leaves the follow-up.
        open_item.with_user(self.user_leader).action_mark_done()
        self.env.invalidate_all()
        self.assertFalse(feb.previous_open_action_item_ids)
        self.assertEqual(plan.progress, 100)
        plan.with_user(self.user_leader).action_done()
        self.assertEqual(plan.state, "done")

    def test_cancelled_plan_items_not_followed_up(self):
        plan = self.Plan.with_user(self.user_hr).create({
            "form_id": self.form_staff.id,
            "item_ids": [(0, 0, {"name": "Open action"})],
        })
        feb = self._form(self.emp_staff, self.period_feb)
        self.assertEqual(len(feb.previous_open_action_item_ids), 1)
        plan.with_user(self.user_hr).action_cancel()
        self.env.invalidate_all()
        self.assertFalse(feb.previous_open_action_item_ids)

    @mute_logger(*MUTED)
    def test_action_plan_access_rights(self):
        form = self.form_staff
        # Not a colleague: superiors, HR and the employee make plans.
        for user in (self.user_staff2, self.user_outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Plan.with_user(user).create({"form_id": form.id})
        # The employee drafts their own, with its actions only: the
        # supervisor and the status are not theirs to set.
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.user_staff).create(
                {"form_id": form.id, "supervisor_user_id": self.user_staff.id})
        with self.assertRaises(UserError):  # AccessError is a UserError
            self.Plan.with_user(self.user_staff).create(
                {"form_id": form.id, "state": "in_progress"})
        drafted = self.Plan.with_user(self.user_staff).create({
            "form_id": form.id,
            "item_ids": [(0, 0, {"name": "Answer every request within the week"})],
        })
        self.assertEqual(drafted.state, "draft")
        self.assertEqual(drafted.supervisor_user_id, form.reviewer_user_id)
        self.assertFalse(drafted.with_user(self.user_staff).can_supervise)
        drafted.sudo().unlink()
        # A new plan whose form is not chosen yet (the New button) computes
        # its rights without error.
        self.assertFalse(self.Plan.with_user(self.user_staff).new({}).can_supervise)
        self.assertFalse(self.Plan.with_user(self.user_leader).new({}).can_supervise)
        plan = self.Plan.with_user(self.user_leader).create({"form_id": form.id})
        self.assertEqual(self.Plan.with_user(self.user_head).search([]), plan)
        self.env.invalidate_all()
        # The employee drafts their actions while the plan is a draft.
        own_plan = plan.with_user(self.user_staff)
        own_plan.write({"item_ids": [(0, 0, {"name": "Check every file twice",
                                             "deadline": "2026-02-20"})]})
        item = plan.item_ids
        self.assertEqual(len(item), 1)
        with self.assertRaises(AccessError):
            own_plan.write({"supervisor_user_id": self.user_staff.id})
        with self.assertRaises(UserError):
            own_plan.action_start()
        plan.with_user(self.user_leader).action_start()
        # Then reports progress only.
        item.with_user(self.user_staff).progress_note = "Half of the files checked"
        self.assertEqual(item.progress_note, "Half of the files checked")
        with self.assertRaises(AccessError):
            item.with_user(self.user_staff).status = "done"
        with self.assertRaises(AccessError):
            item.with_user(self.user_staff).name = "Something easier"
        with self.assertRaises(AccessError):
            own_plan.write({"item_ids": [(0, 0, {"name": "More"})]})
        with self.assertRaises(AccessError):
            item.with_user(self.user_staff).action_mark_done()
        # A colleague sees nothing of it.
        self.assertFalse(self.Plan.with_user(self.user_staff2).search([]))
        with self.assertRaises(AccessError):
            item.with_user(self.user_staff2).read(["name"])
        # The supervisor marks the action done; the status moves by buttons.
        item.with_user(self.user_leader).action_mark_done()
        self.assertEqual(item.status, "done")
        with self.assertRaises(UserError):
            plan.with_user(self.user_leader).write({"state": "done"})
        plan.with_user(self.user_leader).action_done()
        with self.assertRaises(UserError):
            item.with_user(self.user_leader).progress_note = "late edit"
        with self.assertRaises(UserError):
            plan.with_user(self.user_hr).unlink()

    # ------------------------------------------------------------------
    # Unit meetings
    # ------------------------------------------------------------------
    @mute_logger(*MUTED)
    def test_meeting_comments_on_forms(self):
        form_staff2 = self._form(self.emp_staff2)
        meeting = self.Meeting.with_user(self.user_leader).create({
            "period_id": self.period.id,
            "minutes": "<p>Họp bộ phận Văn phòng, 5/5 có mặt.</p>",
            "comment_ids": [
                (0, 0, {"form_id": self.form_staff.id,
                        "comment": "Tập thể thống nhất: cần chủ động hơn."}),
                (0, 0, {"form_id": form_staff2.id, "comment": "Hoàn thành tốt."}),
            ],
        })
        self.assertEqual(meeting.department_id, self.dep_office, "defaults to the unit headed")
        self.env.invalidate_all()
        staff_form = self.form_staff.with_user(self.user_staff)
        self.assertEqual(len(staff_form.meeting_comment_ids), 1)
        self.assertEqual(staff_form.meeting_comment_ids.comment, "Tập thể thống nhất: cần chủ động hơn.")
        self.assertEqual(staff_form.meeting_comment_ids.read(["meeting_id"])[0]["meeting_id"][0], meeting.id)
        self.assertEqual(len(self.form_staff.with_user(self.user_head).meeting_comment_ids), 1)
        # Colleagues do not read each other's comments, nor the minutes.
        Comment = self.env["appraisal.meeting.comment"]
        self.assertEqual(Comment.with_user(self.user_staff2).search([]).form_id, form_staff2)
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_staff).read(["minutes"])
        with self.assertRaises(AccessError):
            meeting.comment_ids.with_user(self.user_staff).write({"comment": "x"})
        # Employees do not hold meetings; heads hold their own unit's.
        with self.assertRaises(AccessError):
            self.Meeting.with_user(self.user_staff).create({"period_id": self.period.id})
        with self.assertRaises(AccessError):
            self.Meeting.with_user(self.user_leader).create({
                "period_id": self.period.id, "department_id": self.dep_leadership.id,
            })
        head_meeting = self.Meeting.with_user(self.user_head).create({
            "period_id": self.period.id, "department_id": self.dep_leadership.id,
        })
        self.assertTrue(head_meeting.with_user(self.user_head).is_my_unit)
        self.assertEqual(self.period.with_user(self.user_hr).meeting_count, 2)
        # HR records any meeting; the committee reads them.
        hr_meeting = self.Meeting.with_user(self.user_hr).create({"period_id": self.period.id})
        self.assertIn(hr_meeting, self.Meeting.with_user(self.user_committee).search([]))

    def test_meeting_comment_constraints(self):
        meeting = self.Meeting.with_user(self.user_leader).create({"period_id": self.period.id})
        feb = self._form(self.emp_staff, self.period_feb)
        with self.assertRaises(ValidationError):
            meeting.with_user(self.user_leader).write({
                "comment_ids": [(0, 0, {"form_id": feb.id, "comment": "Wrong month"})],
            })
        head_form = self._form(self.emp_head)
        with self.assertRaises(ValidationError):
            meeting.with_user(self.user_leader).write({
                "comment_ids": [(0, 0, {"form_id": head_form.id, "comment": "Not our unit"})],
            })

    def test_discipline_user_helper(self):
        """A user without employee sees no measure and heads no unit."""
        nobody = new_test_user(self.env, login="am_nobody", groups="base.group_user")
        self._measure()
        self.assertFalse(self.Discipline.with_user(nobody).search([]))
        self.assertFalse(self.Meeting.with_user(nobody)._get_my_units())
