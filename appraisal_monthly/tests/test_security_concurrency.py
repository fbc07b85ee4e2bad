"""Issue 9, item 4: races are serialised, with real PostgreSQL transactions.

Two users act at the same moment, each in their own cursor and thread (as
two RPC requests would), after both have read the data:

- two Excellent approvals that together break the quota: one is refused
  with a clear message;
- a form reopened while its period is being published: one is refused;
- two generations of the same period: no duplicate, and the loser gets a
  message in the user's language, never a raw constraint error.

A serialisation failure is retried, as Odoo's RPC layer does
(odoo.service.model.retrying); what the addon raises after that is the
user's answer.

The data must be committed for other transactions to see it: the class
makes a company of its own in a committed cursor and deletes it all
afterwards.  It cannot run inside a registry in test mode (HttpCase).
"""
import odoo
from odoo.fields import Command
from odoo.tests.common import BaseCase, new_test_user, tagged

from .race_common import RaceMixin, drop_people


@tagged("post_install", "-at_install", "appraisal_security", "appraisal_concurrency")
class TestSecurityConcurrency(RaceMixin, BaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._open_race_registry()
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})
            env["res.lang"]._activate_lang("en_US")
            company = env["res.company"].create({
                "name": "SecTests Race %s" % cls.tag,
                "appraisal_auto_period": False,
                "appraisal_quota_enabled": True,
                # 100% of Good: one Good approved allows one Excellent.
                "appraisal_quota_percent": 100.0,
                "appraisal_quota_grouping": "none",
            })
            cls.company_id = company.id

            def user(key, groups, lang="en_US"):
                return new_test_user(
                    env, login="race_%s_%s" % (key, cls.tag), name="Race %s" % key,
                    groups=groups, lang=lang, email=False,
                    company_id=company.id, company_ids=[Command.set(company.ids)],
                )
            admin_groups = "base.group_user,appraisal_monthly.group_appraisal_manager"
            hr_groups = "base.group_user,appraisal_monthly.group_appraisal_officer"
            cls.adm1 = user("adm1", admin_groups).id
            cls.adm2 = user("adm2", admin_groups).id
            # HR officers working in Vietnamese: the loser's message must be too.
            cls.hr1 = user("hr1", hr_groups, lang="vi_VN").id
            cls.hr2 = user("hr2", hr_groups, lang="vi_VN").id
            emps = []
            for key in ("e1", "e2", "e3"):
                emp_user = user(key, "base.group_user")
                emps.append(env["hr.employee"].create({
                    "name": "Race %s %s" % (key, cls.tag), "user_id": emp_user.id,
                    "company_id": company.id,
                }))
            cls.employee_ids = [e.id for e in emps]
            Period = env["appraisal.period"].with_company(company)

            def period(date):
                p = Period.create({"date_start": date, "company_id": company.id})
                p.action_open()
                return p

            def form(emp, per, ratio, until):
                f = env["appraisal.form"].with_company(company).create(
                    {"employee_id": emp.id, "period_id": per.id})
                lines = f.line_ids.filtered(lambda l: not l.display_type and not l.veto
                                            and l.kind == "score")
                for line in lines:
                    line.with_user(emp.user_id).self_score = round(line.max_score * ratio, 2)
                f.with_user(emp.user_id).action_submit()
                for line in lines:
                    line.with_user(cls.adm1).manager_score = round(line.max_score * ratio, 2)
                f.with_user(cls.adm1).action_review()
                if until == "approved":
                    f.with_user(cls.adm1).action_approve()
                return f

            # Quota race: one Good approved (one Excellent allowed), two
            # Excellent waiting for approval.
            p1 = period("2031-01-01")
            form(emps[0], p1, 0.8, "approved")
            cls.quota_forms = [form(emps[1], p1, 1.0, "reviewed").id,
                               form(emps[2], p1, 1.0, "reviewed").id]
            cls.quota_period = p1.id
            # Publication race: one approved form, the period ready to publish.
            p2 = period("2031-02-01")
            cls.publish_form = form(emps[0], p2, 0.8, "approved").id
            cls.publish_period = p2.id
            # Generation race: an open period without forms.
            cls.generate_period = period("2031-03-01").id

    @classmethod
    def _cleanup(cls):
        company_id = getattr(cls, "company_id", None)
        if not company_id:
            return
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
            forms = env["appraisal.form"].search([("company_id", "=", company_id)]).ids or [0]
            periods = env["appraisal.period"].search([("company_id", "=", company_id)]).ids or [0]
            emps = env["hr.employee"].search([("company_id", "=", company_id)])
            users = env["res.users"].search([("login", "like", "race_%%_%s" % cls.tag)])
            summaries = env["appraisal.summary"].search(
                [("employee_id", "in", emps.ids)]).ids or [0]
            plans = env["appraisal.action.plan"].search([("form_id", "in", forms)]).ids or [0]
            for model, ids in (("appraisal.form", forms), ("appraisal.period", periods),
                               ("appraisal.summary", summaries),
                               ("appraisal.action.plan", plans)):
                for table in ("mail_activity", "mail_followers", "mail_message"):
                    cr.execute("DELETE FROM %s WHERE res_model = %%s AND res_id = ANY(%%s)"
                               % table if table != "mail_message" else
                               "DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)",
                               (model, ids))
            cr.execute("DELETE FROM appraisal_summary WHERE id = ANY(%s)", (summaries,))
            cr.execute("DELETE FROM appraisal_action_plan WHERE id = ANY(%s)", (plans,))
            cr.execute("DELETE FROM appraisal_form WHERE id = ANY(%s)", (forms,))
            cr.execute("DELETE FROM appraisal_period WHERE id = ANY(%s)", (periods,))
            env.invalidate_all()
            drop_people(env, emps, users, company_id)

    # ------------------------------------------------------------------
    def test_two_excellent_approvals_cannot_break_the_quota(self):
        def job(uid, form_id):
            def prepare(env):
                env["appraisal.form"].browse(form_id).read(["state", "rating"])
                env["appraisal.form"].search_count([("period_id", "=", self.quota_period)])

            def act(env):
                return env["appraisal.form"].browse(form_id).action_approve()
            return (uid, prepare, act)

        outcomes = self._race(job(self.adm1, self.quota_forms[0]),
                              job(self.adm2, self.quota_forms[1]))
        excellent = self._read(lambda env: env["appraisal.form"].search_count([
            ("period_id", "=", self.quota_period), ("state", "=", "approved"),
            ("rating", "=", "excellent")]))
        self.assertLessEqual(excellent, 1, "two concurrent approvals broke the quota: %s"
                             % (outcomes,))
        oks = [o for o in outcomes if o[0] == "ok"]
        self.assertEqual(len(oks), 1, outcomes)
        self.assertRefusedClearly(next(o for o in outcomes if o[0] != "ok"))

    def test_reopen_during_publication(self):
        def publish_prepare(env):
            env["appraisal.period"].browse(self.publish_period).read(["state"])
            env["appraisal.form"].search([("period_id", "=", self.publish_period)]).read(["state"])

        def publish(env):
            return env["appraisal.period"].browse(self.publish_period).action_publish()

        def reopen_prepare(env):
            env["appraisal.form"].browse(self.publish_form).read(["state", "period_state"])

        def reopen(env):
            return env["appraisal.form"].browse(self.publish_form).action_reset_to_draft(
                reason="Correction")

        outcomes = self._race((self.hr1, publish_prepare, publish),
                              (self.hr2, reopen_prepare, reopen))
        period_state, form_state = self._read(lambda env: (
            env["appraisal.period"].browse(self.publish_period).state,
            env["appraisal.form"].browse(self.publish_form).state))
        self.assertFalse(period_state == "published" and form_state != "approved",
                         "a published period holds a form in %r: %s" % (form_state, outcomes))
        self.assertEqual(sum(o[0] == "ok" for o in outcomes), 1, outcomes)
        self.assertRefusedClearly(next(o for o in outcomes if o[0] != "ok"))

    def test_two_generations_of_the_same_period(self):
        def prepare(env):
            env["appraisal.period"].browse(self.generate_period).read(["state"])
            env["appraisal.form"].search([("period_id", "=", self.generate_period)])

        def generate(env):
            return env["appraisal.period.generate"].create(
                {"period_id": self.generate_period}).action_generate()

        outcomes = self._race((self.hr1, prepare, generate), (self.hr2, prepare, generate))
        forms = self._read(lambda env: env["appraisal.form"].search(
            [("period_id", "=", self.generate_period)]).employee_id.ids)
        self.assertEqual(sorted(forms), sorted(self.employee_ids),
                         "one form per employee, no duplicate, none missing")
        for outcome in outcomes:
            if outcome[0] != "ok":
                self.assertRefusedClearly(outcome, vietnamese=True)
