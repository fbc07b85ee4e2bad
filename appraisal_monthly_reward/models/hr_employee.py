from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang


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

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        if any(vals.get("reward_date_recruited") for vals in vals_list):
            employees._check_recruitment_not_own()
        return employees

    def write(self, vals):
        if "reward_date_recruited" in vals:
            self._check_recruitment_not_own()
        return super().write(vals)

    def _check_recruitment_not_own(self):
        """Months since recruitment decide titles: nobody sets their own."""
        self = self.with_context(lang=self.env.context.get("lang") or self.env.user.lang)
        if self.sudo().filtered(lambda e: e.user_id and e.user_id == self.env.user):
            raise AccessError(self.env._(
                "Nobody sets their own recruitment date: it decides their titles. Ask "
                "another HR officer."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_awarded(self):
        self = self.with_context(lang=self.env.context.get("lang") or self.env.user.lang)
        awarded = self.env["appraisal.reward.award"].sudo().search(
            [("employee_id", "in", self.ids), ("decided", "=", True)], limit=1)
        if awarded:
            raise UserError(self.env._(
                "%(employee)s holds a commendation of a decision (%(award)s): the employee "
                "cannot be deleted, so that the decision keeps its list. Archive the employee "
                "instead.", employee=awarded.employee_id.name, award=awarded.display_name))

    @in_user_lang
    def action_open_reward_awards(self):
        self.ensure_one()
        return self.env["appraisal.reward.award"]._action_employee_history(self.id, self.name)
