"""Issue 9, item 5 (and the committee's reading): nothing leaks before
publication.

Until a period is published an employee sees only their own level; the
quota figures (quota check, the period's quota figures) are for HR and for
the heads who approve.  The reward committee reads approved results only:
not the collective comments on forms that are not approved.
"""
from odoo.tests import tagged

from .security_common import Dropped, SecurityCommon

QUOTA_FIELDS = ["quota_excellent_count", "quota_allowed_count", "quota_exceeded", "quota_status"]
RATING_FIELDS = ["rated_count", "rating_excellent_count", "rating_good_count",
                 "rating_completed_count", "rating_failed_count"]


@tagged("post_install", "-at_install", "appraisal_security")
class TestNothingLeaksBeforePublication(SecurityCommon):

    def setUp(self):
        super().setUp()
        self.company.appraisal_quota_enabled = True
        # Staff Two is on her way to Excellent, Staff is Good: the period
        # is open, nothing is published.
        self.review(self.submit(self.form_staff2, ratio=1.0), ratio=1.0)
        self.approved(self.form_staff, ratio=0.8)
        self.assertEqual(self.form_staff2.rating, "excellent")
        self.assertEqual(self.period.state, "open")

    def test_employee_sees_only_own_level(self):
        env = self.env(user=self.user_staff)
        self.env.invalidate_all()
        Form = env["appraisal.form"]
        rated = Form.search([("period_id", "=", self.period.id), ("rating", "!=", False)])
        self.assertEqual(rated, self.form_staff.with_env(env))
        groups = Form._read_group([("period_id", "=", self.period.id)], ["rating"], ["__count"])
        self.assertEqual({rating: count for rating, count in groups if rating},
                         {"good": 1})
        rows = env["appraisal.form.report"].search([("period_id", "=", self.period.id)])
        self.assertEqual(set(rows.mapped("rating")) - {False}, {"good"})
        self.assertFalse(env["appraisal.period.summary"].search([("period_id", "=", self.period.id)]))
        counts = self.period.with_env(env).read(RATING_FIELDS)[0]
        self.assertEqual(counts["rating_excellent_count"], 0, "the dashboard counts others' levels")

    def test_quota_check_refused_to_employees(self):
        for who, user in (("employee", self.user_staff), ("colleague", self.user_staff2),
                          ("outsider", self.user_outsider)):
            self.refuse("%s opens the quota check" % who,
                        self.period.with_user(user).action_check_quota)
            self.refuse("%s creates the quota check" % who,
                        lambda u=user: self.env["appraisal.quota.check"].with_user(u).create(
                            {"period_id": self.period.id}).line_ids.read(["excellent_count"]))
            self.refuse("%s runs the Check Quota server action" % who,
                        lambda u=user: self.env.ref(
                            "appraisal_monthly.appraisal_period_action_check_quota"
                        ).with_user(u).with_context(
                            active_model="appraisal.period", active_id=self.period.id,
                            active_ids=self.period.ids).run())
        self.assertAllRefused()

    def test_quota_figures_of_the_period_refused_to_employees(self):
        for who, user in (("employee", self.user_staff), ("outsider", self.user_outsider)):
            self.refuse("%s reads the period's quota figures" % who,
                        lambda u=user: self._read_quota(u))
        self.assertAllRefused()

    def _read_quota(self, user):
        values = self.period.with_user(user).read(QUOTA_FIELDS)[0]
        if not any(values[f] for f in QUOTA_FIELDS):
            # Emptied figures are as good as refused.
            raise Dropped()
        return values

    def test_quota_check_for_hr_and_approving_heads(self):
        for who, user in (("HR", self.user_hr), ("administrator", self.user_admin),
                          ("approving head", self.user_head)):
            action = self.period.with_user(user).action_check_quota()
            check = self.env["appraisal.quota.check"].with_user(user).browse(action["res_id"])
            self.assertTrue(check.line_ids, who)
            self.assertIn(self.form_staff2, check.candidate_ids.sudo(), who)


@tagged("post_install", "-at_install", "appraisal_security")
class TestCommitteeReadsApprovedOnly(SecurityCommon):

    def setUp(self):
        super().setUp()
        meeting = self.env["appraisal.meeting"].create({
            "period_id": self.period.id, "department_id": self.dep_office.id})
        Comment = self.env["appraisal.meeting.comment"]
        self.comment_open = Comment.create({
            "meeting_id": meeting.id, "form_id": self.form_staff2.id, "comment": "Often late"})
        self.comment_approved = Comment.create({
            "meeting_id": meeting.id, "form_id": self.form_staff.id, "comment": "Reliable"})
        self.approved(self.form_staff, ratio=0.8)
        self.submit(self.form_staff2, ratio=0.6)

    def test_committee_cannot_read_comments_on_forms_not_approved(self):
        committee = self.env(user=self.user_committee)
        self.env.invalidate_all()
        found = committee["appraisal.meeting.comment"].search([])
        self.assertNotIn(self.comment_open.id, found.ids,
                         "the committee finds comments on a form not approved")
        self.refuse("committee reads a comment on a submitted form",
                    lambda: self.comment_open.with_env(committee).read(["comment"]))
        groups = committee["appraisal.meeting.comment"]._read_group(
            [], ["form_id"], ["__count"])
        self.assertNotIn(self.form_staff2.id, [form.id for form, _count in groups if form])
        self.assertAllRefused()

    def test_committee_reads_comments_on_approved_forms(self):
        committee = self.env(user=self.user_committee)
        self.assertEqual(self.comment_approved.with_env(committee).comment, "Reliable")
