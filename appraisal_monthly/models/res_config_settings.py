from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_threshold_excellent = fields.Float(
        related="company_id.appraisal_threshold_excellent", readonly=False
    )
    appraisal_threshold_good = fields.Float(
        related="company_id.appraisal_threshold_good", readonly=False
    )
    appraisal_threshold_completed = fields.Float(
        related="company_id.appraisal_threshold_completed", readonly=False
    )
    appraisal_block_late_submission = fields.Boolean(
        related="company_id.appraisal_block_late_submission", readonly=False
    )
