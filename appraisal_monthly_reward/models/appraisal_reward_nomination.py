from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang
from odoo.addons.appraisal_monthly.workflow_write import in_workflow

from ..rules import workflow
from . import reward_gate
from .appraisal_reward_campaign import OPEN_NOMINATION_STATES
from .reward_gate import COMMITTEE_GROUP
from .appraisal_reward_nomination_condition import CONDITION_CODES

NOMINATION_STATES = [
    ("draft", "Proposed"),
    ("submitted", "Submitted by Unit"),
    ("checked", "Forwarded to Council"),
    ("passed", "Passed"),
    ("rejected", "Not Passed"),
    ("withdrawn", "Withdrawn"),
    ("awarded", "Awarded"),
]
# What a unit head may change on a nomination of their unit, in draft.
UNIT_HEAD_FIELDS = {"justification", "achievement_report", "achievement_report_name", "note"}
# Written by the ORM when the unit's list changes (a computed link).
LINK_FIELDS = {"proposal_id"}
# What nobody changes once made (delete and propose again instead).
KEY_FIELDS = {"campaign_id", "title_id", "employee_id", "department_id"}


class AppraisalRewardNomination(models.Model):
    """A person (or unit) proposed for a title in a campaign, with every
    condition of the title, met or not, and why."""

    _name = "appraisal.reward.nomination"
    _description = "Commendation Nomination"
    _inherit = ["mail.thread", "appraisal.workflow.mixin", "appraisal.reward.unit.mixin"]
    _order = "campaign_id desc, title_sequence, unit_id, employee_id, id"
    _check_company_auto = True
    _workflow_transitions = workflow.NOMINATION_TRANSITIONS
    # Set by the steps, the evaluation and the count only.
    _workflow_protected_fields = frozenset({
        "passed", "origin", "summary_id", "condition_ids", "vote_ids", "eligible", "unit_id",
        "company_id", "year", "title_sequence"})

    # No check_company here: the company is the campaign's (a related
    # field, empty on a new record, which would offer no campaign at all).
    campaign_id = fields.Many2one(
        "appraisal.reward.campaign", required=True, index=True, ondelete="cascade",
        domain="[('state', '=', 'draft')]")
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    year = fields.Integer(related="campaign_id.year", store=True, aggregator=False)
    campaign_state = fields.Selection(related="campaign_id.state", string="Campaign Status")
    title_id = fields.Many2one("appraisal.reward.title", required=True, index=True)
    title_scope = fields.Selection(related="title_id.scope", string="Title Scope")
    title_sequence = fields.Integer(related="title_id.sequence", store=True)
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True)
    department_id = fields.Many2one(
        "hr.department", string="Unit Proposed", index=True, check_company=True,
        help="For a collective title: the unit proposed.")
    unit_id = fields.Many2one(
        "hr.department", compute="_compute_unit_id", store=True, index=True,
        help="The unit that proposes: the unit the person was in during the campaign's year "
        "(their department when proposed, without an annual result), or the unit itself.")
    proposal_id = fields.Many2one(
        "appraisal.reward.unit.proposal", string="Unit List", compute="_compute_proposal_id",
        store=True, readonly=False, index="btree_not_null", ondelete="set null",
        help="The list of the unit that proposes the candidate in this campaign.")
    summary_id = fields.Many2one(
        "appraisal.summary", string="Annual Result", readonly=True, index="btree_not_null")
    level = fields.Selection(related="summary_id.rating", string="Annual Level")
    score = fields.Float(related="summary_id.average_score", string="Annual Score")
    condition_ids = fields.One2many(
        "appraisal.reward.nomination.condition", "nomination_id", string="Conditions",
        readonly=True)
    eligible = fields.Boolean(
        compute="_compute_eligible", store=True, index=True,
        help="Every condition of the title is met.")
    reason = fields.Text(compute="_compute_reason", string="Conditions Summary")
    origin = fields.Selection(
        [("auto", "Find Candidates"), ("manual", "Proposed by Hand")],
        default="manual", required=True, readonly=True)
    justification = fields.Text(
        help="Why the unit proposes this candidate although a condition is not met.")
    achievement_report = fields.Binary(
        attachment=True,
        help="The candidate's report of achievements (báo cáo thành tích).")
    achievement_report_name = fields.Char()
    note = fields.Text()
    state = fields.Selection(
        NOMINATION_STATES, default="draft", required=True, readonly=True, tracking=True,
        index=True, copy=False)
    vote_ids = fields.One2many("appraisal.reward.vote", "nomination_id", string="Ballots")
    # The tallies: the committee's, once the vote is closed.
    votes_for = fields.Integer(compute="_compute_votes", groups=COMMITTEE_GROUP)
    votes_against = fields.Integer(compute="_compute_votes", groups=COMMITTEE_GROUP)
    votes_abstain = fields.Integer(compute="_compute_votes", groups=COMMITTEE_GROUP)
    votes_missing = fields.Integer(string="Not Cast", compute="_compute_votes",
                                   groups=COMMITTEE_GROUP)
    votes_counted = fields.Boolean(
        compute="_compute_votes", help="The vote is closed: its tallies may be read.")
    vote_count = fields.Integer(string="Ballots Opened", compute="_compute_votes")
    unmet_code = fields.Selection(
        CONDITION_CODES, string="First Condition Not Met", compute="_compute_eligible",
        store=True, help="Why the candidate is not eligible (the first condition not met).")
    passed = fields.Boolean(readonly=True, copy=False, tracking=True)
    award_ids = fields.One2many("appraisal.reward.award", "nomination_id", string="Awards")

    @api.depends("employee_id", "department_id", "summary_id.span_department_id")
    def _compute_unit_id(self):
        for nomination in self:
            # The unit the person was in during the year (that of their
            # annual result), else their department when proposed.
            nomination.unit_id = (
                nomination.department_id or nomination.summary_id.sudo().span_department_id
                or nomination.unit_id or nomination.employee_id.department_id)

    @api.depends("campaign_id.unit_proposal_ids.unit_id", "unit_id")
    def _compute_proposal_id(self):
        for nomination in self:
            nomination.proposal_id = nomination.campaign_id.unit_proposal_ids.filtered(
                lambda p, n=nomination: p.unit_id == n.unit_id)[:1]

    @api.constrains("proposal_id", "unit_id", "campaign_id")
    def _check_proposal_unit(self):
        for nomination in self:
            proposal = nomination.proposal_id
            if proposal and (proposal.campaign_id != nomination.campaign_id
                             or proposal.unit_id != nomination.unit_id):
                raise ValidationError(self.env._(
                    "%(candidate)s belongs on the list of %(unit)s.",
                    candidate=nomination.display_name, unit=nomination.unit_id.name or ""))

    @api.depends("condition_ids.met", "condition_ids.code", "condition_ids.sequence")
    def _compute_eligible(self):
        for nomination in self:
            lines = nomination.condition_ids
            nomination.eligible = bool(lines) and all(lines.mapped("met"))
            unmet = lines.filtered(lambda line: not line.met).sorted("sequence")[:1]
            nomination.unmet_code = unmet.code or False

    @api.depends("condition_ids")
    def _compute_reason(self):
        for nomination in self:
            nomination.reason = "\n".join(nomination.condition_ids.mapped("reason")) or False

    @api.depends_context("uid")
    @api.depends("vote_ids.vote", "state", "campaign_id.state")
    def _compute_votes(self):
        committee = self.env.su or self.env.user.has_group(COMMITTEE_GROUP)
        for nomination in self:
            counted = nomination._tally_readable()
            nomination.votes_counted = counted
            ballots = nomination.sudo().vote_ids.mapped("vote")
            values = ballots if counted and committee else []
            nomination.votes_for = values.count("for")
            nomination.votes_against = values.count("against")
            nomination.votes_abstain = values.count("abstain")
            # How many ballots are opened and not yet cast is the procedure,
            # not the tally: the committee follows it while the council votes.
            nomination.votes_missing = len([v for v in ballots if not v]) if committee else 0
            nomination.vote_count = len(ballots)

    def _tally_readable(self):
        """The tallies exist for readers once the vote is closed (counted)."""
        self.ensure_one()
        return self.campaign_id.state == "closed" or self.state in ("passed", "rejected", "awarded")

    @api.depends("title_id", "employee_id", "department_id")
    def _compute_display_name(self):
        for nomination in self:
            who = nomination.employee_id.name or nomination.department_id.name or ""
            nomination.display_name = "%s - %s" % (nomination.title_id.name or "", who)

    @api.constrains("title_id", "employee_id", "department_id", "campaign_id")
    def _check_candidate(self):
        for nomination in self:
            scope = nomination.title_id.scope
            if scope == "individual" and (not nomination.employee_id or nomination.department_id):
                raise ValidationError(self.env._(
                    "%(title)s is an individual title: propose an employee.",
                    title=nomination.title_id.name))
            if scope == "collective" and (not nomination.department_id or nomination.employee_id):
                raise ValidationError(self.env._(
                    "%(title)s is a collective title: propose a unit.",
                    title=nomination.title_id.name))
        keys = [n._get_candidate_key() for n in self]
        others = self.sudo().search([
            ("campaign_id", "in", self.campaign_id.ids), ("title_id", "in", self.title_id.ids),
            ("id", "not in", self.ids)])
        taken = {n._get_candidate_key() + (n.campaign_id.id,) for n in others}
        seen = set()
        for nomination, key in zip(self, keys):
            full = key + (nomination.campaign_id.id,)
            if full in taken or full in seen:
                raise ValidationError(self.env._(
                    "%(candidate)s is already proposed in this campaign.",
                    candidate=nomination.display_name))
            seen.add(full)

    def _get_candidate_key(self):
        self.ensure_one()
        if self.department_id:
            return (self.title_id.id, "unit", self.department_id.id)
        return (self.title_id.id, "person", self.employee_id.id)

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _is_manager(self):
        return self.env.su or self.env.user.has_group(COMMITTEE_GROUP)

    def _check_unit_head(self):
        """The committee, or the head of each nomination's unit."""
        if self._is_manager():
            return
        units = self._get_headed_units()
        for nomination in self:
            if nomination.unit_id not in units:
                raise AccessError(self.env._(
                    "Only the head of %(unit)s or the reward committee may propose for it.",
                    unit=nomination.unit_id.name or self.env._("(no unit)")))

    def _check_draft_campaign(self):
        for nomination in self:
            if nomination.campaign_id.state != "draft":
                raise UserError(self.env._(
                    "Campaign %(campaign)s has gone to the council: its nominations no longer "
                    "change.", campaign=nomination.campaign_id.name))

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        internal = self._workflow_creating_internally()
        if not internal and any(vals.get("origin") == "auto" for vals in vals_list):
            raise UserError(self.env._("Find Candidates alone makes automatic nominations."))
        self._workflow_check_create_values(vals_list)
        nominations = super().create(vals_list)
        nominations._check_draft_campaign()
        if not internal:
            nominations._check_unit_head()
            for campaign in nominations.campaign_id:
                campaign._evaluate(nominations=nominations.filtered(
                    lambda n, c=campaign: n.campaign_id == c))
        return nominations

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        self._workflow_check_write(vals)
        if not in_workflow(self):
            self._check_nomination_lock(vals)
        return super(AppraisalRewardNomination, reward_gate.tracked(self)).write(vals)

    @in_user_lang
    def unlink(self):
        return super().unlink()

    @in_user_lang
    def read(self, *args, **kwargs):
        # A refused read of the tallies speaks the user's language too.
        return super().read(*args, **kwargs)

    def _check_nomination_lock(self, vals):
        if KEY_FIELDS & set(vals):
            raise UserError(self.env._(
                "The candidate and the title of a nomination do not change: withdraw it and "
                "propose again."))
        if not self._is_manager():
            self._check_unit_head()
            extra = set(vals) - UNIT_HEAD_FIELDS - LINK_FIELDS
            if extra:
                raise AccessError(self.env._(
                    "A unit may change only the justification, the report and the note."))
            if self.filtered(lambda n: n.state != "draft"):
                raise UserError(self.env._("A submitted nomination no longer changes."))

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda n: n.state not in ("draft", "submitted") or n.award_ids):
            raise UserError(self.env._(
                "Only a nomination not yet forwarded to the council can be deleted."))
        self._check_unit_head()

    # ------------------------------------------------------------------
    # The gate: role, guards and follow-ups, by name
    # ------------------------------------------------------------------
    def _check_role(self, action):
        reward_gate.check_role(self, action)

    def _workflow_guards(self, action):
        return {
            "submit": ["_check_draft_campaign", "_check_proposable"],
            "forward": ["_check_draft_campaign", "_check_proposable"],
            "withdraw": ["_check_not_decided"],
        }.get(action, [])

    def _workflow_step_values(self, action, target):
        if action in ("pass", "reject", "reopen_vote", "back_to_unit"):
            return {"passed": action == "pass"}
        return {}

    def _after_transition(self, action, previous_states=None, reason=None, **kwargs):
        if action == "withdraw":
            self._log_withdrawal(reason)

    def _workflow_transition_refusal(self, action, record):
        message = {
            "submit": self.env._("Only proposed nominations can be submitted."),
            "forward": self.env._("Only proposed or submitted nominations can be forwarded."),
            "withdraw": self.env._("A decided nomination cannot be withdrawn."),
        }.get(action)
        return message or super()._workflow_transition_refusal(action, record)

    def _check_proposable(self):
        for nomination in self:
            if not nomination.eligible and not (nomination.justification or "").strip():
                raise UserError(self.env._(
                    "%(nomination)s does not meet every condition: write the justification "
                    "first.", nomination=nomination.display_name))

    def _check_not_decided(self):
        if self.filtered(lambda n: n.award_ids.filtered(
                lambda a: a.decision_id.state != "cancelled")):
            raise UserError(self.env._("A decided nomination cannot be withdrawn."))

    def _log_withdrawal(self, reason):
        for nomination in self:
            nomination._message_log(body=self.env._(
                "Withdrawn. Reason: %(reason)s", reason=reason or self.env._("(none given)")))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @in_user_lang
    def action_submit(self):
        return self._run_step("submit")

    @in_user_lang
    def action_forward(self):
        return self._run_step("forward")

    @in_user_lang
    def action_withdraw(self, reason=None):
        """The committee takes a nomination out (e.g. to respect a quota)."""
        reward_gate.check_text(self.env, reason)
        return self._run_step("withdraw", reason=reason)

    @in_user_lang
    def action_refresh_conditions(self):
        """Evaluate the conditions again, for open nominations only (those
        put to the council keep the conditions it saw)."""
        self._check_unit_head()
        closed = self.filtered(lambda n: n.state not in OPEN_NOMINATION_STATES
                               or n.campaign_id.state != "draft")
        if closed:
            raise UserError(self.env._(
                "The conditions of %(nominations)s were settled when it went to the "
                "council: only open nominations are evaluated again.",
                nominations=", ".join(closed.mapped("display_name"))))
        for campaign in self.campaign_id:
            campaign._evaluate(nominations=self.filtered(lambda n, c=campaign: n.campaign_id == c))
        return True

    def _prepare_award_vals(self):
        self.ensure_one()
        return {
            "nomination_id": self.id,
            "title_id": self.title_id.id,
            "employee_id": self.employee_id.id or False,
            "department_id": self.department_id.id or False,
            "year": self.year,
        }
