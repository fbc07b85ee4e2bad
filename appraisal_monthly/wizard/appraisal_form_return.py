from odoo import fields, models
from odoo.exceptions import UserError

from ..user_lang import in_user_lang


class AppraisalFormReturn(models.TransientModel):
    _name = "appraisal.form.return"
    _inherit = ["appraisal.input.mixin"]
    _description = "Return or Reopen Appraisal Forms"

    form_ids = fields.Many2many("appraisal.form", string="Forms", required=True)
    action = fields.Selection(
        [("return", "Return for Revision"), ("reset_to_draft", "Reopen")],
        required=True,
        default="return",
    )
    reason = fields.Text(required=True)

    @in_user_lang
    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please write the reason."))
        if self.action == "return":
            self.form_ids.action_return(reason=reason)
        else:
            self.form_ids.action_reset_to_draft(reason=reason)
        return {"type": "ir.actions.act_window_close"}
