from odoo import api, fields, models
from odoo.addons.appraisal_monthly import compat


@compat.sql_constraints(
    (
        "project_task_period_uniq",
        "unique(project_task_id, period_id)",
        "A project task appears only once in the work plans of a period.",
    ),
)
class AppraisalTask(models.Model):
    _inherit = "appraisal.task"

    project_task_id = fields.Many2one(
        "project.task",
        ondelete="set null",
        index="btree_not_null",
        copy=False,
        help="The task of the Project app this work-plan task was imported from.",
    )

    @api.model
    def _get_user_fields(self):
        return super()._get_user_fields() | {"project_task_id"}

    @api.model
    def action_open_project_import(self):
        """Open the import dialog (list header button, nothing selected)."""
        return self.env["appraisal.task.project.import"]._get_open_action()

