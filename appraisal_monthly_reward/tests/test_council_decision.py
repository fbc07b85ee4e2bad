from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RewardCommon


@tagged("post_install", "-at_install")
class TestCouncilDecision(RewardCommon):

    def test_vote_threshold_quota_amounts_authority_and_rating_change(self):
        self.run_to_vote()
        # Everyone votes for, except member 3 against the provincial titles:
        # 2 of 3 members is below 90% of all members.
        self.cast_all("for")
        for ballot in self.env["appraisal.reward.vote"].with_user(self.members[2]).search(
                [("title_id.code", "in", ("CSTD_TINH", "BANG_KHEN_TINH"))]):
            ballot.action_vote_against()
        # One LĐTT: for, against, abstain -> 1 of 3 voting is not more than half.
        a1 = self.nomination("LDTT", "a1")
        for member, value in zip(self.members, ("for", "against", "abstain")):
            ballot = a1.vote_ids.with_user(member).search([("nomination_id", "=", a1.id)])
            getattr(ballot, "action_vote_%s" % value)()
        self.campaign.with_user(self.user_officer).action_close_voting()
        self.assertEqual(self.nomination("CSTD_TINH", "c_head").state, "rejected")
        self.assertEqual(a1.state, "rejected")
        self.assertEqual(self.nomination("LDTT", "b1").state, "passed")
        self.assertEqual(self.nomination("CSTDCS", "b1").votes_for, 3)

        # The quota binds when switched on: 6 CSTĐCS > 15% of 7 LĐTT (1).
        self.title["CSTDCS"].quota_enabled = True
        with self.assertRaisesRegex(UserError, "6 retained; quota 15.0% of 7 .* allows 1"):
            self.campaign.with_user(self.user_officer).action_create_decision()
        self.title["CSTDCS"].quota_enabled = False

        # A commune chair may not grant CSTĐCS or the collective titles.
        with self.assertRaisesRegex(ValidationError, "may not grant"):
            self.campaign.with_user(self.user_officer)._create_decision(
                self.authority["commune_chair"], date="2026-06-30", signer_name="X")
        # Amounts across a base-salary change.
        self.env["appraisal.reward.base.salary"].create(
            {"date_from": "2026-07-01", "amount": 2530000})
        titles = self.title["LDTT"] | self.title["CSTDCS"] | self.title["TT_LDTT"]
        before = self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["agency_head"], titles=titles, date="2026-06-30", signer_name="Y")
        amounts = {(a.title_id.code, a.employee_id.name or a.department_id.name): a.amount
                   for a in before.award_ids}
        self.assertEqual(amounts[("LDTT", "b1")], 710000)
        self.assertEqual(amounts[("CSTDCS", "b1")], 2340000)
        self.assertEqual(amounts[("TT_LDTT", "Unit B")], 1880000)
        self.assertEqual(len(before.award_ids), 7 + 6 + 2)
        self.assertEqual(before.amount_total, 7 * 710000 + 6 * 2340000 + 2 * 1880000)
        # The same decision dated after 1 July 2026.
        before.with_user(self.user_officer).date = "2027-01-15"
        amounts = {(a.title_id.code, a.employee_id.name or a.department_id.name): a.amount
                   for a in before.award_ids}
        self.assertEqual(amounts[("LDTT", "b1")], 760000)   # 759,000 rounded up
        self.assertEqual(amounts[("CSTDCS", "b1")], 2530000)
        self.assertEqual(amounts[("TT_LDTT", "Unit B")], 2030000)  # 2,024,000
        self.assertEqual(before.amount_total, 7 * 760000 + 6 * 2530000 + 2 * 2030000)

        before.with_user(self.user_officer).action_issue()
        self.assertEqual(before.state, "issued")
        self.assertTrue(before.name.endswith("/QĐ"))
        self.assertEqual(self.nomination("LDTT", "b1").state, "awarded")
        # Awards show on the employee and beside the annual result.
        self.assertEqual(self.emp["b1"].reward_award_count, 2)
        summary = self.env["appraisal.summary"].search([
            ("employee_id", "=", self.emp["b1"].id), ("year", "=", 2026),
            ("period_type", "=", "year")])
        self.assertIn("Lao động tiên tiến", summary.reward_titles)
        # Nothing is awarded twice.
        with self.assertRaises(UserError):
            self.campaign.with_user(self.user_officer)._create_decision(
                self.authority["agency_head"], titles=self.title["LDTT"])

        # XLSX of the decision, user text as strings.
        content = before._generate_xlsx()
        self.assertTrue(content.startswith(b"PK"))

        # HR reopens a 2026 form of b1: the annual result changes, the award
        # is flagged (not rewritten); the committee confirms one, revokes another.
        form = self.env["appraisal.form"].search([
            ("employee_id", "=", self.emp["b1"].id), ("date_start", "=", "2026-04-01")])
        award = before.award_ids.filtered(
            lambda a: a.employee_id == self.emp["b1"] and a.title_id.code == "LDTT")
        form.with_user(self.user_hr).action_reset_to_draft(reason="Sai số liệu")
        self.assertTrue(award.rating_changed)
        self.assertTrue(before.rating_changed)
        self.assertIn("level Good → Not Classified", award.rating_change_note)
        self.assertEqual(award.amount, 760000)
        self.assertEqual(award.state, "awarded")
        unit_award = before.award_ids.filtered(lambda a: a.department_id == self.units["B"])
        self.assertTrue(unit_award.rating_changed, "the unit's award is flagged too")
        unit_award.with_user(self.user_officer).action_confirm_rating()
        self.assertFalse(unit_award.rating_changed)
        action = award.with_user(self.user_officer).action_revoke()
        self.assertEqual(action["res_model"], "appraisal.reward.award.revoke")
        award.with_user(self.user_officer).action_revoke(
            reason="Kết quả đánh giá thay đổi", reference="30/QĐ")
        self.assertEqual(award.state, "revoked")
        self.assertEqual(award.revoke_reference, "30/QĐ")
        # Signed means signed: the total stays as issued, the revocation beside it.
        self.assertEqual(before.amount_total, 7 * 760000 + 6 * 2530000 + 2 * 2030000)
        self.assertEqual(before.amount_revoked, 760000)

    def test_campaign_steps_refused_out_of_order(self):
        with self.assertRaises(UserError):
            self.campaign.with_user(self.user_officer).action_open_voting()  # nothing forwarded
        with self.assertRaises(UserError):
            self.campaign.with_user(self.user_officer).action_close_voting()
        self.run_to_vote()
        with self.assertRaises(UserError):
            self.campaign.with_user(self.user_officer).action_find_candidates()
