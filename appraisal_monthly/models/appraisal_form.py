from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import scoring
from ..user_lang import in_user_lang

RATING_SELECTION = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("completed", "Completed"),
    ("failed", "Failed"),
]

# What each role may write by hand; everything else (scores, levels,
# copies taken from the criteria set, dates) is computed or set by the
# workflow's action_* methods, under the ``appraisal_workflow`` context key.
# Allow-lists, so that a field added later is protected by default.
USER_FIELDS = {
    "self_comment",
    "manager_comment",
    "approver_comment",
    "rating",
    "rating_change_reason",
    "line_ids",  # each line checks its own fields
}
OFFICER_FIELDS = USER_FIELDS | {"reviewer_user_id", "approver_user_id"}
WORKFLOW_FIELDS = {
    "state",
    "date_submitted",
    "date_reviewed",
    "date_approved",
    "reviewed_user_id",
    "approved_user_id",
}
# Writes that may still reach a locked form: the chatter's own bookkeeping.
LOCKED_FREE_PREFIXES = ("message_", "activity_")


class AppraisalForm(models.Model):
    _name = "appraisal.form"
    _description = "Monthly Appraisal Form"
    _inherit = [
        "mail.thread.main.attachment",
        "mail.activity.mixin",
        "appraisal.managed.mixin",
    ]
    _order = "date_start desc, department_id, employee_id"
    _mail_post_access = "read"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users", related="employee_id.user_id", store=True
    )
    period_id = fields.Many2one(
        "appraisal.period",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        readonly=True,
    )
    date_start = fields.Date(related="period_id.date_start", store=True)
    date_end = fields.Date(related="period_id.date_end")
    period_state = fields.Selection(related="period_id.state", string="Period Status")
    date_self_deadline = fields.Date(related="period_id.date_self_deadline")
    date_review_deadline = fields.Date(related="period_id.date_review_deadline")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
    )
    # Copied when the form is made: the unit and post at the time of the
    # appraisal, which later transfers must not rewrite.
    department_id = fields.Many2one("hr.department", readonly=True, index=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    criteria_set_id = fields.Many2one(
        "appraisal.criteria.set",
        required=True,
        ondelete="restrict",
        readonly=True,
        tracking=True,
    )
    target = fields.Selection(related="criteria_set_id.target")
    line_ids = fields.One2many(
        "appraisal.form.line", "form_id", string="Lines", copy=True
    )
    state = fields.Selection(
        [
            ("draft", "Self-Assessment"),
            ("submitted", "Submitted"),
            ("reviewed", "Reviewed"),
            ("approved", "Approved"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    reviewer_user_id = fields.Many2one(
        "res.users",
        string="Direct Superior",
        compute="_compute_reviewer_user_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Scores the form after the employee's self-assessment.",
    )
    approver_user_id = fields.Many2one(
        "res.users",
        string="Head of Unit",
        compute="_compute_approver_user_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Approves the form and fixes the level.",
    )
    max_score = fields.Float(string="Maximum Score", readonly=True)
    threshold_excellent = fields.Float(readonly=True)
    threshold_good = fields.Float(readonly=True)
    threshold_completed = fields.Float(readonly=True)
    self_score = fields.Float(
        compute="_compute_scores", store=True, tracking=True, aggregator="avg"
    )
    manager_score = fields.Float(
        string="Superior's Score",
        compute="_compute_scores",
        store=True,
        tracking=True,
        aggregator="avg",
    )
    final_score = fields.Float(
        compute="_compute_scores", store=True, tracking=True, aggregator="avg"
    )
    score_percent = fields.Float(
        string="Score (%)",
        compute="_compute_scores",
        store=True,
        tracking=True,
        aggregator="avg",
        help="Final score as a percentage of the criteria set's maximum.",
    )
    veto = fields.Boolean(
        string="Veto Triggered",
        compute="_compute_scores",
        store=True,
        tracking=True,
        help="A veto criterion is checked: the level is Failed whatever "
        "the score.",
    )
    suggested_rating = fields.Selection(
        RATING_SELECTION,
        string="Level by Score",
        compute="_compute_scores",
        store=True,
    )
    rating = fields.Selection(
        RATING_SELECTION,
        string="Level",
        compute="_compute_rating",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
    )
    rating_change_reason = fields.Text(
        string="Reason for Changing the Level",
        copy=False,
        help="Required when the approver sets another level than the one "
        "given by the score.",
    )
    self_comment = fields.Text(string="Self-Assessment")
    manager_comment = fields.Text(string="Superior's Comments", tracking=True)
    approver_comment = fields.Text(string="Head's Conclusion", tracking=True)
    date_submitted = fields.Datetime(readonly=True, copy=False)
    date_reviewed = fields.Datetime(readonly=True, copy=False)
    date_approved = fields.Datetime(readonly=True, copy=False)
    reviewed_user_id = fields.Many2one(
        "res.users", string="Reviewed By", readonly=True, copy=False
    )
    approved_user_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    is_late = fields.Boolean(
        string="Submitted Late",
        compute="_compute_is_late",
        store=True,
        help="Self-assessment submitted after the period's deadline.",
    )
    is_locked = fields.Boolean(compute="_compute_is_locked")
    is_managed_by_me = fields.Boolean(
        compute="_compute_access_flags",
        search="_search_is_managed_by_me",
        help="The form of someone below me in the manager chain or in a "
        "department I head.",
    )
    is_own_form = fields.Boolean(compute="_compute_access_flags")
    is_hr_officer = fields.Boolean(compute="_compute_access_flags")
    can_submit = fields.Boolean(compute="_compute_access_flags")
    can_review = fields.Boolean(compute="_compute_access_flags")
    can_approve = fields.Boolean(compute="_compute_access_flags")
    can_reset = fields.Boolean(compute="_compute_access_flags")

    _sql_constraints = [
        (
            "employee_period_uniq",
            "unique(employee_id, period_id)",
            "An employee has only one appraisal form per period.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id.name", "period_id.name")
    def _compute_name(self):
        for form in self:
            form.name = self.env._(
                "%(employee)s - %(period)s",
                employee=form.employee_id.name or "",
                period=form.period_id.name or "",
            )

    @api.depends("employee_id")
    def _compute_reviewer_user_id(self):
        for form in self:
            form.reviewer_user_id = form.employee_id.sudo()._get_appraisal_superior().user_id

    @api.depends("employee_id", "reviewer_user_id")
    def _compute_approver_user_id(self):
        for form in self:
            head = form.employee_id.sudo()._get_appraisal_head(form.reviewer_user_id)
            form.approver_user_id = head.user_id

    @api.depends(
        "line_ids.self_score",
        "line_ids.manager_score",
        "line_ids.final_score",
        "line_ids.final_veto",
        "line_ids.kind",
        "max_score",
        "threshold_excellent",
        "threshold_good",
        "threshold_completed",
    )
    def _compute_scores(self):
        for form in self:
            lines = form.line_ids.filtered(lambda l: not l.display_type and not l.veto)
            form.self_score = scoring.bounded_score(
                scoring.net_score((l.kind, l.self_score) for l in lines), form.max_score
            )
            form.manager_score = scoring.bounded_score(
                scoring.net_score((l.kind, l.manager_score) for l in lines),
                form.max_score,
            )
            form.veto = any(form.line_ids.mapped("final_veto"))
            final, percent, rating = scoring.evaluate(
                [(l.kind, l.final_score) for l in lines],
                form.max_score,
                form._get_thresholds(),
                veto=form.veto,
            )
            form.final_score = final
            form.score_percent = percent
            form.suggested_rating = rating if form.max_score else False

    @api.depends("suggested_rating", "state")
    def _compute_rating(self):
        for form in self:
            if form.state == "approved" and form.rating:
                continue  # fixed on approval; only a reopening changes it
            if form.state in ("submitted", "reviewed", "approved"):
                form.rating = form.suggested_rating
            else:
                # A form being filled in or cancelled has no level yet; its
                # running "level by score" shows in suggested_rating.
                form.rating = False

    @api.depends("date_submitted", "period_id.date_self_deadline")
    def _compute_is_late(self):
        for form in self:
            deadline = form.period_id.date_self_deadline
            form.is_late = bool(
                form.date_submitted
                and deadline
                and fields.Date.context_today(form, form.date_submitted) > deadline
            )

    @api.depends("state")
    def _compute_is_locked(self):
        for form in self:
            form.is_locked = form.state in ("approved", "cancelled")

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "reviewer_user_id", "approver_user_id")
    def _compute_access_flags(self):
        user = self.env.user
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
        for form in self:
            own = form.employee_id.user_id == user
            form.is_own_form = own
            form.is_hr_officer = is_officer
            form.is_managed_by_me = form.employee_id in managed
            form.can_submit = form.state == "draft" and (own or is_officer)
            form.can_review = form.state == "submitted" and form._user_may_review(
                user, managed
            )
            form.can_approve = form.state == "reviewed" and form._user_may_approve(user)
            form.can_reset = is_officer and form.state in ("approved", "cancelled")


    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------
    @api.constrains("employee_id", "period_id")
    def _check_company_match(self):
        for form in self:
            if form.employee_id.company_id != form.period_id.company_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not belong to the company of period "
                        "%(period)s.",
                        employee=form.employee_id.name,
                        period=form.period_id.name,
                    )
                )

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        employees = self.env["hr.employee"].browse(
            [vals["employee_id"] for vals in vals_list if vals.get("employee_id")]
        )
        missing_set = employees.browse(
            [
                vals["employee_id"]
                for vals in vals_list
                if vals.get("employee_id") and not vals.get("criteria_set_id")
            ]
        )
        found_sets = self.env["appraisal.criteria.set"]._find_for_employees(missing_set)
        periods = self.env["appraisal.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        for vals in vals_list:
            employee = employees.browse(vals.get("employee_id"))
            period = periods.browse(vals.get("period_id"))
            if employee and not vals.get("criteria_set_id"):
                criteria_set = found_sets.get(employee)
                if not criteria_set:
                    raise UserError(
                        self.env._(
                            "No criteria set matches %(employee)s. Create one "
                            "for their target group or choose it on the form.",
                            employee=employee.name,
                        )
                    )
                vals["criteria_set_id"] = criteria_set.id
            criteria_set = self.env["appraisal.criteria.set"].browse(
                vals.get("criteria_set_id")
            )
            company = period.company_id or employee.company_id
            vals.setdefault("company_id", company.id)
            vals.setdefault("department_id", employee.department_id.id)
            vals.setdefault("job_id", employee.job_id.id)
            vals.setdefault("max_score", criteria_set.max_score)
            # Thresholds are copied too: a later change of the company's
            # settings must not re-rate forms already made.
            thresholds = (company or self.env.company)._get_appraisal_thresholds()
            vals.setdefault("threshold_excellent", thresholds[0])
            vals.setdefault("threshold_good", thresholds[1])
            vals.setdefault("threshold_completed", thresholds[2])
            if criteria_set and not vals.get("line_ids"):
                vals["line_ids"] = [
                    fields.Command.create(line_vals)
                    for line_vals in criteria_set._get_line_values()
                ]
        forms = super().create(vals_list)
        forms.line_ids._copy_criterion_texts()
        forms._schedule_self_assessments()
        return forms

    @in_user_lang
    def write(self, vals):
        self._check_write_allowed(vals)
        if "rating" in vals and not self.env.context.get("appraisal_workflow"):
            for form in self:
                if form.state != "reviewed" or not form.can_approve:
                    raise AccessError(
                        self.env._(
                            "Only the head who approves %(form)s may change its "
                            "level, while it awaits approval.",
                            form=form.name,
                        )
                    )
        return super().write(vals)

    def _check_write_allowed(self, vals):
        """Refuse writes that the user's role or the form's state forbid."""
        if self.env.su or self.env.context.get("appraisal_workflow"):
            return
        changed = {
            fname for fname in vals if not fname.startswith(LOCKED_FREE_PREFIXES)
        }
        if not changed:
            return
        self._check_not_locked()
        if changed & WORKFLOW_FIELDS:
            raise UserError(
                self.env._("Use the buttons of the form to change its status.")
            )
        is_officer = self.env.user.has_group("appraisal_monthly.group_appraisal_officer")
        forbidden = changed - (OFFICER_FIELDS if is_officer else USER_FIELDS)
        if forbidden:
            labels = [self._fields[fname].get_description(self.env)["string"]
                      for fname in sorted(forbidden) if fname in self._fields]
            raise AccessError(
                self.env._(
                    "You cannot change these fields of an appraisal form: "
                    "%(fields)s. Scores and levels follow from the lines; the "
                    "employee, period and criteria set are fixed when the form "
                    "is made.",
                    fields=", ".join(labels or sorted(forbidden)),
                )
            )
        if is_officer:
            return
        for form in self:
            if "self_comment" in changed and not (
                form.is_own_form and form.state == "draft"
            ):
                raise AccessError(
                    self.env._("Only the employee may write the self-assessment, before "
                      "submitting it.")
                )
            superior_may_write = (form.state == "submitted" and form.can_review) or (
                form.state == "reviewed" and form.can_approve
            )
            if "manager_comment" in changed and not superior_may_write:
                raise AccessError(
                    self.env._("Only the employee's superiors may write their "
                               "comments, once the form is submitted.")
                )
            if changed & {"approver_comment", "rating_change_reason"} and not (
                form.state == "reviewed" and form.can_approve
            ):
                raise AccessError(
                    self.env._("Only the head who approves the form may write the "
                               "conclusion, while it awaits approval.")
                )

    def _check_not_locked(self):
        """Approved results are fixed: only a reopening by HR unlocks them."""
        locked = self.filtered("is_locked")
        if locked:
            raise UserError(
                self.env._(
                    "Approved and cancelled forms are locked (%(forms)s). An HR "
                    "officer must reopen the form, with a reason, before any "
                    "change.",
                    forms=", ".join(locked.mapped("name")),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        for form in self:
            if form.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "Form %(form)s has been submitted and cannot be "
                        "deleted; cancel it instead.",
                        form=form.name,
                    )
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_transition(self, action):
        for form in self:
            if not scoring.can_transition(form.state, action):
                state_label = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "Form %(form)s is '%(state)s': this step is not possible "
                        "from that status.",
                        form=form.name,
                        state=state_label.get(form.state, form.state),
                    )
                )

    def _workflow_write(self, vals):
        return self.with_context(appraisal_workflow=True).write(vals)

    @in_user_lang
    def action_submit(self):
        self._check_transition("submit")
        user = self.env.user
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
        today = fields.Date.context_today(self)
        for form in self:
            if form.employee_id.user_id != user and not is_officer:
                raise AccessError(
                    self.env._("Only %(employee)s may submit this self-assessment.",
                      employee=form.employee_id.name)
                )
            if form.period_id.state != "open":
                raise UserError(
                    self.env._("Period %(period)s is not open for appraisal.",
                      period=form.period_id.name)
                )
            deadline = form.period_id.date_self_deadline
            if (
                form.company_id.appraisal_block_late_submission
                and deadline
                and today > deadline
                and not is_officer
            ):
                raise UserError(
                    self.env._(
                        "The self-assessment deadline of %(period)s was "
                        "%(deadline)s. Ask your HR officer to submit it.",
                        period=form.period_id.name,
                        deadline=deadline,
                    )
                )
            missing = form.line_ids.filtered(
                lambda l: not l.display_type and not l.veto and l.kind == "score"
                and not l.self_scored
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Score every criterion before submitting. Missing: "
                        "%(criteria)s",
                        criteria="; ".join(missing.mapped("name")),
                    )
                )
        self._workflow_write({"state": "submitted", "date_submitted": fields.Datetime.now()})
        self._activity_update()
        return True

    @in_user_lang
    def action_review(self):
        self._check_transition("review")
        managed = self.env["hr.employee"]._get_appraisal_managed_by(self.env.user)
        for form in self:
            if not form._user_may_review(self.env.user, managed):
                raise AccessError(
                    self.env._("Only a superior of %(employee)s may review this form.",
                      employee=form.employee_id.name)
                )
            missing = form.line_ids.filtered(
                lambda l: not l.display_type and not l.veto and l.kind == "score"
                and not l.manager_scored
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Enter your score for every criterion before marking "
                        "the form reviewed. Missing: %(criteria)s",
                        criteria="; ".join(missing.mapped("name")),
                    )
                )
        self._workflow_write({
            "state": "reviewed",
            "date_reviewed": fields.Datetime.now(),
            "reviewed_user_id": self.env.uid,
        })
        self._activity_update()
        return True

    @in_user_lang
    def action_approve(self):
        self._check_transition("approve")
        rating_labels = dict(self._fields["rating"]._description_selection(self.env))
        for form in self:
            if not form._user_may_approve(self.env.user):
                raise AccessError(
                    self.env._("Only the head of the unit may approve %(form)s.", form=form.name)
                )
            if not form.rating:
                raise UserError(self.env._("Form %(form)s has no level to approve.", form=form.name))
            if form.rating != form.suggested_rating and not (
                form.rating_change_reason or ""
            ).strip():
                raise UserError(
                    self.env._(
                        "The level of %(form)s differs from the level given by "
                        "its score: write the reason for the change.",
                        form=form.name,
                    )
                )
        for form in self:
            if form.rating != form.suggested_rating:
                form._message_log(
                    body=self.env._(
                        "Level set to %(rating)s instead of %(suggested)s. "
                        "Reason: %(reason)s",
                        rating=rating_labels[form.rating],
                        suggested=rating_labels.get(form.suggested_rating, "-"),
                        reason=form.rating_change_reason,
                    ),
                )
        self._workflow_write({
            "state": "approved",
            "date_approved": fields.Datetime.now(),
            "approved_user_id": self.env.uid,
        })
        self._activity_update()
        for form in self:
            # Written in the employee's language, not the approver's.
            form_lang = form.with_context(lang=form._get_employee_lang())
            labels = dict(form_lang._fields["rating"]._description_selection(form_lang.env))
            form._notify_employee(
                form_lang.env._(
                    "Your appraisal for %(period)s is approved: %(rating)s (%(score)s%%).",
                    period=form_lang.period_id.name,
                    rating=labels[form.rating],
                    score=form.score_percent,
                )
            )
        return True

    @in_user_lang
    def action_return(self, reason=None):
        """Send the form back to the employee, with a reason.

        Without a reason (a click on the button), open the dialog that asks
        for one.
        """
        reason = reason or self.env.context.get("appraisal_reason")
        if not reason:
            return self._open_reason_wizard("return")
        self._check_transition("return")
        managed = self.env["hr.employee"]._get_appraisal_managed_by(self.env.user)
        for form in self:
            allowed = (
                form._user_may_review(self.env.user, managed)
                if form.state == "submitted"
                else form._user_may_approve(self.env.user)
            )
            if not allowed:
                raise AccessError(
                    self.env._("You may not return %(form)s.", form=form.name)
                )
        self._workflow_write({"state": "draft", "date_submitted": False})
        for form in self:
            form_lang = form.with_context(lang=form._get_employee_lang())
            form._notify_employee(
                form_lang.env._("Returned for revision. Reason: %(reason)s", reason=reason)
            )
        self._activity_update()
        return True

    @in_user_lang
    def action_reset_to_draft(self, reason=None):
        """HR reopens an approved or cancelled form, with a reason."""
        reason = reason or self.env.context.get("appraisal_reason")
        if not self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            raise AccessError(self.env._("Only HR officers may reopen an appraisal form."))
        if not reason:
            return self._open_reason_wizard("reset_to_draft")
        self._check_transition("reset_to_draft")
        closed = self.filtered(lambda f: f.period_id.state == "closed")
        if closed:
            raise UserError(
                self.env._("Reopen the period before reopening its forms (%(forms)s).",
                  forms=", ".join(closed.mapped("name")))
            )
        self._workflow_write({
            "state": "draft",
            "date_submitted": False,
            "date_reviewed": False,
            "date_approved": False,
            "approved_user_id": False,
            "reviewed_user_id": False,
        })
        for form in self:
            form._message_log(
                body=self.env._("Reopened by HR. Reason: %(reason)s", reason=reason)
            )
        self._activity_update()
        return True

    @in_user_lang
    def action_cancel(self):
        if not self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            raise AccessError(self.env._("Only HR officers may cancel an appraisal form."))
        self._check_transition("cancel")
        self._workflow_write({"state": "cancelled"})
        self.activity_unlink(self._activity_type_xmlids())
        return True

    @in_user_lang
    def action_copy_self_scores(self):
        """Start the superior's scoring from the employee's own scores."""
        for form in self:
            if not form.can_review and not (
                form.state == "reviewed" and form.can_approve
            ):
                raise AccessError(
                    self.env._("Only the superior may score %(form)s.", form=form.name)
                )
            for line in form.line_ids.filtered(
                lambda l: not l.display_type and not l.manager_scored
            ):
                line.write({
                    "manager_score": line.self_score,
                    "manager_veto": line.self_veto,
                })
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _count_by_employee(self, employee_ids):
        """{employee id: number of forms the current user may read}."""
        return {
            employee.id: count
            for employee, count in self._read_group(
                [("employee_id", "in", employee_ids)], ["employee_id"], ["__count"]
            )
        }

    def _get_thresholds(self):
        self.ensure_one()
        if not self.threshold_excellent:
            return self.company_id._get_appraisal_thresholds()
        return (self.threshold_excellent, self.threshold_good, self.threshold_completed)

    def _user_may_review(self, user, managed):
        self.ensure_one()
        if self.employee_id.user_id == user:
            return False
        if user.has_group("appraisal_monthly.group_appraisal_manager"):
            return True
        return self.reviewer_user_id == user or self.employee_id in managed

    def _user_may_approve(self, user):
        self.ensure_one()
        if self.employee_id.user_id == user:
            return False
        if user.has_group("appraisal_monthly.group_appraisal_manager"):
            return True
        return self.approver_user_id == user

    def _open_reason_wizard(self, action):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reason"),
            "res_model": "appraisal.form.return",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_form_ids": self.ids,
                "default_action": action,
            },
        }

    def _get_employee_lang(self):
        self.ensure_one()
        employee = self.employee_id.sudo()
        return (
            employee.user_id.lang
            or employee.work_contact_id.lang
            or self.company_id.partner_id.lang
            or self.env.lang
        )

    def _notify_employee(self, body):
        """Tell the employee in the chatter (and by e-mail when they have one).

        Without a reachable employee, or when the acting user has no e-mail
        address to send from, the message is only logged: the workflow must
        never stop on mail settings.
        """
        self.ensure_one()
        partner = self.employee_id.sudo().work_contact_id
        reachable = partner and (partner.email or partner.user_ids)
        if reachable and self.env.user.email:
            self.message_post(
                body=body, partner_ids=partner.ids, subtype_xmlid="mail.mt_comment"
            )
        else:
            self._message_log(body=body)

    def _activity_type_xmlids(self):
        return [
            "appraisal_monthly.mail_activity_type_appraisal_self",
            "appraisal_monthly.mail_activity_type_appraisal_review",
            "appraisal_monthly.mail_activity_type_appraisal_approve",
        ]

    def _activity_update(self):
        """Keep one to-do on each form, for whoever must act next.

        The to-dos of earlier steps are removed rather than marked done: the
        tracked status already records each step, and marking done would
        need an e-mail address for every actor.
        """
        self_type, review_type, approve_type = self._activity_type_xmlids()
        forms = self.with_context(mail_activity_quick_update=True)
        forms.activity_unlink([self_type, review_type, approve_type])
        for form in forms:
            if form.state == "draft":
                step = (self_type, form.employee_id.user_id, form.period_id.date_self_deadline)
            elif form.state == "submitted":
                step = (review_type, form.reviewer_user_id, form.period_id.date_review_deadline)
            elif form.state == "reviewed":
                step = (approve_type, form.approver_user_id, form.period_id.date_review_deadline)
            else:
                continue
            activity_xmlid, user, deadline = step
            if user:
                # The summary is stored as text: write it in the assignee's language.
                summary = self.env.ref(activity_xmlid).with_context(lang=user.lang).summary
                form.activity_schedule(
                    activity_xmlid, date_deadline=deadline, summary=summary, user_id=user.id
                )

    def _schedule_self_assessments(self):
        """Give each employee of an open period a self-assessment to-do, in
        one batch (forms are generated by the hundred)."""
        forms = self.filtered(
            lambda f: f.state == "draft"
            and f.period_id.state == "open"
            and f.employee_id.user_id
        )
        if not forms:
            return
        activity_type = self.env.ref("appraisal_monthly.mail_activity_type_appraisal_self")
        already = set(
            self.env["mail.activity"].sudo().search([
                ("res_model", "=", self._name),
                ("res_id", "in", forms.ids),
                ("activity_type_id", "=", activity_type.id),
            ]).mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create([
            {
                "res_model_id": model_id,
                "res_id": form.id,
                "activity_type_id": activity_type.id,
                "summary": activity_type.with_context(
                    lang=form.employee_id.user_id.lang
                ).summary,
                "automated": True,
                "user_id": form.employee_id.user_id.id,
                "date_deadline": form.period_id.date_self_deadline
                or fields.Date.context_today(self),
            }
            for form in forms
            if form.id not in already
        ])
