from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.appraisal_monthly.number_format import format_number
from odoo.addons.appraisal_monthly.user_lang import in_user_lang
from odoo.addons.appraisal_monthly.workflow_write import in_workflow

from ..rules import workflow
from . import reward_gate


class AppraisalRewardDecision(models.Model):
    """A numbered, dated commendation decision (quyết định khen thưởng).

    Drafted from a campaign's passed nominations, checked against the
    authority that signs it, then issued: from then on it is locked for
    everyone (superuser included); only the committee's actions on its
    awards (revoke, confirm a changed rating) leave a trace on it.
    """

    _name = "appraisal.reward.decision"
    _description = "Commendation Decision"
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "subject"]

    name = fields.Char(
        string="Number", copy=False, tracking=True,
        help="E.g. 15/QĐ-UBND; given from the sequence on issue when empty.")
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True,
        help="The base salary in force on this date sets the amounts.")
    campaign_id = fields.Many2one(
        "appraisal.reward.campaign", index=True, check_company=True, tracking=True)
    year = fields.Integer(
        compute="_compute_year", store=True, readonly=False, aggregator=False,
        help="The year the titles are for.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company)
    authority_id = fields.Many2one(
        "appraisal.reward.authority", required=True, tracking=True, check_company=True,
        default=lambda self: self._default_authority())
    signer_name = fields.Char(string="Signed By", tracking=True)
    signer_title = fields.Char(
        string="Signer's Title", compute="_compute_signer_title", store=True, readonly=False)
    subject = fields.Char(
        compute="_compute_subject", store=True, readonly=False,
        help="Về việc ... (the subject line of the decision), in Vietnamese whatever the "
        "language of the user who drafts it.")
    proposal_text = fields.Char(
        string="Proposal Answered", compute="_compute_proposal_text", store=True,
        readonly=False,
        help="The 'Xét đề nghị của ...' line: whose proposal the decision answers.")
    executors = fields.Text(
        string="Carried Out By", compute="_compute_authority_texts", store=True,
        readonly=False, help="Article 3: who carries the decision out.")
    recipients = fields.Text(
        compute="_compute_authority_texts", store=True, readonly=False,
        help="The 'Nơi nhận' lines.")
    basis = fields.Text(
        string="Legal Basis",
        default="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều "
        "của Luật Thi đua, khen thưởng;",
        help="The 'Căn cứ' lines printed above the articles.")
    award_ids = fields.One2many("appraisal.reward.award", "decision_id", string="Awards")
    award_count = fields.Integer(compute="_compute_amount_total", store=True)
    amount_total = fields.Float(
        string="Total (đ)", digits=(16, 0), compute="_compute_amount_total", store=True,
        help="The total as decided: a later revocation is shown beside it, never "
        "subtracted.")
    amount_revoked = fields.Float(
        string="Revoked Since (đ)", digits=(16, 0), compute="_compute_amount_total",
        store=True, help="The amounts of the awards revoked after the decision.")
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, copy=False, index=True)
    date_issued = fields.Datetime(readonly=True, copy=False)
    issued_user_id = fields.Many2one("res.users", string="Issued By", readonly=True, copy=False)
    rating_changed = fields.Boolean(
        compute="_compute_rating_changed", store=True,
        help="A rating behind one of its awards changed after the decision.")
    _workflow_transitions = workflow.DECISION_TRANSITIONS
    _workflow_protected_fields = frozenset({
        "date_issued", "issued_user_id", "award_count", "amount_total", "amount_revoked",
        "rating_changed"})
    date_warning = fields.Char(compute="_compute_date_warning")

    @api.model
    def _default_authority(self):
        return self.env["appraisal.reward.authority"].search([], limit=1)

    @api.depends("campaign_id")
    def _compute_year(self):
        for decision in self:
            decision.year = decision.campaign_id.year or decision.year or \
                fields.Date.context_today(self).year

    @api.depends("award_ids.title_id", "year")
    def _compute_subject(self):
        for decision in self:
            titles = decision.award_ids.title_id.sorted(lambda t: (t.sequence, t.id))
            if len(titles) == 1:
                decision.subject = 'Về việc tặng danh hiệu "%s" năm %s' % (
                    titles.name, decision.year)
            else:
                decision.subject = (
                    "Về việc tặng danh hiệu thi đua, hình thức khen thưởng năm %s"
                    % decision.year)

    @api.depends("campaign_id", "year")
    def _compute_proposal_text(self):
        for decision in self:
            if decision.proposal_text and not decision.campaign_id:
                continue
            decision.proposal_text = (
                "Xét đề nghị của Hội đồng Thi đua - Khen thưởng tại biên bản họp xét "
                "thi đua, khen thưởng năm %s." % (decision.year or ""))

    @api.depends("authority_id")
    def _compute_authority_texts(self):
        for decision in self:
            decision.executors = decision.authority_id.executors or decision.executors
            decision.recipients = decision.authority_id.recipients or decision.recipients

    @api.depends("authority_id")
    def _compute_signer_title(self):
        for decision in self:
            decision.signer_title = decision.authority_id.signer_title or decision.signer_title

    @api.depends("award_ids.amount", "award_ids.state")
    def _compute_amount_total(self):
        for decision in self:
            awards = decision.sudo().award_ids
            decision.amount_total = sum(awards.mapped("amount"))
            decision.amount_revoked = sum(
                awards.filtered(lambda a: a.state == "revoked").mapped("amount"))
            decision.award_count = len(awards)

    @api.depends("date", "campaign_id", "state")
    def _compute_date_warning(self):
        for decision in self:
            decision.date_warning = decision.state == "draft" and decision.campaign_id and \
                decision.campaign_id._get_decision_date_warning(decision.date) or False

    @api.depends("award_ids.rating_changed")
    def _compute_rating_changed(self):
        for decision in self:
            decision.rating_changed = any(decision.award_ids.mapped("rating_changed"))

    @api.constrains("authority_id", "award_ids")
    def _check_authority(self):
        for decision in self:
            decision.award_ids._check_authority()

    @api.constrains("date", "company_id", "state")
    def _check_base_salary(self):
        self.filtered(lambda d: d.state == "draft")._check_base_salary_in_force()

    def _check_base_salary_in_force(self):
        """The amounts are multiples of the base salary in force on the
        decision's date: a date before any base salary is refused."""
        BaseSalary = self.env["appraisal.reward.base.salary"]
        for decision in self.filtered("date"):
            if not BaseSalary._get_amount_on(decision.date, decision.company_id):
                raise ValidationError(self.env._(
                    "No base salary is in force on %(date)s: the amounts of the decision "
                    "cannot be computed. Date the decision later, or record the base salary "
                    "of that date first (Configuration > Base Salary).",
                    date=fields.Date.to_string(decision.date)))

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        self._workflow_check_create_values(vals_list)
        decisions = super().create(vals_list)
        decisions.award_ids._reward_recompute_amounts()
        return decisions

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        self._workflow_check_write(vals)
        if not in_workflow(self):
            self._check_decision_lock(vals)
        result = super(AppraisalRewardDecision, reward_gate.tracked(self)).write(vals)
        if "date" in vals or "company_id" in vals:
            self.award_ids._reward_recompute_amounts()
        return result

    @in_user_lang
    def unlink(self):
        return super().unlink()

    def _check_decision_lock(self, vals):
        if "campaign_id" in vals and self.filtered(
                lambda d: d.award_ids and d.campaign_id.id != vals["campaign_id"]):
            raise UserError(self.env._(
                "The awards of a decision come from its campaign: the campaign of a decision "
                "with awards does not change."))
        locked = self.filtered(lambda d: d.state != "draft")
        if locked:
            raise UserError(self.env._(
                "Decision %(number)s is %(state)s: it no longer changes.",
                number=locked[0].name or "", state=self._workflow_state_label(locked[0].state)))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if self.filtered(lambda d: d.state == "issued"):
            raise UserError(self.env._("An issued decision cannot be deleted."))

    # ------------------------------------------------------------------
    # The gate: role, guards and follow-ups, by name
    # ------------------------------------------------------------------
    def _check_role(self, action):
        reward_gate.check_role(self, action)

    def _workflow_guards(self, action):
        return {
            "issue": ["_check_has_awards", "_check_signed", "_check_awards_authority",
                      "_check_awards_unique", "_check_awards_from_nominations",
                      "_check_base_salary_in_force", "_check_campaign_quotas"],
            "reset_to_draft": ["_check_awards_free_again", "_check_awards_from_nominations",
                               "_check_base_salary_in_force"],
        }.get(action, [])

    def _workflow_follow_ups(self, action):
        return {
            "issue": ["_freeze_awards", "_award_nominations", "_log_issue"],
            "cancel": ["_log_cancel"],
            "reset_to_draft": ["_log_reset"],
        }.get(action, [])

    def _workflow_step_values(self, action, target):
        if action != "issue":
            return {}
        self.ensure_one()  # issued one by one (each its number)
        vals = {"date_issued": fields.Datetime.now(), "issued_user_id": self.env.uid}
        if not self.name:
            number = self.env["ir.sequence"].with_company(self.company_id).next_by_code(
                "appraisal.reward.decision", sequence_date=self.date)
            vals["name"] = "%s%s" % (number, self.authority_id.number_suffix or "")
        return vals

    def _workflow_transition_refusal(self, action, record):
        return {
            "issue": self.env._("Only a draft decision can be issued."),
            "cancel": self.env._("Only a draft decision can be cancelled."),
            "reset_to_draft": self.env._("Only a cancelled decision returns to draft."),
        }[action]

    def _check_has_awards(self):
        if self.filtered(lambda d: not d.award_ids):
            raise UserError(self.env._("The decision awards no one."))

    def _check_signed(self):
        if self.filtered(lambda d: not (d.signer_name or "").strip()):
            raise UserError(self.env._("Write who signs the decision."))

    def _check_awards_authority(self):
        self.award_ids._check_authority()

    def _check_awards_unique(self):
        self.award_ids._check_unique()

    def _check_awards_free_again(self):
        self.award_ids._check_unique(include_cancelled=True)

    def _check_awards_from_nominations(self):
        self.award_ids._check_from_nomination()

    def _check_campaign_quotas(self):
        self.campaign_id._check_quotas()

    def _freeze_awards(self):
        """The amounts and the levels as decided: they never change again."""
        self.award_ids._reward_recompute_amounts(force=True)
        self.award_ids._reward_snapshot_ratings()

    def _award_nominations(self):
        self.award_ids.nomination_id._run_step("award")

    def _log_issue(self):
        for decision in self:
            decision._message_log(body=self.env._(
                "Issued: %(count)s awards, %(total)s đ in all.",
                count=len(decision.award_ids), total=format_number(self.env, decision.amount_total, digits=0)))
            decision._message_log(body=self.env._(
                "Decision %(number)s issued by %(user)s.", number=decision.name,
                user=self.env.user.name))

    def _log_cancel(self):
        for decision in self:
            decision._message_log(body=self.env._("Draft decision cancelled by %(user)s.",
                                                  user=self.env.user.name))

    def _log_reset(self):
        for decision in self:
            decision._message_log(body=self.env._("Decision returned to draft by %(user)s.",
                                                  user=self.env.user.name))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @in_user_lang
    def action_issue(self):
        """Number, check and lock the decision; its awards take effect."""
        for decision in self:
            decision._run_step("issue")
        return True

    @in_user_lang
    def action_cancel(self):
        return self._run_step("cancel")

    @in_user_lang
    def action_reset_to_draft(self):
        return self._run_step("reset_to_draft")

    @in_user_lang
    def action_open_awards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly_reward.appraisal_reward_award_action")
        action["domain"] = [("decision_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _get_awards_by_title(self):
        """[(title, awards)] in the titles' order, for the printed decision."""
        self.ensure_one()
        # The whole list as decided, whoever reads it: a reader of the
        # decision reads all of it (revoked awards included, marked so).
        self.check_access("read")
        awards = self.sudo().award_ids
        if self.state == "draft":
            awards = awards.filtered(lambda a: a.state == "awarded")
        return [(title, awards.filtered(lambda a, t=title: a.title_id == t))
                for title in awards.title_id.sorted(lambda t: (t.sequence, t.id))]

    @api.constrains("state")
    def _check_issued_has_number(self):
        for decision in self:
            if decision.state == "issued" and not decision.name:
                raise ValidationError(self.env._("An issued decision has a number."))
