from odoo import api, fields, models
from odoo.fields import Command

from ..rules import quota, workflow
from ..user_lang import in_user_lang

SCOPE_SELECTION = [
    ("company", "Whole Company"),
    ("department", "Department"),
    ("job", "Job Position"),
]


class AppraisalQuotaCheck(models.TransientModel):
    """What the head sees before approving or publishing: per group, the
    Good and Excellent counts, the places allowed and the Excellent
    candidates."""

    _name = "appraisal.quota.check"
    _description = "Excellent Quota Check"

    period_id = fields.Many2one("appraisal.period", required=True, readonly=True)
    company_id = fields.Many2one(related="period_id.company_id")
    percent = fields.Float(string="Quota (% of Good)", readonly=True)
    grouping = fields.Selection(related="company_id.appraisal_quota_grouping")
    enforced = fields.Boolean(related="company_id.appraisal_quota_enabled")
    line_ids = fields.One2many("appraisal.quota.check.line", "check_id", string="Groups")
    candidate_ids = fields.Many2many(
        "appraisal.form",
        "appraisal_quota_check_form_rel",
        "check_id",
        "form_id",
        string="Excellent Candidates",
        readonly=True,
    )
    exceeded = fields.Boolean(compute="_compute_exceeded")

    @api.depends("line_ids.exceeded")
    def _compute_exceeded(self):
        for check in self:
            check.exceeded = any(check.line_ids.mapped("exceeded"))

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        for vals in vals_list:
            period = self.env["appraisal.period"].browse(vals.get("period_id"))
            # The figures are for HR and the heads who approve; they are
            # always computed here, never given by the caller.
            period._check_quota_access()
            vals.update(self._get_check_values(period) if period else {"line_ids": []})
        return super().create(vals_list)

    @api.model
    def _get_check_values(self, period):
        """Counts of the forms with a level (projected) and of the approved
        ones, for each group and the company."""
        projected = period._compute_quota(states=workflow.QUOTA_STATES)
        approved = period._compute_quota(states=("approved",))
        group_field = projected["group_field"]
        approved_by_key = {line.key: line for line in approved["groups"]}
        approved_by_key[quota.COMPANY] = approved["company"]
        lines = []
        for line in projected["groups"] + [projected["company"]]:
            done = approved_by_key.get(line.key)
            vals = {
                "name": period._quota_scope_label(group_field, line.key),
                "good_count": line.good,
                "excellent_count": line.excellent,
                "approved_good_count": done.good if done else 0,
                "approved_excellent_count": done.excellent if done else 0,
                "allowed_count": line.allowed,
                "unlimited": line.extra == quota.UNLIMITED,
                "extra_allowed": 0 if line.extra == quota.UNLIMITED else line.extra,
                "exceeded": line.exceeded,
                "excess": line.excess,
            }
            if line.key == quota.COMPANY:
                vals["scope"] = "company"
            elif group_field == "department_id":
                vals.update(scope="department", department_id=line.key)
            else:
                vals.update(scope="job", job_id=line.key)
            lines.append(Command.create(vals))
        candidates = self.env["appraisal.form"].search([
            ("period_id", "=", period.id),
            ("state", "in", workflow.QUOTA_STATES),
            ("rating", "=", "excellent"),
        ], order="department_id, score_percent desc")
        return {
            "period_id": period.id,
            "percent": projected["percent"],
            "line_ids": lines,
            "candidate_ids": [Command.set(candidates.ids)],
        }

    @in_user_lang
    def action_refresh(self):
        self.ensure_one()
        return self.period_id.action_check_quota()

    @in_user_lang
    def action_record_exception(self):
        self.ensure_one()
        return self.line_ids.filtered(lambda l: l.scope == "company")[:1].action_record_exception()


class AppraisalQuotaCheckLine(models.TransientModel):
    _name = "appraisal.quota.check.line"
    _description = "Excellent Quota Check: Group"
    _order = "exceeded desc, id"

    check_id = fields.Many2one("appraisal.quota.check", required=True, ondelete="cascade")
    name = fields.Char(string="Group", readonly=True)
    scope = fields.Selection(SCOPE_SELECTION, readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    good_count = fields.Integer(
        string="Good", readonly=True, help="Forms with a level (not yet approved included)."
    )
    excellent_count = fields.Integer(
        string="Excellent", readonly=True, help="Forms with a level (not yet approved included)."
    )
    approved_good_count = fields.Integer(string="Approved Good", readonly=True)
    approved_excellent_count = fields.Integer(string="Approved Excellent", readonly=True)
    allowed_count = fields.Integer(
        string="Allowed", readonly=True, help="Excellent allowed by the percentage, rounded down."
    )
    extra_allowed = fields.Integer(string="By Exception", readonly=True)
    unlimited = fields.Boolean(readonly=True)
    exceeded = fields.Boolean(readonly=True)
    excess = fields.Integer(string="Over Quota", readonly=True)

    @in_user_lang
    def action_record_exception(self):
        """Record an authorised exception for this group (HR officers)."""
        self.ensure_one()
        context = {
            "default_period_id": self.check_id.period_id.id,
            "default_scope": self.scope,
            "default_extra_allowed": self.excess or 1,
        }
        if self.scope == "department":
            context["default_department_id"] = self.department_id.id
        elif self.scope == "job":
            context["default_job_id"] = self.job_id.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Quota Exception"),
            "res_model": "appraisal.quota.exception",
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "current",
            "context": context,
        }
