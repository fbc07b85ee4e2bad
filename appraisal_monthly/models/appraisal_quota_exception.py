from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import quota
from ..user_lang import in_user_lang


class AppraisalQuotaException(models.Model):
    """An authorised decision allowing more Excellent ratings than the
    quota in one period, for a group or for the whole company."""

    _name = "appraisal.quota.exception"
    _description = "Excellent Quota Exception"
    _inherit = ["mail.thread", "appraisal.input.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "appraisal.period",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        related="period_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
    scope = fields.Selection(
        [
            ("company", "Whole Company"),
            ("department", "Department"),
            ("job", "Job Position"),
        ],
        required=True,
        default="company",
        tracking=True,
        help="Whom the exception covers. Department and job position "
        "exceptions apply when the company counts its quota by that group "
        "(Settings); a company-wide exception relaxes the company-wide count.",
    )
    department_id = fields.Many2one(
        "hr.department", tracking=True, check_company=True
    )
    job_id = fields.Many2one(
        "hr.job", string="Job Position", tracking=True, check_company=True
    )
    unlimited = fields.Boolean(
        tracking=True, help="The decision lifts the quota for this scope."
    )
    extra_allowed = fields.Integer(
        string="Extra Excellent Allowed",
        tracking=True,
        help="Number of Excellent ratings allowed beyond the quota.",
    )
    authorised_by = fields.Char(
        required=True,
        tracking=True,
        help="Who decided, e.g. Chairman of the District People's Committee.",
    )
    decision_reference = fields.Char(
        required=True, tracking=True, help="Number of the decision or document."
    )
    date = fields.Date(
        string="Decision Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    note = fields.Text()

    @api.depends("decision_reference", "period_id.name")
    def _compute_name(self):
        for exception in self:
            exception.name = self.env._(
                "%(reference)s (%(period)s)",
                reference=exception.decision_reference or "",
                period=exception.period_id.name or "",
            )

    @api.constrains("scope", "department_id", "job_id", "unlimited", "extra_allowed")
    def _check_scope_and_places(self):
        for exception in self:
            if exception.scope == "department" and not exception.department_id:
                raise ValidationError(self.env._("Choose the department the exception covers."))
            if exception.scope == "job" and not exception.job_id:
                raise ValidationError(self.env._("Choose the job position the exception covers."))
            if not exception.unlimited and exception.extra_allowed <= 0:
                raise ValidationError(
                    self.env._(
                        "An exception allows at least one extra Excellent rating, "
                        "or lifts the quota (Unlimited)."
                    )
                )

    @api.onchange("scope")
    def _onchange_scope(self):
        if self.scope != "department":
            self.department_id = False
        if self.scope != "job":
            self.job_id = False

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        for vals in vals_list:
            # Only the field of the chosen scope is kept.
            scope = vals.get("scope", "company")
            if scope != "department":
                vals["department_id"] = False
            if scope != "job":
                vals["job_id"] = False
        exceptions = super().create(vals_list)
        exceptions._check_period_editable()
        return exceptions

    @in_user_lang
    def write(self, vals):
        if any(not fname.startswith(("message_", "activity_")) for fname in vals):
            self._check_period_editable()
        result = super().write(vals)
        if "period_id" in vals:
            self._check_period_editable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        self._check_period_editable()

    def _check_period_editable(self):
        done = self.filtered(lambda e: e.period_id.state in ("published", "closed"))
        if done:
            raise UserError(
                self.env._(
                    "The results of %(periods)s are published: their quota "
                    "exceptions can no longer change.",
                    periods=", ".join(done.period_id.mapped("name")),
                )
            )

    def _get_quota_key(self, group_field):
        """The key of quota.check this exception applies to, or None when it
        does not apply under the company's grouping."""
        self.ensure_one()
        if self.scope == "company":
            return quota.COMPANY
        if group_field == "department_id" and self.scope == "department":
            return self.department_id.id
        if group_field == "job_id" and self.scope == "job":
            return self.job_id.id
        return None

    @api.model
    def _get_extra_places(self, period, group_field):
        """{quota key: extra places} granted for ``period``."""
        extra = {}
        for exception in self.sudo().search([("period_id", "=", period.id)]):
            key = exception._get_quota_key(group_field)
            if key is None:
                continue
            places = quota.UNLIMITED if exception.unlimited else exception.extra_allowed
            extra[key] = extra.get(key, 0) + places
        return extra
