from odoo import api, fields, models

from odoo.addons.appraisal_monthly.user_lang import in_user_lang


class AppraisalRewardDecisionCreate(models.TransientModel):
    """Draft a decision from a campaign's passed nominations, for the
    titles one authority may grant."""

    _name = "appraisal.reward.decision.create"
    _inherit = ["appraisal.input.mixin"]
    _description = "Draft a Commendation Decision"

    campaign_id = fields.Many2one("appraisal.reward.campaign", required=True)
    authority_id = fields.Many2one(
        "appraisal.reward.authority", required=True,
        default=lambda self: self.env["appraisal.reward.authority"].search([], limit=1))
    available_title_ids = fields.Many2many(
        "appraisal.reward.title", compute="_compute_available_title_ids")
    title_ids = fields.Many2many(
        "appraisal.reward.title", string="Titles",
        compute="_compute_title_ids", store=True, readonly=False,
        help="The passed nominations of these titles go into the decision.")
    number = fields.Char(help="Leave empty: the number is given on issue.")
    date = fields.Date(required=True, default=fields.Date.context_today)
    signer_name = fields.Char(string="Signed By")
    quota_summary = fields.Text(related="campaign_id.quota_summary")

    @api.depends("campaign_id")
    def _compute_available_title_ids(self):
        for wizard in self:
            wizard.available_title_ids = wizard.campaign_id.nomination_ids.filtered(
                lambda n: n.state == "passed").title_id

    @api.depends("campaign_id", "authority_id")
    def _compute_title_ids(self):
        for wizard in self:
            wizard.title_ids = wizard.available_title_ids.filtered(
                lambda t, w=wizard: w.authority_id in t.authority_ids)

    @in_user_lang
    def action_create(self):
        self.ensure_one()
        decision = self.campaign_id._create_decision(
            self.authority_id, titles=self.title_ids, number=self.number, date=self.date,
            signer_name=self.signer_name)
        return {
            "type": "ir.actions.act_window",
            "res_model": "appraisal.reward.decision",
            "res_id": decision.id,
            "view_mode": "form",
            "target": "current",
        }
