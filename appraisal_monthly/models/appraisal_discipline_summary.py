from odoo import models


class AppraisalDiscipline(models.Model):
    _inherit = "appraisal.discipline"

    def _reevaluate_forms(self, scope):
        """A measure recorded, moved or annulled also changes the year (and
        quarter) that contains it."""
        result = super()._reevaluate_forms(scope)
        self.env["appraisal.summary"]._refresh(
            {(employee_id, day.year) for employee_id, day in scope}
        )
        return result
