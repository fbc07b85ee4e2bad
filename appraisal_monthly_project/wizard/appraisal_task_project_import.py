from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext


class AppraisalTaskProjectImport(models.TransientModel):
    _name = "appraisal.task.project.import"
    _description = "Import Work-Plan Tasks from Project"

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        default=lambda self: self.env.user.employee_id,
    )
    period_id = fields.Many2one(
        "appraisal.period",
        required=True,
        domain="[('state', '!=', 'closed')]",
        default=lambda self: self.env["appraisal.task"]._default_period_id(),
    )
    project_task_ids = fields.Many2many(
        "project.task",
        string="Project Tasks",
        compute="_compute_project_task_ids",
        store=True,
        readonly=False,
        help="Tasks of the Project app assigned to the employee's user, with a "
        "deadline in the period, not cancelled and not imported yet for this "
        "period. Remove those that should not join the work plan.",
    )

    @api.depends("employee_id", "period_id")
    def _compute_project_task_ids(self):
        for wizard in self:
            wizard.project_task_ids = wizard._get_candidates()

    def _get_candidates(self):
        """The Project tasks the user can read that may join the plan."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        period = self.period_id
        if not user or not period.date_start or not period.date_end:
            return self.env["project.task"]
        tasks = self.env["project.task"].search([
            ("user_ids", "in", user.ids),
            ("date_deadline", ">=", datetime.combine(period.date_start, time.min)),
            ("date_deadline", "<", datetime.combine(period.date_end + timedelta(days=1), time.min)),
            ("state", "!=", "1_canceled"),
        ], order="date_deadline, id")
        imported = self.env["appraisal.task"].sudo().search([
            ("project_task_id", "in", tasks.ids),
            ("period_id", "=", period.id),
        ]).project_task_id
        return tasks - imported

    @api.model
    def _get_open_action(self, employee=None, period=None):
        context = {}
        if employee:
            context["default_employee_id"] = employee.id
        if period:
            context["default_period_id"] = period.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import from Project"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_import(self):
        """Create the work-plan tasks; the work plan's own rights apply."""
        self.ensure_one()
        if not self.project_task_ids:
            raise UserError(
                self.env._(
                    "No project task to import: none is assigned to %(employee)s "
                    "with a deadline in %(period)s, or all are already in the "
                    "work plan.",
                    employee=self.employee_id.name,
                    period=self.period_id.name,
                )
            )
        # The list may have been computed a while ago: never import twice.
        project_tasks = self.project_task_ids & self._get_candidates()
        tasks = self.env["appraisal.task"].create([
            self._prepare_task_values(project_task) for project_task in project_tasks
        ])
        action = self.env["appraisal.task"]._get_work_plan_action(
            self.employee_id, self.period_id
        )
        action["name"] = self.env._(
            "%(count)s task(s) imported from Project", count=len(tasks)
        )
        return action

    def _prepare_task_values(self, project_task):
        def local_date(value):
            return value and fields.Datetime.context_timestamp(self, value).date()

        done = project_task.state == "1_done"
        return {
            "employee_id": self.employee_id.id,
            "period_id": self.period_id.id,
            "project_task_id": project_task.id,
            "name": project_task.name,
            "description": html2plaintext(project_task.description or "") or False,
            "date_deadline": local_date(project_task.date_deadline),
            "date_done": done and local_date(project_task.date_end or project_task.write_date),
        }
