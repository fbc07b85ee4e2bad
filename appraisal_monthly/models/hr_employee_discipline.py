from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    appraisal_discipline_count = fields.Integer(
        string="Disciplinary Measures",
        compute="_compute_appraisal_discipline_count",
    )

    @api.depends_context("uid")
    def _compute_appraisal_discipline_count(self):
        counts = {
            employee.id: count
            for employee, count in self.env["appraisal.discipline"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        }
        for employee in self:
            employee.appraisal_discipline_count = counts.get(employee.id, 0)

    def action_open_appraisal_disciplines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_discipline_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["name"] = self.env._(
            "Disciplinary Measures of %(employee)s", employee=self.name
        )
        action["context"] = {"default_employee_id": self.id}
        return action
