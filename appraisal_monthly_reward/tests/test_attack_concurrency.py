"""Issue 15, point 3: a ballot cast while the vote is being closed, in two
real PostgreSQL transactions (as two RPC requests would be).

Either the ballot is counted (it came first) or it is refused with a clear
message (it came after the count): never saved but not counted.  A
serialisation failure is retried, as Odoo's RPC layer does.

The data must be committed for the other transaction to see it: the class
makes a company of its own in a committed cursor and deletes it all
afterwards.  It cannot run inside a registry in test mode (HttpCase).
"""
import odoo
from odoo.fields import Command
from odoo.tests.common import BaseCase, new_test_user, tagged

from odoo.addons.appraisal_monthly.tests.race_common import RaceMixin, drop_people


@tagged("post_install", "-at_install", "reward_attack", "appraisal_concurrency")
class TestRewardConcurrency(RaceMixin, BaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._open_race_registry()
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID,
                                       {"lang": "en_US", "tracking_disable": True})
            env["res.lang"]._activate_lang("en_US")
            company = env["res.company"].create({
                "name": "RewardRace %s" % cls.tag, "appraisal_auto_period": False})
            cls.company_id = company.id

            def user(key, groups):
                return new_test_user(
                    env, login="rrace_%s_%s" % (key, cls.tag), name="RRace %s" % key,
                    groups="base.group_user," + groups, lang="en_US", email=False,
                    company_id=company.id, company_ids=[Command.set(company.ids)])

            officer = user("officer", "appraisal_monthly_reward.group_reward_officer")
            member = user("member", "appraisal_monthly_reward.group_reward_council")
            cls.officer, cls.member = officer.id, member.id
            employee = env["hr.employee"].create(
                {"name": "RRace %s" % cls.tag, "company_id": company.id})
            cls.employee_id = employee.id
            campaign = env["appraisal.reward.campaign"].with_company(company).create({
                "name": "Race %s" % cls.tag, "year": 2031, "company_id": company.id,
                "council_user_ids": [Command.set(member.ids)]})
            cls.campaign_id = campaign.id
            title = env.ref("appraisal_monthly_reward.title_ldtt")
            nomination = env["appraisal.reward.nomination"].with_user(officer).with_company(
                company).create({
                    "campaign_id": campaign.id, "title_id": title.id,
                    "employee_id": employee.id, "justification": "Thành tích đột xuất"})
            cls.nomination_id = nomination.id
            campaign.with_user(officer).action_forward_eligible()
            campaign.with_user(officer).action_open_voting()
            cls.ballot_id = env["appraisal.reward.vote"].search(
                [("nomination_id", "=", nomination.id)]).id

    @classmethod
    def _cleanup(cls):
        company_id = getattr(cls, "company_id", None)
        if not company_id:
            return
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
            campaigns = env["appraisal.reward.campaign"].search(
                [("company_id", "=", company_id)]).ids or [0]
            nominations = env["appraisal.reward.nomination"].search(
                [("campaign_id", "in", campaigns)]).ids or [0]
            for model, ids in (("appraisal.reward.campaign", campaigns),
                               ("appraisal.reward.nomination", nominations)):
                cr.execute("DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)",
                           (model, ids))
                cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)",
                           (model, ids))
                cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)",
                           (model, ids))
            cr.execute("DELETE FROM appraisal_reward_vote WHERE nomination_id = ANY(%s)",
                       (nominations,))
            cr.execute("DELETE FROM appraisal_reward_nomination_condition "
                       "WHERE nomination_id = ANY(%s)", (nominations,))
            cr.execute("DELETE FROM appraisal_reward_nomination WHERE id = ANY(%s)", (nominations,))
            cr.execute("DELETE FROM appraisal_reward_campaign WHERE id = ANY(%s)", (campaigns,))
            env.invalidate_all()
            emps = env["hr.employee"].search([("company_id", "=", company_id)])
            users = env["res.users"].search([("login", "like", "rrace_%%_%s" % cls.tag)])
            summaries = env["appraisal.summary"].search([("employee_id", "in", emps.ids)])
            cr.execute("DELETE FROM appraisal_summary WHERE id = ANY(%s)", (summaries.ids or [0],))
            env.invalidate_all()
            drop_people(env, emps, users, company_id)

    def test_ballot_cast_while_the_vote_is_closed(self):
        def cast_prepare(env):
            env["appraisal.reward.vote"].browse(self.ballot_id).read(["vote"])

        def cast(env):
            return env["appraisal.reward.vote"].browse(self.ballot_id).action_vote_for()

        def close_prepare(env):
            env["appraisal.reward.campaign"].browse(self.campaign_id).read(["state"])
            env["appraisal.reward.nomination"].browse(self.nomination_id).read(["state"])

        def close(env):
            return env["appraisal.reward.campaign"].browse(self.campaign_id).action_close_voting()

        outcomes = self._race((self.member, cast_prepare, cast),
                              (self.officer, close_prepare, close))
        self.assertEqual(outcomes[1][0], "ok", outcomes)
        with self.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            vote = env["appraisal.reward.vote"].browse(self.ballot_id).vote
            state = env["appraisal.reward.nomination"].browse(self.nomination_id).state
        if outcomes[0][0] == "ok":
            self.assertEqual((vote, state), ("for", "passed"),
                             "a ballot saved before the count is counted")
        else:
            self.assertRefusedClearly(outcomes[0])
            self.assertEqual((vote, state), (False, "rejected"),
                             "a ballot refused after the count is not saved")
