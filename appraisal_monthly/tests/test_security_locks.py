"""Issue 9, item 3: locks hold on every path, sudo() included.

An approved form's lines, scores and level, and a closed period's forms,
dates and state, change only through the reopen actions.  Lines are added
or removed only while a form is a draft (by HR), and every allowed change
of a line is logged with its author.
"""
import contextlib

from odoo.fields import Command
from odoo.tests import tagged

from odoo.tools import mute_logger

from .security_common import MUTED, REFUSALS, SecurityCommon

FORM_FIELDS = ["state", "rating", "suggested_rating", "final_score", "score_percent",
               "self_score", "manager_score", "veto", "line_ids"]
LINE_FIELDS = ["self_score", "manager_score", "final_score", "self_veto", "manager_veto"]


@tagged("post_install", "-at_install", "appraisal_security")
class TestApprovedFormLocked(SecurityCommon):

    def setUp(self):
        super().setUp()
        self.form = self.approved(self.form_staff, ratio=0.8)
        self.line = self.first_line(self.form)

    def _envs(self):
        """Everyone, HR, the administrator and the superuser."""
        return [
            ("HR", lambda rec: rec.with_user(self.user_hr)),
            ("administrator", lambda rec: rec.with_user(self.user_admin)),
            ("head", lambda rec: rec.with_user(self.user_head)),
            ("sudo", lambda rec: rec.sudo()),
            ("HR sudo", lambda rec: rec.with_user(self.user_hr).sudo()),
        ]

    def test_scores_and_level_locked_even_for_sudo(self):
        form, line = self.form, self.line
        before = self.snapshot(form, FORM_FIELDS)
        line_before = self.snapshot(line, LINE_FIELDS)
        for who, as_ in self._envs():
            for vals in ({"manager_score": 0.0}, {"self_score": 0.0}, {"manager_veto": True}):
                self.refuse("%s writes approved line %s" % (who, vals),
                            lambda a=as_, v=vals: a(line).write(v))
            for vals in ({"rating": "failed"}, {"rating": "excellent"},
                         {"final_score": 1.0}, {"score_percent": 1.0},
                         {"line_ids": [Command.update(line.id, {"manager_score": 0.0})]}):
                self.refuse("%s writes approved form %s" % (who, vals),
                            lambda a=as_, v=vals: a(form).write(v))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)
        self.assertUnchanged(line_before, line, LINE_FIELDS)

    def test_no_line_added_to_approved_form_even_for_sudo(self):
        form = self.form
        before = self.snapshot(form, FORM_FIELDS)
        vals = {"form_id": form.id, "name": "Extra merit", "max_score": 50.0}
        for who, as_ in self._envs():
            self.refuse("%s creates a line on an approved form" % who,
                        lambda a=as_: a(self.env["appraisal.form.line"]).create(dict(vals)))
            self.refuse("%s adds a line through the approved form" % who,
                        lambda a=as_: a(form).write({"line_ids": [Command.create(
                            {"name": "Extra merit", "max_score": 50.0})]}))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_no_line_removed_from_approved_form_even_for_sudo(self):
        form, line = self.form, self.line
        before = self.snapshot(form, FORM_FIELDS)
        for who, as_ in self._envs():
            self.refuse("%s deletes a line of an approved form" % who,
                        lambda a=as_: a(line).unlink())
            self.refuse("%s deletes a line through the approved form" % who,
                        lambda a=as_: a(form).write({"line_ids": [Command.delete(line.id)]}))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_approved_form_not_reopened_by_a_write_even_for_sudo(self):
        form = self.form
        before = self.snapshot(form, FORM_FIELDS)
        for who, as_ in self._envs():
            self.refuse("%s writes state=draft on an approved form" % who,
                        lambda a=as_: a(form).write({"state": "draft"}))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_reopen_action_still_unlocks(self):
        self.form.with_user(self.user_hr).action_reset_to_draft(reason="Wrong task list")
        self.assertEqual(self.form.state, "draft")
        self.line.with_user(self.user_staff).self_score = 1.0
        self.assertEqual(self.line.self_score, 1.0)


