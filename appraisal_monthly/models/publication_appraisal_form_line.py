from odoo import api, models

from ..user_lang import in_user_lang


class AppraisalFormLine(models.Model):
    _inherit = "appraisal.form.line"

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        forms = self.env["appraisal.form"].browse(
            [vals["form_id"] for vals in vals_list if vals.get("form_id")]
        )
        forms._check_period_not_closed()
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        self.form_id._check_period_not_closed()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_period(self):
        self.form_id._check_period_not_closed()
