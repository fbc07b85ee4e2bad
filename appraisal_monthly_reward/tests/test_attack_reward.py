"""Issue 15: an award chain nobody can forge.

Each test is an attack a client could make over XML-RPC or JSON-RPC, as
the role of the demo concerned (``with_user``), with the context such a
client sends (``default_<field>``, ``tracking_disable`` …, no ``lang``).
An attack is refused (an Odoo exception of the addon, never a raw error)
or leaves the stored record where its workflow starts.
"""
import base64
import math

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RewardCommon

MUTED = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.sql_db")
NO_TRACE = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}
VI_LETTERS = set("ăâđêôơưạảãàáậầấẩẫắằẳẵặẹẻẽèéệềếểễìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def rpc(records, **context):
    """``records`` with the context an RPC client sends (only these keys:
    no language unless given), replacing the test's own."""
    return records.with_env(records.env(context=dict({"tz": "Asia/Ho_Chi_Minh"}, **context)))


@tagged("post_install", "-at_install", "reward_attack")
class TestRewardAttack(RewardCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        companies = [Command.set(cls.company.ids)]
        # A Vietnamese emulation officer whose client sends no language.
        cls.officer_vi = new_test_user(
            cls.env, login="rw_officer_vi", name="rw_officer_vi", lang="vi_VN",
            groups="base.group_user,appraisal_monthly_reward.group_reward_officer",
            company_id=cls.company.id, company_ids=companies)
        cls.member_vi = new_test_user(
            cls.env, login="rw_member_vi", name="rw_member_vi", lang="vi_VN",
            groups="base.group_user,appraisal_monthly_reward.group_reward_council",
            company_id=cls.company.id, company_ids=companies)

    def refused(self, call, *exceptions):
        """``call`` is refused by the addon (never by the database); the
        attempt is rolled back."""
        exception = exceptions[0] if len(exceptions) == 1 else UserError
        with mute_logger(*MUTED), self.assertRaises(exception) as caught:
            with self.env.cr.savepoint():
                call()
                self.env.flush_all()
        self.assertNotIsInstance(caught.exception, psycopg2.Error)
        return caught.exception

    def assertVietnamese(self, error):
        message = error.args[0] if error.args else str(error)
        self.assertTrue(VI_LETTERS & set(message.lower()), "not in Vietnamese: %s" % message)

    def tracked(self, record, fname):
        self.env.flush_all()
        self.env.cr.precommit.run()
        return self.env["mail.tracking.value"].sudo().search([
            ("mail_message_id.model", "=", record._name),
            ("mail_message_id.res_id", "=", record.id), ("field_id.name", "=", fname)])

    def closed_campaign(self, against=()):
        """Vote: everyone for, but the nominations of ``against`` (codes)."""
        self.run_to_vote()
        self.cast_all("for", except_codes=against)
        for member in self.members:
            for ballot in self.env["appraisal.reward.vote"].with_user(member).search(
                    [("campaign_id", "=", self.campaign.id), ("vote", "=", False)]):
                ballot.action_vote_against()
        self.campaign.with_user(self.user_officer).action_close_voting()

    def draft_decision(self):
        return self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["commune_chair"], titles=self.title["LDTT"], date="2027-01-15",
            signer_name="Nguyễn Văn A")

    # ------------------------------------------------------------------
    # Point 2: a record starts where its workflow starts
    # ------------------------------------------------------------------
    def test_nomination_created_passed_or_awarded_starts_proposed(self):
        head = self.users["a_head"]
        for key, value in (("state", "passed"), ("state", "awarded"), ("passed", True),
                           ("eligible", True), ("origin", "auto")):
            nomination = rpc(self.env["appraisal.reward.nomination"].with_user(head),
                             **{"default_" + key: value}).create({
                    "campaign_id": self.campaign.id, "title_id": self.title["GIAY_KHEN"].id,
                    "employee_id": self.emp["a2"].id})
            self.assertEqual(nomination.state, "draft")
            self.assertFalse(nomination.passed)
            self.assertFalse(nomination.eligible, "a2 is Completed: not eligible")
            self.assertEqual(nomination.origin, "manual")
            nomination.unlink()
            self.refused(lambda k=key, v=value: self.env["appraisal.reward.nomination"]
                         .with_user(head).create({
                             "campaign_id": self.campaign.id,
                             "title_id": self.title["GIAY_KHEN"].id,
                             "employee_id": self.emp["a2"].id, k: v}))

    def test_decision_created_issued_starts_draft(self):
        self.closed_campaign()
        decision = rpc(
            self.env["appraisal.reward.decision"].with_user(self.user_officer),
            default_state="issued", default_issued_user_id=self.users["a1"].id,
            default_date_issued="2027-01-15 08:00:00", default_amount_total=1).create({
                "date": "2027-01-15", "authority_id": self.authority["commune_chair"].id,
                "company_id": self.company.id})
        self.assertEqual(decision.state, "draft")
        self.assertFalse(decision.issued_user_id)
        self.assertFalse(decision.date_issued)
        self.assertFalse(self.env["appraisal.reward.decision"].with_user(self.users["a1"]).search(
            [("id", "=", decision.id)]), "a draft decision is not for employees to read")
        for vals in ({"state": "issued"}, {"issued_user_id": self.users["a1"].id},
                     {"amount_total": 5}):
            self.refused(lambda v=vals: self.env["appraisal.reward.decision"]
                         .with_user(self.user_officer).create(dict(
                             v, date="2027-01-15", company_id=self.company.id,
                             authority_id=self.authority["commune_chair"].id)))

    def test_other_records_start_in_their_first_status(self):
        officer = self.user_officer
        campaign = rpc(self.env["appraisal.reward.campaign"].with_user(officer),
                       default_state="closed").create({"name": "Khác", "year": 2026})
        self.assertEqual(campaign.state, "draft")
        proposal = rpc(self.env["appraisal.reward.unit.proposal"].with_user(self.users["a_head"]),
                       default_state="forwarded").create(
                {"campaign_id": self.campaign.id, "unit_id": self.units["A"].id})
        self.assertEqual(proposal.state, "draft")
        award = rpc(
            self.env["appraisal.reward.award"].with_user(officer), default_state="revoked", default_decided=False, default_amount=9,
            default_rating_changed=True).create({
                "title_id": self.title["LDTT"].id, "employee_id": self.emp["a2"].id,
                "year": 2023, "external_reference": "1/QĐ"})
        self.assertEqual((award.state, award.amount, award.rating_changed, award.decided),
                         ("awarded", 0, False, True))
        self.refused(lambda: self.env["appraisal.reward.vote"].with_user(officer).create(
            {"nomination_id": self.env["appraisal.reward.nomination"].search([], limit=1).id,
             "user_id": officer.id}))

    # ------------------------------------------------------------------
    # Point 3: the council that votes is the council that counts
    # ------------------------------------------------------------------
    def test_council_frozen_once_the_vote_opens(self):
        self.run_to_vote()
        self.refused(lambda: self.campaign.with_user(self.user_officer).write(
            {"council_user_ids": [Command.unlink(self.members[2].id)]}))
        self.refused(lambda: self.campaign.with_user(self.user_officer).sudo().write(
            {"council_user_ids": [Command.set(self.members[0].ids)]}))
        self.assertEqual(len(self.campaign.council_user_ids), 3)

    def test_tallies_only_for_the_committee_once_closed(self):
        self.run_to_vote()
        self.cast_all("for")
        nomination = self.nomination("LDTT", "a1")
        head = self.users["a_head"]
        self.refused(lambda: nomination.with_user(head).read(["votes_for"]), AccessError)
        head.lang = "vi_VN"
        self.assertVietnamese(self.refused(
            lambda: rpc(nomination.with_user(head)).read(["votes_for"]), AccessError))
        head.lang = "en_US"
        self.assertEqual(nomination.with_user(self.user_officer).votes_for, 0,
                         "no running tally while the council votes")
        self.refused(lambda: nomination.with_user(head).vote_ids.read(["vote"]), AccessError)
        report = self.env["ir.actions.report"]
        minutes = "appraisal_monthly_reward.report_reward_council_minutes"
        self.refused(lambda: report.with_user(self.user_officer)._render_qweb_html(
            minutes, self.campaign.ids))
        self.campaign.with_user(self.user_officer).action_close_voting()
        nomination.invalidate_recordset()
        self.assertEqual(nomination.with_user(self.user_officer).votes_for, 3)
        self.refused(lambda: nomination.with_user(head).read(["votes_for"]), AccessError)
        self.refused(lambda: report.with_user(head)._render_qweb_html(
            minutes, self.campaign.ids), AccessError)
        html = report.with_user(self.user_officer)._render_qweb_html(minutes, self.campaign.ids)[0]
        self.assertIn(b"BI\xc3\x8aN B\xe1\xba\xa2N", html)

    def test_cast_ballots_are_never_deleted(self):
        self.run_to_vote()
        ballot = self.env["appraisal.reward.vote"].with_user(self.members[0]).search([], limit=1)
        ballot.action_vote_against()
        count = self.env["appraisal.reward.vote"].search_count(
            [("campaign_id", "=", self.campaign.id)])
        self.refused(lambda: self.campaign.with_user(self.user_officer).action_reset_to_draft())
        self.refused(lambda: ballot.sudo().unlink())

        def cancel_and_reset():
            self.campaign.with_user(self.user_officer).action_cancel()
            self.campaign.with_user(self.user_officer).action_reset_to_draft()
        self.refused(cancel_and_reset)
        self.assertEqual(self.env["appraisal.reward.vote"].search_count(
            [("campaign_id", "=", self.campaign.id)]), count)
        self.assertEqual(ballot.vote, "against")

    def test_no_ballot_on_ones_own_nomination(self):
        self.emp["b1"].user_id = self.members[0]
        self.run_to_vote()
        own = self.env["appraisal.reward.vote"].search(
            [("user_id", "=", self.members[0].id), ("nomination_id.employee_id", "=",
                                                    self.emp["b1"].id)])
        self.assertFalse(own)
        others = self.env["appraisal.reward.vote"].search(
            [("nomination_id.employee_id", "=", self.emp["b1"].id)])
        self.assertEqual(others.user_id, self.members[1] | self.members[2])
        # "All members" counts the members who may vote on it.
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        self.assertEqual(self.nomination("LDTT", "b1").state, "passed")

    # ------------------------------------------------------------------
    # Point 4: a decision holds only what the council passed
    # ------------------------------------------------------------------
    def test_award_only_from_a_passed_nomination(self):
        self.closed_campaign(against=("CSTDCS",))
        rejected = self.nomination("CSTDCS", "b1")
        self.assertEqual(rejected.state, "rejected")
        decision = self.draft_decision()
        officer = self.user_officer
        Award = self.env["appraisal.reward.award"].with_user(officer)
        self.refused(lambda: Award.create({
            "decision_id": decision.id, "nomination_id": rejected.id,
            "title_id": rejected.title_id.id, "employee_id": self.emp["b1"].id, "year": 2026}))
        self.refused(lambda: Award.create({
            "decision_id": decision.id, "title_id": self.title["LDTT"].id,
            "employee_id": self.emp["a3"].id, "year": 2026}))
        passed = self.nomination("LDTT", "b2")
        self.refused(lambda: decision.with_user(officer).write({"award_ids": [Command.create({
            "nomination_id": passed.id, "title_id": passed.title_id.id,
            "employee_id": self.emp["a3"].id, "year": 2026})]}))
        award = decision.award_ids[0]
        for vals in ({"employee_id": self.emp["a3"].id}, {"title_id": self.title["CSTDCS"].id},
                     {"year": 2025}, {"nomination_id": rejected.id}):
            self.refused(lambda v=vals: award.with_user(officer).write(v))
        # Issuing checks each nomination again.
        award.nomination_id._workflow_write({"state": "rejected"})
        self.refused(lambda: decision.with_user(officer).action_issue())
        self.assertEqual(award.nomination_id.state, "rejected")

    def test_conditions_written_only_by_the_evaluation(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        nomination = self.nomination("LDTT", "a2")
        self.assertFalse(nomination.eligible)
        officer = self.user_officer
        self.refused(lambda: nomination.condition_ids.with_user(officer).write({"met": True}))
        self.refused(lambda: nomination.with_user(officer).write({"eligible": True}))
        self.refused(lambda: nomination.with_user(officer).write(
            {"condition_ids": [Command.create({"code": "level", "met": True})]}))
        self.refused(lambda: nomination.condition_ids.with_user(officer).unlink())
        self.assertFalse(nomination.eligible)
        # Refresh touches only open nominations.
        self.campaign.with_user(officer).action_forward_eligible()
        self.campaign.with_user(officer).action_open_voting()
        voted = self.nomination("LDTT", "a1")
        before = voted.condition_ids.ids
        self.refused(lambda: voted.with_user(officer).action_refresh_conditions())
        self.assertEqual(voted.condition_ids.ids, before)

    # ------------------------------------------------------------------
    # Point 5: signed means signed
    # ------------------------------------------------------------------
    def test_issued_decision_keeps_its_list_and_total(self):
        self.closed_campaign()
        decision = self.draft_decision()
        decision.with_user(self.user_officer).action_issue()
        total, count = decision.amount_total, len(decision.award_ids)
        award = decision.award_ids.filtered(lambda a: a.employee_id == self.emp["a1"])
        award.with_user(self.user_officer).action_revoke(reason="Sai", reference="2/QĐ")
        self.assertEqual(decision.amount_total, total)
        self.assertEqual(decision.amount_revoked, award.amount)
        # An employee reads the whole list, and exports it without write rights.
        employee = self.users["b3"]
        mine = decision.with_user(employee)
        listed = sum(len(awards) for _title, awards in mine._get_awards_by_title())
        self.assertEqual(listed, count)
        action = mine.action_export_xlsx()
        self.assertIn("/web/content/", action["url"])
        html = self.env["ir.actions.report"].with_user(employee)._render_qweb_html(
            "appraisal_monthly_reward.report_reward_decision", decision.ids)[0]
        self.assertIn(self.emp["c1"].name.encode(), html)
        self.assertIn(self.emp["a1"].name.encode(), html, "a revoked award stays listed")
        self.assertIn("đã thu hồi: 2/QĐ".encode(), html)
        self.assertTrue(mine._generate_xlsx().startswith(b"PK"))

    # ------------------------------------------------------------------
    # Point 6: roles are separate
    # ------------------------------------------------------------------
    def test_hr_officer_is_not_an_emulation_officer(self):
        hr = self.user_hr
        self.assertFalse(hr.has_group("appraisal_monthly.group_appraisal_committee"))
        self.refused(lambda: self.campaign.with_user(hr).action_find_candidates(), AccessError)
        self.closed_campaign()
        decision = self.draft_decision()
        self.refused(lambda: decision.with_user(hr).action_issue(), AccessError)
        decision.with_user(self.user_officer).action_issue()
        self.refused(lambda: decision.award_ids[0].with_user(hr).action_revoke(
            reason="x", reference="y"), AccessError)
        self.refused(lambda: self.env["appraisal.reward.decision"].with_user(hr).create({
            "date": "2027-01-15", "authority_id": self.authority["commune_chair"].id}),
            AccessError)

    def test_shared_titles_authorities_and_base_salary_are_read_only(self):
        officer = self.user_officer
        title = self.title["LDTT"].with_user(officer)
        for vals in ({"coefficient": 9}, {"active": False},
                     {"authority_ids": [Command.set(self.authority["commune_chair"].ids)]}):
            self.refused(lambda v=vals: title.write(v), AccessError)
        self.refused(lambda: title.unlink(), AccessError)
        copy = title.copy()
        self.assertEqual(copy.company_id, self.company)
        copy.coefficient = 0.4
        authority = self.authority["commune_chair"].with_user(officer)
        self.refused(lambda: authority.write({"issuer_name": "UBND KHÁC"}), AccessError)
        self.refused(lambda: authority.unlink(), AccessError)
        national = self.env.ref("appraisal_monthly_reward.base_salary_2024_07")
        for user in (officer, self.user_hr):
            self.refused(lambda u=user: national.with_user(u).write({"amount": 1}), AccessError)
            self.refused(lambda u=user: national.with_user(u).unlink(), AccessError)
        own = self.env["appraisal.reward.base.salary"].with_user(self.user_hr).create(
            {"date_from": "2026-07-01", "amount": 2530000})
        self.assertEqual(own.company_id, self.company)

    def test_nobody_records_for_themselves(self):
        officer = self.user_officer
        mine = self.env["hr.employee"].create({"name": "Officer", "user_id": officer.id,
                                               "company_id": self.company.id})
        self.assertTrue(mine)
        self.refused(lambda: self.env["appraisal.reward.award"].with_user(officer).create({
            "title_id": self.title["CSTDCS"].id, "employee_id": mine.id, "year": 2025,
            "external_reference": "9/QĐ"}), AccessError)
        self.refused(lambda: self.env["appraisal.reward.initiative"].with_user(officer).create({
            "name": "Của tôi", "employee_ids": [Command.set(mine.ids)], "date": "2026-03-01",
            "scope": "province"}), AccessError)
        hr = self.user_hr
        hr_employee = self.env["hr.employee"].create(
            {"name": "HR", "user_id": hr.id, "company_id": self.company.id})
        self.refused(lambda: hr_employee.with_user(hr).write(
            {"reward_date_recruited": "2000-01-01"}), AccessError)

    def test_awarded_employee_and_unit_are_archived_not_deleted(self):
        self.closed_campaign()
        decision = self.campaign.with_user(self.user_officer)._create_decision(
            self.authority["agency_head"], titles=self.title["LDTT"] | self.title["TT_LDTT"],
            date="2027-01-15", signer_name="A")
        decision.with_user(self.user_officer).action_issue()
        self.refused(lambda: self.emp["a1"].with_user(self.user_admin).unlink())
        self.refused(lambda: self.units["B"].sudo().unlink())
        self.assertTrue(decision.award_ids.filtered(lambda a: a.employee_id == self.emp["a1"]))

    # ------------------------------------------------------------------
    # Point 7: the trail is not the client's to switch off
    # ------------------------------------------------------------------
    def test_decisions_revocations_and_titles_logged_whatever_the_context(self):
        self.closed_campaign()
        officer = self.user_officer
        decision = self.draft_decision().with_context(**NO_TRACE)
        title = self.title["LDTT"].with_user(officer).copy()
        self.tracked(decision, "state")  # each step is its own transaction in real use
        decision.with_user(officer).with_context(**NO_TRACE).action_issue()
        self.assertTrue(self.tracked(decision, "state"), "the issue is tracked")
        award = decision.award_ids[0]
        award.with_user(officer).with_context(**NO_TRACE).action_revoke(
            reason="Sai", reference="3/QĐ")
        self.assertTrue(self.tracked(award, "state"))
        title.with_user(officer).with_context(**NO_TRACE).write({"coefficient": 0.5})
        self.assertTrue(self.tracked(title, "coefficient"))

    # ------------------------------------------------------------------
    # Point 9: bad input, a clear message in the user's language
    # ------------------------------------------------------------------
    def test_bad_input_refused_in_vietnamese_without_lang(self):
        officer = self.officer_vi
        Salary = self.env["appraisal.reward.base.salary"].with_user(self.officer_vi)
        for amount in (math.nan, math.inf, -1, 0):
            error = self.refused(lambda a=amount: rpc(Salary).create(
                {"date_from": "2026-08-01", "amount": a}))
            self.assertVietnamese(error)
        Campaign = rpc(self.env["appraisal.reward.campaign"].with_user(officer))
        for year in (0, 99999):
            self.assertVietnamese(self.refused(lambda y=year: Campaign.create(
                {"name": "Năm %s" % y, "year": y})))
        self.assertVietnamese(self.refused(lambda: Campaign.create({"name": "Thi đua 2026"})))
        Decision = rpc(self.env["appraisal.reward.decision"].with_user(officer))
        self.assertVietnamese(self.refused(lambda: Decision.create({
            "date": "2020-01-15", "company_id": self.company.id,
            "authority_id": self.authority["commune_chair"].id})))
        for day in ("không", "0000-01-01", "9999-12-31"):
            self.assertVietnamese(self.refused(lambda d=day: Decision.create({
                "date": d, "company_id": self.company.id,
                "authority_id": self.authority["commune_chair"].id})))
        # A ballot 'yes', a reason that is no text.
        self.campaign.council_user_ids = [Command.link(self.member_vi.id)]
        self.run_to_vote()
        ballot = rpc(self.env["appraisal.reward.vote"].with_user(self.member_vi)).search(
            [], limit=1)
        self.assertVietnamese(self.refused(lambda: ballot.write({"vote": "yes"})))
        self.cast_all("for")
        self.campaign.with_user(self.user_officer).action_close_voting()
        decision = self.draft_decision()
        decision.with_user(self.user_officer).action_issue()
        award = rpc(decision.award_ids[0].with_user(self.officer_vi))
        self.assertVietnamese(self.refused(lambda: award.action_revoke(reason=123,
                                                                        reference="1/QĐ")))
        self.assertVietnamese(self.refused(lambda: award.action_revoke(reason="Sai",
                                                                        reference="1/QĐ",
                                                                        date="không")))
        # A refusal of a step, without a language either.
        self.assertVietnamese(self.refused(
            lambda: rpc(decision.with_user(self.officer_vi)).action_issue()))
        self.assertEqual(award.state, "awarded")

    def test_attachment_of_minutes_is_a_text(self):
        proposal = self.env["appraisal.reward.unit.proposal"].with_user(self.users["a_head"]) \
            .create({"campaign_id": self.campaign.id, "unit_id": self.units["A"].id})
        proposal.write({"minutes": base64.b64encode(b"%PDF"), "minutes_name": "bb.pdf"})
        self.refused(lambda: proposal.write({"note": 12}))
        self.refused(lambda: self.env["appraisal.reward.unit.proposal"].with_user(
            self.users["a_head"]).create({"campaign_id": self.campaign.id,
                                          "unit_id": self.units["A"].id}))
