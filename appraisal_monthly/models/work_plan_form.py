from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import task_scoring
from ..user_lang import in_user_lang
from .work_plan_form_line import AUTO_SOURCES


class AppraisalForm(models.Model):
    _inherit = "appraisal.form"

    task_ids = fields.One2many("appraisal.task", "form_id", string="Work Plan")
    task_count = fields.Integer(compute="_compute_task_count")
    can_edit_tasks = fields.Boolean(
        compute="_compute_can_edit_tasks",
        help="The current user may add or change tasks of this work plan.",
    )
    has_computed_lines = fields.Boolean(compute="_compute_work_plan_summary")
    task_result_summary = fields.Text(
        string="Task Results", compute="_compute_work_plan_summary"
    )
    unit_result_summary = fields.Text(
        string="Unit Result", compute="_compute_work_plan_summary"
    )
    unit_failed_employee_ids = fields.Many2many(
        "hr.employee",
        string="Failed Subordinates",
        compute="_compute_work_plan_summary",
    )

    @api.depends("task_ids")
    def _compute_task_count(self):
        for form in self:
            form.task_count = len(form.task_ids)

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "period_id.state", "reviewer_user_id", "approver_user_id")
    def _compute_can_edit_tasks(self):
        user = self.env.user
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        for form in self:
            period_state = form.sudo().period_id.state
            if form.state in ("approved", "cancelled") or period_state == "closed":
                form.can_edit_tasks = False
            elif form.employee_id.user_id == user:
                form.can_edit_tasks = form.state == "draft" and period_state == "open"
            else:
                form.can_edit_tasks = (
                    is_officer
                    or form.employee_id in managed
                    or user in (form.reviewer_user_id | form.approver_user_id)
                )

    @api.depends_context("lang")
    @api.depends("line_ids.computed_explanation", "line_ids.has_computed_score")
    def _compute_work_plan_summary(self):
        for form in self:
            lines = form.line_ids.filtered(
                lambda l: l.auto_source in AUTO_SOURCES and not l.display_type
            )
            task_lines = lines.filtered(lambda l: l.auto_source == "task_result")
            unit_lines = lines - task_lines
            form.has_computed_lines = any(lines.mapped("has_computed_score"))
            form.task_result_summary = "\n".join(
                task_lines.mapped("computed_explanation")
            ) or False
            form.unit_result_summary = "\n".join(
                unit_lines.mapped("computed_explanation")
            ) or False
            form.unit_failed_employee_ids = unit_lines.unit_failed_employee_ids

    @api.model_create_multi
    def create(self, vals_list):
        forms = super().create(vals_list)
        # Tasks entered before the form was generated join it now.
        Task = self.env["appraisal.task"]
        tasks = Task.sudo().search([
            ("form_id", "=", False),
            ("employee_id", "in", forms.employee_id.ids),
            ("period_id", "in", forms.period_id.ids),
        ])
        self.env.add_to_compute(Task._fields["form_id"], tasks)
        return forms

    def _check_write_allowed(self, vals):
        # The work plan is edited through the form's tab, but each task
        # checks its own rights (appraisal.task._check_task_rights).
        if "task_ids" in vals:
            vals = {key: value for key, value in vals.items() if key != "task_ids"}
        return super()._check_write_allowed(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @in_user_lang
    def action_review(self):
        self._check_transition("review")
        self._check_computed_adjustments()
        return super().action_review()

    @in_user_lang
    def action_approve(self):
        self._check_transition("approve")
        self._check_computed_adjustments()
        return super().action_approve()

    @in_user_lang
    def action_use_computed_scores(self):
        """Take the computed figures (task results, unit result) as the
        superior's scores of their lines."""
        self._check_may_score()
        self._refresh_unit_results()
        for line in self.line_ids.filtered(
            lambda l: l.auto_source in AUTO_SOURCES and l.has_computed_score
        ):
            line.manager_score = line.computed_score
        return True

    @in_user_lang
    def action_copy_self_scores(self):
        # Lines filled from the work plan or the unit start from the
        # computed figure rather than the employee's own.
        self._check_may_score()
        self._refresh_unit_results()
        for line in self.line_ids.filtered(
            lambda l: l.auto_source in AUTO_SOURCES
            and l.has_computed_score
            and not l.manager_scored
        ):
            line.manager_score = line.computed_score
        return super().action_copy_self_scores()

    def action_open_tasks(self):
        self.ensure_one()
        action = self.env["appraisal.task"]._get_work_plan_action(
            self.employee_id, self.period_id
        )
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _check_may_score(self):
        for form in self:
            if not form.can_review and not (form.state == "reviewed" and form.can_approve):
                raise AccessError(
                    self.env._("Only the superior may score %(form)s.", form=form.name)
                )

    def _check_computed_adjustments(self):
        """A superior may score a computed line otherwise, with a reason.

        A provisional unit result (some subordinates not rated yet) is only
        indicative: scoring otherwise needs no reason until it is final.
        """
        self._refresh_unit_results()
        lines = self.line_ids.filtered(
            lambda l: l.auto_source in AUTO_SOURCES
            and l.computed_differs
            and not l.computed_provisional
            and not (l.manager_note or "").strip()
        )
        if lines:
            fmt = task_scoring.fmt
            raise UserError(
                self.env._(
                    "Your score differs from the computed figure on: %(lines)s. "
                    "Write the reason in the superior's note of each of these "
                    "lines, or use the computed figures.",
                    lines="; ".join(
                        self.env._(
                            "%(form)s, %(criterion)s (%(score)s instead of %(computed)s)",
                            form=line.form_id.name,
                            criterion=line.name,
                            score=fmt(line.manager_score),
                            computed=fmt(line.computed_score),
                        )
                        for line in lines
                    ),
                )
            )
