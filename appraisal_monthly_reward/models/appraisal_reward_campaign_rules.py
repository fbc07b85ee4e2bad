import datetime

from markupsafe import Markup, escape

from odoo import api, fields, models

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from ..rules import amounts
from ..rules.amounts import vi_number


class AppraisalRewardCampaign(models.Model):
    """The rules a campaign runs on, stated on one screen when it opens
    (review date, minimum service, council threshold and deciding
    authorities per title, base salary in force) and confirmed by the
    committee, who changes them in Configuration before confirming."""

    _name = "appraisal.reward.campaign"
    _inherit = "appraisal.reward.campaign"

    review_date_effective = fields.Date(
        string="Review Date in Use", compute="_compute_rules_summary",
        help="Months since recruitment are counted to this date.")
    rules_summary = fields.Html(
        string="Rules of the Campaign", compute="_compute_rules_summary", sanitize=False)
    rules_confirmed = fields.Boolean(readonly=True, copy=False, tracking=True)
    rules_confirmed_user_id = fields.Many2one(
        "res.users", string="Rules Confirmed By", readonly=True, copy=False)
    rules_confirmed_date = fields.Datetime(readonly=True, copy=False)

    @api.depends_context("lang")
    @api.depends("year", "date_review", "company_id")
    def _compute_rules_summary(self):
        Title = self.env["appraisal.reward.title"].sudo()
        BaseSalary = self.env["appraisal.reward.base.salary"]
        for campaign in self:
            review = campaign.date_review or amounts.review_date(campaign.year or 2000)
            campaign.review_date_effective = review
            titles = Title.search([("company_id", "in", [campaign.company_id.id, False])])
            compare = dict(Title._fields["vote_compare"]._description_selection(self.env))
            base = dict(Title._fields["vote_base"]._description_selection(self.env))
            decided_on = datetime.date((campaign.year or 2000) + 1, 1, 15)
            salary = BaseSalary._get_amount_on(decided_on, campaign.company_id)
            months = max(titles.mapped("min_months") or [0])
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s %s%% %s</td>"
                       "<td>%s</td><td class='text-end'>%s</td></tr>") % (
                    title.name, title.min_months or "",
                    vi_number(title.coefficient),
                    compare.get(title.vote_compare, ""), vi_number(title.vote_percent),
                    base.get(title.vote_base, ""),
                    ", ".join(title.authority_ids.mapped("name")) or self.env._("nobody"),
                    vi_number(amounts.award_amount(title.coefficient, salary), 0))
                for title in titles)
            intro = self.env._(
                "Review date %(review)s: months since recruitment are counted to it "
                "(at least %(months)s months for the titles that require it). Base salary "
                "in force on %(decided)s: %(salary)s đ.",
                review=review.strftime("%d/%m/%Y"), months=months,
                decided=decided_on.strftime("%d/%m/%Y"), salary=vi_number(salary, 0))
            header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                            "<th class='text-end'>%s</th></tr>") % (
                self.env._("Title"), self.env._("Minimum Months"), self.env._("Coefficient"),
                self.env._("Council Vote"), self.env._("Granted By"),
                self.env._("Amount (đ)"))
            campaign.rules_summary = Markup(
                "<p>%s</p><table class='table table-sm table-bordered'><thead>%s</thead>"
                "<tbody>%s</tbody></table>") % (escape(intro), header, rows)

    @in_user_lang
    def action_confirm_rules(self):
        """The committee states that the rules shown are the ones to run."""
        self._run_step("confirm_rules", {
            "rules_confirmed": True, "rules_confirmed_user_id": self.env.uid,
            "rules_confirmed_date": fields.Datetime.now(),
        })
        for campaign in self:
            campaign._message_log(body=campaign.rules_summary)
        return True

    def _reward_rules_changed(self, vals):
        """A change of the review date asks for a new confirmation."""
        if "date_review" in vals or "year" in vals:
            self.filtered("rules_confirmed")._workflow_write({"rules_confirmed": False})
