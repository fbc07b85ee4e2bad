from odoo import models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    def action_open_appraisal_trend(self):
        self.ensure_one()
        return self.env["hr.employee"].browse(self.id).action_open_appraisal_trend()
