from odoo import fields, models
from odoo.exceptions import UserError


class AppraisalFormLine(models.Model):
    _inherit = "appraisal.form.line"

    discipline_auto = fields.Boolean(
        string="Set from Discipline",
        readonly=True,
        copy=False,
        help="This veto was set from a disciplinary measure recorded by HR; "
        "it follows the measure and cannot be unchecked by hand.",
    )

    def _check_line_write(self, vals):
        result = super()._check_line_write(vals)
        unchecks = [fname for fname in ("self_veto", "manager_veto")
                    if fname in vals and not vals[fname]]
        if unchecks and self.filtered("discipline_auto"):
            raise UserError(
                self.env._(
                    "This veto follows from a disciplinary measure recorded by HR. "
                    "To lift it, an HR officer must correct or archive the measure."
                )
            )
        return result
