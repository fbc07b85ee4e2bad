import base64

from odoo import fields, models

from ..rules import results
from ..user_lang import in_user_lang


class AppraisalPeriodExport(models.TransientModel):
    _name = "appraisal.period.export"
    _inherit = ["appraisal.input.mixin"]
    _description = "Export the Period Sheet"

    period_id = fields.Many2one("appraisal.period", required=True, ondelete="cascade")
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Only these departments (sub-departments included). Leave empty "
        "for every form you may read.",
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @in_user_lang
    def action_export(self):
        self.ensure_one()
        content = self.period_id._generate_period_xlsx(
            department_ids=self.department_ids.ids or None
        )
        start = self.period_id.date_start
        if self.period_id.period_type == "quarter":
            suffix = "Q%s_%s" % (results.quarter_of(start.month), start.year)
        else:
            suffix = "%02d_%s" % (start.month, start.year)
        self.write({
            "file_data": base64.b64encode(content),
            "file_name": "bang_tong_hop_%s.xlsx" % suffix,
        })
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/?model=%s&id=%s&field=file_data&filename=%s&download=true"
            % (self._name, self.id, self.file_name),
            # A download, not a navigation: the page (and its dialog) stays;
            # 19.0 treats "self" as leaving the page.
            "target": "download",
        }
