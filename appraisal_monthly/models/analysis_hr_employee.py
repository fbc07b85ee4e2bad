from odoo import models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def action_open_appraisal_trend(self):
        """The employee's score month by month, as a line graph."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_report_action_trend"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["name"] = self.env._("Trend of %(employee)s", employee=self.name)
        return action
