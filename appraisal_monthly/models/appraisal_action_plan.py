from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import workflow
from ..user_lang import in_user_lang
from ..workflow_write import in_workflow

# What each role may write by hand (allow-lists: a field added later is
# protected by default).  The status moves through the action_* buttons.
PLAN_SUPERVISOR_FIELDS = {"name", "supervisor_user_id", "objective", "item_ids"}
PLAN_EMPLOYEE_FIELDS = {"item_ids"}  # each item checks its own fields
ITEM_SUPERVISOR_FIELDS = {
    "sequence", "name", "deadline", "responsible", "status", "date_done", "progress_note",
}
# The employee drafts the items of their programme, then reports progress;
# the supervisor agrees the plan and marks items done.
ITEM_EMPLOYEE_DRAFT_FIELDS = {"sequence", "name", "deadline", "responsible", "progress_note"}
ITEM_EMPLOYEE_FIELDS = {"progress_note"}
FREE_PREFIXES = ("message_", "activity_")
# Set by the workflow and computed from the actions: never given by a
# client on create, written by the buttons (and the computes) only.
PLAN_PROTECTED_FIELDS = {
    "state", "auto_created", "date_deadline", "item_count", "item_done_count", "progress",
}


class AppraisalActionPlan(models.Model):
    """Action programme (chương trình hành động, lộ trình khắc phục).

    After a review, a person with shortcomings commits to actions with
    deadlines, which their superior supervises; the open actions follow
    them onto their next appraisal forms.
    """

    _name = "appraisal.action.plan"
    _description = "Action Plan"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "appraisal.managed.mixin",
        "appraisal.workflow.mixin",
    ]
    _order = "date_start desc, id desc"
    # The employee may report on their progress in the chatter.
    _mail_post_access = "read"
    # The gate (appraisal_workflow_mixin.py): every step is the
    # supervisor's (or HR's), whatever the status: the role comes first.
    _workflow_transitions = workflow.ACTION_PLAN_TRANSITIONS
    _workflow_role_first = True
    _workflow_protected_fields = frozenset(PLAN_PROTECTED_FIELDS)
    _workflow_checked_fields = frozenset({"supervisor_user_id"})

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    form_id = fields.Many2one(
        "appraisal.form",
        string="Appraisal Form",
        required=True,
        ondelete="cascade",
        index=True,
        help="The form whose result the plan remedies.",
    )
    employee_id = fields.Many2one(
        related="form_id.employee_id", store=True, index=True, string="Employee"
    )
    period_id = fields.Many2one(related="form_id.period_id", store=True, string="Period")
    date_start = fields.Date(related="form_id.date_start", store=True)
    company_id = fields.Many2one(
        related="form_id.company_id", store=True, index=True, string="Company"
    )
    department_id = fields.Many2one(
        related="form_id.department_id", store=True, string="Department"
    )
    rating = fields.Selection(related="form_id.rating", string="Level of the Form")
    supervisor_user_id = fields.Many2one(
        "res.users",
        string="Supervised By",
        compute="_compute_supervisor_user_id",
        store=True,
        readonly=False,
        tracking=True,
        domain=[("share", "=", False)],
        help="Follows the plan and marks its actions done; by default the "
        "form's direct superior.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    objective = fields.Text(
        string="Shortcomings to Remedy",
        help="What the review found and what the plan must achieve.",
    )
    item_ids = fields.One2many(
        "appraisal.action.plan.item", "plan_id", string="Actions", copy=True
    )
    auto_created = fields.Boolean(
        string="Created on Approval",
        readonly=True,
        copy=False,
        help="Created automatically when the form was approved as Failed.",
    )
    date_deadline = fields.Date(
        string="Deadline", compute="_compute_item_stats", store=True,
        help="The latest deadline of the actions.",
    )
    item_count = fields.Integer(string="Actions Count", compute="_compute_item_stats", store=True)
    item_done_count = fields.Integer(
        string="Actions Done", compute="_compute_item_stats", store=True
    )
    progress = fields.Float(
        string="Progress (%)", compute="_compute_item_stats", store=True, aggregator="avg",
        help="Share of the actions done, cancelled ones left out.",
    )
    is_managed_by_me = fields.Boolean(
        compute="_compute_access_flags",
        search="_search_is_managed_by_me",
    )
    is_own_plan = fields.Boolean(compute="_compute_access_flags")
    can_supervise = fields.Boolean(compute="_compute_access_flags")

    @api.depends("employee_id.name", "period_id.name")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._(
                "Action plan of %(employee)s - %(period)s",
                employee=plan.employee_id.name or "",
                period=plan.period_id.name or "",
            )

    @api.depends("form_id")
    def _compute_supervisor_user_id(self):
        for plan in self:
            plan.supervisor_user_id = plan.form_id.reviewer_user_id or plan.form_id.approver_user_id

    @api.depends("item_ids.status", "item_ids.deadline")
    def _compute_item_stats(self):
        for plan in self:
            items = plan.item_ids.filtered(lambda i: i.status != "cancelled")
            done = items.filtered(lambda i: i.status == "done")
            deadlines = [d for d in items.mapped("deadline") if d]
            plan.date_deadline = max(deadlines) if deadlines else False
            plan.item_count = len(items)
            plan.item_done_count = len(done)
            plan.progress = 100.0 * len(done) / len(items) if items else 0.0

    @api.depends_context("uid")
    @api.depends("employee_id", "supervisor_user_id", "form_id")
    def _compute_access_flags(self):
        user = self.env.user
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        for plan in self:
            plan.is_managed_by_me = plan.employee_id in managed
            plan.is_own_plan = plan.employee_id.user_id == user
            plan.can_supervise = plan._user_may_supervise(user, managed)


    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        self._workflow_check_create_values(vals_list)
        if not self.env.su:
            user = self.env.user
            officer = self._is_officer()
            managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
            for vals in vals_list:
                form = self.env["appraisal.form"].browse(vals.get("form_id"))
                if not form:
                    continue  # refused by the required field
                if form.employee_id.user_id == user:
                    # The employee drafts their own programme; the
                    # supervisor (the form's, by default) agrees it and
                    # follows it.
                    supervisor = (form.reviewer_user_id or form.approver_user_id).id
                    if vals.get("supervisor_user_id") not in (None, False, supervisor):
                        raise AccessError(
                            self.env._(
                                "You may draft the actions of your own plan; its "
                                "supervisor completes and starts it."
                            )
                        )
                    continue
                if officer:
                    continue
                if not form._user_may_supervise_plan(user, managed):
                    raise AccessError(
                        self.env._(
                            "Only the superiors of %(employee)s and HR officers may "
                            "draw up their action plan.",
                            employee=form.employee_id.name,
                        )
                    )
        plans = super().create(vals_list)
        # Named now, in the creating user's language (the stored name would
        # otherwise be computed later, in the language of the request).
        plans.mapped("name")
        return plans

    @api.model
    def _workflow_create_refusal(self, fnames):
        return self.env._("An action plan starts as a draft: use its buttons to start, "
                          "finish or cancel it.")

    def _workflow_write_refusal(self, fnames):
        return self.env._("Use the buttons of the action plan to change its status.")

    @in_user_lang
    def write(self, vals):
        changed = {fname for fname in vals if not fname.startswith(FREE_PREFIXES)}
        if changed and not in_workflow(self):
            # Whoever calls (sudo() included): the status moves by the buttons.
            self._workflow_check_write(changed)
            if not self.env.su:
                self._check_write_allowed(changed)
        return super().write(vals)

    def _check_write_allowed(self, changed):
        if "form_id" in changed:
            raise UserError(self.env._("An action plan stays on the form it was made for."))
        self._check_not_closed()
        user = self.env.user
        if self._is_officer() and user not in self.employee_id.user_id:
            return
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        for plan in self:
            if plan._user_may_supervise(user, managed):
                allowed = PLAN_SUPERVISOR_FIELDS
            elif plan.employee_id.user_id == user:
                allowed = PLAN_EMPLOYEE_FIELDS
            else:
                allowed = set()
            if changed - allowed:
                raise AccessError(
                    self.env._(
                        "Only the supervisor of %(plan)s and HR officers may change it; "
                        "the employee reports progress on its actions.",
                        plan=plan.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        for plan in self:
            if plan.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "Action plan %(plan)s has started: cancel it instead of deleting it.",
                        plan=plan.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @in_user_lang
    def action_start(self):
        """The supervisor agrees the plan (or takes a finished one up again)."""
        return self._run_step("start")

    @in_user_lang
    def action_done(self):
        return self._run_step("done")

    @in_user_lang
    def action_cancel(self):
        return self._run_step("cancel")

    @in_user_lang
    def action_draft(self):
        return self._run_step("draft")

    # ------------------------------------------------------------------
    # The gate (appraisal_workflow_mixin.py) and the follow-ups
    # ------------------------------------------------------------------
    def _check_role(self, action):
        self._check_supervisor()

    def _workflow_guards(self, action):
        return {
            "start": ["_check_has_actions"],
            "done": ["_check_actions_closed"],
        }.get(action, [])

    def _workflow_follow_ups(self, action):
        return {"start": ["_unlink_plan_todo"]}.get(action, [])

    def _workflow_transition_refusal(self, action, record):
        if action == "start":
            return self.env._("Only a draft or finished plan can be started (%(plan)s).",
                              plan=record.name)
        if action == "done":
            return self.env._("Only a plan in progress can be closed (%(plan)s).",
                              plan=record.name)
        if action == "cancel":
            return self.env._("Only a draft plan or one in progress can be cancelled "
                              "(%(plan)s).", plan=record.name)
        return self.env._("Only a cancelled plan can be set back to draft (%(plan)s).",
                          plan=record.name)

    def _check_has_actions(self):
        for plan in self:
            if not plan.item_ids.filtered(lambda i: i.status != "cancelled"):
                raise UserError(
                    self.env._("Add at least one action to %(plan)s before starting it.",
                               plan=plan.name)
                )

    def _check_actions_closed(self):
        for plan in self:
            still_open = plan.item_ids.filtered(lambda i: i.status == "open")
            if still_open:
                raise UserError(
                    self.env._(
                        "Mark every action of %(plan)s done or cancelled first. Still "
                        "open: %(items)s",
                        plan=plan.name,
                        items="; ".join(still_open.mapped("name")),
                    )
                )

    def _unlink_plan_todo(self):
        """The to-do "draw up the action plan" left on approval is fulfilled."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        self.sudo().activity_ids.filtered(
            lambda a: a.automated and a.activity_type_id == todo
        ).unlink()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _is_officer(self):
        return self.env.user.has_group("appraisal_monthly.group_appraisal_officer")

    def _user_may_supervise(self, user, managed):
        """The supervisor, the form's superiors and HR; never the employee."""
        self.ensure_one()
        if not self.form_id:
            return False  # a new plan, its form not chosen yet
        if self.employee_id.user_id == user:
            return False
        if user.has_group("appraisal_monthly.group_appraisal_officer"):
            return True
        return self.supervisor_user_id == user or self.form_id._user_may_supervise_plan(
            user, managed
        )

    def _check_supervisor(self):
        if self.env.su:
            return
        user = self.env.user
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        for plan in self:
            if not plan._user_may_supervise(user, managed):
                raise AccessError(
                    self.env._("Only the supervisor of %(plan)s and HR officers may do this.",
                               plan=plan.name)
                )

    def _check_not_closed(self):
        closed = self.filtered(lambda p: p.state in ("done", "cancelled"))
        if closed:
            raise UserError(
                self.env._(
                    "Finished and cancelled action plans are closed (%(plans)s): start "
                    "the plan again before changing it.",
                    plans=", ".join(closed.mapped("name")),
                )
            )

    def _check_items_status_values(self, vals_list):
        """Only the supervisor (or HR) marks actions done or cancelled; the
        employee drafts them open."""
        user = self.env.user
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        for vals in vals_list:
            if vals.get("status", "open") == "open" and not vals.get("date_done"):
                continue
            plan = self.browse(vals.get("plan_id"))
            if not plan._user_may_supervise(user, managed):
                raise AccessError(
                    self.env._(
                        "Only the supervisor of %(plan)s and HR officers mark its actions "
                        "done or cancelled: add your action as open, then report progress.",
                        plan=plan.name,
                    )
                )

    def _check_items_editable(self):
        """Supervisors and HR add and remove actions; the employee too while
        the plan is a draft (they write their own programme)."""
        user = self.env.user
        if self.env.su or (self._is_officer() and user not in self.employee_id.user_id):
            return
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        for plan in self:
            if plan._user_may_supervise(user, managed):
                continue
            if plan.employee_id.user_id == user and plan.state == "draft":
                continue
            raise AccessError(
                self.env._(
                    "Only the supervisor of %(plan)s and HR officers may add or remove "
                    "its actions once it has started.",
                    plan=plan.name,
                )
            )


class AppraisalActionPlanItem(models.Model):
    _name = "appraisal.action.plan.item"
    _description = "Action Plan Item"
    _inherit = ["appraisal.workflow.mixin"]
    _order = "plan_id, sequence, deadline, id"
    # An action starts open, whoever adds it; its supervisor then marks it
    # done or cancelled (a write the item's own rules allow).
    _workflow_state_field = "status"
    _workflow_initial_state = "open"
    _workflow_create_protected_fields = frozenset({"status", "date_done"})

    plan_id = fields.Many2one(
        "appraisal.action.plan", string="Action Plan", required=True,
        ondelete="cascade", index=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Action", required=True)
    deadline = fields.Date()
    responsible = fields.Char(
        string="Responsible / Support",
        help="Who carries the action out or helps, e.g. 'Self, with the "
        "support of the office'.",
    )
    status = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        index=True,
    )
    date_done = fields.Date(string="Done On")
    progress_note = fields.Text(
        string="Progress Report", help="The employee's report on the action."
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    employee_id = fields.Many2one(
        related="plan_id.employee_id", store=True, index=True, string="Employee"
    )
    form_id = fields.Many2one(related="plan_id.form_id", string="Appraisal Form")
    period_id = fields.Many2one(related="plan_id.period_id", store=True, string="Period of the Plan")
    date_start = fields.Date(related="plan_id.date_start", store=True)
    supervisor_user_id = fields.Many2one(related="plan_id.supervisor_user_id")
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, string="Company"
    )

    @api.depends_context("uid")
    @api.depends("deadline", "status")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_overdue = bool(item.status == "open" and item.deadline and item.deadline < today)

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        plans = self.env["appraisal.action.plan"].browse(
            [vals.get("plan_id") for vals in vals_list if vals.get("plan_id")]
        )
        if not self.env.su:
            plans._check_not_closed()
            plans._check_items_editable()
            plans._check_items_status_values(vals_list)
        return super().create(vals_list)

    @api.model
    def _workflow_create_refusal(self, fnames):
        return self.env._(
            "An action is added open: mark it done or cancelled afterwards, with its "
            "buttons."
        )

    @in_user_lang
    def write(self, vals):
        if not self.env.su:
            self.plan_id._check_not_closed()
            user = self.env.user
            managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
            officer = user.has_group("appraisal_monthly.group_appraisal_officer")
            changed = set(vals)
            for item in self:
                plan = item.plan_id
                own = plan.employee_id.user_id == user
                if (officer and not own) or plan._user_may_supervise(user, managed):
                    allowed = ITEM_SUPERVISOR_FIELDS
                elif plan.employee_id.user_id == user:
                    allowed = (
                        ITEM_EMPLOYEE_DRAFT_FIELDS if plan.state == "draft" else ITEM_EMPLOYEE_FIELDS
                    )
                else:
                    allowed = set()
                if changed - allowed:
                    raise AccessError(
                        self.env._(
                            "You may only report progress on the actions of %(plan)s: "
                            "its supervisor agrees the actions and marks them done.",
                            plan=plan.name,
                        )
                    )
        vals = dict(vals)
        if "status" in vals and "date_done" not in vals:
            vals["date_done"] = (
                fields.Date.context_today(self) if vals["status"] == "done" else False
            )
        return super().write(vals)

    @in_user_lang
    def unlink(self):
        if not self.env.su:
            self.plan_id._check_not_closed()
            self.plan_id._check_items_editable()
        return super().unlink()

    @in_user_lang
    def action_mark_done(self):
        self.write({"status": "done"})
        return True

    @in_user_lang
    def action_reopen(self):
        self.write({"status": "open"})
        return True

