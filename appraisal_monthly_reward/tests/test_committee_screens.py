from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import RewardCommon


@tagged("post_install", "-at_install")
class TestCommitteeScreens(RewardCommon):
    """What each button shows, without reading the chatter."""

    def activities(self, user=None):
        domain = [("res_model", "=", "appraisal.reward.campaign"),
                  ("res_id", "=", self.campaign.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def test_find_candidates_and_open_vote_show_what_they_did(self):
        campaign = self.campaign.with_user(self.user_officer)
        action = campaign.action_find_candidates()
        self.assertEqual(action["tag"], "display_notification")
        message = action["params"]["message"]
        self.assertIn("Lao động tiên tiến: 8 eligible of 12; not met: Annual level: 4", message)
        following = action["params"]["next"]
        self.assertEqual(following["res_model"], "appraisal.reward.nomination")
        self.assertEqual(following["context"]["search_default_group_unmet"], 1)
        # The unit argues for a2 (Completed): the ballot shows why.
        a2 = self.nomination("LDTT", "a2")
        a2.with_user(self.users["a_head"]).justification = "Đột xuất cứu hộ lũ"
        campaign.action_forward_eligible()
        action = campaign.action_open_voting()
        self.assertIn("ballots opened", action["params"]["message"])
        ballots_action = action["params"]["next"]
        self.assertIn(("state", "=", "checked"), ballots_action["domain"])
        ballot = self.env["appraisal.reward.vote"].with_user(self.members[0]).search(
            [("nomination_id", "=", a2.id)])
        self.assertEqual(ballot.justification, "Đột xuất cứu hộ lũ")
        self.assertIn("annual level 2026", ballot.reason)
        # To-dos: one per member, closed when the member has voted, the
        # others when the vote closes.
        self.assertEqual(len(self.activities()), 3)
        for ballot in self.env["appraisal.reward.vote"].with_user(self.members[0]).search(
                [("campaign_id", "=", self.campaign.id)]):
            ballot.action_vote_for()
        self.assertFalse(self.activities(self.members[0]))
        self.assertEqual(len(self.activities()), 2)
        campaign.action_close_voting()
        self.assertFalse(self.activities())

    def test_draft_decision_dialog_picks_nominations(self):
        self.run_to_vote()
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        officer = self.user_officer
        action = self.campaign.with_user(officer).action_create_decision()
        wizard_form = Form(self.env[action["res_model"]].with_user(officer).with_context(
            **action["context"]))
        wizard_form.authority_id = self.authority["commune_chair"]
        wizard_form.date = "2026-06-30"
        wizard = wizard_form.save()
        # Pre-selected: what the commune chair may grant (LĐTT); Giấy khen none passed.
        self.assertEqual(set(wizard.nomination_ids.title_id.mapped("code")), {"LDTT"})
        self.assertEqual(len(wizard.nomination_ids), 8)
        self.assertIn("before the end of 2026", wizard.date_warning)
        # The committee splits LĐTT over two decisions.
        first = wizard.nomination_ids[:5]
        wizard.nomination_ids = first
        decision = self.env["appraisal.reward.decision"].browse(wizard.action_create()["res_id"])
        self.assertEqual(decision.award_ids.nomination_id, first)
        self.assertTrue(decision.date_warning)
        self.assertEqual(set(decision.award_ids.mapped("status")), {"proposed"})
        # Nothing picked: a clear message, though passed nominations wait.
        wizard = self.env["appraisal.reward.decision.create"].with_user(officer).create({
            "campaign_id": self.campaign.id, "authority_id": self.authority["commune_chair"].id,
            "date": "2027-01-15"})
        self.assertEqual(len(wizard.nomination_ids), 3, "the rest of LĐTT")
        self.assertFalse(wizard.date_warning)
        wizard.nomination_ids = False
        with self.assertRaisesRegex(UserError, "none is selected"):
            wizard.action_create()
        # Once issued, the awards read awarded.
        decision.with_user(officer).write({"signer_name": "Nguyễn Văn Chủ"})
        decision.with_user(officer).action_issue()
        self.assertEqual(set(decision.award_ids.mapped("status")), {"awarded"})
        # A nomination of another title cannot be slipped in.
        other = self.nomination("LDTT", "b1")
        with self.assertRaises(UserError):
            self.campaign.with_user(officer)._create_decision(
                self.authority["commune_chair"], nominations=first | other)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_rules_in_view_and_confirmed(self):
        campaign = self.campaign.with_user(self.user_officer)
        summary = campaign.rules_summary
        self.assertIn("Review date 15/12/2026", summary)
        self.assertIn("Base salary in force on 15/01/2027: 2.340.000 đ", summary)
        self.assertIn("Chiến sĩ thi đua cơ sở", summary)
        self.assertIn("Chủ tịch UBND cấp tỉnh", summary)
        self.assertIn("710.000", summary)
        self.assertFalse(campaign.rules_confirmed)
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.users["a_head"]).action_confirm_rules()
        with self.assertRaises(UserError):
            campaign.write({"rules_confirmed": True})
        campaign.action_confirm_rules()
        self.assertTrue(campaign.rules_confirmed)
        self.assertEqual(campaign.rules_confirmed_user_id, self.user_officer)
        # Another review date: confirm again.
        campaign.date_review = "2026-12-31"
        self.assertFalse(campaign.rules_confirmed)
        self.assertIn("Review date 31/12/2026", campaign.rules_summary)
