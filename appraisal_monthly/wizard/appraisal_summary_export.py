import base64

from odoo import api, fields, models


class AppraisalSummaryExport(models.TransientModel):
    _name = "appraisal.summary.export"
    _description = "Export the Annual Appraisal Sheet"

    year = fields.Integer(
        required=True, default=lambda self: self._default_year(), aggregator=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Leave empty for every department you may see; sub-departments "
        "are included.",
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def _default_year(self):
        return fields.Date.context_today(self).year

    def action_export(self):
        self.ensure_one()
        Summary = self.env["appraisal.summary"].with_company(self.company_id)
        if self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            # HR exports the whole body: make sure every result is there.
            Summary._refresh_company_year(self.company_id, self.year)
        content = Summary._generate_annual_xlsx(
            self.year, self.company_id, self.department_ids.ids or None
        )
        self.write({
            "file_data": base64.b64encode(content),
            "file_name": "ket_qua_xep_loai_nam_%s.xlsx" % self.year,
        })
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content?model=%s&id=%s&field=file_data"
            "&filename_field=file_name&download=true" % (self._name, self.id),
            # A download, not a navigation: the page (and its dialog) stays;
            # 19.0 treats "self" as leaving the page.
            "target": "download",
        }
