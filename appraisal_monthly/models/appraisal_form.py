from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import formatLang

from .. import compat
from ..number_format import format_number
from ..rules import quota, scoring, workflow
from ..user_lang import in_user_lang
from ..workflow_write import creating, in_workflow, workflow_writing

RATING_SELECTION = [
    (scoring.EXCELLENT, "Excellent"),
    (scoring.GOOD, "Good"),
    (scoring.COMPLETED, "Completed"),
    (scoring.FAILED, "Failed"),
]
# Levels in rank order, for grouped views (pivot, graph, grouped lists):
# the database would sort their keys alphabetically.
RATING_RANK = {key: rank for rank, (key, _label) in enumerate(RATING_SELECTION)}


def sort_groups_by_rating(groups, groupby, orderby=False, lazy=True):
    """Order read_group results by level rank (Excellent first, not
    alphabetically) within each group of the groupbys before ``rating``
    (kept in their own order); an explicit order on the level wins."""
    if orderby and "rating" in orderby:
        return groups
    specs = [groupby] if isinstance(groupby, str) else list(groupby)
    names = [spec.split(":")[0] for spec in (specs[:1] if lazy else specs)]
    if "rating" not in names:
        return groups
    before = names[:names.index("rating")]
    first_seen = {}
    for group in groups:
        first_seen.setdefault(tuple(str(group.get(name)) for name in before), len(first_seen))
    return sorted(
        groups,
        key=lambda group: (
            first_seen[tuple(str(group.get(name)) for name in before)],
            RATING_RANK.get(group.get("rating"), len(RATING_RANK)),
        ),
    )

# What each role may write by hand (allow-lists, so that a field added
# later is protected by default); each field's own condition (the role on
# the form, its status) is checked in _check_write_allowed.  Everything
# else (scores, levels, copies taken from the criteria set, dates) is
# computed, or written by the workflow's actions after their gate.
USER_FIELDS = {
    "self_comment",
    "manager_comment",
    "approver_comment",
    "rating",
    "rating_change_reason",
    "line_ids",  # each line checks its own fields
}
OFFICER_FIELDS = USER_FIELDS | {"reviewer_user_id", "approver_user_id"}
# Written by the workflow's actions only, whoever calls (sudo() included).
STEP_DATE_FIELDS = {"date_submitted", "date_reviewed", "date_approved"}
WORKFLOW_FIELDS = STEP_DATE_FIELDS | {"state", "reviewed_user_id", "approved_user_id"}
# Computed from the lines: never written, whoever calls.
SCORE_FIELDS = {
    "self_score", "manager_score", "final_score", "score_percent", "veto",
    "suggested_rating", "is_late",
}
# What a creation may not give: the workflow and the lines decide them.
CREATE_FORBIDDEN = (WORKFLOW_FIELDS - {"state"}) | SCORE_FIELDS | {"rating"}
# Copied by the server when a form is made; users (HR included) never give them.
SERVER_SET_FIELDS = {
    "max_score", "threshold_excellent", "threshold_good", "threshold_completed",
    "department_id", "job_id", "open_notice_pending", "reminder_date",
}
# The addon's own scheduled jobs (server side) note what they have sent.
BOOKKEEPING_FIELDS = {"open_notice_pending", "reminder_date"}
# Writes that may still reach a locked form: the chatter's own bookkeeping.
LOCKED_FREE_PREFIXES = ("message_", "activity_")
# Approved results are fixed, cancelled forms too: only a reopening unlocks them.
LOCKED_STATES = ("approved", "cancelled")
# Steps that must see each other's result: they lock the period's row.
SERIALISED_ACTIONS = ("approve", "reset_to_draft")
# Period states in which the results are announced: no form may be reopened,
# added or removed; a closed period also refuses any change of its forms.
DONE_PERIOD_STATES = ("published", "closed")

# Lateness and mail (see appraisal_form_mail.py).
LATE_STEPS = [
    ("none", "On Time"),
    ("self", "Late at Self-Assessment"),
    ("review", "Late at Review"),
    ("approval", "Late at Approval"),
]
# The form's status while it waits at each step.
STATE_BY_STEP = {"self": "draft", "review": "submitted", "approval": "reviewed"}
STEP_BY_STATE = {state: step for step, state in STATE_BY_STEP.items()}

TEMPLATE_PERIOD_OPEN = "appraisal_monthly.mail_template_appraisal_period_open"
TEMPLATE_SELF_REMINDER = "appraisal_monthly.mail_template_appraisal_self_reminder"
TEMPLATE_SUBMITTED = "appraisal_monthly.mail_template_appraisal_submitted"
TEMPLATE_REVIEWED = "appraisal_monthly.mail_template_appraisal_reviewed"
TEMPLATE_OVERDUE = {
    "self": "appraisal_monthly.mail_template_appraisal_overdue_self",
    "review": "appraisal_monthly.mail_template_appraisal_overdue_review",
    "approval": "appraisal_monthly.mail_template_appraisal_overdue_approval",
}


