from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The appraisal settings of the current company, in the sections of
    res.company."""

    _inherit = "res.config.settings"

    # Periods and reminders
    appraisal_auto_period = fields.Boolean(
        related="company_id.appraisal_auto_period", readonly=False
    )
    appraisal_period_type = fields.Selection(
        related="company_id.appraisal_period_type", readonly=False
    )
    appraisal_reminder_days = fields.Integer(
        related="company_id.appraisal_reminder_days", readonly=False
    )

    # Levels and submission
    appraisal_threshold_excellent = fields.Float(
        related="company_id.appraisal_threshold_excellent", readonly=False
    )
    appraisal_threshold_good = fields.Float(
        related="company_id.appraisal_threshold_good", readonly=False
    )
    appraisal_threshold_completed = fields.Float(
        related="company_id.appraisal_threshold_completed", readonly=False
    )
    appraisal_block_late_submission = fields.Boolean(
        related="company_id.appraisal_block_late_submission", readonly=False
    )

    # Work plan
    appraisal_task_combination = fields.Selection(
        related="company_id.appraisal_task_combination", readonly=False
    )

    # Excellent quota
    appraisal_quota_enabled = fields.Boolean(
        related="company_id.appraisal_quota_enabled", readonly=False
    )
    appraisal_quota_percent = fields.Float(
        related="company_id.appraisal_quota_percent", readonly=False
    )
    appraisal_quota_grouping = fields.Selection(
        related="company_id.appraisal_quota_grouping", readonly=False
    )

    # Quarterly and annual results
    appraisal_min_months_classified = fields.Integer(
        related="company_id.appraisal_min_months_classified", readonly=False
    )
