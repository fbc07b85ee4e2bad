from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .appraisal_reward_campaign import COMMITTEE_GROUP


class AppraisalRewardDecision(models.Model):
    """A numbered, dated commendation decision (quyết định khen thưởng).

    Drafted from a campaign's passed nominations, checked against the
    authority that signs it, then issued: from then on it is locked for
    everyone (superuser included); only the committee's actions on its
    awards (revoke, confirm a changed rating) leave a trace on it.
    """

    _name = "appraisal.reward.decision"
    _description = "Commendation Decision"
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.reward.guard.mixin"]
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
        "appraisal.reward.authority", required=True, tracking=True,
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
        string="Total (đ)", digits=(16, 0), compute="_compute_amount_total", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, copy=False, index=True)
    date_issued = fields.Datetime(readonly=True, copy=False)
    issued_user_id = fields.Many2one("res.users", string="Issued By", readonly=True, copy=False)
    rating_changed = fields.Boolean(
        compute="_compute_rating_changed", store=True,
        help="A rating behind one of its awards changed after the decision.")
    date_warning = fields.Char(compute="_compute_date_warning")
    _reward_action_fields = ("state", "date_issued", "issued_user_id")

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
            awards = decision.award_ids.filtered(lambda a: a.state == "awarded")
            decision.amount_total = sum(awards.mapped("amount"))
            decision.award_count = len(decision.award_ids)

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

    # ------------------------------------------------------------------
    # Lock
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._reward_check_create(vals_list)
        decisions = super().create(vals_list)
        decisions.award_ids._reward_recompute_amounts()
        return decisions

    def write(self, vals):
        self._reward_check_write(vals)
        result = super().write(vals)
        if "date" in vals or "company_id" in vals:
            self.award_ids._reward_recompute_amounts()
        return result

    def _reward_check_lock(self, vals):
        locked = self.filtered(lambda d: d.state != "draft")
        if locked:
            raise UserError(self.env._(
                "Decision %(number)s is %(state)s: it no longer changes.",
                number=locked[0].name or "",
                state=dict(self._fields["state"]._description_selection(self.env))[
                    locked[0].state]))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if self.filtered(lambda d: d.state == "issued"):
            raise UserError(self.env._("An issued decision cannot be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_manager(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._(
                "Only the reward committee and the emulation officer handle decisions."))

    def action_issue(self):
        """Number, check and lock the decision; its awards take effect."""
        self._check_manager()
        for decision in self:
            if decision.state != "draft":
                raise UserError(self.env._("Only a draft decision can be issued."))
            if not decision.award_ids:
                raise UserError(self.env._("The decision awards no one."))
            if not (decision.signer_name or "").strip():
                raise UserError(self.env._("Write who signs the decision."))
            decision.award_ids._check_authority()
            decision.award_ids._check_unique()
            if decision.campaign_id:
                decision.campaign_id._check_quotas()
        for decision in self:
            vals = {
                "state": "issued",
                "date_issued": fields.Datetime.now(),
                "issued_user_id": self.env.uid,
            }
            if not decision.name:
                number = self.env["ir.sequence"].with_company(decision.company_id).next_by_code(
                    "appraisal.reward.decision", sequence_date=decision.date)
                vals["name"] = "%s%s" % (number, decision.authority_id.number_suffix or "")
            decision.award_ids._reward_recompute_amounts()
            decision.award_ids._reward_snapshot_ratings()
            decision._reward_write(vals)
            decision.award_ids.nomination_id._reward_write({"state": "awarded"})
            decision._message_log(body=self.env._(
                "Issued: %(count)s awards, %(total)s đ in all.",
                count=len(decision.award_ids), total="{:,.0f}".format(decision.amount_total)))
        return True

    def action_cancel(self):
        self._check_manager()
        if self.filtered(lambda d: d.state != "draft"):
            raise UserError(self.env._("Only a draft decision can be cancelled."))
        self._reward_write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        self._check_manager()
        if self.filtered(lambda d: d.state != "cancelled"):
            raise UserError(self.env._("Only a cancelled decision returns to draft."))
        self._reward_write({"state": "draft"})
        self.award_ids._check_unique()
        return True

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
        awards = self.award_ids.filtered(lambda a: a.state == "awarded")
        return [(title, awards.filtered(lambda a, t=title: a.title_id == t))
                for title in awards.title_id.sorted(lambda t: (t.sequence, t.id))]

    @api.constrains("state")
    def _check_issued_has_number(self):
        for decision in self:
            if decision.state == "issued" and not decision.name:
                raise ValidationError(self.env._("An issued decision has a number."))