@compat.groups_reordered
@compat.sql_constraints(
    (
        "employee_period_uniq",
        "unique(employee_id, period_id)",
        "An employee has only one appraisal form per period.",
    ),
)
class AppraisalForm(models.Model):
    _name = "appraisal.form"
    _description = "Monthly Appraisal Form"
    _inherit = [
        "mail.thread.main.attachment",
        "mail.activity.mixin",
        "appraisal.managed.mixin",
        "appraisal.workflow.mixin",
    ]
    _order = "date_start desc, department_id, employee_id"
    _mail_post_access = "read"
    _check_company_auto = True
    # The gate (appraisal_workflow_mixin.py): the state table of
    # rules/workflow.py, the steps that lock the period's row, and what a
    # client never gives (status, who/when, scores; the level on create).
    _workflow_transitions = workflow.FORM_TRANSITIONS
    _workflow_serialised_actions = SERIALISED_ACTIONS
    _workflow_protected_fields = frozenset(WORKFLOW_FIELDS | SCORE_FIELDS)
    _workflow_create_protected_fields = frozenset(CREATE_FORBIDDEN | BOOKKEEPING_FIELDS)
    _workflow_checked_fields = frozenset({"reviewer_user_id", "approver_user_id"})

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
    max_score = fields.Float(string="Maximum Score", readonly=True, aggregator=None)
    threshold_excellent = fields.Float(readonly=True)
    threshold_good = fields.Float(readonly=True)
    threshold_completed = fields.Float(readonly=True)
    # Points on the form's own scale (100 or 150): grouped lists do not add
    # or average them (score_percent compares forms of both scales).
    self_score = fields.Float(
        compute="_compute_scores", store=True, tracking=True, aggregator=None
    )
    manager_score = fields.Float(
        string="Superior's Score",
        compute="_compute_scores",
        store=True,
        tracking=True,
        aggregator=None,
    )
    final_score = fields.Float(
        compute="_compute_scores", store=True, tracking=True, aggregator=None
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
    # The collective's comments from unit meetings.
    meeting_comment_ids = fields.One2many(
        "appraisal.meeting.comment",
        "form_id",
        string="Collective Comments",
        readonly=True,
    )
    meeting_comment_count = fields.Integer(compute="_compute_meeting_comment_count")
    # Screen helpers: totals show once something is scored; the head sees
    # the quota consequence before approving.
    any_scored = fields.Boolean(compute="_compute_any_scored")
    quota_hint = fields.Text(string="Excellent Quota", compute="_compute_quota_hint")

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
            form.can_reset = is_officer and not own and form.state in ("approved", "cancelled")

    @api.depends_context("uid")
    @api.depends("meeting_comment_ids")
    def _compute_meeting_comment_count(self):
        for form in self:
            form.meeting_comment_count = len(form.meeting_comment_ids)

    @api.depends(
        "line_ids.self_scored", "line_ids.manager_scored", "line_ids.self_score",
        "line_ids.manager_score", "line_ids.self_veto", "line_ids.manager_veto",
    )
    def _compute_any_scored(self):
        for form in self:
            form.any_scored = any(
                line.self_scored or line.manager_scored or line.self_score
                or line.manager_score or line.self_veto or line.manager_veto
                for line in form.line_ids
            )

    @api.depends_context("uid")
    @api.depends("state", "rating", "period_id", "department_id", "job_id", "approver_user_id")
    def _compute_quota_hint(self):
        """What approving the form at the level the head picked does to the
        period's quota, counted as the approval, the quota check and the
        dashboard count it (Good given by the superiors, Excellent
        approved)."""
        labels = dict(self._fields["rating"]._description_selection(self.env))
        for form in self:
            form.quota_hint = False
            period = form.period_id
            if not (
                form.state == "reviewed"
                and form.can_approve
                and period.company_id.appraisal_quota_enabled
            ):
                continue
            now = period._compute_quota(states=("approved",), good_states=workflow.QUOTA_STATES)
            group_field = now["group_field"]
            key = (form[group_field].id or quota.NO_GROUP) if group_field else quota.NO_GROUP
            # The same counts with this form at the level picked (the
            # counts hold the level stored, which the screen may have changed).
            counts = dict(now["counts"])
            excellent, good = counts.get(key, (0, 0))
            stored = form._origin.rating if form._origin else False
            picked = form.rating
            counts[key] = (
                excellent + (picked == "excellent"),
                good - (stored == "good") + (picked == "good"),
            )
            exceptions = self.env["appraisal.quota.exception"]._get_extra_places(
                period, group_field
            )
            exceeded = quota.exceeded_lines(*quota.check(counts, now["percent"], exceptions), {key})
            scope = [line for line in now["groups"] if line.key == key] or [now["company"]]
            status = period._quota_describe(now, scope)
            if picked == "excellent" and exceeded:
                form.quota_hint = self.env._(
                    "So far (Good given by the superiors, Excellent approved): %(status)s. "
                    "Approving this form as Excellent would exceed the quota (%(details)s): "
                    "set another level, or record an authorised exception.",
                    status=status,
                    details=period._quota_describe(now, exceeded),
                )
            elif picked == "excellent":
                form.quota_hint = self.env._(
                    "So far (Good given by the superiors, Excellent approved): %(status)s. "
                    "Approving this form as Excellent stays within the quota.",
                    status=status,
                )
            elif exceeded:
                form.quota_hint = self.env._(
                    "So far (Good given by the superiors, Excellent approved): %(status)s. "
                    "Approving this form as %(level)s takes no Excellent place, but the "
                    "quota is already exceeded (%(details)s).",
                    status=status,
                    level=labels.get(picked, "-"),
                    details=period._quota_describe(now, exceeded),
                )
            else:
                form.quota_hint = self.env._(
                    "So far (Good given by the superiors, Excellent approved): %(status)s. "
                    "Approving this form as %(level)s takes no Excellent place: the quota "
                    "is kept.",
                    status=status,
                    level=labels.get(picked, "-"),
                )

    @api.model
    def _web_groups_reorder(self, groups, groupby, order):
        # The web client's groups (compat.groups_reordered): levels by rank.
        return sort_groups_by_rating(groups, groupby, order, lazy=False)

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
        self.check_access("create")
        self._check_create_values(vals_list)
        # A form made while its period is being published must wait for the
        # publication (and is then refused), as generation does.
        self.env["appraisal.period"].browse(
            {vals["period_id"] for vals in vals_list if vals.get("period_id")}
        )._lock_rows()
        self._check_periods_accept_forms(vals_list)
        self._check_not_duplicated(vals_list)
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
            # Read with the batch's prefetch (Odoo 19 computes the
            # department and job from the employee's version, else one by one).
            employee = employees.browse(vals.get("employee_id")).with_prefetch(
                employees._prefetch_ids)
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
            criteria_set._check_can_make_forms()
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
        # Lines given with the form (server code only, see
        # _check_create_values) are the set's: not "added by HR".
        with creating(self.env, "appraisal.form.line"):
            forms = super().create(vals_list)
        copied = self.browse([
            form.id
            for form, vals in zip(forms, vals_list)
            if form.criteria_set_id and not vals.get("line_ids")
        ])
        self.env["appraisal.form.line"].sudo()._create_from_criteria(copied)
        (forms - copied).line_ids._copy_criterion_texts()
        forms._schedule_self_assessments()
        # Forms made in an open period (generation, late joiners): the
        # employee is told, as when the period opens.
        forms._queue_open_notices()
        forms._apply_discipline_veto()
        # New people to rate in the period: their managers' figures change.
        forms._trigger_unit_results(exclude=forms)
        # Tasks entered before the form was generated join it now.
        forms._attach_pending_tasks()
        return forms

    def _check_create_values(self, vals_list):
        """A form is born a draft, whoever makes it: its status, level and
        scores come from its workflow and its lines.  Users (HR) give the
        employee, the period, the set and the superiors; the lines, maximum
        and thresholds are copied by the server."""
        self._workflow_check_create_values(vals_list)
        for vals in vals_list:
            if self.env.su:
                continue
            if any(vals.get(fname) for fname in SERVER_SET_FIELDS) or vals.get("line_ids"):
                raise AccessError(
                    self.env._(
                        "The criteria, maximum and thresholds of a form are copied from "
                        "its criteria set and the company's settings. Create the form "
                        "without them; an HR officer adds a missing criterion afterwards, "
                        "while the form is a draft."
                    )
                )
            if vals.get("reviewer_user_id") or vals.get("approver_user_id"):
                employee = self.env["hr.employee"].browse(vals.get("employee_id"))
                self._check_superiors_choice(employee, vals)

    @api.model
    def _workflow_create_refusal(self, fnames):
        return self.env._(
            "A form is made as a self-assessment draft: its status, level "
            "and scores follow from its workflow and its lines. Create it "
            "without them, then use the buttons of the form."
        )

    def _workflow_write_refusal(self, fnames):
        if fnames & WORKFLOW_FIELDS:
            return self.env._(
                "The status of a form and the record of who took each step change "
                "only through the buttons of the form (Submit, Review, Approve, "
                "Return, Reopen, Cancel)."
            )
        return self.env._(
            "The scores of a form are computed from its lines: enter the "
            "scores on the lines instead."
        )

    def _check_not_duplicated(self, vals_list):
        """One form per employee and period: said to users in words before
        the database's unique constraint would answer with an error (server
        code meets the constraint itself)."""
        if self.env.su:
            return
        pairs = [
            (vals.get("employee_id"), vals.get("period_id"))
            for vals in vals_list
            if vals.get("employee_id") and vals.get("period_id")
        ]
        if not pairs:
            return
        duplicates = {pair for pair in pairs if pairs.count(pair) > 1}
        existing = self.sudo().with_context(active_test=False).search([
            ("employee_id", "in", [employee for employee, _period in pairs]),
            ("period_id", "in", [period for _employee, period in pairs]),
        ])
        duplicates |= {
            (form.employee_id.id, form.period_id.id) for form in existing
        } & set(pairs)
        if duplicates:
            employees = self.env["hr.employee"].sudo().browse(
                [employee for employee, _period in duplicates]
            )
            periods = self.env["appraisal.period"].sudo().browse(
                [period for _employee, period in duplicates]
            )
            raise UserError(
                self.env._(
                    "%(employees)s already have a form for %(periods)s: an employee has "
                    "only one form per period. Open the existing form instead.",
                    employees=", ".join(employees.mapped("name")),
                    periods=", ".join(periods.mapped("name")),
                )
            )

    def _check_periods_accept_forms(self, vals_list):
        periods = self.env["appraisal.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        done = periods.filtered(lambda p: p.state in DONE_PERIOD_STATES)
        if done:
            raise UserError(
                self.env._(
                    "The results of %(periods)s are published: no form can be added. "
                    "An HR officer must reopen the period first.",
                    periods=", ".join(done.mapped("name")),
                )
            )

    @in_user_lang
    def write(self, vals):
        if "rating" in vals:
            # The web client sends, with new scores, the level its onchange
            # recomputed from them: the scores are written first, and a level
            # equal to what the form then holds is no change of the level.
            # Any other value is a change, checked as such (approving head).
            rating = vals["rating"] or False
            rest = {fname: value for fname, value in vals.items() if fname != "rating"}
            if rest:
                self.write(rest)
            changed_forms = self.filtered(lambda f: f.rating != rating)
            if changed_forms != self:
                return changed_forms.write({"rating": rating}) if changed_forms else True
            vals = {"rating": rating}
        changed = {fname for fname in vals if not fname.startswith(LOCKED_FREE_PREFIXES)}
        if changed:
            # A closed period is locked for everyone and every path; its
            # forms' chatter stays open.
            self._check_period_not_closed()
            if not in_workflow(self):
                self._check_write_locks(changed)
                if not self.env.su:
                    self._check_write_allowed(changed, vals)
        return super().write(vals)

    def unlink(self):
        periods = self.period_id
        result = super().unlink()
        self.browse()._trigger_unit_results(periods=periods)
        return result

    def _check_write_locks(self, changed):
        """What no write may change outside the workflow actions, whoever
        calls (``sudo()`` included): the status and who took each step,
        the computed scores, and anything of an approved or cancelled form
        but its chatter."""
        self._workflow_check_write(changed)
        if self.env.su and "rating" in changed:
            raise UserError(
                self.env._(
                    "The level of a form follows from its score; only the head who "
                    "approves it may change it, with a reason, while it awaits approval."
                )
            )
        locked = self.filtered(lambda f: f.state in LOCKED_STATES)
        if locked and changed - {"task_ids"} - (BOOKKEEPING_FIELDS if self.env.su else set()):
            locked._check_not_locked()

    def _check_write_allowed(self, changed, vals):
        """Refuse writes that the user's role on each form forbids."""
        # The work plan is edited through the form's tab, but each task
        # checks its own rights (appraisal.task._check_task_rights).
        changed = changed - {"task_ids"}
        if not changed:
            return
        user = self.env.user
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
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
        for form in self:
            own = form.employee_id.user_id == user
            if "self_comment" in changed and not (
                form.state == "draft" and (own or is_officer)
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
                               "comments, once the form is submitted; nobody writes "
                               "them on their own form.")
                )
            if "rating" in changed and not (form.state == "reviewed" and form.can_approve):
                raise AccessError(
                    self.env._(
                        "Only the head who approves %(form)s may change its "
                        "level, while it awaits approval.",
                        form=form.name,
                    )
                )
            if changed & {"approver_comment", "rating_change_reason"} and not (
                form.state == "reviewed" and form.can_approve
            ):
                raise AccessError(
                    self.env._("Only the head who approves the form may write the "
                               "conclusion, while it awaits approval.")
                )
            if changed & {"reviewer_user_id", "approver_user_id"}:
                form._check_superiors_choice(form.employee_id, vals)

    def _check_superiors_choice(self, employee, vals):
        """HR chooses who reviews and approves a form: never on her own
        form, never herself (only an administrator acts on anyone's behalf),
        never the employee."""
        user = self.env.user
        if employee.user_id == user:
            raise AccessError(
                self.env._(
                    "You cannot choose who scores or approves your own form: ask "
                    "another HR officer."
                )
            )
        chosen = self.env["res.users"].browse(
            [vals[fname] for fname in ("reviewer_user_id", "approver_user_id") if vals.get(fname)]
        )
        if user in chosen and not user.has_group("appraisal_monthly.group_appraisal_manager"):
            raise AccessError(
                self.env._(
                    "An HR officer cannot name herself superior or approver of a form. "
                    "Choose the employee's superior or head of unit."
                )
            )
        if employee.user_id and employee.user_id in chosen:
            raise UserError(
                self.env._(
                    "Nobody reviews or approves their own form: choose a superior of "
                    "%(employee)s.",
                    employee=employee.name,
                )
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

    def _check_lines_editable(self):
        """Criteria are added or removed while a form is a draft only."""
        started = self.filtered(lambda f: f.state != "draft")
        if started:
            raise UserError(
                self.env._(
                    "Criteria can be added to or removed from a form only while it is "
                    "a self-assessment draft (%(forms)s). Return the form to the "
                    "employee first.",
                    forms=", ".join(started.mapped("name")),
                )
            )

    def _check_not_own_form(self):
        """HR's powers over a form (its criteria, its superiors) never
        apply to her own."""
        own = self.filtered(lambda f: f.employee_id.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "Nobody changes the criteria of their own form (%(forms)s): ask "
                    "another HR officer.",
                    forms=", ".join(own.mapped("name")),
                )
            )

    def _check_period_not_closed(self):
        """A closed period is locked, for everyone and every path."""
        closed = self.filtered(lambda f: f.period_id.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Period %(period)s is closed: its forms cannot change (%(forms)s). "
                    "An HR officer must reopen the period first.",
                    period=", ".join(closed.period_id.mapped("name")),
                    forms=", ".join(closed.mapped("name")),
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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published_period(self):
        done = self.filtered(lambda f: f.period_id.state in DONE_PERIOD_STATES)
        if done:
            raise UserError(
                self.env._(
                    "Forms of a published or closed period cannot be deleted (%(forms)s).",
                    forms=", ".join(done.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Workflow: one gate per step, one place for what follows
    # ------------------------------------------------------------------
    # The gate is the workflow mixin's _check_action_allowed: the state
    # table (FORM_TRANSITIONS), the user's role on each form (_check_role:
    # never on one's own form, but to submit it), the period's row lock
    # for the steps that must see each other (approvals against the quota,
    # reopening against publication: SERIALISED_ACTIONS), then each
    # feature's guard, by name, in this order:
    def _workflow_guards(self, action):
        return {
            "submit": [
                "_check_period_open", "_check_self_deadline", "_check_self_scores_complete",
            ],
            "review": ["_check_computed_adjustments", "_check_manager_scores_complete"],
            "approve": [
                "_check_computed_adjustments", "_check_level_to_approve",
                "_check_discipline_on_approval", "_check_quota_on_approval",
            ],
            "reset_to_draft": ["_check_period_not_done"],
        }.get(action, [])

    def _workflow_lock(self, action):
        self.period_id._lock_rows()

    def _workflow_transition_refusal(self, action, record):
        return self.env._(
            "Form %(form)s is '%(state)s': this step is not possible "
            "from that status.",
            form=record.name,
            state=self._workflow_state_label(record.state),
        )

    def _check_role(self, action):
        """The user's role on each form, for ``action`` (see
        ``workflow.ROLES``).  Nobody acts on their own form but to submit it."""
        user = self.env.user
        role = workflow.ROLES[action]
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        for form in self:
            own = form.employee_id.user_id == user
            if role == "employee":
                allowed = own or is_officer
                message = self.env._("Only %(employee)s may submit this self-assessment.",
                                     employee=form.employee_id.name)
            elif role == "reviewer":
                allowed = form._user_may_review(user, managed)
                message = self.env._("Only a superior of %(employee)s may review this form.",
                                     employee=form.employee_id.name)
            elif role == "approver":
                allowed = form._user_may_approve(user)
                message = self.env._("Only the head of the unit may approve %(form)s.",
                                     form=form.name)
            elif role == "reviewer_or_approver":
                allowed = (
                    form._user_may_review(user, managed)
                    if form.state == "submitted"
                    else form._user_may_approve(user)
                )
                message = self.env._("You may not return %(form)s.", form=form.name)
            else:  # "hr"
                allowed = is_officer and not own
                message = (
                    self.env._(
                        "Nobody reopens or cancels their own form (%(form)s): ask another "
                        "HR officer.",
                        form=form.name,
                    )
                    if own and is_officer
                    else self.env._("Only HR officers may reopen or cancel an appraisal form.")
                )
            if not allowed:
                raise AccessError(message)

    def _workflow_step_values(self, action, target):
        # A form leaving the self-assessment no longer needs the "open" notice.
        if target != "draft" and any(self.mapped("open_notice_pending")):
            return {"open_notice_pending": False}
        return {}

    def _after_transition(self, action, previous_states=None, reason=None):
        """What follows a step, called by name, in this order: the level
        log, the to-dos, the managers' unit results, the quarterly and
        annual results, the notices, the action plans, the discipline veto."""
        if action == "approve":
            self._log_level_changes()
        if action == "cancel":
            self.activity_unlink(self._activity_type_xmlids())
        else:
            self._activity_update()
        # A level counts once approved; a reopening or a cancellation takes
        # it back: the managers' unit results, then the quarterly and annual
        # results of the people concerned follow.
        self._trigger_unit_results(exclude=self)
        was_approved = self.filtered(
            lambda f: (previous_states or {}).get(f.id) == "approved"
        )
        now_approved = self.filtered(lambda f: f.state == "approved")
        ((was_approved | now_approved) - (was_approved & now_approved))._refresh_appraisal_summaries()
        if action == "submit":
            self.filtered(
                lambda f: f.reviewer_user_id != self.env.user
            )._send_appraisal_mail(TEMPLATE_SUBMITTED, digest=True)
        elif action == "review":
            self.filtered(
                lambda f: f.approver_user_id != self.env.user
            )._send_appraisal_mail(TEMPLATE_REVIEWED, digest=True)
        elif action == "approve":
            self._notify_approved()
            self._create_failed_action_plans()
        elif action == "return":
            self._post_notices({
                form.id: form_lang.env._("Returned for revision. Reason: %(reason)s",
                                         reason=reason)
                for form_lang in self._with_employee_lang()
                for form in form_lang
            })
        elif action == "reset_to_draft":
            for form in self:
                form._message_log(
                    body=self.env._("Reopened by HR. Reason: %(reason)s", reason=reason)
                )
            # A measure recorded after approval applies once HR reopens the form.
            self._apply_discipline_veto()

    @in_user_lang
    def action_submit(self):
        return self._run_step("submit", {"date_submitted": fields.Datetime.now()})

    @in_user_lang
    def action_review(self):
        return self._run_step("review", {
            "date_reviewed": fields.Datetime.now(),
            "reviewed_user_id": self.env.uid,
        })

    @in_user_lang
    def action_approve(self):
        return self._run_step("approve", {
            "date_approved": fields.Datetime.now(),
            "approved_user_id": self.env.uid,
        })

    @in_user_lang
    def action_return(self, reason=None):
        """Send the form back to the employee, with a reason.

        Without a reason (a click on the button), open the dialog that asks
        for one.
        """
        reason = self._workflow_reason(reason)
        if not reason:
            return self._open_reason_wizard("return")
        return self._run_step("return", {"date_submitted": False}, reason=reason)

    @in_user_lang
    def action_reset_to_draft(self, reason=None):
        """HR reopens an approved or cancelled form, with a reason."""
        reason = self._workflow_reason(reason)
        if not reason:
            return self._open_reason_wizard("reset_to_draft")
        return self._run_step("reset_to_draft", {
            "date_submitted": False,
            "date_reviewed": False,
            "date_approved": False,
            "approved_user_id": False,
            "reviewed_user_id": False,
        }, reason=reason)

    @in_user_lang
    def action_cancel(self):
        return self._run_step("cancel", {})

    def _backdate_steps(self, vals):
        """Set the dates of steps already taken (imported history, the demo
        data).  Server code only: a private method cannot be called over
        RPC.  Neither the status nor who took a step can be set this way."""
        if set(vals) - STEP_DATE_FIELDS:
            raise UserError(self.env._("Only the dates of the steps can be set this way."))
        with workflow_writing(self) as forms:
            forms.write(vals)
        return True

    # ------------------------------------------------------------------
    # Guards of the steps (called by name from _check_action_allowed)
    # ------------------------------------------------------------------
    def _check_period_open(self):
        for form in self:
            if form.period_id.state != "open":
                raise UserError(
                    self.env._("Period %(period)s is not open for appraisal: ask your HR "
                               "officer to open it.", period=form.period_id.name)
                )

    def _check_self_deadline(self):
        if self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            return
        today = fields.Date.context_today(self)
        for form in self:
            deadline = form.period_id.date_self_deadline
            if form.company_id.appraisal_block_late_submission and deadline and today > deadline:
                raise UserError(
                    self.env._(
                        "The self-assessment deadline of %(period)s was "
                        "%(deadline)s. Ask your HR officer to submit it.",
                        period=form.period_id.name,
                        deadline=deadline,
                    )
                )

    def _unscored_criteria(self, scored_field):
        """{form id: names of its scored criteria not yet entered}, the
        lines of all the forms read in one search (filtering each form's
        lines in memory rescans the whole batch's lines at each cache
        miss: quadratic in the number of forms)."""
        lines = self.env["appraisal.form.line"].sudo().search_fetch(
            [
                ("form_id", "in", self.ids),
                ("display_type", "=", False),
                ("veto", "=", False),
                ("kind", "=", "score"),
                (scored_field, "=", False),
            ],
            ["form_id", "name"],
            order="form_id, sequence, id",
        )
        missing = {}
        for line in lines:
            missing.setdefault(line.form_id.id, []).append(line.name)
        return missing

    def _check_self_scores_complete(self):
        missing = self._unscored_criteria("self_scored")
        for form in self:
            if missing.get(form.id):
                raise UserError(
                    self.env._(
                        "Score every criterion before submitting. Missing: "
                        "%(criteria)s",
                        criteria="; ".join(missing[form.id]),
                    )
                )

    def _check_manager_scores_complete(self):
        missing = self._unscored_criteria("manager_scored")
        for form in self:
            if missing.get(form.id):
                raise UserError(
                    self.env._(
                        "Enter your score for every criterion before marking "
                        "the form reviewed. Missing: %(criteria)s",
                        criteria="; ".join(missing[form.id]),
                    )
                )

    def _check_level_to_approve(self):
        for form in self:
            if not form.rating:
                raise UserError(self.env._("Form %(form)s has no level to approve.",
                                           form=form.name))
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

    def _check_period_not_done(self):
        published = self.filtered(lambda f: f.period_id.state == "published")
        if published:
            raise UserError(
                self.env._(
                    "The results of %(period)s are published. Set the period back "
                    "to open (Reopen) before reopening its forms (%(forms)s).",
                    period=", ".join(published.period_id.mapped("name")),
                    forms=", ".join(published.mapped("name")),
                )
            )
        closed = self.filtered(lambda f: f.period_id.state == "closed")
        if closed:
            raise UserError(
                self.env._("Reopen the period before reopening its forms (%(forms)s).",
                           forms=", ".join(closed.mapped("name")))
            )

    # ------------------------------------------------------------------
    # Follow-ups of the steps (called by name from _after_transition)
    # ------------------------------------------------------------------
    def _log_level_changes(self):
        rating_labels = dict(self._fields["rating"]._description_selection(self.env))
        for form in self.filtered(lambda f: f.rating != f.suggested_rating):
            form._message_log(
                body=self.env._(
                    "Level set to %(rating)s instead of %(suggested)s. "
                    "Reason: %(reason)s",
                    rating=rating_labels.get(form.rating, "-"),
                    suggested=rating_labels.get(form.suggested_rating, "-"),
                    reason=form.rating_change_reason,
                ),
            )

    def _notify_approved(self):
        bodies = {}
        for form_lang in self._with_employee_lang():
            labels = dict(form_lang._fields["rating"]._description_selection(form_lang.env))
            for form in form_lang:
                # Written in the employee's language, not the approver's.
                bodies[form.id] = form_lang.env._(
                    "Your appraisal for %(period)s is approved: %(rating)s (%(score)s%%).",
                    period=form.period_id.name,
                    rating=labels.get(form.rating, "-"),
                    score=form._format_percent(form_lang.env),
                )
        self._post_notices(bodies)

    @in_user_lang
    def action_copy_self_scores(self):
        """Start the superior's scoring from the employee's own scores;
        lines filled from the work plan or the unit start from the computed
        figure rather than the employee's own."""
        self._check_may_score()
        self._refresh_unit_results()
        self._use_computed_scores(only_unscored=True)
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

    def _for_print(self):
        """The forms as Print › Appraisal Form shows them: the user's right
        to read each form is checked (record rules), then its values (job
        position, employee, company) are read with elevated rights, as the
        form's screen shows them to whoever may read it."""
        self.check_access("read")
        return self.sudo()

    @in_user_lang
    def action_open_from_quota(self):
        """Open a candidate of the quota check, to lower its level."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "appraisal.form",
            "res_id": self.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Navigation: the app's first screen
    # ------------------------------------------------------------------
    @api.model
    @in_user_lang
    def action_open_appraisal_home(self):
        """Open the Appraisal app where the user's work is: the period
        dashboard for HR, the results for the reward committee, the forms
        to review or approve for a superior or head, else the user's own
        current form (called by the app's root menu and home action)."""
        user = self.env.user
        if user.has_group("appraisal_monthly.group_appraisal_officer"):
            return self._home_action("appraisal_monthly.appraisal_period_action_dashboard")
        if user.has_group("appraisal_monthly.group_appraisal_committee"):
            return self._home_committee_action()
        waiting = self.search_count([
            ("state", "in", ("submitted", "reviewed")),
            "|", "|",
            ("reviewer_user_id", "=", user.id),
            ("approver_user_id", "=", user.id),
            ("is_managed_by_me", "=", True),
        ], limit=1)
        if waiting or self.env["hr.employee"]._get_appraisal_managed_by(user):
            action = self._home_action("appraisal_monthly.appraisal_form_action_team")
            if waiting:
                action["context"] = {"search_default_to_review": 1, "search_default_to_approve": 1}
            return action
        action = self._home_action("appraisal_monthly.appraisal_form_action_my")
        own = self.search(
            [("employee_id.user_id", "=", user.id), ("state", "!=", "cancelled")],
            order="date_start desc, id desc",
            limit=1,
        )
        if own:
            action.update({"res_id": own.id, "view_mode": "form", "views": [(False, "form")]})
        return action

    def _home_committee_action(self):
        """The committee's first screen: the approved results."""
        return self._home_action("appraisal_monthly.appraisal_form_report_action")

    def _home_action(self, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        # Keep the app's own address (/odoo/appraisal) in the browser.
        action.pop("path", None)
        return action

    # ------------------------------------------------------------------
    # Guards of the workflow
    # ------------------------------------------------------------------
    def _check_quota_on_approval(self):
        """Refuse approvals that would put more people at Excellent than the
        quota allows, counting the approved forms of the same period.

        Only the forms this user may approve now are counted; the others
        are refused by the approval itself.
        """
        user = self.env.user
        forms = self.filtered(
            lambda f: f.state == "reviewed"
            and f.rating in ("excellent", "good")
            and f._user_may_approve(user)
        )
        excellent = forms.filtered(lambda f: f.rating == "excellent")
        for period in excellent.period_id.filtered("company_id.appraisal_quota_enabled"):
            period_forms = forms.filtered(lambda f, p=period: f.period_id == p)
            # One truth with the quota check and the dashboard: every Good
            # the superior has given counts; Excellent only once approved (or
            # being approved now).  Publication checks the approved forms again.
            result = period._compute_quota(
                states=("approved",), good_states=workflow.QUOTA_STATES, extra_forms=period_forms
            )
            group_field = result["group_field"]
            keys = {
                (form[group_field].id or quota.NO_GROUP) if group_field else quota.NO_GROUP
                for form in period_forms
                if form.rating == "excellent"
            }
            exceeded = quota.exceeded_lines(result["groups"], result["company"], keys)
            if not exceeded:
                continue
            excellent_forms = period_forms.filtered(lambda f: f.rating == "excellent")
            period._raise_quota_exceeded(
                self.env._(
                    "Approving %(forms)s as Excellent would exceed the quota: "
                    "Excellent may not exceed %(percent)s%% of the Good ratings. "
                    "%(details)s.\n"
                    "Lower a level, or record an authorised exception.",
                    forms=", ".join(excellent_forms.mapped("name")),
                    percent="%g" % result["percent"],
                    details=period._quota_describe(result, exceeded),
                )
            )

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

    def _with_employee_lang(self):
        """The forms grouped by their employee's language, each group in
        that language (notices are written in the employee's language)."""
        groups = {}
        for form in self:
            groups.setdefault(form._get_employee_lang(), []).append(form.id)
        return [self.browse(ids).with_context(lang=lang) for lang, ids in groups.items()]

    def _notify_employee(self, body):
        """Tell the employee in the chatter (and by e-mail when they have
        one); see ``_post_notices``."""
        self.ensure_one()
        self._post_notices({self.id: body})

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
        need an e-mail address for every actor.  Made in one batch.
        """
        self_type, review_type, approve_type = self._activity_type_xmlids()
        forms = self.with_context(mail_activity_quick_update=True)
        forms.activity_unlink([self_type, review_type, approve_type])
        types = {xmlid: self.env.ref(xmlid) for xmlid in (self_type, review_type, approve_type)}
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
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
                vals_list.append(self._activity_values(
                    model_id, form, types[activity_xmlid], user, deadline,
                ))
        self._create_activities(vals_list)

    def _activity_values(self, model_id, form, activity_type, user, deadline):
        """The values of a to-do, as ``activity_schedule`` makes them; the
        summary is stored as text: in the assignee's language."""
        return {
            "res_model_id": model_id,
            "res_id": form.id,
            "activity_type_id": activity_type.id,
            "summary": activity_type.with_context(lang=user.lang).summary,
            "note": activity_type.default_note,
            "automated": True,
            "user_id": user.id,
            "date_deadline": deadline or fields.Date.context_today(self),
        }

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
        self._create_activities([
            dict(
                self._activity_values(
                    model_id, form, activity_type, form.employee_id.user_id,
                    form.period_id.date_self_deadline,
                ),
                note=False,
            )
            for form in forms
            if form.id not in already
        ])

    def _refresh_appraisal_summaries(self):
        keys = {
            (form.employee_id.id, form.date_start.year)
            for form in self.sudo()
            if form.employee_id and form.date_start
        }
        if keys:
            self.env["appraisal.summary"]._refresh(keys)

    def _format_number(self, value, **options):
        """For the QWeb templates: a number as the reader writes it (4,5);
        see number_format.format_number."""
        return format_number(self.env, value, **options)

    def _format_percent(self, env):
        """The form's percentage as its reader's language writes numbers
        (80,0 / 93,33 in Vietnamese), with no more decimals than it has."""
        value = self.score_percent
        return formatLang(env, value, digits=1 if round(value, 1) == round(value, 2) else 2)

    def _notify_published_result(self):
        """Tell each employee their published level, in their language, in
        one batch (see ``_post_notices``)."""
        bodies = {}
        for form_lang in self._with_employee_lang():
            labels = dict(form_lang._fields["rating"]._description_selection(form_lang.env))
            for form in form_lang:
                bodies[form.id] = form_lang.env._(
                    "The results of %(period)s are published: your level is "
                    "%(rating)s (%(score)s%%).",
                    period=form.period_id.name,
                    rating=labels.get(form.rating, "-"),
                    score=form._format_percent(form_lang.env),
                )
        self._post_notices(bodies)
