"""Issue 15, the reward chain over real XML-RPC, as the attack suite calls:
the context keys exactly as a client sends them, or none at all."""
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.appraisal_monthly.tests.rpc_common import RpcMixin

from .common import RewardCommon


@tagged("post_install", "-at_install", "reward_attack")
class TestRewardOverRpc(RpcMixin, HttpCase, RewardCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.officer_vi = new_test_user(
            cls.env, login="rw_rpc_officer", name="rw_rpc_officer", lang="vi_VN",
            groups="base.group_user,appraisal_monthly_reward.group_reward_officer",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)])

    def test_forged_status_through_the_context_is_not_taken(self):
        nomination_id = self.call(
            self.users["a_head"], "appraisal.reward.nomination", "create",
            [{"campaign_id": self.campaign.id, "title_id": self.title["GIAY_KHEN"].id,
              "employee_id": self.emp["a2"].id}],
            context={"default_state": "passed", "default_passed": True,
                     "default_eligible": True, "tracking_disable": True})
        decision_id = self.call(
            self.user_officer, "appraisal.reward.decision", "create",
            [{"date": "2027-01-15", "authority_id": self.authority["commune_chair"].id,
              "company_id": self.company.id}],
            context={"default_state": "issued", "default_issued_user_id": self.users["a1"].id})
        self.env.invalidate_all()
        nomination = self.env["appraisal.reward.nomination"].browse(nomination_id)
        self.assertEqual((nomination.state, nomination.passed, nomination.eligible),
                         ("draft", False, False))
        decision = self.env["appraisal.reward.decision"].browse(decision_id)
        self.assertEqual((decision.state, decision.issued_user_id.id), ("draft", False))

    def test_bad_input_refused_in_vietnamese_without_lang(self):
        officer = self.officer_vi
        self.assertFaultInVietnamese(lambda: self.call(
            officer, "appraisal.reward.campaign", "create", [{"name": "X", "year": 99999}]),
            "year 99999")
        self.assertFaultInVietnamese(lambda: self.call(
            officer, "appraisal.reward.base.salary", "create",
            [{"date_from": "2026-08-01", "amount": -5}]), "a negative base salary")
        self.assertFaultInVietnamese(lambda: self.call(
            officer, "appraisal.reward.decision", "create",
            [{"date": "2020-01-15", "authority_id": self.authority["commune_chair"].id,
              "company_id": self.company.id}]), "a decision before any base salary")
        self.assertFaultInVietnamese(lambda: self.call(
            officer, "appraisal.reward.title", "write",
            [self.title["LDTT"].ids, {"coefficient": 9}]), "a shared title changed")
        self.run_to_vote()
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        decision = self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["commune_chair"], titles=self.title["LDTT"], date="2027-01-15",
            signer_name="A")
        decision.with_user(self.user_officer).action_issue()
        self.assertFaultInVietnamese(lambda: self.call(
            officer, "appraisal.reward.award", "action_revoke", [decision.award_ids[:1].ids],
            {"reason": 123, "reference": "1/QĐ"}), "a reason that is no text")
        self.assertFaultInVietnamese(lambda: self.call(
            officer, "appraisal.reward.campaign", "action_reset_to_draft", [self.campaign.ids]),
            "a closed campaign back to preparation")
