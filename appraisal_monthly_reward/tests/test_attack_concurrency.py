"""Issue 15, point 3: a ballot cast while the vote is being closed, in two
real PostgreSQL transactions (as two RPC requests would be).

Either the ballot is counted (it came first) or it is refused with a clear
message (it came after the count): never saved but not counted.  A
serialisation failure is retried, as Odoo's RPC layer does.

The data must be committed for the other transaction to see it: the class
makes a company of its own in a committed cursor and deletes it all
afterwards.  It cannot run inside a registry in test mode (HttpCase).
"""
import threading
import time
import uuid

import psycopg2

import odoo
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests.common import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

TIMEOUT = 60


@tagged("post_install", "-at_install", "reward_attack", "appraisal_concurrency")
class TestRewardConcurrency(BaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        if cls.registry.in_test_mode():
            raise cls.skipException("the registry is in test mode: no independent cursors")
        cls.tag = uuid.uuid4().hex[:8]
        cls.addClassCleanup(cls._cleanup)
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
            for records in (emps, users, users.partner_id | emps.work_contact_id):
                try:
                    with cr.savepoint():
                        records.unlink()
                except Exception:  # pylint: disable=broad-except
                    with cr.savepoint():
                        records.write({"active": False})
            company = env["res.company"].browse(company_id)
            try:
                with cr.savepoint():
                    company.unlink()
            except Exception:  # pylint: disable=broad-except
                company.write({"active": False})

    def _race(self, *jobs):
        """Run jobs [(uid, prepare, act)] at once, each in its own cursor and
        thread; both read first, then act together."""
        barrier = threading.Barrier(len(jobs))
        outcomes = [("error", RuntimeError("did not run"))] * len(jobs)

        def run(index, uid, prepare, act):
            waited = False
            for attempt in range(5):
                try:
                    with self.registry.cursor() as cr:
                        cr.execute("SET LOCAL lock_timeout = '%ss'" % TIMEOUT)
                        env = odoo.api.Environment(cr, uid, {})
                        prepare(env)
                        env.flush_all()
                        if not waited:
                            waited = True
                            barrier.wait(timeout=TIMEOUT)
                        value = act(env)
                        env.flush_all()
                    outcomes[index] = ("ok", value)
                    return
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    time.sleep(0.2 * (attempt + 1))
                except threading.BrokenBarrierError as error:
                    outcomes[index] = ("error", error)
                    return
                except Exception as error:  # pylint: disable=broad-except
                    if not waited:
                        barrier.abort()
                    outcomes[index] = ("error", error)
                    return
            outcomes[index] = ("error", RuntimeError("still a serialisation failure"))

        threads = [threading.Thread(target=run, args=(i,) + job, daemon=True)
                   for i, job in enumerate(jobs)]
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=3 * TIMEOUT)
        self.assertFalse(any(t.is_alive() for t in threads), "a transaction never ended")
        return outcomes

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
            error = outcomes[0][1]
            self.assertNotIsInstance(error, psycopg2.Error, error)
            self.assertIsInstance(error, UserError, error)
            self.assertEqual((vote, state), (False, "rejected"),
                             "a ballot refused after the count is not saved")
