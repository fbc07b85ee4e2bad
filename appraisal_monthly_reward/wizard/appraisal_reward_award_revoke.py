from odoo import fields, models

from odoo.addons.appraisal_monthly.user_lang import in_user_lang


class AppraisalRewardAwardRevoke(models.TransientModel):
    _name = "appraisal.reward.award.revoke"
    _inherit = ["appraisal.input.mixin"]
    _description = "Revoke Commendation Awards"

    award_ids = fields.Many2many("appraisal.reward.award", required=True)
    reason = fields.Text(required=True)
    reference = fields.Char(
        string="Revocation Decision", required=True, help="E.g. 20/QĐ-UBND.")
    date = fields.Date(required=True, default=fields.Date.context_today)

    @in_user_lang
    def action_revoke(self):
        self.ensure_one()
        self.award_ids.action_revoke(reason=self.reason, reference=self.reference, date=self.date)
        return {"type": "ir.actions.act_window_close"}
