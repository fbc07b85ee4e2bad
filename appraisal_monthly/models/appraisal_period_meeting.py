from odoo import api, fields, models


class AppraisalPeriod(models.Model):
    """The unit meetings held for the period, reachable from it."""

    _inherit = "appraisal.period"

    meeting_ids = fields.One2many("appraisal.meeting", "period_id", string="Unit Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_count")

    @api.depends_context("uid")
    @api.depends("meeting_ids")
    def _compute_meeting_count(self):
        counts = {
            period.id: count
            for period, count in self.env["appraisal.meeting"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        }
        for period in self:
            period.meeting_count = counts.get(period.id, 0)

    def action_open_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_meeting_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
