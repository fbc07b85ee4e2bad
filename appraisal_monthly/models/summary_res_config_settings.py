from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_min_months_classified = fields.Integer(
        related="company_id.appraisal_min_months_classified", readonly=False
    )
