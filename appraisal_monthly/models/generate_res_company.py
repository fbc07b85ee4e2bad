from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    appraisal_auto_period = fields.Boolean(
        string="Create Periods Automatically",
        default=True,
        help="Every day a scheduled action makes sure the current appraisal "
        "period exists: on the first day of a month (or quarter) it creates "
        "the period, opens it and generates the forms of every employee.",
    )
    appraisal_period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        string="Appraisal Period Length",
        default="month",
        required=True,
        help="Length of the periods created automatically.",
    )
    appraisal_reminder_days = fields.Integer(
        string="Self-Assessment Reminder (days before)",
        default=2,
        help="Employees whose form is still in self-assessment get an e-mail "
        "this many days before the deadline (0: no reminder before the "
        "deadline). Overdue reminders are sent every day after it.",
    )

    @api.constrains("appraisal_reminder_days")
    def _check_appraisal_reminder_days(self):
        if any(company.appraisal_reminder_days < 0 for company in self):
            raise ValidationError(
                self.env._("The number of days before the deadline cannot be negative.")
            )

    def _get_appraisal_today(self):
        """Today's date where the company works (its time zone), so that
        "the first day of the month" does not depend on the server's clock."""
        self.ensure_one()
        tz = self.partner_id.tz or self.resource_calendar_id.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    def _get_appraisal_period_start(self, day):
        """First day of the month, or of the quarter, holding ``day``."""
        self.ensure_one()
        if self.appraisal_period_type == "quarter":
            return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return day.replace(day=1)
