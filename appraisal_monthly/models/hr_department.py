from odoo import api, models

from .hr_employee import HIERARCHY_FIELDS


class HrDepartment(models.Model):
    """Departments and their heads shape the hierarchy of superiors: a
    change forgets the hierarchy computed so far in the transaction."""

    _inherit = "hr.department"

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hr.employee"]._forget_appraisal_hierarchy()
        return super().create(vals_list)

    def write(self, vals):
        if HIERARCHY_FIELDS & set(vals):
            self.env["hr.employee"]._forget_appraisal_hierarchy()
        return super().write(vals)

    def unlink(self):
        self.env["hr.employee"]._forget_appraisal_hierarchy()
        return super().unlink()
