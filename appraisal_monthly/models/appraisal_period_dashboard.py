from odoo import api, fields, models

from ..rules import quota, workflow
from ..user_lang import in_user_lang

RATINGS = ("excellent", "good", "completed", "failed")


class AppraisalPeriod(models.Model):
    """HR dashboard of a period: forms per status, levels, Excellent quota.

    Forms per status and per level count what the user may read; the quota
    figures concern the whole company, as the quota check does.  Levels
    count the forms that have one (submitted, reviewed or approved): the
    projected distribution, approved or not.
    """

    _name = "appraisal.period"  # an aspect file: the same model, extended
    _inherit = "appraisal.period"

    rated_count = fields.Integer(
        string="Forms with a Level", compute="_compute_dashboard_counts"
    )
    rating_excellent_count = fields.Integer(
        string="Excellent", compute="_compute_dashboard_counts"
    )
    rating_good_count = fields.Integer(string="Good", compute="_compute_dashboard_counts")
    rating_completed_count = fields.Integer(
        string="Completed", compute="_compute_dashboard_counts"
    )
    rating_failed_count = fields.Integer(string="Failed", compute="_compute_dashboard_counts")
    rating_excellent_percent = fields.Float(
        string="Excellent (%)", compute="_compute_dashboard_counts", digits=(16, 1)
    )
    rating_good_percent = fields.Float(
        string="Good (%)", compute="_compute_dashboard_counts", digits=(16, 1)
    )
    rating_completed_percent = fields.Float(
        string="Completed (%)", compute="_compute_dashboard_counts", digits=(16, 1)
    )
    rating_failed_percent = fields.Float(
        string="Failed (%)", compute="_compute_dashboard_counts", digits=(16, 1)
    )
    quota_excellent_count = fields.Integer(
        string="Excellent (Quota)",
        compute="_compute_dashboard_quota",
        help="Forms rated Excellent in the whole company for this period, "
        "approved or on their way.",
    )
    quota_allowed_count = fields.Integer(
        string="Excellent Allowed",
        compute="_compute_dashboard_quota",
        help="Places given by the quota percentage of the Good ratings, plus "
        "places given by exceptions.",
    )
    quota_unlimited = fields.Boolean(
        string="Quota Lifted", compute="_compute_dashboard_quota",
        help="An exception lifts the company-wide limit.",
    )
    quota_exceeded = fields.Boolean(
        compute="_compute_dashboard_quota",
        help="The company or one of its quota groups has more Excellent "
        "than allowed.",
    )
    quota_status = fields.Char(string="Quota", compute="_compute_dashboard_quota")

    @api.depends_context("uid")
    def _compute_dashboard_counts(self):
        # Counts per status and lateness come from _compute_form_stats and
        # _compute_late_counts; only the levels are counted here.
        Form = self.env["appraisal.form"]
        by_rating = {}
        for period, rating, count in Form._read_group(
            [("period_id", "in", self.ids), ("state", "in", workflow.RATED_STATES), ("rating", "!=", False)],
            ["period_id", "rating"],
            ["__count"],
        ):
            by_rating[period.id, rating] = count
        for period in self:
            counts = {rating: by_rating.get((period.id, rating), 0) for rating in RATINGS}
            total = sum(counts.values())
            period.rated_count = total
            for rating, count in counts.items():
                period[f"rating_{rating}_count"] = count
                period[f"rating_{rating}_percent"] = 100.0 * count / total if total else 0.0

    @api.depends_context("uid")
    def _compute_dashboard_quota(self):
        for period in self:
            if not period.id or not period._may_see_quota():
                period.update({
                    "quota_excellent_count": 0,
                    "quota_allowed_count": 0,
                    "quota_unlimited": False,
                    "quota_exceeded": False,
                    "quota_status": False,
                })
                continue
            result = period._compute_quota(states=workflow.QUOTA_STATES)
            company = result["company"]
            unlimited = company.extra == quota.UNLIMITED
            exceeded = quota.exceeded_lines(result["groups"], company)
            if exceeded:
                status = period._quota_describe(result, exceeded)
            elif unlimited:
                status = self.env._("Within the quota (limit lifted by an exception)")
            else:
                status = self.env._("Within the quota")
            period.update({
                "quota_excellent_count": company.excellent,
                "quota_allowed_count": 0 if unlimited else company.allowed + company.extra,
                "quota_unlimited": unlimited,
                "quota_exceeded": bool(exceeded),
                "quota_status": status,
            })

    @in_user_lang
    def action_view_dashboard_forms(self):
        """The forms of the period in one status or at one level
        (``dashboard_state`` or ``dashboard_rating`` in the context)."""
        self.ensure_one()
        action = self.action_view_forms()
        domain = [("period_id", "=", self.id)]
        state = self.env.context.get("dashboard_state")
        rating = self.env.context.get("dashboard_rating")
        if state:
            domain.append(("state", "=", state))
            label = dict(
                self.env["appraisal.form"]._fields["state"]._description_selection(self.env)
            ).get(state, state)
        elif rating:
            domain += [("state", "in", workflow.RATED_STATES), ("rating", "=", rating)]
            label = dict(
                self.env["appraisal.form"]._fields["rating"]._description_selection(self.env)
            ).get(rating, rating)
        else:
            domain.append(("late_step", "!=", "none"))
            label = self.env._("Late")
        action["domain"] = domain
        action["name"] = self.env._("%(period)s: %(filter)s", period=self.name, filter=label)
        action["context"] = {"create": False}
        return action

    @in_user_lang
    def action_view_analysis(self):
        """Levels of the period by department, in the analysis report."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_report_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["name"] = self.env._("Levels of %(period)s", period=self.name)
        action["context"] = {"search_default_group_by_department": 1}
        return action
