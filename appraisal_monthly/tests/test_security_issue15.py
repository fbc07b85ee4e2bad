"""Hostile tests of issue 15 for the base addon (points 2, 7, 8, 9), written
before the fix as its specification: records start where their workflow
starts, jobs run only as a requester who still may, and bad input gets a
clear message in the user's language (Vietnamese here), with nothing saved,
even when the client sends no ``lang`` (as XML-RPC scripts do)."""
from odoo.addons.appraisal_monthly import compat
from odoo.tests import tagged

from .security_common import REFUSALS, SecurityCommon, is_vietnamese

SILENCING_CONTEXT = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}


@tagged("post_install", "-at_install")
class TestIssue15Base(SecurityCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")

    def vietnamese(self, user):
        """``user`` speaking Vietnamese, calling with an RPC-shaped context
        (no ``lang`` key at all)."""
        user.lang = "vi_VN"
        return user

    def assertRefusedInVietnamese(self, func, what):
        try:
            with self.env.cr.savepoint():
                func()
                self.env.flush_all()
        except REFUSALS as error:
            message = error.args[0] if error.args else str(error)
            self.assertTrue(is_vietnamese(message), "%s: refused in English: %s" % (what, message))
            self.assertNotIn("could not convert", message)
            return
        except (ValueError, TypeError, AttributeError) as error:
            self.fail("%s: raw Python error %r" % (what, error))
        finally:
            self.env.invalidate_all()
        self.fail("%s was accepted" % what)

    def rpc_env(self, user):
        """The environment of an XML-RPC call: the user, no lang, no tz."""
        return self.env(user=user, context={})

    # ------------------------------------------------------------------
    # Point 2: HR cannot create an approved form, a closed or published
    # period, a done action item
    # ------------------------------------------------------------------
    def test_hr_cannot_create_a_done_action_item(self):
        plan = self.env["appraisal.action.plan"].create({"form_id": self.form_staff.id})
        Item = self.rpc_env(self.user_hr)["appraisal.action.plan.item"]
        self.refuse("HR creates a done item (vals)", lambda: self._item_done(
            Item.create({"plan_id": plan.id, "name": "Done", "status": "done"})))
        item = Item.with_context(default_status="done", default_date_done="2026-01-15").create(
            {"plan_id": plan.id, "name": "Done by default"})
        self.assertEqual(item.status, "open")
        self.assertFalse(item.date_done)
        self.assertAllRefused()
        # Marked done afterwards by its supervisor: fine.
        item.action_mark_done()
        self.assertEqual(item.status, "done")

    @staticmethod
    def _item_done(item):
        if item.status != "done":
            from .security_common import Dropped
            raise Dropped()

    def test_hr_cannot_create_an_action_plan_in_progress_or_auto(self):
        Plan = self.rpc_env(self.user_hr)["appraisal.action.plan"]
        for key, value in (("state", "done"), ("state", "in_progress"), ("auto_created", True),
                           ("progress", 100.0), ("item_done_count", 5)):
            with self.subTest(key=key):
                plan = Plan.with_context(**{"default_" + key: value}).create(
                    {"form_id": self.form_staff.id})
                self.env.flush_all()
                self.env.invalidate_all()
                self.assertEqual(plan.state, "draft")
                self.assertFalse(plan.auto_created)
                self.assertEqual(plan.progress, 0.0)
                self.assertEqual(plan.item_done_count, 0)
                self.refuse("plan with %s=%s in vals" % (key, value), lambda k=key, v=value:
                            Plan.create({"form_id": self.form_staff2.id, k: v}))
                plan.sudo().unlink()
        self.assertAllRefused()

    def test_nobody_creates_or_forges_an_annual_result(self):
        Summary = self.env["appraisal.summary"]
        vals = {"employee_id": self.emp_staff.id, "period_type": "year", "year": 2031,
                "quarter": 0}
        self.refuse("HR creates a result", lambda: Summary.with_user(self.user_hr).create(vals))
        self.refuse("server code creates a locked result",
                    lambda: Summary.sudo().create(dict(vals, state="locked")))
        self.refuse("server code gives a result's level",
                    lambda: Summary.sudo().create(dict(vals, rating="excellent")))
        result = Summary.sudo().with_context(default_state="locked", default_rating="excellent",
                                             default_average_score=99.0).create(vals)
        self.assertEqual(result.state, "draft")
        self.assertFalse(result.rating)
        self.assertEqual(result.average_score, 0.0)
        self.refuse("sudo writes a result's level",
                    lambda: result.sudo().write({"rating": "excellent"}))
        self.assertAllRefused()

    def test_results_still_roll_up_and_lock(self):
        form = self.approved(self.form_staff)
        result = self.env["appraisal.summary"].search([
            ("employee_id", "=", form.employee_id.id), ("period_type", "=", "year")])
        self.assertTrue(result.rating)
        result.with_user(self.user_hr).with_context(**SILENCING_CONTEXT).action_lock()
        self.assertEqual(result.state, "locked")
        self.assertEqual(result.locked_user_id, self.user_hr)
        with self.assertRefused("unlock without a reason"):
            result.with_user(self.user_hr).action_unlock()
        with self.assertRefused("unlock with a number as reason"):
            result.with_user(self.user_hr).action_unlock(reason=123)
        result.with_user(self.user_hr).with_context(**SILENCING_CONTEXT).action_unlock(
            reason="Appeal accepted")
        self.assertEqual(result.state, "draft")
        self.assertIn("Appeal accepted", " ".join(result.message_ids.mapped("body")))

    # ------------------------------------------------------------------
    # Point 7: the action plan's steps are logged whatever the client sends
    # ------------------------------------------------------------------
    def test_action_plan_steps_tracked_whatever_the_client_sends(self):
        plan = self.env["appraisal.action.plan"].create({
            "form_id": self.form_staff.id, "item_ids": [(0, 0, {"name": "Training"})]})
        self.flush_tracking()
        hostile = plan.with_user(self.user_hr).with_context(**SILENCING_CONTEXT)
        hostile.action_start()
        hostile.action_cancel()
        self.flush_tracking()
        trackings = plan.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state")
        self.assertTrue(trackings, "the plan's steps left no trace")

    # ------------------------------------------------------------------
    # Point 8: jobs
    # ------------------------------------------------------------------
    def _queue_generation(self, user):
        self.env["ir.config_parameter"].sudo().set_param(
            "appraisal_monthly.background_threshold", "1")
        period = self.env["appraisal.period"].create({"date_start": "2026-05-01"})
        period.action_open()
        employees = self.env["hr.employee"].search([("company_id", "=", self.company.id)])
        period.with_user(user)._generate_forms_or_queue(employees)
        self.assertEqual(period.job_kind, "generate")
        self.assertEqual(period.job_user_id, user)
        return period

    def _assert_job_stopped(self, period):
        self.env["appraisal.period"]._cron_run_jobs(batch_size=50)
        self.env.invalidate_all()
        self.assertFalse(period.job_kind, "the job did not stop")
        self.assertFalse(self.env["appraisal.form"].search([("period_id", "=", period.id)]),
                         "the job made forms")
        self.assertIn("stopped", period.message_ids[:1].body)

    def test_job_of_an_archived_requester_stops(self):
        hr2 = self.make_user("am_hr2", groups="base.group_user,appraisal_monthly.group_appraisal_officer")
        period = self._queue_generation(hr2)
        hr2.active = False
        self._assert_job_stopped(period)

    def test_job_of_a_requester_who_lost_the_rights_stops(self):
        hr2 = self.make_user("am_hr3", groups="base.group_user,appraisal_monthly.group_appraisal_officer")
        period = self._queue_generation(hr2)
        hr2.write({compat.GROUPS_FIELD: [(3, self.env.ref("appraisal_monthly.group_appraisal_officer").id)]})
        self.assertFalse(hr2.has_group("appraisal_monthly.group_appraisal_officer"))
        self._assert_job_stopped(period)

    def test_job_cannot_be_made_to_run_as_odoobot(self):
        odoobot = self.env.ref("base.user_root")
        Period = self.rpc_env(self.user_hr)["appraisal.period"]
        period = Period.with_context(default_job_kind="generate", default_job_user_id=odoobot.id,
                                     default_job_employee_ids=[(6, 0, self.emp_staff.ids)],
                                     default_job_form_ids=[(6, 0, self.form_staff.ids)]).create(
            {"date_start": "2026-06-01"})
        self.assertFalse(period.job_kind)
        self.assertFalse(period.job_user_id)
        self.assertFalse(period.sudo().job_employee_ids)
        self.refuse("period with a job as OdooBot in vals", lambda: Period.create({
            "date_start": "2026-07-01", "job_kind": "publish", "job_user_id": odoobot.id}))
        self.assertAllRefused()

    # ------------------------------------------------------------------
    # Point 9: bad input, in the user's language, nothing saved
    # ------------------------------------------------------------------
    def test_non_numeric_score_refused_in_vietnamese(self):
        staff = self.vietnamese(self.user_staff)
        line = self.first_line(self.form_staff)
        Line = self.rpc_env(staff)["appraisal.form.line"].browse(line.id)
        before = line.self_score
        for value in ("abc", "", [1], float("nan"), float("inf")):
            self.assertRefusedInVietnamese(lambda v=value: Line.write({"self_score": v}),
                                           "score %r" % (value,))
        self.assertEqual(line.self_score, before)

    def test_wrong_selection_values_refused_in_vietnamese(self):
        hr = self.vietnamese(self.user_hr)
        env = self.rpc_env(hr)
        self.assertRefusedInVietnamese(
            lambda: env["appraisal.period"].create({"date_start": "2028-09-01",
                                                   "period_type": "week"}),
            "period type 'week'")
        self.assertRefusedInVietnamese(
            lambda: env["appraisal.period"].create({"date_start": "2028-09-01",
                                                   "state": "nonsense"}),
            "period status 'nonsense'")
        plan = self.env["appraisal.action.plan"].create({"form_id": self.form_staff.id})
        self.assertRefusedInVietnamese(
            lambda: env["appraisal.action.plan.item"].create(
                {"plan_id": plan.id, "name": "X", "status": "maybe"}),
            "item status 'maybe'")
        self.assertRefusedInVietnamese(
            lambda: env["appraisal.period"].create({"date_start": "not a date"}),
            "period start 'not a date'")

    def test_non_text_reason_refused_in_vietnamese(self):
        form = self.submit(self.form_staff)
        leader = self.vietnamese(self.user_leader)
        Form = self.rpc_env(leader)["appraisal.form"].browse(form.id)
        self.assertRefusedInVietnamese(lambda: Form.action_return(reason=123), "reason 123")
        self.assertEqual(form.state, "submitted")

    def test_period_deletion_refused_in_vietnamese_without_lang(self):
        hr = self.vietnamese(self.user_hr)
        Period = self.rpc_env(hr)["appraisal.period"]
        self.assertRefusedInVietnamese(lambda: Period.browse(self.period.id).unlink(),
                                       "deleting a period with forms")
        published = self.env["appraisal.period"].create({"date_start": "2028-10-01"})
        published.action_open()
        published.action_publish()
        self.assertRefusedInVietnamese(lambda: Period.browse(published.id).unlink(),
                                       "deleting a published period")

    def test_names_over_rpc_in_the_creating_users_language(self):
        hr = self.vietnamese(self.user_hr)
        env = self.rpc_env(hr)
        period = env["appraisal.period"].create({"date_start": "2028-03-01"})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(period.sudo().with_context(lang="en_US").name, "Tháng 03/2028")
        plan = env["appraisal.action.plan"].create({"form_id": self.form_staff.id})
        self.env.flush_all()
        self.env.invalidate_all()
        name = plan.sudo().with_context(lang="en_US").name
        self.assertTrue(is_vietnamese(name), name)

    # ------------------------------------------------------------------
    # Fields a client may give on create, but checked: their context
    # defaults are checked as the values are
    # ------------------------------------------------------------------
    def test_hr_cannot_name_herself_superior_through_the_context(self):
        Form = self.rpc_env(self.user_hr)["appraisal.form"]
        for fname in ("reviewer_user_id", "approver_user_id"):
            def attack(fname=fname):
                form = Form.with_context(**{"default_" + fname: self.user_hr.id}).create(
                    {"employee_id": self.emp_outsider.id, "period_id": self.period.id})
                if form[fname] != self.user_hr:
                    from .security_common import Dropped
                    raise Dropped()
            self.refuse("HR names herself %s by default_" % fname, attack)
        self.assertAllRefused()

    def test_employee_cannot_choose_his_plan_supervisor_through_the_context(self):
        Plan = self.rpc_env(self.user_staff)["appraisal.action.plan"]

        def attack():
            plan = Plan.with_context(default_supervisor_user_id=self.user_outsider.id).create(
                {"form_id": self.form_staff.id})
            if plan.supervisor_user_id != self.user_outsider:
                from .security_common import Dropped
                raise Dropped()
        self.refuse("employee picks his plan's supervisor by default_", attack)
        self.assertAllRefused()
