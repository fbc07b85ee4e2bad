from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang
from odoo.addons.appraisal_monthly.workflow_write import in_workflow

from ..rules import workflow
from . import reward_gate
from odoo.addons.appraisal_monthly import compat

VOTE_SELECTION = [("for", "For"), ("against", "Against"), ("abstain", "Abstain")]


@compat.sql_constraints(
    (
        "nomination_user_uniq",
        "unique(nomination_id, user_id)",
        "A member has one ballot per nomination.",
    ),
)
class AppraisalRewardVote(models.Model):
    """One council member's ballot on one nomination.  Only that member
    reads and casts it (record rules), and only while the council votes.

    Ballots are made when the vote opens (one per member frozen in the
    council and nomination, none on the member's own nomination); a cast
    ballot is never deleted.  Casting and closing the vote are serialised
    on the campaign's row."""

    _name = "appraisal.reward.vote"
    _description = "Council Ballot"
    _inherit = ["appraisal.workflow.mixin"]
    _order = "nomination_id, user_id"
    # The ballot's status is its value: not cast, then for, against or abstain.
    _workflow_state_field = "vote"
    _workflow_initial_state = False
    _workflow_transitions = workflow.BALLOT_TRANSITIONS
    _workflow_serialised_actions = tuple(workflow.BALLOT_TRANSITIONS)
    # (the nomination and the member are given when the vote opens, and
    # never change: see write)
    _workflow_protected_fields = frozenset({"date_vote", "campaign_id", "company_id"})

    nomination_id = fields.Many2one(
        "appraisal.reward.nomination", required=True, index=True, ondelete="cascade",
        readonly=True)
    campaign_id = fields.Many2one(
        related="nomination_id.campaign_id", store=True, index=True)
    company_id = fields.Many2one(related="nomination_id.company_id", store=True, index=True)
    title_id = fields.Many2one(related="nomination_id.title_id")
    employee_id = fields.Many2one(related="nomination_id.employee_id")
    department_id = fields.Many2one(related="nomination_id.department_id")
    eligible = fields.Boolean(related="nomination_id.eligible")
    reason = fields.Text(related="nomination_id.reason", string="Conditions")
    justification = fields.Text(
        related="nomination_id.justification", string="Unit's Justification")
    unit_id = fields.Many2one(related="nomination_id.unit_id", string="Proposing Unit")
    level = fields.Selection(related="nomination_id.level")
    user_id = fields.Many2one("res.users", string="Member", required=True, index=True,
                              readonly=True)
    vote = fields.Selection(VOTE_SELECTION)
    date_vote = fields.Datetime(readonly=True)

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        # The server's own code (opening the vote) makes the ballots; no
        # user has the right to create one (ir.model.access).
        if not (self._workflow_creating_internally() or self.env.su):
            raise UserError(self.env._(
                "Ballots are made when the council's vote opens, one per member and "
                "nomination."))
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        if {"nomination_id", "user_id"} & set(vals) and not in_workflow(self):
            raise UserError(self._workflow_write_refusal({"nomination_id", "user_id"} & set(vals)))
        if "vote" in vals and not in_workflow(self):
            # Casting a ballot is the step of the member, whatever the path.
            rest = dict(vals)
            value = rest.pop("vote")
            if rest:
                self._workflow_check_write(rest)
            if not value:
                raise UserError(self.env._("A cast ballot is never withdrawn."))
            return self._run_step("cast_" + value)
        return super().write(vals)

    @in_user_lang
    def unlink(self):
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cast(self):
        if self.filtered("vote") or not in_workflow(self):
            raise UserError(self.env._("A council ballot is never deleted."))

    # ------------------------------------------------------------------
    # The gate: only the member casts, while the council votes; the
    # campaign's row serialises casting and closing the vote.
    # ------------------------------------------------------------------
    def _check_role(self, action):
        reward_gate.check_role(self, action)

    def _workflow_lock(self, action):
        self.sudo().campaign_id._lock_rows()

    def _workflow_guards(self, action):
        return ["_check_council_voting"]

    def _workflow_step_values(self, action, target):
        return {"date_vote": fields.Datetime.now()}

    def _workflow_follow_ups(self, action):
        return ["_close_member_todos"]

    def _check_council_voting(self):
        for ballot in self.sudo():
            nomination = ballot.nomination_id
            if nomination.campaign_id.state != "voting":
                raise UserError(self.env._("The council is not voting on %(campaign)s.",
                                           campaign=nomination.campaign_id.name))
            if nomination.state != "checked":
                raise UserError(self.env._("This nomination is not put to the vote."))

    def _close_member_todos(self):
        """The member's to-do on a campaign is done once every ballot of
        theirs in it is cast."""
        for campaign in self.campaign_id:
            left = self.sudo().search_count([
                ("campaign_id", "=", campaign.id), ("user_id", "=", self.env.uid),
                ("vote", "=", False)])
            if not left:
                campaign.sudo().activity_feedback(
                    ["appraisal_monthly_reward.mail_activity_reward_vote"], user_id=self.env.uid)

    @in_user_lang
    def action_vote_for(self):
        return self._run_step("cast_for")

    @in_user_lang
    def action_vote_against(self):
        return self._run_step("cast_against")

    @in_user_lang
    def action_vote_abstain(self):
        return self._run_step("cast_abstain")
