import base64
import datetime

from odoo import api, fields, models

from ..user_lang import in_user_lang


class AppraisalSummaryExport(models.TransientModel):
    _name = "appraisal.summary.export"
    _inherit = ["appraisal.input.mixin"]
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
    stale_count = fields.Integer(
        string="Results Not Up to Date",
        readonly=True,
        help="People whose stored results of the year do not count all their "
        "approved forms yet: recompute them in the background, or download "
        "the sheet as the results stand.",
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def _default_year(self):
        return fields.Date.context_today(self).year

    @in_user_lang
    def action_export(self):
        """The sheet, built from the stored results.  An HR officer
        exporting the whole body is told first when results are not up to
        date: a few are recomputed at once; many (from the background
        threshold on) are offered as the period's background job, and the
        sheet can still be downloaded as the results stand (a second
        click)."""
        self.ensure_one()
        Summary = self.env["appraisal.summary"].with_company(self.company_id)
        if (self.env.user.has_group("appraisal_monthly.group_appraisal_officer")
                and not self.stale_count):
            stale = Summary._stale_employee_ids(self.company_id, self.year)
            threshold = self.env["appraisal.period"]._get_background_threshold()
            if stale and len(stale) < threshold:
                Summary._refresh({(employee_id, self.year) for employee_id in stale})
            elif stale:
                self.stale_count = len(stale)
                return self._reopen()
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

    def action_recompute(self):
        """Recompute the year's results in the background (the period's
        "Recompute Annual Results", on the company's last period of the
        year), the HR officer notified when it is done."""
        self.ensure_one()
        Period = self.env["appraisal.period"]
        Period._check_appraisal_officer()
        period = Period.search([
            ("company_id", "=", self.company_id.id),
            ("date_start", ">=", datetime.date(self.year, 1, 1)),
            ("date_start", "<=", datetime.date(self.year, 12, 31)),
        ], order="date_start desc, id desc", limit=1)
        if not period:
            return {"type": "ir.actions.act_window_close"}
        period.action_recompute_annual_results()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "The results of %(year)s are being recomputed in the background "
                    "(%(period)s shows the progress); you will be notified when it is "
                    "done. Download the sheet then.",
                    year=self.year,
                    period=period.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Annual Sheet"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
