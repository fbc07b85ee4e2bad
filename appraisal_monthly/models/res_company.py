from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..scoring import DEFAULT_THRESHOLDS, check_thresholds


class ResCompany(models.Model):
    _inherit = "res.company"

    # Decree 335/2025 thresholds by default; a body may set its own.
    appraisal_threshold_excellent = fields.Float(
        string="Excellent from (%)", default=DEFAULT_THRESHOLDS[0]
    )
    appraisal_threshold_good = fields.Float(
        string="Good from (%)", default=DEFAULT_THRESHOLDS[1]
    )
    appraisal_threshold_completed = fields.Float(
        string="Completed from (%)", default=DEFAULT_THRESHOLDS[2]
    )
    appraisal_block_late_submission = fields.Boolean(
        string="Refuse Late Self-Assessments",
        help="When set, employees cannot submit their self-assessment after "
        "the period's self-assessment deadline; HR officers still can.",
    )

    @api.constrains(
        "appraisal_threshold_excellent",
        "appraisal_threshold_good",
        "appraisal_threshold_completed",
    )
    def _check_appraisal_thresholds(self):
        for company in self:
            if not check_thresholds(company._get_appraisal_thresholds()):
                raise ValidationError(
                    self.env._(
                        "Appraisal thresholds must decrease strictly from "
                        "Excellent to Good to Completed, between 0 and 100."
                    )
                )

    def _get_appraisal_thresholds(self):
        self.ensure_one()
        return (
            self.appraisal_threshold_excellent,
            self.appraisal_threshold_good,
            self.appraisal_threshold_completed,
        )
