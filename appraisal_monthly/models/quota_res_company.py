from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..quota import DEFAULT_PERCENT


class ResCompany(models.Model):
    _inherit = "res.company"

    # Decree 335/2025: Excellent at most 20% of Good, within the agency and
    # within each group with similar tasks.
    appraisal_quota_enabled = fields.Boolean(
        string="Enforce the Excellent Quota",
        default=True,
        help="Refuse approvals and publications that put more people at "
        "Excellent than the quota allows (Decree 335/2025, for civil "
        "servants). Without it, the quota check only informs.",
    )
    appraisal_quota_percent = fields.Float(
        string="Excellent Quota (% of Good)",
        default=DEFAULT_PERCENT,
        help="People rated Excellent may not exceed this percentage of the "
        "number rated Good (Decree 335/2025: 20). The allowed number is "
        "rounded down.",
    )
    appraisal_quota_grouping = fields.Selection(
        [
            ("department", "Department"),
            ("job", "Job Position"),
            ("none", "None (company only)"),
        ],
        string="Quota Groups",
        default="department",
        help="Groups of people with similar tasks within which the quota is "
        "counted, besides the company as a whole. Forms without a "
        "department (or job position) count in the company only.",
    )

    @api.constrains("appraisal_quota_percent")
    def _check_appraisal_quota_percent(self):
        for company in self:
            if not 0 <= company.appraisal_quota_percent <= 100:
                raise ValidationError(
                    self.env._("The Excellent quota must be a percentage between 0 and 100.")
                )

    def _get_appraisal_quota_settings(self):
        """(percent, grouping field of appraisal.form or False)."""
        self.ensure_one()
        grouping = self.appraisal_quota_grouping or "department"
        field = {"department": "department_id", "job": "job_id"}.get(grouping, False)
        return self.appraisal_quota_percent, field