@tagged("post_install", "-at_install", "appraisal_security")
class TestClosedPeriodLocked(SecurityCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A closed month of its own, with one approved form (staff two).
        cls.closed = cls.env["appraisal.period"].create({
            "date_start": "2025-12-01", "company_id": cls.company.id})
        cls.closed.action_open()
        cls.closed_form = cls.env["appraisal.form"].create({
            "employee_id": cls.emp_staff2.id, "period_id": cls.closed.id})

    def setUp(self):
        super().setUp()
        self.approved(self.closed_form, ratio=0.8)
        self.closed.with_user(self.user_hr).action_publish()
        self.closed.with_user(self.user_hr).action_close()
        self.assertEqual(self.closed.state, "closed")

    def test_closed_period_state_and_dates_locked_even_for_sudo(self):
        fields_ = ["state", "date_start", "date_end", "date_self_deadline",
                   "date_review_deadline", "date_published", "period_type"]
        before = self.snapshot(self.closed, fields_)
        for who, period in (("HR", self.closed.with_user(self.user_hr)),
                            ("administrator", self.closed.with_user(self.user_admin)),
                            ("sudo", self.closed.sudo())):
            for vals in ({"state": "open"}, {"state": "published"}, {"state": "draft"},
                         {"date_start": "2025-11-01"}, {"date_end": "2026-01-31"},
                         {"date_self_deadline": "2025-12-20"},
                         {"date_review_deadline": "2026-01-20"},
                         {"period_type": "quarter"}):
                self.refuse("%s writes closed period %s" % (who, vals),
                            lambda p=period, v=vals: p.write(v))
        self.assertAllRefused()
        self.assertUnchanged(before, self.closed, fields_)

    def test_closed_period_dates_do_not_rewrite_its_forms(self):
        # The writes are kept when accepted (not rolled back): the forms of
        # the closed period must read as before either way.
        form = self.closed_form
        fields_ = ["date_start", "date_end", "name", "state", "rating"]
        before = self.snapshot(form, fields_)
        for period in (self.closed.with_user(self.user_hr), self.closed.sudo()):
            for vals in ({"date_start": "2025-10-01"}, {"period_type": "quarter"}):
                with contextlib.suppress(*REFUSALS), mute_logger(*MUTED), \
                        self.env.cr.savepoint():
                    period.write(vals)
                    self.env.flush_all()
        self.assertUnchanged(before, form, fields_, "changing a closed period's dates "
                             "rewrote its locked forms")

    def test_closed_period_forms_and_lines_locked_even_for_sudo(self):
        form = self.closed_form
        line = self.first_line(form)
        before = self.snapshot(form, FORM_FIELDS)
        for who, as_ in (("HR", lambda r: r.with_user(self.user_hr)),
                         ("sudo", lambda r: r.sudo())):
            self.refuse("%s writes a line of a closed period" % who,
                        lambda a=as_: a(line).write({"manager_score": 0.0}))
            self.refuse("%s deletes a line of a closed period" % who,
                        lambda a=as_: a(line).unlink())
            self.refuse("%s adds a line in a closed period" % who,
                        lambda a=as_: a(self.env["appraisal.form.line"]).create(
                            {"form_id": form.id, "name": "Late merit", "max_score": 10.0}))
            self.refuse("%s writes a form of a closed period" % who,
                        lambda a=as_: a(form).write({"approver_comment": "Changed"}))
            self.refuse("%s deletes a form of a closed period" % who,
                        lambda a=as_: a(form).unlink())
            self.refuse("%s adds a form to a closed period" % who,
                        lambda a=as_: a(self.env["appraisal.form"]).create(
                            {"employee_id": self.emp_outsider.id, "period_id": self.closed.id}))
            self.refuse("%s reopens a form of a closed period" % who,
                        lambda a=as_: a(form).action_reset_to_draft(reason="x"))
        self.assertAllRefused()
        self.assertUnchanged(before, form, FORM_FIELDS)

    def test_reopen_action_still_steps_back(self):
        self.closed.with_user(self.user_hr).action_reopen()
        self.assertEqual(self.closed.state, "published")


@tagged("post_install", "-at_install", "appraisal_security")
class TestLinesAfterSubmission(SecurityCommon):

    def _new_line(self, form, user):
        return self.env["appraisal.form.line"].with_user(user).create({
            "form_id": form.id, "name": "Missing criterion", "max_score": 5.0})

    def test_hr_adds_missing_criterion_while_draft(self):
        line = self._new_line(self.form_staff, self.user_hr)
        self.assertEqual(line.form_id, self.form_staff)

    def test_no_line_added_or_removed_after_submission(self):
        for state in ("submitted", "reviewed"):
            form = self.form_staff
            if state == "submitted":
                self.submit(form, ratio=0.8)
            else:
                self.review(form, ratio=0.8)
            line = self.first_line(form)
            for who, user in (("HR", self.user_hr), ("administrator", self.user_admin)):
                self.refuse("%s adds a line to a %s form" % (who, state),
                            lambda u=user, f=form: self._new_line(f, u))
                self.refuse("%s adds a line through a %s form" % (who, state),
                            lambda u=user, f=form: f.with_user(u).write({"line_ids": [
                                Command.create({"name": "Extra", "max_score": 5.0})]}))
                self.refuse("%s deletes a line of a %s form" % (who, state),
                            lambda u=user, l=line: l.with_user(u).unlink())
                self.refuse("%s deletes a line through a %s form" % (who, state),
                            lambda u=user, f=form, l=line: f.with_user(u).write(
                                {"line_ids": [Command.delete(l.id)]}))
        self.assertAllRefused()

    def _messages_by(self, form, user, since_ids):
        self.flush_tracking()
        return form.message_ids.filtered(
            lambda m: m.id not in since_ids and m.author_id == user.partner_id)

    def test_line_added_by_hr_is_logged_with_author(self):
        form = self.form_staff
        before = set(form.message_ids.ids)
        self._new_line(form, self.user_hr)
        logged = self._messages_by(form, self.user_hr, before)
        self.assertTrue(logged, "adding a line leaves no trace by its author on the form")
        self.assertIn("Missing criterion", " ".join(logged.mapped("body"))
                      + " ".join(logged.tracking_value_ids.mapped("new_value_char")))

    def test_line_removed_by_hr_is_logged_with_author(self):
        form = self.form_staff
        line = self.first_line(form)
        name = line.name
        before = set(form.message_ids.ids)
        try:
            line.with_user(self.user_hr).unlink()
        except REFUSALS:
            return  # removing lines at all is refused: nothing to trace
        logged = self._messages_by(form, self.user_hr, before)
        self.assertTrue(logged, "removing a line leaves no trace by its author on the form")
        self.assertIn(name, " ".join(logged.mapped("body")))

    def test_self_score_change_is_logged_with_author(self):
        form = self.form_staff
        line = self.first_line(form)
        line.with_user(self.user_staff).self_score = 1.0
        self.flush_tracking()
        before = set(form.message_ids.ids)
        line.with_user(self.user_staff).self_score = 2.0
        logged = self._messages_by(form, self.user_staff, before)
        self.assertTrue(logged, "a change of a self score leaves no trace by its author")

    def test_superior_score_change_is_logged_with_author(self):
        form = self.submit(self.form_staff, ratio=0.8)
        line = self.first_line(form)
        line.with_user(self.user_leader).manager_score = 1.0
        self.flush_tracking()
        before = set(form.message_ids.ids)
        line.with_user(self.user_leader).manager_score = 2.0
        logged = self._messages_by(form, self.user_leader, before)
        self.assertTrue(logged, "a change of a superior's score leaves no trace by its author")
        self.assertIn(line.name, " ".join(logged.mapped("body")))
