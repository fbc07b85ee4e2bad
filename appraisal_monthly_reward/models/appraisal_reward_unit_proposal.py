from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from .appraisal_reward_campaign import COMMITTEE_GROUP


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

    _sql_constraints = [
        ("campaign_unit_uniq", "unique(campaign_id, unit_id)", "One list per unit and campaign."),
    ]

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
    @in_user_lang
    def create(self, vals_list):
        self = self._reward_clean_env()
        self._reward_check_create(vals_list)
        pairs = [(vals.get("campaign_id"), vals.get("unit_id")) for vals in vals_list]
        if len(set(pairs)) < len(pairs) or self.sudo().search_count([
                ("campaign_id", "in", [c for c, _u in pairs]),
                ("unit_id", "in", [u for _c, u in pairs])], limit=1) and any(
                self.sudo().search_count([("campaign_id", "=", c), ("unit_id", "=", u)], limit=1)
                for c, u in pairs):
            raise UserError(self.env._("One list per unit and campaign."))
        proposals = super().create(vals_list)
        proposals._check_head()
        return proposals

    @in_user_lang
    def write(self, vals):
        self._reward_check_write(vals)
        if {"campaign_id", "unit_id"} & set(vals):
            raise UserError(self.env._(
                "The campaign and the unit of a list do not change: make a new list."))
        return super(AppraisalRewardUnitProposal, self._reward_tracked()).write(vals)

    @in_user_lang
    def unlink(self):
        return super().unlink()

    def _reward_check_lock(self, vals):
        self._check_head()
        if self.filtered(lambda p: p.state != "draft") and not self.env.user.has_group(
                COMMITTEE_GROUP):
            raise UserError(self.env._("A submitted list no longer changes."))

    @in_user_lang
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

    @in_user_lang
    def action_forward(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._("Only the emulation officer forwards the lists."))
        if self.filtered(lambda p: p.state != "submitted"):
            raise UserError(self.env._("Only submitted lists can be forwarded."))
        self.nomination_ids.filtered(lambda n: n.state == "submitted")._reward_write(
            {"state": "checked"})
        self._reward_write({"state": "forwarded"})
        return True

    @in_user_lang
    def action_return(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._("Only the emulation officer returns the lists."))
        if self.filtered(lambda p: p.state != "submitted" or p.campaign_id.state != "draft"):
            raise UserError(self.env._("Only submitted lists can be returned."))
        self.nomination_ids.filtered(lambda n: n.state == "submitted")._reward_write(
            {"state": "draft"})
        self._reward_write({"state": "draft"})
        return True
