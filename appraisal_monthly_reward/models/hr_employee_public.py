from odoo import api, fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    reward_award_count = fields.Integer(compute="_compute_reward_award_count")

    @api.depends_context("uid")
    def _compute_reward_award_count(self):
        counts = self.env["appraisal.reward.award"]._count_decided(self.ids)
        for employee in self:
            employee.reward_award_count = counts.get(employee.id, 0)

    def action_open_reward_awards(self):
        self.ensure_one()
        return self.env["appraisal.reward.award"]._action_employee_history(self.id, self.name)
