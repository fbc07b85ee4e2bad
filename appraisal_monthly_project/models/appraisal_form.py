from odoo import models


class AppraisalForm(models.Model):
    _inherit = "appraisal.form"

    def action_open_project_import(self):
        self.ensure_one()
        return self.env["appraisal.task.project.import"]._get_open_action(
            employee=self.employee_id, period=self.period_id
        )
