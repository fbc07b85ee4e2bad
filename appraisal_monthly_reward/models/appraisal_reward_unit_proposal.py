from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.addons.appraisal_monthly import compat

from odoo.addons.appraisal_monthly.user_lang import in_user_lang
from odoo.addons.appraisal_monthly.workflow_write import in_workflow

from ..rules import workflow
from . import reward_gate


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
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.workflow.mixin",
                "appraisal.reward.unit.mixin"]
    _order = "campaign_id desc, unit_id"
    _check_company_auto = True
    _workflow_transitions = workflow.UNIT_PROPOSAL_TRANSITIONS
    _workflow_protected_fields = frozenset({"company_id"})

    # No check_company here: the company is the campaign's (a related
    # field, empty on a new record, which would offer no campaign at all).
    campaign_id = fields.Many2one(
        "appraisal.reward.campaign", required=True, index=True, ondelete="cascade",
        domain="[('state', '=', 'draft')]")
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
        "appraisal.reward.nomination", "proposal_id", string="Nominations",
        help="The unit's candidates in the campaign: found by Find Candidates or proposed by "
        "hand (a Giấy khen, or a title whose conditions the unit argues for).")


    def _check_head(self):
        if reward_gate.is_committee(self.env):
            return
        units = self._get_headed_units()
        if any(proposal.unit_id not in units for proposal in self):
            raise AccessError(self.env._("Only the head of the unit submits its list."))

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        self._workflow_check_create_values(vals_list)
        pairs = [(vals.get("campaign_id"), vals.get("unit_id")) for vals in vals_list]
        if len(set(pairs)) < len(pairs) or any(
                self.sudo().search_count([("campaign_id", "=", c), ("unit_id", "=", u)], limit=1)
                for c, u in pairs):
            raise UserError(self.env._("One list per unit and campaign."))
        proposals = super().create(vals_list)
        proposals._check_head()
        return proposals

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        self._workflow_check_write(vals)
        if not in_workflow(self):
            self._check_head()
            if {"campaign_id", "unit_id"} & set(vals):
                raise UserError(self.env._(
                    "The campaign and the unit of a list do not change: make a new list."))
            if self.filtered(lambda p: p.state != "draft") and not reward_gate.is_committee(
                    self.env):
                raise UserError(self.env._("A submitted list no longer changes."))
        return super(AppraisalRewardUnitProposal, reward_gate.tracked(self)).write(vals)

    @in_user_lang
    def unlink(self):
        return super().unlink()

    # ------------------------------------------------------------------
    # The gate: role, guards and follow-ups, by name
    # ------------------------------------------------------------------
    def _check_role(self, action):
        reward_gate.check_role(self, action)

    def _workflow_guards(self, action):
        return {
            "submit": ["_check_campaign_in_preparation", "_check_minutes"],
            "return": ["_check_campaign_in_preparation"],
        }.get(action, [])

    def _workflow_follow_ups(self, action):
        return {
            "submit": ["_submit_nominations"],
            "forward": ["_forward_nominations"],
            "return": ["_return_nominations"],
        }.get(action, [])

    def _workflow_transition_refusal(self, action, record):
        return {
            "submit": self.env._("This list cannot be submitted now."),
            "forward": self.env._("Only submitted lists can be forwarded."),
            "return": self.env._("Only submitted lists can be returned."),
        }[action]

    def _check_campaign_in_preparation(self):
        if self.filtered(lambda p: p.campaign_id.state != "draft"):
            raise UserError(self.env._("This list cannot be submitted now."))

    def _check_minutes(self):
        if self.filtered(lambda p: not p.minutes):
            raise UserError(self.env._(
                "Attach the minutes of the unit's review (biên bản bình xét) first."))

    def _submit_nominations(self):
        self.nomination_ids.filtered(
            lambda n: n.state == "draft" and (n.eligible or (n.justification or "").strip())
        )._run_step("submit")

    def _forward_nominations(self):
        self.nomination_ids.filtered(lambda n: n.state == "submitted")._run_step("forward")

    def _return_nominations(self):
        self.nomination_ids.filtered(lambda n: n.state == "submitted")._run_step("return")

    @in_user_lang
    def action_submit(self):
        return self._run_step("submit")

    @in_user_lang
    def action_forward(self):
        return self._run_step("forward")

    @in_user_lang
    def action_return(self):
        return self._run_step("return")
