from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.addons.appraisal_monthly import compat

from .appraisal_reward_campaign import COMMITTEE_GROUP


@compat.sql_constraints(
    (
        "campaign_unit_uniq",
        "unique(campaign_id, unit_id)",
        "One list per unit and campaign.",
    ),
)
class AppraisalRewardUnitProposal(models.Model):
    """A unit's list for a campaign: the minutes of its review meeting
    (biên bản bình xét), then submitted by its head and forwarded by the
    emulation officer."""

    _name = "appraisal.reward.unit.proposal"
    _description = "Unit Commendation Proposal"
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.reward.guard.mixin",
                "appraisal.reward.unit.mixin"]
    _order = "campaign_id desc, unit_id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "appraisal.reward.campaign", required=True, index=True, ondelete="cascade",
        check_company=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    unit_id = fields.Many2one("hr.department", required=True, index=True,
                              check_company=True)
    date_meeting = fields.Date(string="Review Meeting")
    minutes = fields.Binary(string="Minutes of the Review", attachment=True)
    minutes_name = fields.Char()
    note = fields.Text()
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("forwarded", "Forwarded")],
        default="draft", required=True, readonly=True, tracking=True, copy=False)
    nomination_ids = fields.One2many(
        "appraisal.reward.nomination", compute="_compute_nomination_ids", string="Nominations")

    @api.depends("campaign_id", "unit_id")
    def _compute_nomination_ids(self):
        for proposal in self:
            proposal.nomination_ids = proposal.campaign_id.nomination_ids.filtered(
                lambda n, p=proposal: n.unit_id == p.unit_id)

    def _check_head(self):
        if self.env.user.has_group(COMMITTEE_GROUP):
            return
        units = self._get_headed_units()
        if any(proposal.unit_id not in units for proposal in self):
            raise AccessError(self.env._("Only the head of the unit submits its list."))

    @api.model_create_multi
    def create(self, vals_list):
        self._reward_check_create(vals_list)
        proposals = super().create(vals_list)
        proposals._check_head()
        return proposals

    def write(self, vals):
        self._reward_check_write(vals)
        return super().write(vals)

    def _reward_check_lock(self, vals):
        self._check_head()
        if self.filtered(lambda p: p.state != "draft") and not self.env.user.has_group(
                COMMITTEE_GROUP):
            raise UserError(self.env._("A submitted list no longer changes."))

    def action_submit(self):
        self._check_head()
        for proposal in self:
            if proposal.state != "draft" or proposal.campaign_id.state != "draft":
                raise UserError(self.env._("This list cannot be submitted now."))
            if not proposal.minutes:
                raise UserError(self.env._(
                    "Attach the minutes of the unit's review (biên bản bình xét) first."))
            nominations = proposal.nomination_ids.filtered(
                lambda n: n.state == "draft" and (n.eligible or (n.justification or "").strip()))
            nominations._reward_write({"state": "submitted"})
        self._reward_write({"state": "submitted"})
        return True

    def action_forward(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._("Only the emulation officer forwards the lists."))
        if self.filtered(lambda p: p.state != "submitted"):
            raise UserError(self.env._("Only submitted lists can be forwarded."))
        self.nomination_ids.filtered(lambda n: n.state == "submitted")._reward_write(
            {"state": "checked"})
        self._reward_write({"state": "forwarded"})
        return True

    def action_return(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._("Only the emulation officer returns the lists."))
        if self.filtered(lambda p: p.state != "submitted" or p.campaign_id.state != "draft"):
            raise UserError(self.env._("Only submitted lists can be returned."))
        self.nomination_ids.filtered(lambda n: n.state == "submitted")._reward_write(
            {"state": "draft"})
        self._reward_write({"state": "draft"})
        return True
