from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_auto_period = fields.Boolean(
        related="company_id.appraisal_auto_period", readonly=False
    )
    appraisal_period_type = fields.Selection(
        related="company_id.appraisal_period_type", readonly=False
    )
    appraisal_reminder_days = fields.Integer(
        related="company_id.appraisal_reminder_days", readonly=False
    )
