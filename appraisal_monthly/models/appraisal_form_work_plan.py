from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from ..number_format import format_number
from ..rules import task_scoring
from ..user_lang import in_user_lang
from .appraisal_form_line import AUTO_SOURCES


class AppraisalForm(models.Model):
    """The work plan of the form (tasks of the period) and the figures
    computed from it and from the unit led: task results, unit result."""

    _name = "appraisal.form"  # an aspect file: the same model, extended
    _inherit = "appraisal.form"

    task_ids = fields.One2many("appraisal.task", "form_id", string="Work Plan")
    task_count = fields.Integer(compute="_compute_task_count")
    can_edit_tasks = fields.Boolean(
        compute="_compute_can_edit_tasks",
        help="The current user may add or change tasks of this work plan.",
    )
    # Computed from the form's own lines as the superuser (compute_sudo),
    # whoever reads the form: 19.0 checks the reader's access to hr.employee
    # on assigning unit_failed_employee_ids; the four share their compute.
    has_computed_lines = fields.Boolean(compute="_compute_work_plan_summary", compute_sudo=True)
    task_result_summary = fields.Text(
        string="Task Results", compute="_compute_work_plan_summary", compute_sudo=True
    )
    unit_result_summary = fields.Text(
        string="Unit Result", compute="_compute_work_plan_summary", compute_sudo=True
    )
    unit_failed_employee_ids = fields.Many2many(
        "hr.employee",
        string="Failed Subordinates",
        compute="_compute_work_plan_summary",
        compute_sudo=True,
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

    def _attach_pending_tasks(self):
        """Tasks entered before the form was generated join it now."""
        Task = self.env["appraisal.task"]
        tasks = Task.sudo().search([
            ("form_id", "=", False),
            ("employee_id", "in", self.employee_id.ids),
            ("period_id", "in", self.period_id.ids),
        ])
        self.env.add_to_compute(Task._fields["form_id"], tasks)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @in_user_lang
    def action_use_computed_scores(self):
        """Take the computed figures (task results, unit result) as the
        superior's scores of their lines."""
        self._check_may_score()
        self._refresh_unit_results()
        self._use_computed_scores()
        return True

    @in_user_lang
    def action_open_tasks(self):
        self.ensure_one()
        action = self.env["appraisal.task"]._get_work_plan_action(
            self.employee_id, self.period_id
        )
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _use_computed_scores(self, only_unscored=False):
        """Write the computed figures as the superior's scores; with
        ``only_unscored``, only on lines the superior has not scored yet."""
        for line in self.line_ids.filtered(
            lambda l: l.auto_source in AUTO_SOURCES
            and l.has_computed_score
            and not (only_unscored and l.manager_scored)
        ):
            line.manager_score = line.computed_score

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

        The computed lines of all the forms are read at once, from their
        stored figures (the working of each line is not needed to know
        whether the score differs), so that a step on ten thousand forms
        costs what ten thousand lines cost, once.
        """
        self._refresh_unit_results()
        lines = self.env["appraisal.form.line"].sudo().search_fetch(
            [
                ("form_id", "in", self.ids),
                ("auto_source", "in", AUTO_SOURCES),
                ("display_type", "=", False),
                ("has_computed_score", "=", True),
                ("manager_scored", "=", True),
                ("computed_provisional", "=", False),
            ],
            ["form_id", "name", "manager_score", "computed_score", "manager_note"],
            order="form_id, sequence, id",
        )
        lines = [
            line for line in lines
            if float_compare(line.manager_score, line.computed_score, precision_digits=2)
            and not (line.manager_note or "").strip()
        ]
        if lines:
            # Each line's text first: Odoo's exporter (Babel) does not see a
            # message nested in another message's arguments.
            details = [
                self.env._(
                    "%(form)s, %(criterion)s (%(score)s instead of %(computed)s)",
                    form=line.form_id.name,
                    criterion=line.name,
                    score=format_number(self.env, line.manager_score),
                    computed=format_number(self.env, line.computed_score),
                )
                for line in lines
            ]
            raise UserError(
                self.env._(
                    "Your score differs from the computed figure on: %(lines)s. "
                    "Write the reason in the superior's note of each of these "
                    "lines, or use the computed figures.",
                    lines="; ".join(details),
                )
            )

    def _trigger_unit_results(self, periods=None, exclude=None):
        """Recompute the unit results of the managers' forms still in
        progress that these forms count in: the forms of the people above
        their employees (see ``hr.employee._get_appraisal_superiors``), in
        their periods.  With ``periods`` (forms deleted), every manager's
        form of those periods.

        Only the managers touched: a batch of a generation or of a step
        recomputes the results of its own people's superiors, not those of
        every manager of the period made so far."""
        if periods is not None:
            if not periods:
                return
            domain = [("form_id.period_id", "in", periods.ids)]
        else:
            forms = self.sudo()
            superiors = forms.employee_id._get_appraisal_superiors()
            if not superiors:
                return
            domain = [
                ("form_id.period_id", "in", forms.period_id.ids),
                ("form_id.employee_id", "in", list(superiors)),
            ]
        domain.append(("auto_source", "=", "unit_result"))
        if exclude:
            domain.append(("form_id", "not in", exclude.ids))
        self.env["appraisal.form.line"]._recompute_computed_scores(domain)

    def _refresh_unit_results(self):
        """Bring the unit results of these forms up to date (the hierarchy
        may have changed since they were computed) before they are used."""
        if self:
            self.env["appraisal.form.line"]._recompute_computed_scores(
                [("form_id", "in", self.ids), ("auto_source", "=", "unit_result")]
            )

    def _get_unit_results(self):
        """{form id: (task_scoring.UnitResult, failed subordinates)}.

        The subordinates of a manager for a period are the people below them
        (see hr.employee._get_appraisal_subordinates) who have a form in the
        period, or who are active and have none yet.  A subordinate counts
        as rated once their form is approved; cancelled forms do not count.
        """
        forms = self.sudo()
        subordinates = forms.employee_id._get_appraisal_subordinates()
        everyone = set().union(*subordinates.values()) if subordinates else set()
        status = {}  # (period id, employee id) -> (state, rating)
        for period, employee, state, rating in self.env["appraisal.form"].sudo()._read_group(
            [("period_id", "in", forms.period_id.ids), ("employee_id", "in", list(everyone))],
            ["period_id", "employee_id", "state", "rating"],
        ):
            status[period.id, employee.id] = (state, rating)
        Employee = self.env["hr.employee"].sudo().with_context(active_test=True)
        active = set(Employee.search([("id", "in", list(everyone))]).ids)
        results = {}
        for form in forms:
            ratings, failed_ids, pending = [], [], 0
            for employee_id in subordinates.get(form.employee_id.id, ()):
                state, rating = status.get((form.period_id.id, employee_id), (None, None))
                if state == "cancelled" or (state is None and employee_id not in active):
                    continue  # not appraised this period
                if state == "approved":
                    ratings.append(rating)
                    if rating == task_scoring.FAILED:
                        failed_ids.append(employee_id)
                else:
                    pending += 1
            results[form.id] = (
                task_scoring.unit_result(ratings, pending),
                Employee.browse(sorted(failed_ids)),
            )
        return results
