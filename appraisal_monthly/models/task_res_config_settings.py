from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    appraisal_task_combination = fields.Selection(
        related="company_id.appraisal_task_combination", readonly=False
    )
