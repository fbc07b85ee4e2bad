from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RewardCommon


@tagged("post_install", "-at_install")
class TestUnitLevelAndYear(RewardCommon):
    """The unit's own level, the units as they were during the year, and
    the unit head's list."""

    def level_line(self, unit):
        return self.unit_levels.filtered(lambda line: line.department_id == self.units[unit])

    def condition(self, code, key, condition_code):
        return self.nomination(code, key).condition_ids.filtered(
            lambda c: c.code == condition_code)

    # -- 1. the unit's level -------------------------------------------------
    def test_collective_titles_use_the_recorded_level_not_the_heads(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.assertTrue(self.nomination("TT_LDXS", "C").eligible)
        self.assertIn("rated by UBND huyện Kiểm Thử: Excellent ≥ Excellent (its head c_head: "
                      "Excellent): met", self.condition("TT_LDXS", "C", "unit_level").reason)
        # Rated Good by the body above although its head is Excellent: the
        # nominations in preparation follow at once.
        self.level_line("C").with_user(self.user_committee).level = "good"
        self.assertFalse(self.nomination("TT_LDXS", "C").eligible)
        self.assertEqual(self.nomination("TT_LDXS", "C").unmet_code, "unit_level")
        self.assertTrue(self.nomination("TT_LDTT", "C").eligible)
        self.assertEqual(self.level_line("C").recorded_user_id, self.user_committee)
        self.assertEqual(self.level_line("C").head_level, "excellent")
        # Rated Completed: not even Tập thể LĐTT.
        self.level_line("B").with_user(self.user_committee).level = "completed"
        self.assertFalse(self.nomination("TT_LDTT", "B").eligible)
        # Not recorded: not eligible, and the nomination says why.
        self.level_line("C").with_user(self.user_committee).level = False
        reason = self.condition("TT_LDTT", "C", "unit_level").reason
        self.assertIn("not recorded", reason)
        self.assertIn("its head c_head: Excellent, a hint only", reason)
        self.assertFalse(self.nomination("TT_LDTT", "C").eligible)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_only_the_committee_records_unit_levels(self):
        UnitLevel = self.env["appraisal.reward.unit.level"]
        for user in (self.users["a_head"], self.users["a1"], self.members[0]):
            with self.assertRaises(AccessError):
                self.level_line("A").with_user(user).write({"level": "excellent"})
            with self.assertRaises(AccessError):
                UnitLevel.with_user(user).sudo().create({
                    "company_id": self.company.id, "year": 2025,
                    "department_id": self.units["A"].id, "level": "excellent"})
        # Everyone in the body reads them.
        self.assertEqual(len(UnitLevel.with_user(self.users["a1"]).search(
            [("company_id", "=", self.company.id)])), 3)
        # One level per unit and year.
        with self.assertRaises(Exception), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            UnitLevel.with_user(self.user_committee).create({
                "company_id": self.company.id, "year": 2026,
                "department_id": self.units["A"].id, "level": "good"})

    def test_unit_levels_screen_prepares_every_unit_of_the_year(self):
        self.unit_levels.with_user(self.user_committee).unlink()
        action = self.campaign.with_user(self.user_officer).action_open_unit_levels()
        lines = self.env["appraisal.reward.unit.level"].search(action["domain"])
        self.assertEqual(lines.department_id, self.units["A"] | self.units["B"] | self.units["C"])
        self.assertFalse(any(lines.mapped("level")))
        b = lines.filtered(lambda line: line.department_id == self.units["B"])
        self.assertEqual(b.head_level, "excellent")
        self.assertEqual(b.member_count, 5)

    # -- 2. the year as it was -------------------------------------------------
    def test_members_are_the_people_of_the_year(self):
        # In January 2027: b1 moved to unit A, and unit B hired b5.
        self.emp["b1"].department_id = self.units["A"]
        self.env["hr.employee"].create({
            "name": "b5", "department_id": self.units["B"].id, "company_id": self.company.id})
        summary = self.env["appraisal.summary"].search([
            ("employee_id", "=", self.emp["b1"].id), ("year", "=", 2026),
            ("period_type", "=", "year")])
        self.assertEqual(summary.span_department_id, self.units["B"])
        self.assertEqual(summary.department_id, self.units["A"], "today's department")
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.assertIn("3 of 5 (60.0%)", self.condition("TT_LDTT", "B", "member_share").reason)
        self.assertIn("2 of 4 (50.0%)", self.condition("TT_LDTT", "A", "member_share").reason)
        # b1 is proposed by the unit he was in during the year.
        self.assertEqual(self.nomination("LDTT", "b1").unit_id, self.units["B"])

    def test_a_later_change_flags_only_the_awards_that_counted_it(self):
        self.run_to_vote()
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        decision = self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["agency_head"], titles=self.title["TT_LDTT"], date="2027-01-15",
            signer_name="Y")
        decision.with_user(self.user_officer).action_issue()
        unit_b = decision.award_ids.filtered(lambda a: a.department_id == self.units["B"])
        unit_c = decision.award_ids.filtered(lambda a: a.department_id == self.units["C"])
        self.assertTrue(unit_b and unit_c)
        # c1 moves to unit B after the year; his 2026 result then changes.
        self.emp["c1"].department_id = self.units["B"]
        form = self.env["appraisal.form"].search([
            ("employee_id", "=", self.emp["c1"].id), ("date_start", "=", "2026-04-01")])
        form.with_user(self.user_hr).action_reset_to_draft(reason="Sai số liệu")
        self.assertTrue(unit_c.rating_changed, "C counted c1's 2026 result")
        self.assertFalse(unit_b.rating_changed, "B was decided without him")

    # -- 3. the unit head's list -----------------------------------------------
    def test_unit_head_is_offered_the_campaign(self):
        head = self.users["a_head"]
        for model in ("appraisal.reward.nomination", "appraisal.reward.unit.proposal"):
            field = self.env[model]._fields["campaign_id"]
            self.assertNotIn("company_id", str(field._description_domain(self.env)))
        found = self.env["appraisal.reward.campaign"].with_user(head).name_search(
            "", [("state", "=", "draft")])
        self.assertIn(self.campaign.id, [row[0] for row in found])

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_unit_head_edits_the_list_and_proposes_by_hand(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        head = self.users["a_head"]
        proposal = self.env["appraisal.reward.unit.proposal"].with_user(head).create({
            "campaign_id": self.campaign.id, "unit_id": self.units["A"].id})
        a2 = self.nomination("LDTT", "a2")
        self.assertIn(a2, proposal.nomination_ids)
        self.assertFalse(proposal.nomination_ids.filtered(lambda n: n.unit_id != self.units["A"]))
        # The justification, edited in the list.
        proposal.write({"nomination_ids": [Command.update(a2.id, {"justification": "Lý do"})]})
        self.assertEqual(a2.justification, "Lý do")
        with self.assertRaises(UserError):
            proposal.write({"nomination_ids": [Command.update(a2.id, {"state": "passed"})]})
        # A hand-made Giấy khen, on the same list.
        proposal.write({"nomination_ids": [Command.create({
            "campaign_id": self.campaign.id, "title_id": self.title["GIAY_KHEN"].id,
            "employee_id": self.emp["a3"].id, "justification": "Đột xuất"})]})
        manual = proposal.nomination_ids.filtered(lambda n: n.title_id == self.title["GIAY_KHEN"])
        self.assertEqual(manual.origin, "manual")
        self.assertEqual(manual.proposal_id, proposal)
        # Not someone of another unit.
        with self.assertRaisesRegex(ValidationError, "belongs on the list of Unit B"):
            proposal.write({"nomination_ids": [Command.create({
                "campaign_id": self.campaign.id, "title_id": self.title["GIAY_KHEN"].id,
                "employee_id": self.emp["b1"].id})]})
        proposal.write({"minutes": "UEsDBA==", "minutes_name": "bien_ban.pdf"})
        proposal.action_submit()
        self.assertEqual(manual.state, "submitted")
        proposal.with_user(self.user_officer).action_forward()
        self.assertEqual(manual.state, "checked")
