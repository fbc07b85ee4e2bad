"""The committee's year in the browser, on the demo commune: the emulation
officer, a unit head, the chair as a council member, each with their own
login, on a campaign of the demo's past year (a supplementary round)."""
import unittest

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

TIMEOUT = 240  # two shared cores: the first page builds the assets


@tagged("post_install", "-at_install", "appraisal_tours")
class TestCommitteeYearTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        if not ref("appraisal_monthly_reward.campaign_2026_demo", raise_if_not_found=False):
            raise AssertionError(
                "The tours need the demo commune: install the addons with their demo data.")
        cls.members = (ref("appraisal_monthly.user_chutich_demo")
                       | ref("appraisal_monthly.user_hoidongtdkt_demo")
                       | ref("appraisal_monthly.user_canbotochuc_demo"))
        year = fields.Date.today().year - 1
        # The demo's draft decision of last year's CSTĐCS and collective
        # titles is set aside: the tour decides them again.
        demo = ref("appraisal_monthly_reward.campaign_2026_demo")
        demo.decision_ids.filtered(lambda d: d.state == "draft").with_user(
            ref("appraisal_monthly.user_hoidongtdkt_demo")).action_cancel()
        cls.campaign = cls.env["appraisal.reward.campaign"].create({
            "name": "Bình xét thi đua năm %s (đợt bổ sung)" % year, "year": year,
            "company_id": ref("base.main_company").id,
            "council_user_ids": [Command.set(cls.members.ids)],
        })

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        # A browser that cannot start must fail the suite, not skip it.
        kwargs.setdefault("timeout", TIMEOUT)
        try:
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)
        except unittest.SkipTest as exc:
            self.fail(f"The browser could not run tour {tour_name}: {exc}")

    def campaign_url(self):
        return "/odoo/action-appraisal_monthly_reward.appraisal_reward_campaign_action/%s" % (
            self.campaign.id)

    def test_committee_year(self):
        campaign = self.campaign
        self.start_tour(self.campaign_url(), "reward_officer_prepare_tour", login="hoidongtdkt")
        self.assertTrue(campaign.rules_confirmed)
        self.assertTrue(campaign.nomination_ids)

        self.start_tour("/odoo/action-appraisal_monthly_reward.appraisal_reward_unit_proposal_action",
                        "reward_unit_head_tour", login="truongvp")
        proposal = campaign.unit_proposal_ids
        self.assertEqual(proposal.state, "submitted")
        self.assertEqual(proposal.unit_id, self.env.ref("appraisal_monthly.dep_office_demo"))
        argued = proposal.nomination_ids.filtered("justification")
        self.assertEqual(argued.state, "submitted")

        self.start_tour(self.campaign_url(), "reward_officer_vote_tour", login="hoidongtdkt")
        self.assertEqual(campaign.state, "voting")
        self.assertEqual(argued.state, "checked")

        self.start_tour("/odoo/action-appraisal_monthly_reward.appraisal_reward_vote_action",
                        "reward_council_member_tour", login="chutich")
        chair = self.env.ref("appraisal_monthly.user_chutich_demo")
        self.assertEqual(argued.vote_ids.filtered(lambda v: v.user_id == chair).vote, "for")
        # The rest of the council votes (their screens are the same).
        for member in self.members:
            for ballot in self.env["appraisal.reward.vote"].with_user(member).search(
                    [("campaign_id", "=", campaign.id), ("vote", "=", False)]):
                ballot.action_vote_for()

        self.start_tour(self.campaign_url(), "reward_officer_decision_tour", login="hoidongtdkt")
        self.assertEqual(campaign.state, "closed")
        decision = campaign.decision_ids
        self.assertEqual(len(decision), 1)
        self.assertEqual(set(decision.award_ids.mapped("status")), {"proposed"})
