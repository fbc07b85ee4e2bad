from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_quota_enabled = fields.Boolean(
        related="company_id.appraisal_quota_enabled", readonly=False
    )
    appraisal_quota_percent = fields.Float(
        related="company_id.appraisal_quota_percent", readonly=False
    )
    appraisal_quota_grouping = fields.Selection(
        related="company_id.appraisal_quota_grouping", readonly=False
    )
