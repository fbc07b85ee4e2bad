from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

VOTE_SELECTION = [("for", "For"), ("against", "Against"), ("abstain", "Abstain")]


class AppraisalRewardVote(models.Model):
    """One council member's ballot on one nomination.  Only that member
    reads and casts it (record rules), and only while the council votes.

    Ballots are made when the vote opens (one per member frozen in the
    council and nomination, none on the member's own nomination); a cast
    ballot is never deleted.  Casting and closing the vote are serialised
    on the campaign's row."""

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

    _sql_constraints = [
        ("nomination_user_uniq", "unique(nomination_id, user_id)",
         "A member has one ballot per nomination."),
    ]

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        if not self._reward_is_creating():
            raise UserError(self.env._(
                "Ballots are made when the council's vote opens, one per member and "
                "nomination."))
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        self._reward_check_write(vals)
        if "vote" in vals and not self._reward_is_internal():
            self._check_own_ballot()
            with self._reward_internal():
                return super().write(dict(vals, date_vote=fields.Datetime.now()))
        return super().write(vals)

    @in_user_lang
    def unlink(self):
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cast(self):
        if self.filtered("vote") or not self._reward_is_internal():
            raise UserError(self.env._("A council ballot is never deleted."))

    def _check_own_ballot(self):
        """Only the member casts their ballot, while the council votes
        (whoever calls: superuser mode keeps the user); never on their own
        nomination.  The campaign's row is locked first: a ballot cast
        while the vote is being closed waits, then is refused."""
        self.sudo().campaign_id._lock_rows()
        for ballot in self:
            nomination = ballot.sudo().nomination_id
            if ballot.sudo().user_id.id != self.env.uid:
                raise AccessError(self.env._("A member casts only their own ballot."))
            if nomination.employee_id.user_id.id == self.env.uid:
                raise AccessError(self.env._("Nobody votes on their own nomination."))
            if nomination.campaign_id.state != "voting":
                raise UserError(self.env._("The council is not voting on %(campaign)s.",
                                           campaign=nomination.campaign_id.name))
            if nomination.state != "checked":
                raise UserError(self.env._("This nomination is not put to the vote."))

    def _cast(self, value):
        self._check_own_ballot()
        with self._reward_internal():
            return self.sudo().write({"vote": value, "date_vote": fields.Datetime.now()})

    @in_user_lang
    def action_vote_for(self):
        return self._cast("for")

    @in_user_lang
    def action_vote_against(self):
        return self._cast("against")

    @in_user_lang
    def action_vote_abstain(self):
        return self._cast("abstain")
