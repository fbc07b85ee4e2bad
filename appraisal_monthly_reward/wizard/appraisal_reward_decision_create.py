from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang


class AppraisalRewardDecisionCreate(models.TransientModel):
    """Draft a decision from a campaign's passed nominations: the dialog
    lists those not yet in a decision, pre-selects the ones of the chosen
    titles that the authority may grant, and the committee picks."""

    _name = "appraisal.reward.decision.create"
    _inherit = ["appraisal.input.mixin"]
    _description = "Draft a Commendation Decision"

    campaign_id = fields.Many2one("appraisal.reward.campaign", required=True)
    authority_id = fields.Many2one(
        "appraisal.reward.authority", required=True,
        default=lambda self: self.env["appraisal.reward.authority"].search([], limit=1))
    available_nomination_ids = fields.Many2many(
        "appraisal.reward.nomination", compute="_compute_available_nomination_ids",
        string="Passed, Not Yet Decided")
    available_title_ids = fields.Many2many(
        "appraisal.reward.title", compute="_compute_available_nomination_ids")
    title_ids = fields.Many2many(
        "appraisal.reward.title", string="Titles",
        compute="_compute_title_ids", store=True, readonly=False,
        help="Pre-selects the passed nominations of these titles.")
    nomination_ids = fields.Many2many(
        "appraisal.reward.nomination", "appraisal_reward_decision_create_nomination_rel",
        "wizard_id", "nomination_id", string="Nominations in the Decision",
        compute="_compute_nomination_ids", store=True, readonly=False,
        help="The passed nominations the decision awards: remove or add as the committee "
        "decides (e.g. one title split over two decisions).")
    number = fields.Char(help="Leave empty: the number is given on issue.")
    date = fields.Date(required=True, default=fields.Date.context_today)
    date_warning = fields.Char(compute="_compute_date_warning")
    signer_name = fields.Char(string="Signed By")
    quota_summary = fields.Text(related="campaign_id.quota_summary")

    @api.depends("campaign_id")
    def _compute_available_nomination_ids(self):
        for wizard in self:
            available = wizard.campaign_id._get_undecided_nominations()
            wizard.available_nomination_ids = available
            wizard.available_title_ids = available.title_id

    @api.depends("campaign_id", "authority_id")
    def _compute_title_ids(self):
        for wizard in self:
            # In a dialog, the values are new records: compare their origins.
            authority = wizard.authority_id._origin
            wizard.title_ids = wizard.available_title_ids._origin.filtered(
                lambda t, a=authority: a in t.authority_ids._origin)

    @api.depends("title_ids", "authority_id")
    def _compute_nomination_ids(self):
        for wizard in self:
            authority, titles = wizard.authority_id._origin, wizard.title_ids._origin
            wizard.nomination_ids = wizard.available_nomination_ids._origin.filtered(
                lambda n, a=authority, t=titles: n.title_id in t
                and a in n.title_id.authority_ids)

    @api.depends("date", "campaign_id")
    def _compute_date_warning(self):
        for wizard in self:
            wizard.date_warning = wizard.campaign_id._get_decision_date_warning(wizard.date)

    @in_user_lang
    def action_create(self):
        self.ensure_one()
        if not self.nomination_ids:
            raise UserError(self.env._(
                "Pick the nominations the decision awards: none is selected "
                "(%(count)s passed nominations are waiting for a decision).",
                count=len(self.available_nomination_ids)))
        decision = self.campaign_id._create_decision(
            self.authority_id, nominations=self.nomination_ids, number=self.number,
            date=self.date, signer_name=self.signer_name)
        return {
            "type": "ir.actions.act_window",
            "res_model": "appraisal.reward.decision",
            "res_id": decision.id,
            "view_mode": "form",
            "target": "current",
        }
