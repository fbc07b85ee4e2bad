from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang
from odoo.addons.appraisal_monthly.workflow_write import in_workflow

from ..rules import amounts, workflow
from . import reward_gate

RATING_FIELDS = ("rating", "average_score")
# What an award of a decision takes from its nomination, and keeps: the
# candidate, the title, the year (delete it from the draft instead).
NOMINATION_FIELDS = ("nomination_id", "title_id", "employee_id", "department_id", "year",
                     "decision_id")


class AppraisalRewardAward(models.Model):
    """A title awarded to a person or a unit for a year.

    Awards of the system belong to a decision; past awards (titles held
    before the system, or decided elsewhere) have none and carry the
    external reference, so that consecutive-year conditions work from the
    first year.  An issued award never changes: a rating that changes
    later flags it for the committee to revoke or confirm.
    """

    _name = "appraisal.reward.award"
    _description = "Commendation Award"
    _inherit = ["mail.thread", "appraisal.workflow.mixin", "appraisal.reward.unit.mixin"]
    _order = "year desc, title_sequence, unit_id, employee_id, id"
    _check_company_auto = True
    _workflow_transitions = workflow.AWARD_TRANSITIONS
    _workflow_initial_state = "awarded"
    # Set by the decision, the revocation and the rating watch only.
    _workflow_protected_fields = frozenset({
        "rating_changed", "rating_change_note", "rating_at_award", "score_at_award",
        "coefficient", "base_salary", "amount", "revoke_reason", "revoke_reference",
        "revoke_date", "revoke_user_id", "decided", "decision_state", "campaign_id",
        "summary_id", "title_sequence", "title_scope",
    })

    decision_id = fields.Many2one(
        "appraisal.reward.decision", index=True, ondelete="cascade", check_company=True)
    decision_state = fields.Selection(
        related="decision_id.state", store=True, string="Decision Status")
    campaign_id = fields.Many2one(related="decision_id.campaign_id", store=True)
    nomination_id = fields.Many2one(
        "appraisal.reward.nomination", index="btree_not_null", check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, compute="_compute_company_id", store=True, readonly=False, precompute=True)
    title_id = fields.Many2one("appraisal.reward.title", required=True, index=True)
    title_sequence = fields.Integer(related="title_id.sequence", store=True)
    title_scope = fields.Selection(related="title_id.scope", store=True, string="Title Scope")
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True)
    department_id = fields.Many2one(
        "hr.department", string="Unit Awarded", index=True, check_company=True,
        help="For a collective title.")
    unit_id = fields.Many2one(
        "hr.department", compute="_compute_unit_id", store=True, index=True,
        readonly=False, precompute=True)
    year = fields.Integer(required=True, index=True, aggregator=False)
    date = fields.Date(compute="_compute_date", string="Decision Date")
    external_reference = fields.Char(
        help="For a past award: the number and date of the decision, e.g. 12/QĐ-UBND "
        "ngày 20/01/2025.")
    external_authority = fields.Char(help="For a past award: who decided it.")
    external_date = fields.Date(string="External Decision Date")
    decided = fields.Boolean(
        compute="_compute_decided", store=True, index=True,
        help="A past award, or an award of an issued decision.")
    coefficient = fields.Float(digits=(6, 2), readonly=True)
    base_salary = fields.Float(string="Base Salary (đ)", digits=(16, 0), readonly=True)
    amount = fields.Float(string="Amount (đ)", digits=(16, 0), readonly=True,
                          aggregator="sum")
    state = fields.Selection(
        [("awarded", "Awarded"), ("revoked", "Revoked")],
        default="awarded", required=True, readonly=True, tracking=True, index=True)
    status = fields.Selection(
        [("proposed", "Proposed"), ("awarded", "Awarded"), ("revoked", "Revoked"),
         ("cancelled", "Decision Cancelled")],
        compute="_compute_status", store=True, index=True,
        help="What the award is to the reader: proposed while its decision is a draft, "
        "awarded once issued (or a past award), revoked.")
    summary_id = fields.Many2one(
        "appraisal.summary", string="Annual Result", compute="_compute_summary_id",
        store=True, index="btree_not_null")
    rating_at_award = fields.Selection(
        selection="_selection_rating", readonly=True, string="Level When Decided")
    score_at_award = fields.Float(string="Score When Decided", readonly=True, aggregator=False)
    rating_changed = fields.Boolean(readonly=True, tracking=True, index=True)
    rating_change_note = fields.Text(string="What Changed", readonly=True)
    revoke_reason = fields.Text(readonly=True)
    revoke_reference = fields.Char(string="Revocation Decision", readonly=True)
    revoke_date = fields.Date(readonly=True)
    revoke_user_id = fields.Many2one("res.users", string="Revoked By", readonly=True)
    note = fields.Text()

    @api.model
    def _selection_rating(self):
        return self.env["appraisal.summary"]._fields["rating"]._description_selection(self.env)

    @api.depends("decision_id.company_id", "employee_id.company_id", "department_id.company_id")
    def _compute_company_id(self):
        for award in self:
            award.company_id = (award.decision_id.company_id or award.employee_id.company_id
                                or award.department_id.company_id or award.company_id
                                or self.env.company)

    @api.depends("employee_id", "department_id")
    def _compute_unit_id(self):
        for award in self:
            award.unit_id = award.department_id or award.employee_id.department_id

    @api.depends("decision_id.date", "external_date")
    def _compute_date(self):
        for award in self:
            award.date = award.decision_id.date or award.external_date

    @api.depends("decision_id", "decision_id.state")
    def _compute_decided(self):
        for award in self:
            award.decided = not award.decision_id or award.decision_id.state == "issued"

    @api.depends("state", "decision_id.state")
    def _compute_status(self):
        for award in self:
            if award.state == "revoked":
                award.status = "revoked"
            elif award.decision_id.state == "cancelled":
                award.status = "cancelled"
            elif award.decision_id and award.decision_id.state != "issued":
                award.status = "proposed"
            else:
                award.status = "awarded"

    @api.depends("employee_id", "year")
    def _compute_summary_id(self):
        keys = {(a.employee_id.id, a.year) for a in self if a.employee_id}
        found = {}
        if keys:
            for summary in self.env["appraisal.summary"].sudo().search([
                    ("employee_id", "in", list({k[0] for k in keys})),
                    ("year", "in", list({k[1] for k in keys})), ("period_type", "=", "year")]):
                found[(summary.employee_id.id, summary.year)] = summary.id
        for award in self:
            award.summary_id = found.get((award.employee_id.id, award.year), False)

    @api.depends("title_id", "employee_id", "department_id", "year")
    def _compute_display_name(self):
        for award in self:
            who = award.employee_id.name or award.department_id.name or ""
            award.display_name = "%s %s - %s" % (award.title_id.name or "", award.year or "", who)

    @api.constrains("title_id", "employee_id", "department_id")
    def _check_candidate(self):
        for award in self:
            if award.title_id.scope == "individual" and not award.employee_id:
                raise ValidationError(self.env._("An individual title is awarded to an employee."))
            if award.title_id.scope == "collective" and not award.department_id:
                raise ValidationError(self.env._("A collective title is awarded to a unit."))
            if award.employee_id and award.department_id:
                raise ValidationError(self.env._(
                    "An award goes to an employee or to a unit, not both."))

    @api.constrains("title_id", "decision_id")
    def _check_authority(self):
        for award in self.filtered("decision_id"):
            authority = award.decision_id.authority_id
            if authority not in award.title_id.authority_ids:
                raise ValidationError(self.env._(
                    "%(authority)s may not grant %(title)s (decision %(number)s): it may grant "
                    "%(allowed)s. Put the title in a decision of %(who)s.",
                    authority=authority.name, title=award.title_id.name,
                    number=award.decision_id.name or self.env._("(draft)"),
                    allowed=", ".join(self.env["appraisal.reward.title"].search(
                        [("authority_ids", "in", authority.ids)]).mapped("name"))
                    or self.env._("nothing"),
                    who=", ".join(award.title_id.authority_ids.mapped("name"))
                    or self.env._("the competent authority")))

    @api.constrains("title_id", "employee_id", "department_id", "year", "state")
    def _check_unique(self, include_cancelled=False):
        """The same title is awarded once per person (or unit) and year
        (``include_cancelled``: the awards of a cancelled decision going
        back to draft count too)."""
        live = self.filtered(lambda a: a.state == "awarded" and (
            include_cancelled or a.decision_id.state != "cancelled"))
        if not live:
            return
        others = self.sudo().search([
            ("title_id", "in", live.title_id.ids), ("year", "in", list(set(live.mapped("year")))),
            ("state", "=", "awarded"), ("id", "not in", live.ids),
            "|", ("decision_id", "=", False), ("decision_id.state", "!=", "cancelled")])
        taken = {(a.title_id.id, a.employee_id.id, a.department_id.id, a.year) for a in others}
        seen = set()
        for award in live:
            key = (award.title_id.id, award.employee_id.id, award.department_id.id, award.year)
            if key in taken or key in seen:
                raise ValidationError(self.env._(
                    "%(award)s is already awarded: the same achievement is never rewarded twice.",
                    award=award.display_name))
            seen.add(key)

    # ------------------------------------------------------------------
    # Lock
    # ------------------------------------------------------------------
    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        self._workflow_check_create_values(vals_list)
        awards = super().create(vals_list)
        if awards.decision_id.filtered(lambda d: d.state != "draft"):
            raise UserError(self.env._("An issued decision no longer changes."))
        awards._check_from_nomination()
        awards._check_not_for_oneself()
        awards.filtered("decision_id")._reward_recompute_amounts()
        return awards

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        self._workflow_check_write(vals)
        if not in_workflow(self):
            self._check_award_lock(vals)
        result = super(AppraisalRewardAward, reward_gate.tracked(self)).write(vals)
        if {"employee_id", "department_id"} & set(vals):
            self._check_not_for_oneself()
        return result

    @in_user_lang
    def unlink(self):
        return super().unlink()

    def _check_award_lock(self, vals):
        if self.decision_id.filtered(lambda d: d.state != "draft"):
            raise UserError(self.env._(
                "The awards of an issued decision change only by revocation or confirmation."))
        locked = [name for name in NOMINATION_FIELDS if name in vals]
        if locked and self.filtered("decision_id"):
            raise UserError(self.env._(
                "An award of a decision keeps the candidate, title and year its nomination "
                "passed with: remove it from the draft instead."))
        if "decision_id" in vals and vals["decision_id"]:
            raise UserError(self.env._(
                "An award is made in its decision: a past award is never moved into one."))

    def _check_from_nomination(self):
        """An award of a campaign's decision comes from a nomination of that
        campaign passed by the council, for the same candidate, title and
        year (checked when drafted and again on issue)."""
        for award in self.sudo().filtered("decision_id"):
            decision, nomination = award.decision_id, award.nomination_id
            if not nomination:
                if decision.campaign_id:
                    raise ValidationError(self.env._(
                        "%(award)s: an award of the decision of campaign %(campaign)s comes "
                        "from a nomination the council passed.",
                        award=award.display_name, campaign=decision.campaign_id.name))
                continue
            if nomination.campaign_id != decision.campaign_id:
                raise ValidationError(self.env._(
                    "%(award)s: its nomination belongs to another campaign than the "
                    "decision's.", award=award.display_name))
            if nomination.state != "passed":
                labels = dict(nomination._fields["state"]._description_selection(self.env))
                raise ValidationError(self.env._(
                    "%(award)s: its nomination is %(state)s; only a nomination the council "
                    "passed is awarded.", award=award.display_name,
                    state=labels.get(nomination.state, nomination.state)))
            if (nomination.title_id, nomination.employee_id, nomination.department_id,
                    nomination.year) != (award.title_id, award.employee_id,
                                         award.department_id, award.year):
                raise ValidationError(self.env._(
                    "%(award)s: the candidate, title and year must be those of its nomination "
                    "(%(nomination)s, %(year)s).", award=award.display_name,
                    nomination=nomination.display_name, year=nomination.year))

    def _check_not_for_oneself(self):
        """Nobody records a past award for themselves."""
        user = self.env.user
        mine = self.sudo().filtered(
            lambda a: not a.decision_id and a.employee_id.user_id == user)
        if mine:
            raise AccessError(self.env._(
                "Nobody records a past award for themselves: ask another emulation officer."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if self.decision_id.filtered(lambda d: d.state == "issued"):
            raise UserError(self.env._("The awards of an issued decision cannot be deleted."))

    # ------------------------------------------------------------------
    # Amounts and ratings
    # ------------------------------------------------------------------
    def _reward_recompute_amounts(self, force=False):
        """coefficient × base salary on the decision date, rounded up to
        10,000 đ; only while the decision is a draft (issued amounts stay;
        ``force``: as the decision is being issued)."""
        awards = self.filtered(lambda a: a.decision_id and (
            force or a.decision_id.state == "draft"))
        BaseSalary = self.env["appraisal.reward.base.salary"]
        groups = defaultdict(lambda: self.browse())
        for decision in awards.decision_id:
            base = BaseSalary._get_amount_on(decision.date, decision.company_id)
            for award in awards.filtered(lambda a, d=decision: a.decision_id == d):
                coefficient = award.title_id.coefficient
                groups[(coefficient, base, amounts.award_amount(coefficient, base))] |= award
        for (coefficient, base, amount), group in groups.items():
            group._workflow_write({"coefficient": coefficient, "base_salary": base,
                                   "amount": amount})

    def _reward_snapshot_ratings(self):
        for award in self.filtered("summary_id"):
            award._workflow_write({
                "rating_at_award": award.summary_id.rating,
                "score_at_award": award.summary_id.average_score,
            })

    @api.model
    def _flag_rating_changes(self, changes):
        """Flag the issued awards behind annual results that changed.

        ``changes``: [(summary, (old level, old score), (new level, new
        score))].  An individual award of the person for that year, and a
        collective award of their unit for that year, are flagged (never
        rewritten), with what changed in their chatter and the decision's.
        """
        if not changes:
            return
        Award = self.sudo()
        employees = {summary.employee_id.id for summary, _o, _n in changes}
        # A collective award counted the people of its unit that year: the
        # unit of the result at the time, never the person's unit today.
        units = {summary.span_department_id.id for summary, _o, _n in changes
                 if summary.span_department_id}
        years = {summary.year for summary, _o, _n in changes}
        awards = Award.search([
            ("state", "=", "awarded"), ("decision_id.state", "=", "issued"),
            ("year", "in", list(years)),
            "|", ("employee_id", "in", list(employees)), ("department_id", "in", list(units)),
        ])
        if not awards:
            return
        labels = dict(self._selection_rating())
        for award in awards:
            notes = []
            for summary, (old_level, old_score), (new_level, new_score) in changes:
                if summary.year != award.year:
                    continue
                if award.employee_id and summary.employee_id != award.employee_id:
                    continue
                if award.department_id and summary.span_department_id != award.department_id:
                    continue
                notes.append(self.env._(
                    "Annual result %(year)s of %(employee)s changed: level %(old_level)s → "
                    "%(new_level)s, score %(old_score)s → %(new_score)s.",
                    year=summary.year, employee=summary.employee_id.name,
                    old_level=labels.get(old_level, "-"), new_level=labels.get(new_level, "-"),
                    old_score=round(old_score or 0, 2), new_score=round(new_score or 0, 2)))
            if not notes:
                continue
            text = "\n".join(notes)
            award._workflow_write({
                "rating_changed": True,
                "rating_change_note": "\n".join(filter(None, [award.rating_change_note, text])),
            })
            award._message_log(body=text)
            award.decision_id._message_log(body=self.env._(
                "%(award)s: %(text)s Revoke the award or confirm it.",
                award=award.display_name, text=text))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_role(self, action):
        reward_gate.check_role(self, action)

    def _workflow_guards(self, action):
        return {
            "revoke": ["_check_in_force"],
            "confirm_rating": ["_check_rating_flagged"],
        }.get(action, [])

    def _workflow_transition_refusal(self, action, record):
        if action == "confirm_rating":
            return self.env._("Only an award flagged for a changed rating is confirmed.")
        return self.env._("Only an award in force can be revoked.")

    def _check_in_force(self):
        if self.filtered(lambda a: not a.decided):
            raise UserError(self.env._("Only an award in force can be revoked."))

    def _check_rating_flagged(self):
        if self.filtered(lambda a: not a.rating_changed):
            raise UserError(self.env._("Only an award flagged for a changed rating is confirmed."))

    def _after_transition(self, action, previous_states=None, reason=None, reference=None,
                          **kwargs):
        if action == "revoke":
            self._log_revocation(reason, reference)
        elif action == "confirm_rating":
            self._log_confirmation(reason)

    def _log_revocation(self, reason, reference):
        for award in self:
            text = self.env._("Revoked by %(reference)s. Reason: %(reason)s",
                              reference=reference, reason=reason)
            award._message_log(body=text)
            if award.decision_id:
                award.decision_id._message_log(body="%s: %s" % (award.display_name, text))

    def _log_confirmation(self, reason):
        for award in self:
            text = self.env._("Award confirmed by the committee despite the changed rating%(why)s.",
                              why=(": %s" % reason) if reason else "")
            award._message_log(body=text)
            award.decision_id._message_log(body="%s: %s" % (award.display_name, text))

    @in_user_lang
    def action_revoke(self, reason=None, reference=None, date=None):
        """Revoke, with the reason and the revocation decision's reference.
        Without them (a click), open the dialog that asks for them."""
        self._check_role("revoke")
        for value in (reason, reference):
            if value not in (None, False) and not isinstance(value, str):
                raise UserError(self.env._(
                    "The reason and the reference of a revocation are texts: %(value)s is "
                    "not.", value=repr(value)))
        if date not in (None, False):
            try:
                date = fields.Date.to_date(date)
            except (TypeError, ValueError) as error:
                raise UserError(self.env._(
                    "The date of the revocation is not a date: %(value)s.",
                    value=repr(date))) from error
        if not (reason or "").strip() or not (reference or "").strip():
            return {
                "type": "ir.actions.act_window",
                "res_model": "appraisal.reward.award.revoke",
                "view_mode": "form",
                "target": "new",
                "context": {"default_award_ids": self.ids},
                "name": self.env._("Revoke Awards"),
            }
        return self._run_step("revoke", {
            "rating_changed": False,
            "revoke_reason": reason,
            "revoke_reference": reference,
            "revoke_date": date or fields.Date.context_today(self),
            "revoke_user_id": self.env.uid,
        }, reason=reason, reference=reference)

    @in_user_lang
    def action_confirm_rating(self, reason=None):
        """The committee keeps the award despite the changed rating."""
        reward_gate.check_text(self.env, reason)
        return self._run_step("confirm_rating", {"rating_changed": False}, reason=reason)

    # ------------------------------------------------------------------
    # Employee history
    # ------------------------------------------------------------------
    @api.model
    def _count_decided(self, employee_ids):
        """{employee id: awards in force the user may read}."""
        if not employee_ids:
            return {}
        groups = self._read_group(
            [("employee_id", "in", list(employee_ids)), ("decided", "=", True),
             ("state", "=", "awarded")], ["employee_id"], ["__count"])
        return {employee.id: count for employee, count in groups}

    @api.model
    def _action_employee_history(self, employee_id, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly_reward.appraisal_reward_award_action")
        action["domain"] = [("employee_id", "=", employee_id), ("decided", "=", True)]
        action["name"] = self.env._("Commendations of %(employee)s", employee=name)
        action["context"] = {"create": False, "search_default_group_year": 1}
        return action
