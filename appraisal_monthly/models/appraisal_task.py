from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import compat
from ..rules import task_scoring
from ..user_lang import in_user_lang

# Fields anyone with a say on the task may write by hand (allow-lists: a
# field added later is protected by default).  The objective cause is
# confirmed only by a superior or HR; the rest is computed.
TASK_FIELDS = {
    "sequence",
    "name",
    "description",
    "employee_id",
    "period_id",
    "date_deadline",
    "weight",
    "date_done",
    "major_error_count",
    "delay_count",
    "objective_cause",
}
SUPERIOR_FIELDS = {"exempt"}
FREE_PREFIXES = ("message_", "activity_")


@compat.sql_constraints(
    (
        "weight_positive",
        "CHECK(weight > 0)",
        "A task's weight must be above zero.",
    ),
    (
        "major_error_count_positive",
        "CHECK(major_error_count >= 0)",
        "The number of major errors cannot be negative.",
    ),
    (
        "delay_count_positive",
        "CHECK(delay_count >= 0)",
        "The number of delays cannot be negative.",
    ),
)
class AppraisalTask(models.Model):
    _name = "appraisal.task"
    _description = "Work Plan Task"
    _inherit = ["mail.thread", "appraisal.managed.mixin", "appraisal.input.mixin"]
    _order = "period_id desc, employee_id, sequence, date_deadline, id"
    _mail_post_access = "read"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True)
    description = fields.Text()
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        default=lambda self: self._default_employee_id(),
    )
    period_id = fields.Many2one(
        "appraisal.period",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_period_id(),
    )
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, precompute=True
    )
    form_id = fields.Many2one(
        "appraisal.form",
        string="Appraisal Form",
        compute="_compute_form_id",
        store=True,
        index=True,
        ondelete="set null",
        help="The employee's appraisal form of the period, once generated.",
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    weight = fields.Float(
        default=1.0,
        digits=(16, 2),
        tracking=True,
        help="Converted units of the task (product weight): a task of weight "
        "2 counts twice as much as a task of weight 1.",
    )
    date_done = fields.Date(string="Done On", tracking=True)
    major_error_count = fields.Integer(
        string="Major Errors",
        tracking=True,
        help="Each major error takes 25% of the task's quality points.",
    )
    delay_count = fields.Integer(
        string="Delays",
        tracking=True,
        help="Each delay takes 25% of the task's progress points. A task done "
        "after its deadline counts at least one delay.",
    )
    objective_cause = fields.Text(
        help="The employee's explanation of an error, a delay or a task not "
        "done, for the superior to confirm.",
    )
    exempt = fields.Boolean(
        string="Objective Cause Confirmed",
        tracking=True,
        copy=False,
        help="Confirmed by the superior: the task's errors and delays are not "
        "counted, and if it is not done it is not counted as assigned.",
    )
    exempt_confirmed_by = fields.Many2one(
        "res.users", string="Confirmed By", readonly=True, copy=False, tracking=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("late", "Done Late")],
        string="Status",
        compute="_compute_state",
        store=True,
        index=True,
        help="Planned: not done yet. Done Late: done with delays not exempted.",
    )
    can_edit = fields.Boolean(compute="_compute_user_rights")
    can_confirm_exemption = fields.Boolean(compute="_compute_user_rights")

    def _default_employee_id(self):
        return self.env.user.employee_id

    def _default_period_id(self):
        """The open period of the company that contains today, else the
        latest open one."""
        Period = self.env["appraisal.period"]
        domain = [("company_id", "=", self.env.company.id), ("state", "=", "open")]
        today = fields.Date.context_today(self)
        return Period.search(
            domain + [("date_start", "<=", today), ("date_end", ">=", today)], limit=1
        ) or Period.search(domain, order="date_start desc", limit=1)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id", "period_id")
    def _compute_form_id(self):
        forms = self.env["appraisal.form"].sudo().search([
            ("employee_id", "in", self.employee_id.ids),
            ("period_id", "in", self.period_id.ids),
        ])
        by_key = {(form.employee_id.id, form.period_id.id): form.id for form in forms}
        for task in self:
            task.form_id = by_key.get((task.employee_id.id, task.period_id.id), False)

    @api.depends("date_done", "date_deadline", "delay_count", "exempt")
    def _compute_state(self):
        for task in self:
            if not task.date_done:
                task.state = "planned"
            elif not task.exempt and task._get_effective_delays():
                task.state = "late"
            else:
                task.state = "done"



    @api.depends_context("uid")
    @api.depends("employee_id", "form_id.state", "period_id.state")
    def _compute_user_rights(self):
        roles = self._get_user_roles()
        for task in self:
            role = roles.get(task.id)
            editable = task._get_lock_reason() is None and (
                role == "superior" or (role == "own" and task._get_own_lock_reason() is None)
            )
            task.can_edit = editable
            task.can_confirm_exemption = editable and role == "superior"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _get_work_plan_action(self, employee, period):
        """The work plan of one employee for one period, new tasks
        defaulting to them."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_task_action"
        )
        action["domain"] = [
            ("employee_id", "=", employee.id),
            ("period_id", "=", period.id),
        ]
        action["context"] = {
            "default_employee_id": employee.id,
            "default_period_id": period.id,
        }
        return action

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        forms = self.env["appraisal.form"].sudo().browse(
            [vals["form_id"] for vals in vals_list if vals.get("form_id")]
        )
        for vals in vals_list:
            # Added from a form's Work Plan tab: the task is the form's
            # employee's, in its period (form_id itself is then recomputed).
            form = forms.browse(vals.get("form_id"))
            if form:
                vals.setdefault("employee_id", form.employee_id.id)
                vals.setdefault("period_id", form.period_id.id)
        tasks = super().create(vals_list)
        if not self.env.su:
            for task, vals in zip(tasks, vals_list):
                task._check_task_rights(
                    set(vals) - {"form_id"}, task if vals.get("exempt") else None
                )
        for task, vals in zip(tasks, vals_list):
            if vals.get("exempt") and not vals.get("exempt_confirmed_by"):
                task.sudo().exempt_confirmed_by = self.env.user
        return tasks

    @in_user_lang
    def write(self, vals):
        exempt_changed = self.browse()
        if "exempt" in vals:
            exempt_changed = self.filtered(lambda t: t.exempt != bool(vals["exempt"]))
        if not self.env.su:
            self._check_task_rights(set(vals), exempt_changed)
        result = super().write(vals)
        if not self.env.su and {"employee_id", "period_id"} & set(vals):
            # Moved to another person or period: may the user act there too?
            self._check_task_rights(set())
        if exempt_changed:
            # Who confirmed the objective cause (tracked), or nobody once withdrawn.
            exempt_changed.sudo().write(
                {"exempt_confirmed_by": vals["exempt"] and self.env.uid or False}
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_check_rights(self):
        if not self.env.su:
            self._check_task_rights(set())

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    @api.model
    def _get_user_fields(self):
        """Fields a user may write on a task (others are computed)."""
        return TASK_FIELDS | SUPERIOR_FIELDS

    def _get_user_roles(self, user=None):
        """{task id: 'own', 'superior' or False} for ``user``.

        Superiors are the form's reviewer and approver, anyone who manages
        the employee in the manager chain or the departments, and HR
        officers; nobody is the superior of their own tasks.
        """
        user = user or self.env.user
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        roles = {}
        for task in self.sudo():
            if task.employee_id.user_id == user:
                roles[task.id] = "own"
            elif (
                is_officer
                or task.employee_id in managed
                or user in (task.form_id.reviewer_user_id | task.form_id.approver_user_id)
            ):
                roles[task.id] = "superior"
            else:
                roles[task.id] = False
        return roles

    def _get_lock_reason(self):
        """Why nobody may change this task any more, or None."""
        self.ensure_one()
        task = self.sudo()
        if task.period_id.state == "closed":
            return self.env._(
                "Period %(period)s is closed: its work plans cannot change.",
                period=task.period_id.name,
            )
        if task.form_id.state in ("approved", "cancelled"):
            return self.env._(
                "The appraisal form %(form)s is approved or cancelled: its work "
                "plan cannot change. An HR officer must reopen the form first.",
                form=task.form_id.name,
            )
        return None

    def _get_own_lock_reason(self):
        """Why the employee may no longer change their own task, or None."""
        self.ensure_one()
        task = self.sudo()
        if task.period_id.state != "open":
            return self.env._(
                "Period %(period)s is not open: you cannot change your work plan.",
                period=task.period_id.name,
            )
        if task.form_id and task.form_id.state != "draft":
            return self.env._(
                "Your appraisal form %(form)s has been submitted: only your "
                "superior can change its work plan now.",
                form=task.form_id.name,
            )
        return None

    def _check_task_rights(self, fnames, exempt_changed=None):
        """Refuse what the user's role, the form or the period forbid.

        ``exempt_changed``: the tasks whose objective-cause confirmation the
        operation changes.
        """
        if self.env.su:
            return
        changed = {fname for fname in fnames if not fname.startswith(FREE_PREFIXES)}
        forbidden = changed - self._get_user_fields()
        if forbidden:
            raise AccessError(
                self.env._(
                    "These fields of a task are computed and cannot be written: "
                    "%(fields)s.",
                    fields=", ".join(sorted(forbidden)),
                )
            )
        roles = self._get_user_roles()
        for task in self:
            reason = task._get_lock_reason()
            if reason:
                raise UserError(reason)
            role = roles[task.id]
            employee = task.sudo().employee_id
            if exempt_changed and task in exempt_changed and role != "superior":
                raise AccessError(
                    self.env._(
                        "Only a superior of %(employee)s or an HR officer may "
                        "confirm the objective cause of a task.",
                        employee=employee.name,
                    )
                )
            if role == "superior":
                continue
            if role != "own":
                raise AccessError(
                    self.env._(
                        "Only %(employee)s and their superiors may change the work "
                        "plan of %(employee)s.",
                        employee=employee.name,
                    )
                )
            reason = task._get_own_lock_reason()
            if reason:
                raise AccessError(reason)

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------
    def _get_effective_delays(self):
        self.ensure_one()
        return task_scoring.effective_delays(
            self.delay_count, self.date_done, self.date_deadline
        )

    def _get_scoring_values(self):
        """The tasks as task_scoring.task_result() reads them."""
        return [
            {
                "weight": task.weight,
                "done": bool(task.date_done),
                "major_errors": task.major_error_count,
                "delays": task._get_effective_delays(),
                "exempt": task.exempt,
            }
            for task in self
        ]
