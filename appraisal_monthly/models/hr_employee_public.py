from odoo import api, fields, models

from ..user_lang import in_user_lang


class HrEmployeePublic(models.Model):
    """Colleagues without HR rights see employees through this model: the
    history button counts only the forms the viewer may read."""

    _inherit = "hr.employee.public"

    appraisal_form_count = fields.Integer(compute="_compute_appraisal_form_count")

    @api.depends_context("uid")
    def _compute_appraisal_form_count(self):
        counts = self.env["appraisal.form"]._count_by_employee(self.ids)
        for employee in self:
            employee.appraisal_form_count = counts.get(employee.id, 0)

    @in_user_lang
    def action_open_appraisal_forms(self):
        self.ensure_one()
        return self.env["hr.employee"].browse(self.id).action_open_appraisal_forms()

    @in_user_lang
    def action_open_appraisal_trend(self):
        self.ensure_one()
        return self.env["hr.employee"].browse(self.id).action_open_appraisal_trend()
