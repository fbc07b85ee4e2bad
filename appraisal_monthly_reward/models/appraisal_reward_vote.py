from odoo import fields, models
from odoo.exceptions import AccessError, UserError
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
    reads and casts it (record rules), and only while the council votes."""

    _name = "appraisal.reward.vote"
    _description = "Council Ballot"
    _inherit = ["appraisal.reward.guard.mixin"]
    _order = "nomination_id, user_id"
    _reward_action_fields = ("nomination_id", "user_id", "date_vote")

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
    reason = fields.Text(related="nomination_id.reason")
    user_id = fields.Many2one("res.users", string="Member", required=True, index=True,
                              readonly=True)
    vote = fields.Selection(VOTE_SELECTION)
    date_vote = fields.Datetime(readonly=True)

    def write(self, vals):
        self._reward_check_write(vals)
        if "vote" in vals and not self._reward_is_internal():
            self._check_own_ballot()
            vals = dict(vals)
            with self._reward_internal():
                return super().write(dict(vals, date_vote=fields.Datetime.now()))
        return super().write(vals)

    def _check_own_ballot(self):
        """Only the member casts their ballot, while the council votes
        (whoever calls: superuser mode keeps the user)."""
        for ballot in self:
            if ballot.user_id.id != self.env.uid:
                raise AccessError(self.env._("A member casts only their own ballot."))
            if ballot.nomination_id.campaign_id.state != "voting":
                raise UserError(self.env._("The council is not voting on %(campaign)s.",
                                           campaign=ballot.nomination_id.campaign_id.name))
            if ballot.nomination_id.state != "checked":
                raise UserError(self.env._("This nomination is not put to the vote."))

    def _cast(self, value):
        self._check_own_ballot()
        with self._reward_internal():
            return self.write({"vote": value, "date_vote": fields.Datetime.now()})

    def action_vote_for(self):
        return self._cast("for")

    def action_vote_against(self):
        return self._cast("against")

    def action_vote_abstain(self):
        return self._cast("abstain")
