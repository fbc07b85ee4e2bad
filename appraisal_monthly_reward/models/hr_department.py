from odoo import api, models
from odoo.exceptions import UserError


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_awarded(self):
        self = self.with_context(lang=self.env.context.get("lang") or self.env.user.lang)
        Award = self.env["appraisal.reward.award"].sudo()
        awarded = Award.search(
            ["|", ("department_id", "in", self.ids), ("unit_id", "in", self.ids),
             ("decided", "=", True)], limit=1)
        if awarded:
            raise UserError(self.env._(
                "%(unit)s is named in a commendation of a decision (%(award)s): the unit "
                "cannot be deleted, so that the decision keeps its list. Archive it instead.",
                unit=(awarded.department_id or awarded.unit_id).name,
                award=awarded.display_name))
