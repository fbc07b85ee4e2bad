from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RewardCommon


@tagged("post_install", "-at_install", "access_rights")
class TestAccessRights(RewardCommon):

    def _issued_decision(self):
        self.run_to_vote()
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        decision = self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["commune_chair"], titles=self.title["LDTT"], date="2027-01-15",
            number="15/QĐ-UBND", signer_name="Nguyễn Văn A")
        decision.with_user(self.user_officer).action_issue()
        return decision

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_committee_reads_ratings_but_cannot_change_them(self):
        summary = self.env["appraisal.summary"].search(
            [("employee_id", "=", self.emp["a1"].id), ("period_type", "=", "year")], limit=1)
        for user in (self.user_committee, self.user_officer):
            self.assertTrue(summary.with_user(user).rating)
            with self.assertRaises(AccessError):
                summary.with_user(user).write({"average_score": 99})
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.users["a1"]).action_find_candidates()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_member_sees_and_casts_only_own_ballot(self):
        self.run_to_vote()
        Vote = self.env["appraisal.reward.vote"]
        mine = Vote.with_user(self.members[0]).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.user_id, self.members[0])
        other = Vote.search([("user_id", "=", self.members[1].id)], limit=1)
        with self.assertRaises(AccessError):
            other.with_user(self.members[0]).vote
        with self.assertRaises(AccessError):
            other.with_user(self.members[0]).write({"vote": "for"})
        # Even in superuser mode, the ballot is cast by its member only.
        with self.assertRaises(AccessError):
            other.with_user(self.members[0]).sudo().action_vote_for()
        with self.assertRaises(UserError):
            mine[0].with_user(self.members[0]).write({"user_id": self.members[1].id})
        mine[0].with_user(self.members[0]).write({"vote": "against"})
        self.assertEqual(mine[0].vote, "against")
        # The committee has no ballot to read.
        with self.assertRaises(AccessError):
            Vote.with_user(self.user_committee).search([])

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_unit_head_proposes_for_own_unit_only(self):
        head = self.users["a_head"]
        Nomination = self.env["appraisal.reward.nomination"].with_user(head)
        nomination = Nomination.create({
            "campaign_id": self.campaign.id, "title_id": self.title["GIAY_KHEN"].id,
            "employee_id": self.emp["a2"].id,
        })
        self.assertFalse(nomination.eligible)  # Completed: not Good
        with self.assertRaisesRegex(UserError, "justification"):
            nomination.action_submit()
        nomination.write({"justification": "Hoàn thành xuất sắc nhiệm vụ đột xuất"})
        nomination.action_submit()
        self.assertEqual(nomination.state, "submitted")
        with self.assertRaises(UserError):
            nomination.write({"state": "passed"})
        with self.assertRaises(AccessError):
            Nomination.create({
                "campaign_id": self.campaign.id, "title_id": self.title["GIAY_KHEN"].id,
                "employee_id": self.emp["b1"].id,
            })
        # Unit list: the minutes are required, the officer forwards.
        proposal = self.env["appraisal.reward.unit.proposal"].with_user(head).create({
            "campaign_id": self.campaign.id, "unit_id": self.units["A"].id})
        with self.assertRaisesRegex(UserError, "minutes"):
            proposal.action_submit()
        proposal.write({"minutes": "UEsDBA==", "minutes_name": "bien_ban.pdf"})
        proposal.action_submit()
        with self.assertRaises(AccessError):
            proposal.action_forward()
        proposal.with_user(self.user_officer).action_forward()
        self.assertEqual(nomination.state, "checked")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_employee_sees_own_once_decided(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        employee = self.users["a1"]
        self.assertFalse(self.env["appraisal.reward.nomination"].with_user(employee).search([]))
        decision = self._issued_decision_after_find()
        awards = self.env["appraisal.reward.award"].with_user(employee).search([])
        self.assertEqual(awards.employee_id, self.emp["a1"])
        self.assertEqual(self.env["hr.employee.public"].with_user(employee).browse(
            self.emp["a1"].id).reward_award_count, 1)
        self.assertIn(decision, self.env["appraisal.reward.decision"].with_user(employee).search([]))
        nominations = self.env["appraisal.reward.nomination"].with_user(employee).search([])
        self.assertEqual(nominations.employee_id, self.emp["a1"])

    def _issued_decision_after_find(self):
        self.campaign.with_user(self.user_officer).action_forward_eligible()
        self.campaign.with_user(self.user_officer).action_open_voting()
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        decision = self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["commune_chair"], titles=self.title["LDTT"], date="2027-01-15",
            signer_name="Nguyễn Văn A")
        decision.with_user(self.user_officer).action_issue()
        return decision

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_issued_decision_is_locked_whoever_calls(self):
        decision = self._issued_decision()
        award = decision.award_ids[0]
        hostile = [
            lambda: decision.sudo().write({"amount_total": 1}),
            lambda: decision.sudo().write({"name": "99/QĐ-UBND"}),
            lambda: decision.with_context(appraisal_workflow=True, force=True).sudo().write(
                {"date": "2027-02-01"}),
            lambda: decision.sudo().write({"state": "draft"}),
            lambda: decision.sudo().unlink(),
            lambda: award.sudo().write({"amount": 1}),
            lambda: award.sudo().write({"employee_id": self.emp["a2"].id}),
            lambda: award.sudo().with_context(install_mode=True).write({"state": "revoked"}),
            lambda: award.sudo().unlink(),
            lambda: decision.sudo().write({"award_ids": [Command.create({
                "title_id": self.title["LDTT"].id, "employee_id": self.emp["a2"].id,
                "year": 2026})]}),
        ]
        for attempt in hostile:
            with self.assertRaises(UserError):
                attempt()
        self.assertEqual(decision.state, "issued")
        self.assertEqual(decision.name, "15/QĐ-UBND")
        with self.assertRaises(AccessError):
            award.with_user(self.users["a1"]).action_revoke(reason="x", reference="y")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_companies_apart(self):
        other = self.env["res.company"].create({"name": "UBND xã Khác"})
        stranger = new_test_user(
            self.env, login="rw_stranger", lang="en_US",
            groups="base.group_user,appraisal_monthly_reward.group_reward_officer",
            company_id=other.id, company_ids=[Command.set(other.ids)])
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.assertFalse(self.env["appraisal.reward.campaign"].with_user(stranger).search(
            [("id", "=", self.campaign.id)]))
        self.assertFalse(self.env["appraisal.reward.nomination"].with_user(stranger).search([]))
        with self.assertRaises(AccessError):
            self.campaign.with_user(stranger).read(["name"])
