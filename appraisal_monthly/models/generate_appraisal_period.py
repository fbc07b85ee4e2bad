import logging

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.exceptions import UserError

from ..user_lang import in_user_lang

_logger = logging.getLogger(__name__)


class AppraisalPeriod(models.Model):
    _inherit = "appraisal.period"

    @in_user_lang
    def action_open_generate_wizard(self):
        """The "Generate Forms" buttons: choose the scope, then see what was
        made and who has no criteria set."""
        self.ensure_one()
        if self.state not in ("draft", "open"):
            raise UserError(
                self.env._(
                    "Forms can only be generated for a draft or open period "
                    "(%(period)s).",
                    period=self.name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_period_generate_action"
        )
        action["context"] = {"default_period_id": self.id}
        return action

    def _generate_forms_logged(self, employees):
        """Create the missing forms of ``employees`` and note the result on
        the period's chatter.

        Returns (created forms, number of employees who already had a form,
        employees for whom no criteria set matches).
        """
        self.ensure_one()
        existing = self.env["appraisal.form"].search_count(
            [("period_id", "=", self.id), ("employee_id", "in", employees.ids)]
        )
        forms, missing = self._generate_forms(employees)
        body = self.env._(
            "%(created)s form(s) created, %(existing)s already existed.",
            created=len(forms),
            existing=existing,
        )
        if missing:
            body = " ".join([
                body,
                self.env._(
                    "No criteria set matches: %(names)s",
                    names=", ".join(missing.mapped("name")),
                ),
            ])
        self._message_log(body=body)
        return forms, existing, missing

    @api.model
    def _cron_create_periods(self):
        """Daily: make sure each company with automatic periods has the
        period of today (its own date), opened and with its forms.

        On the first day of a month (or quarter) this creates the new period;
        a missed run is caught up on the next day.  A company that already
        has a period overlapping that month (or quarter) is left alone,
        whatever the period's state, so the action may run any number of
        times.
        """
        companies = self.env["res.company"].sudo().search(
            [("appraisal_auto_period", "=", True)]
        )
        periods = self.browse()
        for company in companies:
            try:
                with self.env.cr.savepoint():
                    periods |= self._auto_create_period(company)
            except Exception:  # pylint: disable=broad-except
                # One company's problem (e.g. a deadline rule) must not stop
                # the others; the error is in the server log.
                _logger.exception(
                    "Automatic appraisal period failed for company %s", company.name
                )
        return periods

    def _auto_create_period(self, company):
        lang = company.partner_id.lang or self.env.lang
        Period = self.sudo().with_company(company).with_context(lang=lang)
        today = company._get_appraisal_today()
        date_start = company._get_appraisal_period_start(today)
        period_type = company.appraisal_period_type or "month"
        months = 3 if period_type == "quarter" else 1
        date_end = date_start + relativedelta(months=months, days=-1)
        if Period.search_count([
            ("company_id", "=", company.id),
            ("date_start", "<=", date_end),
            ("date_end", ">=", date_start),
        ]):
            return self.browse()
        period = Period.create({
            "company_id": company.id,
            "period_type": period_type,
            "date_start": date_start,
        })
        period.action_open()
        employees = self.env["hr.employee"].sudo().search(
            [("company_id", "=", company.id)]
        )
        period._generate_forms_logged(employees)
        return period.with_env(self.env)
