from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import quota, results, scoring, task_scoring

COMBINATION_SELECTION = [
    (task_scoring.MEAN, "Mean of the three parts"),
    (task_scoring.MIN, "Lowest of the three parts"),
    (task_scoring.PRODUCT, "Product of the three parts"),
]


class ResCompany(models.Model):
    """Every appraisal setting of a company, in sections; the settings form
    (res.config.settings) shows them in the same order."""

    _inherit = "res.company"

    # ------------------------------------------------------------------
    # Periods and reminders
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # Levels and submission
    # ------------------------------------------------------------------
    # Decree 335/2025 thresholds by default; a body may set its own.
    appraisal_threshold_excellent = fields.Float(
        string="Excellent from (%)", default=scoring.DEFAULT_THRESHOLDS[0]
    )
    appraisal_threshold_good = fields.Float(
        string="Good from (%)", default=scoring.DEFAULT_THRESHOLDS[1]
    )
    appraisal_threshold_completed = fields.Float(
        string="Completed from (%)", default=scoring.DEFAULT_THRESHOLDS[2]
    )
    appraisal_block_late_submission = fields.Boolean(
        string="Refuse Late Self-Assessments",
        help="When set, employees cannot submit their self-assessment after "
        "the period's self-assessment deadline; HR officers still can.",
    )

    # ------------------------------------------------------------------
    # Work plan
    # ------------------------------------------------------------------
    appraisal_task_combination = fields.Selection(
        COMBINATION_SELECTION,
        string="Task Results Combination",
        default=task_scoring.MEAN,
        required=True,
        help="How quantity, quality and progress of the work plan make the "
        "task-result percentage, before it is scaled to the criterion's "
        "points (Decree 335/2025 does not fix it: the mean by default).",
    )

    # ------------------------------------------------------------------
    # Excellent quota
    # ------------------------------------------------------------------
    # Decree 335/2025: Excellent at most 20% of Good, within the agency and
    # within each group with similar tasks.
    appraisal_quota_enabled = fields.Boolean(
        string="Enforce the Excellent Quota",
        default=True,
        help="Refuse approvals and publications that put more people at "
        "Excellent than the quota allows (Decree 335/2025, for civil "
        "servants). Without it, the quota check only informs.",
    )
    appraisal_quota_percent = fields.Float(
        string="Excellent Quota (% of Good)",
        default=quota.DEFAULT_PERCENT,
        help="People rated Excellent may not exceed this percentage of the "
        "number rated Good (Decree 335/2025: 20). The allowed number is "
        "rounded down.",
    )
    appraisal_quota_grouping = fields.Selection(
        [
            ("department", "Department"),
            ("job", "Job Position"),
            ("none", "None (company only)"),
        ],
        string="Quota Groups",
        default="department",
        help="Groups of people with similar tasks within which the quota is "
        "counted, besides the company as a whole. Forms without a "
        "department (or job position) count in the company only.",
    )

    # ------------------------------------------------------------------
    # Quarterly and annual results
    # ------------------------------------------------------------------
    appraisal_min_months_classified = fields.Integer(
        string="Months Worked to Be Classified",
        default=results.DEFAULT_MIN_MONTHS,
        help="A person with approved results for fewer months in the year is "
        "reviewed but not classified (Decree 90/2020: 6). 0 disables the rule.",
    )

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------
    @api.constrains("appraisal_reminder_days")
    def _check_appraisal_reminder_days(self):
        if any(company.appraisal_reminder_days < 0 for company in self):
            raise ValidationError(
                self.env._("The number of days before the deadline cannot be negative.")
            )

    @api.constrains(
        "appraisal_threshold_excellent",
        "appraisal_threshold_good",
        "appraisal_threshold_completed",
    )
    def _check_appraisal_thresholds(self):
        for company in self:
            if not scoring.check_thresholds(company._get_appraisal_thresholds()):
                raise ValidationError(
                    self.env._(
                        "Appraisal thresholds must decrease strictly from "
                        "Excellent to Good to Completed, between 0 and 100."
                    )
                )

    @api.constrains("appraisal_quota_percent")
    def _check_appraisal_quota_percent(self):
        for company in self:
            if not 0 <= company.appraisal_quota_percent <= 100:
                raise ValidationError(
                    self.env._("The Excellent quota must be a percentage between 0 and 100.")
                )

    def write(self, vals):
        result = super().write(vals)
        if "appraisal_task_combination" in vals:
            # Forms still open follow the new rule; approved ones keep theirs.
            self.env["appraisal.form.line"]._recompute_computed_scores([
                ("company_id", "in", self.ids),
                ("auto_source", "=", "task_result"),
            ])
        return result

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
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
            return date(day.year, results.quarter_start_month(day.month), 1)
        return day.replace(day=1)

    def _get_appraisal_thresholds(self):
        self.ensure_one()
        return (
            self.appraisal_threshold_excellent,
            self.appraisal_threshold_good,
            self.appraisal_threshold_completed,
        )

    def _get_appraisal_quota_settings(self):
        """(percent, grouping field of appraisal.form or False)."""
        self.ensure_one()
        grouping = self.appraisal_quota_grouping or "department"
        field = {"department": "department_id", "job": "job_id"}.get(grouping, False)
        return self.appraisal_quota_percent, field
