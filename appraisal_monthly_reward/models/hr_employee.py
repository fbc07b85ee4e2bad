from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    reward_date_recruited = fields.Date(
        string="Recruitment Date",
        groups="hr.group_hr_user",
        help="Months since recruitment are counted from this date for the commendation "
        "titles; when empty, from the first approved appraisal form.")
    reward_award_ids = fields.One2many(
        "appraisal.reward.award", "employee_id", string="Commendations",
        groups="hr.group_hr_user")
    reward_award_count = fields.Integer(compute="_compute_reward_award_count")

    @api.depends_context("uid")
    def _compute_reward_award_count(self):
        counts = self.env["appraisal.reward.award"]._count_decided(self.ids)
        for employee in self:
            employee.reward_award_count = counts.get(employee.id, 0)

    def action_open_reward_awards(self):
        self.ensure_one()
        return self.env["appraisal.reward.award"]._action_employee_history(self.id, self.name)
