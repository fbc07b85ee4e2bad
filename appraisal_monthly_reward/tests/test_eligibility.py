from odoo.tests import tagged

from .common import RewardCommon


@tagged("post_install", "-at_install")
class TestEligibility(RewardCommon):

    def test_find_candidates_proposes_exactly_the_eligible(self):
        campaign = self.campaign.with_user(self.user_officer)
        campaign.action_find_candidates()
        self.assertEqual(self.people(self.nominations("LDTT", True)),
                         {"a_head", "a1", "b_head", "b1", "b2", "c_head", "c1", "c2"})
        self.assertEqual(self.people(self.nominations("LDTT", False)), {"a2", "a3", "b3", "b4"})
        self.assertEqual(self.people(self.nominations("CSTDCS", True)),
                         {"a_head", "b_head", "b1", "b2", "c_head", "c1"})
        self.assertEqual(self.people(self.nominations("CSTD_TINH", True)), {"c_head"})
        self.assertEqual(self.people(self.nominations("BANG_KHEN_TINH", True)), {"c_head"})
        self.assertEqual(self.people(self.nominations("TT_LDTT", True)), {"B", "C"})
        self.assertEqual(self.people(self.nominations("TT_LDXS", True)), {"C"})
        self.assertFalse(self.nominations("GIAY_KHEN"), "Giấy khen is proposed by units")
        # Readable reasons, condition by condition.
        reasons = self.nomination("LDTT", "a1").condition_ids.mapped("reason")
        self.assertIn("annual level 2026: Good (85.0) ≥ Good: met", reasons)
        self.assertIn("initiative in 2026: none; Excellent: no: not met",
                      self.nomination("CSTDCS", "a1").condition_ids.mapped("reason"))

    def test_find_candidates_is_idempotent_and_batched(self):
        campaign = self.campaign.with_user(self.user_officer)
        campaign.action_find_candidates()
        count = len(self.campaign.nomination_ids)
        lines = len(self.campaign.nomination_ids.condition_ids)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=200):  # constant, whatever the office size
            campaign.action_find_candidates()
        self.assertEqual(len(self.campaign.nomination_ids), count)
        self.assertEqual(len(self.campaign.nomination_ids.condition_ids), lines)

    def test_exactly_half_of_a_unit(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        unit_a = self.nomination("TT_LDTT", "A")
        share = unit_a.condition_ids.filtered(lambda c: c.code == "member_share")
        self.assertFalse(share.met)
        self.assertIn("2 of 4 (50.0%), more than 50.0%: not met", share.reason)
        self.assertFalse(unit_a.eligible)
        # "at least 50%": exactly half is enough.
        self.title["TT_LDTT"].share_compare = "ge"
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.assertTrue(unit_a.eligible)

    def test_excellent_without_initiative_under_both_settings(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.assertTrue(self.nomination("CSTDCS", "b2").eligible)  # Excellent, no initiative
        self.assertTrue(self.nomination("CSTDCS", "b1").eligible)  # Good, an initiative
        self.title["CSTDCS"].initiative_rule = "both"
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.assertFalse(self.nomination("CSTDCS", "b2").eligible)
        self.assertFalse(self.nomination("CSTDCS", "b1").eligible)
        self.assertIn("initiative in 2026: none; Excellent: yes (both required): not met",
                      self.nomination("CSTDCS", "b2").reason)

    def test_gap_recruitment_and_reprimand(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        c1 = self.nomination("CSTD_TINH", "c1")
        self.assertFalse(c1.eligible)
        self.assertIn("held in 2024, 2026: not met", c1.reason)
        b4 = self.nomination("LDTT", "b4")
        self.assertIn("months since recruitment: 2 ≥ 6: not met", b4.reason)
        self.assertIn("Not Classified", b4.reason)
        b3 = self.nomination("LDTT", "b3")
        self.assertIn("Reprimand 21/QĐ-UBND: not met", b3.reason)
        self.assertIn("annual level 2026: Failed", b3.reason)
        # A recruitment date on the employee wins over the first form.
        self.emp["b4"].reward_date_recruited = "2026-01-02"
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.assertIn("months since recruitment: 11 ≥ 6: met", b4.reason)
