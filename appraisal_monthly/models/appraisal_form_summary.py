from odoo import models


class AppraisalForm(models.Model):
    _inherit = "appraisal.form"

    def write(self, vals):
        """Keep the quarterly and annual results in step with the approved
        forms: a form approved or reopened refreshes its person's year."""
        if "state" not in vals:
            return super().write(vals)
        was_approved = {form.id: form.state == "approved" for form in self}
        result = super().write(vals)
        changed = self.filtered(
            lambda form: was_approved.get(form.id) != (form.state == "approved")
        )
        changed._refresh_appraisal_summaries()
        return result

    def _refresh_appraisal_summaries(self):
        keys = {
            (form.employee_id.id, form.date_start.year)
            for form in self.sudo()
            if form.employee_id and form.date_start
        }
        if keys:
            self.env["appraisal.summary"]._refresh(keys)
