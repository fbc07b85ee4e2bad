from odoo import api, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from ..models.reward_gate import COMMITTEE_GROUP


class ReportCouncilMinutes(models.AbstractModel):
    """The council's minutes print the tallies: the committee's, and only
    once the vote is closed."""

    _name = "report.appraisal_monthly_reward.report_reward_council_minutes"
    _description = "Council Minutes"

    @api.model
    @in_user_lang
    def _get_report_values(self, docids, data=None):
        campaigns = self.env["appraisal.reward.campaign"].browse(docids)
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._(
                "Only the reward committee prints the council's minutes."))
        open_votes = campaigns.filtered(lambda c: c.state != "closed")
        if open_votes:
            raise UserError(self.env._(
                "The council's minutes are printed once the vote is closed (%(campaigns)s).",
                campaigns=", ".join(open_votes.mapped("name"))))
        return {
            "doc_ids": docids,
            "doc_model": "appraisal.reward.campaign",
            "docs": campaigns,
        }
