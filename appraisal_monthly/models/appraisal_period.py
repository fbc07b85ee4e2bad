import datetime
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError

from .. import compat
from ..rules import quota, results, workflow
from ..user_lang import in_user_lang
from ..workflow_write import in_workflow
from .appraisal_form import STEP_BY_STATE

_logger = logging.getLogger(__name__)

# Forms whose level counts in the projected quota: every form with a level.
# Written by the period's actions only, whoever calls (sudo() included).
PERIOD_STATUS_FIELDS = {"state", "date_published", "published_user_id"}
# Carried by the period's forms: fixed once the period is open or has forms.
PERIOD_DATE_FIELDS = {"date_start", "date_end", "period_type", "company_id"}
# The background job of the period (appraisal_period_job.py): written by the
# job only, whoever calls (sudo() included).
JOB_FIELDS = {
    "job_kind", "job_user_id", "job_date", "job_done", "job_total",
    "job_employee_ids", "job_form_ids", "job_unmatched_ids", "job_created_count",
    "job_existing_count",
}
FREE_PREFIXES = ("message_", "activity_")


@compat.sql_constraints(
    (
        "date_check",
        "CHECK(date_start <= date_end)",
        "The period must end after it starts.",
    ),
    (
        "period_uniq",
        "unique(company_id, period_type, date_start)",
        "This company already has an appraisal period starting on that date.",
    ),
)
class AppraisalPeriod(models.Model):
    _name = "appraisal.period"
    _description = "Appraisal Period"
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.workflow.mixin"]
    _order = "date_start desc, id desc"
    # The gate (appraisal_workflow_mixin.py): every step is HR's, whatever
    # the state (the role first), and locks the period's row.
    _workflow_transitions = workflow.PERIOD_TRANSITIONS
    _workflow_role_first = True
    _workflow_serialised_actions = tuple(workflow.PERIOD_TRANSITIONS)
    _workflow_protected_fields = frozenset(PERIOD_STATUS_FIELDS | JOB_FIELDS)

    # Computed fields are filled after the INSERT, so they cannot be
    # NOT NULL in the database; the form view requires them instead.
    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        required=True,
        default="month",
        tracking=True,
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=lambda self: self._default_date_start(),
        tracking=True,
    )
    date_end = fields.Date(
        string="End Date",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        tracking=True,
    )
    date_self_deadline = fields.Date(
        string="Self-Assessment Deadline",
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        tracking=True,
    )
    date_review_deadline = fields.Date(
        string="Review Deadline",
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # Draft -> Open -> Published (results announced, visible to the units)
    # -> Closed (locked).
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("published", "Published"), ("closed", "Closed")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
    )
    form_ids = fields.One2many("appraisal.form", "period_id", string="Forms")
    form_count = fields.Integer(compute="_compute_form_stats")
    form_to_submit_count = fields.Integer(compute="_compute_form_stats")
    form_approved_count = fields.Integer(compute="_compute_form_stats")
    form_submitted_count = fields.Integer(
        string="Submitted Forms", compute="_compute_form_stats"
    )
    form_reviewed_count = fields.Integer(
        string="Reviewed Forms", compute="_compute_form_stats"
    )

    # Who is late at each step: the period's dashboard.
    late_self_count = fields.Integer(
        string="Late at Self-Assessment", compute="_compute_late_counts"
    )
    late_review_count = fields.Integer(
        string="Late at Review", compute="_compute_late_counts"
    )
    late_total_count = fields.Integer(string="Late Forms", compute="_compute_late_counts")
    late_approval_count = fields.Integer(
        string="Late at Approval", compute="_compute_late_counts"
    )
    meeting_ids = fields.One2many("appraisal.meeting", "period_id", string="Unit Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_count")
    date_published = fields.Datetime(readonly=True, copy=False, tracking=True)
    published_user_id = fields.Many2one(
        "res.users", string="Published By", readonly=True, copy=False
    )
    summary_ids = fields.One2many(
        "appraisal.period.summary", "period_id", string="Summary by Department"
    )
    quota_exception_ids = fields.One2many(
        "appraisal.quota.exception", "period_id", string="Quota Exceptions"
    )
    quota_exception_count = fields.Integer(compute="_compute_quota_exception_count")

    def _default_date_start(self):
        return fields.Date.context_today(self).replace(day=1)

    @api.depends("period_type", "date_start")
    def _compute_name(self):
        for period in self:
            if not period.date_start:
                period.name = False
            elif period.period_type == "quarter":
                period.name = self.env._(
                    "Quarter %(quarter)s/%(year)s",
                    quarter=results.quarter_of(period.date_start.month),
                    year=period.date_start.year,
                )
            else:
                period.name = self.env._(
                    "Month %(month)02d/%(year)s",
                    month=period.date_start.month,
                    year=period.date_start.year,
                )

    @api.depends("period_type", "date_start")
    def _compute_date_end(self):
        for period in self:
            if not period.date_start:
                period.date_end = False
                continue
            months = 3 if period.period_type == "quarter" else 1
            period.date_end = period.date_start + relativedelta(
                months=months, days=-1
            )

    @api.depends("date_end")
    def _compute_deadlines(self):
        # Self-assessment by the last day, the superior's review within
        # five days after: the commune's monthly routine.
        for period in self:
            period.date_self_deadline = period.date_end
            period.date_review_deadline = period.date_end and (
                period.date_end + relativedelta(days=5)
            )

    @api.depends_context("uid")
    def _compute_form_stats(self):
        counts = {}
        for period, state, count in self.env["appraisal.form"]._read_group(
            [("period_id", "in", self.ids)], ["period_id", "state"], ["__count"]
        ):
            counts.setdefault(period, {})[state] = count
        for period in self:
            by_state = counts.get(period, {})
            period.form_count = sum(by_state.values())
            period.form_to_submit_count = by_state.get("draft", 0)
            period.form_approved_count = by_state.get("approved", 0)
            period.form_submitted_count = by_state.get("submitted", 0)
            period.form_reviewed_count = by_state.get("reviewed", 0)

    @api.depends_context("uid")
    def _compute_late_counts(self):
        counts = {}
        for period, state, count in self.env["appraisal.form"]._read_group(
            [("period_id", "in", self.ids), ("late_step", "!=", "none")],
            ["period_id", "state"],
            ["__count"],
        ):
            counts[period.id, STEP_BY_STATE.get(state)] = count
        for period in self:
            period.late_self_count = counts.get((period.id, "self"), 0)
            period.late_review_count = counts.get((period.id, "review"), 0)
            period.late_approval_count = counts.get((period.id, "approval"), 0)
            period.late_total_count = (
                period.late_self_count + period.late_review_count + period.late_approval_count
            )

    @api.depends_context("uid")
    @api.depends("meeting_ids")
    def _compute_meeting_count(self):
        counts = {
            period.id: count
            for period, count in self.env["appraisal.meeting"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        }
        for period in self:
            period.meeting_count = counts.get(period.id, 0)

    @api.depends("quota_exception_ids")
    def _compute_quota_exception_count(self):
        counts = dict(
            self.env["appraisal.quota.exception"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.quota_exception_count = counts.get(period, 0)

    @api.constrains("date_start", "date_self_deadline", "date_review_deadline")
    def _check_deadlines(self):
        for period in self:
            if (
                period.date_self_deadline
                and period.date_review_deadline
                and period.date_review_deadline < period.date_self_deadline
            ):
                raise ValidationError(
                    self.env._(
                        "The review deadline of %(period)s cannot come before "
                        "its self-assessment deadline.",
                        period=period.name,
                    )
                )
            if period.date_self_deadline and period.date_self_deadline < period.date_start:
                raise ValidationError(
                    self.env._(
                        "The self-assessment deadline of %(period)s cannot come "
                        "before the period starts.",
                        period=period.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_forms(self):
        if self.sudo().form_ids:
            raise UserError(
                self.env._("A period that holds appraisal forms cannot be deleted.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        done = self.filtered(lambda p: p.state in ("published", "closed"))
        if done:
            raise UserError(
                self.env._("Published and closed periods cannot be deleted (%(periods)s).",
                           periods=", ".join(done.mapped("name")))
            )

    # ------------------------------------------------------------------
    # CRUD: status by the actions only, dates fixed once forms exist
    # ------------------------------------------------------------------
    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        self._workflow_check_create_values(vals_list)
        self._check_dates_in_order(vals_list)
        self._check_not_duplicated(vals_list)
        periods = super().create(vals_list)
        # Named now, in the creating user's language (the stored name would
        # otherwise be computed later, in the language of the request).
        periods.mapped("name")
        return periods

    @api.model
    def _workflow_create_refusal(self, fnames):
        return self.env._(
            "A period is made as a draft: open, publish and close it with its buttons."
        )

    def _workflow_write_refusal(self, fnames):
        return self.env._(
            "The status of a period changes only through its buttons (Open, "
            "Publish, Close, Reopen)."
        )

    @in_user_lang
    def write(self, vals):
        changed = {fname for fname in vals if not fname.startswith(FREE_PREFIXES)}
        if changed and not in_workflow(self):
            self._check_write_locks(changed)
            if changed & (PERIOD_DATE_FIELDS | {"date_self_deadline", "date_review_deadline"}):
                self._check_dates_in_order([
                    {fname: vals.get(fname, period[fname]) for fname in (
                        "date_start", "date_end", "date_self_deadline", "date_review_deadline")}
                    for period in self
                ])
            if changed & PERIOD_DATE_FIELDS:
                self._check_not_duplicated([
                    {
                        "company_id": vals.get("company_id", period.company_id.id),
                        "period_type": vals.get("period_type", period.period_type),
                        "date_start": vals.get("date_start", period.date_start),
                    }
                    for period in self
                ], exclude=self)
        return super().write(vals)

    def _check_write_locks(self, changed):
        """Whoever calls (``sudo()`` included): the status changes through
        the actions only; a closed period changes not at all; its dates and
        company only while it is a draft without forms (the forms carry
        them); deadlines until its results are published."""
        self._workflow_check_write(changed)
        closed = self.filtered(lambda p: p.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Period %(periods)s is closed: nothing of it can change. An HR officer "
                    "must reopen it first.",
                    periods=", ".join(closed.mapped("name")),
                )
            )
        if changed & PERIOD_DATE_FIELDS:
            fixed = self.filtered(lambda p: p.state != "draft" or p.sudo().form_ids)
            if fixed:
                raise UserError(
                    self.env._(
                        "The dates, type and company of %(periods)s are fixed: it is open "
                        "or holds forms, which carry them. Create another period instead.",
                        periods=", ".join(fixed.mapped("name")),
                    )
                )
        if changed & {"date_self_deadline", "date_review_deadline", "name"}:
            done = self.filtered(lambda p: p.state not in ("draft", "open"))
            if done:
                raise UserError(
                    self.env._(
                        "The name and deadlines of %(periods)s can no longer change: its "
                        "results are published.",
                        periods=", ".join(done.mapped("name")),
                    )
                )

    def _check_dates_in_order(self, vals_list):
        """Said in words before the database's CHECK would answer."""
        for vals in vals_list:
            start, end = vals.get("date_start"), vals.get("date_end")
            if start and end and fields.Date.to_date(end) < fields.Date.to_date(start):
                raise UserError(
                    self.env._(
                        "A period must end after it starts (%(start)s - %(end)s): correct "
                        "its dates.",
                        start=fields.Date.to_date(start),
                        end=fields.Date.to_date(end),
                    )
                )

    def _check_not_duplicated(self, vals_list, exclude=None):
        """One period per company, type and start: said in words before the
        database's unique constraint would answer with an error."""
        keys = []
        for vals in vals_list:
            start = vals.get("date_start") or self._default_date_start()
            keys.append((
                vals.get("company_id") or self.env.company.id,
                vals.get("period_type") or "month",
                fields.Date.to_date(start),
            ))
        duplicates = {key for key in keys if keys.count(key) > 1}
        domain = [
            ("company_id", "in", [key[0] for key in keys]),
            ("date_start", "in", [key[2] for key in keys]),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        for period in self.sudo().search(domain):
            key = (period.company_id.id, period.period_type, period.date_start)
            if key in keys:
                duplicates.add(key)
        if duplicates:
            raise UserError(
                self.env._(
                    "This company already has an appraisal period starting on %(dates)s. "
                    "Open the existing period instead.",
                    dates=", ".join(sorted(str(key[2]) for key in duplicates)),
                )
            )

    # ------------------------------------------------------------------
    # Workflow: one gate per step, one place for what follows
    # ------------------------------------------------------------------
    # The gate is the workflow mixin's _check_action_allowed, in this
    # order: the user's role (an HR officer, or the server's own jobs:
    # every step of a period is HR's whatever its state, so nobody else
    # learns the period's state from a refusal), the state table
    # (PERIOD_TRANSITIONS), the row lock of the periods (concurrent steps
    # on the same period: approvals, reopenings, generation, wait for each
    # other), then each feature's guard, by name:
    def _check_role(self, action):
        self._check_appraisal_officer()

    def _workflow_guards(self, action):
        if action == "publish":
            return ["_check_no_job", "_check_publishable"]
        return ["_check_no_job"]

    def _check_publishable(self):
        for period in self:
            period._check_all_approved()
            period._check_quota_for_publication()

    def _workflow_transition_refusal(self, action, record):
        return self._transition_refusal(action, record)

    def _transition_refusal(self, action, period):
        if action == "open":
            return self.env._("Only a draft period can be opened (%(period)s).",
                              period=period.name)
        if action == "publish":
            return self.env._("Only an open period can be published (%(period)s).",
                              period=period.name)
        if action == "close":
            return self.env._("Publish the results of %(period)s before closing it.",
                              period=period.name)
        return self.env._("Only a published or closed period can be reopened (%(period)s).",
                          period=period.name)

    def _check_appraisal_officer(self):
        if not self.env.su and not self.env.user.has_group(
            "appraisal_monthly.group_appraisal_officer"
        ):
            raise AccessError(
                self.env._("Only HR officers may open, publish, close or reopen a period, "
                           "or generate its forms.")
            )

    def _workflow_step_values(self, action, target):
        if action == "publish":
            return {"date_published": fields.Datetime.now(), "published_user_id": self.env.uid}
        if action == "reopen" and target == "open":
            return {"date_published": False, "published_user_id": False}
        return {}

    def _after_transition(self, action, previous_states=None):
        """What follows a step of the period, called by name."""
        if action == "open":
            # Forms made before the period opened: their employees get their
            # to-do and are told now (forms made later, when they are
            # created).  Forms handed to the period's job (a province's)
            # get their to-dos with their notices, batch by batch (see
            # _job_notify_batch).
            self.form_ids._queue_open_notices()
            self.filtered(
                lambda period: period.job_kind != "notify"
            ).form_ids._schedule_self_assessments()
        elif action == "publish":
            forms = self.env["appraisal.form"].sudo().search(
                [("period_id", "in", self.ids), ("state", "=", "approved")]
            ).with_env(self.env)
            threshold = self._get_background_threshold()
            for period in self:
                period_forms = forms.filtered(lambda f, p=period: f.period_id == p)
                if len(period_forms) >= threshold:
                    # Ten thousand notices: in the background, batch by batch.
                    period._queue_job("publish", forms=period_forms)
                    continue
                period_forms._notify_published_result()
                period._message_log(
                    body=self.env._(
                        "Results published: %(count)s employee(s) notified.",
                        count=len(period_forms),
                    )
                )

    @in_user_lang
    def action_open(self):
        return self._run_step("open")

    @in_user_lang
    def action_publish(self):
        """Announce the results: every form approved, the quota held."""
        return self._run_step("publish")

    def _check_all_approved(self):
        self.ensure_one()
        pending = self.env["appraisal.form"].sudo()._read_group(
            [("period_id", "=", self.id), ("state", "not in", ("approved", "cancelled"))],
            ["state"],
            ["__count"],
        )
        if not pending:
            return
        labels = dict(
            self.env["appraisal.form"]._fields["state"]._description_selection(self.env)
        )
        raise UserError(
            self.env._(
                "%(count)s form(s) of %(period)s are not approved yet (%(states)s). "
                "Approve or cancel them before publishing.",
                count=sum(count for _state, count in pending),
                period=self.name,
                states=", ".join(
                    "%s: %s" % (labels.get(state, state), count) for state, count in pending
                ),
            )
        )

    def _check_quota_for_publication(self):
        self.ensure_one()
        if not self.company_id.appraisal_quota_enabled:
            return
        result = self._compute_quota(states=("approved",))
        exceeded = quota.exceeded_lines(result["groups"], result["company"])
        if exceeded:
            self._raise_quota_exceeded(
                self.env._(
                    "The results of %(period)s exceed the Excellent quota "
                    "(%(percent)s%% of the Good ratings): %(details)s.\n"
                    "Reopen and lower a level, or record an authorised exception.",
                    period=self.name,
                    percent="%g" % result["percent"],
                    details=self._quota_describe(result, exceeded),
                )
            )

    @in_user_lang
    def action_close(self):
        """Closing locks the period: only published results can be closed.

        An open period is published first (action_publish).
        """
        return self._run_step("close")

    @in_user_lang
    def action_reopen(self):
        """Closed -> published, published -> open (to correct a result)."""
        return self._run_step("reopen")

    @in_user_lang
    def action_recompute_annual_results(self):
        """Recompute the quarterly and annual results of the period's year
        for everyone with an approved form of the company that year: now,
        or in the background from the threshold on."""
        self.ensure_one()
        self._check_appraisal_officer()
        year = self.date_start.year
        groups = self.env["appraisal.form"].sudo()._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "approved"),
                ("date_start", ">=", datetime.date(year, 1, 1)),
                ("date_start", "<=", datetime.date(year, 12, 31)),
            ],
            ["employee_id"],
        )
        employees = self.env["hr.employee"].browse([employee.id for (employee,) in groups])
        if len(employees) >= self._get_background_threshold():
            return self._queue_job("annual", employees=employees)
        self.env["appraisal.summary"]._refresh({(employee.id, year) for employee in employees})
        return True

    @in_user_lang
    def action_refresh_job(self):
        """The period's form, read again (the job's progress)."""
        return True

    @in_user_lang
    def action_print_summary(self):
        return self.env.ref("appraisal_monthly.action_report_period_summary").report_action(self)

    # ------------------------------------------------------------------
    # Generating forms
    # ------------------------------------------------------------------
    def _check_generation_allowed(self):
        """The gate of generation: an HR officer (or the server's own job),
        a draft or open period, and its row lock, so that two generations of
        the same period wait for each other (the second finds the forms of
        the first and makes none)."""
        self._check_appraisal_officer()
        for period in self:
            if period.job_kind and period.job_kind not in ("generate", "notify"):
                period._check_no_job()
            if period.state not in workflow.PERIOD_ACCEPTS_FORMS:
                raise UserError(
                    self.env._(
                        "Forms can only be generated for a draft or open period "
                        "(%(period)s).",
                        period=period.name,
                    )
                )
        self._lock_rows()

    def _generate_forms(self, employees):
        """Batch-create forms for ``employees``; returns (forms, unmatched)."""
        self.ensure_one()
        self._check_generation_allowed()
        # The forms these employees already have (not every form of the
        # period: a batch of a generation reads its own people only).
        existing = {
            employee.id
            for [employee] in self.env["appraisal.form"].sudo().with_context(
                active_test=False
            )._read_group(
                [("period_id", "=", self.id), ("employee_id", "in", employees.ids)],
                ["employee_id"],
            )
        }
        employees = employees.filtered(lambda e: e.id not in existing)
        set_by_employee = self.env["appraisal.criteria.set"]._find_for_employees(
            employees
        )
        vals_list = []
        missing = self.env["hr.employee"]
        for employee in employees:
            criteria_set = set_by_employee.get(employee)
            if not criteria_set:
                missing |= employee
                continue
            vals_list.append(
                {
                    "employee_id": employee.id,
                    "period_id": self.id,
                    "criteria_set_id": criteria_set.id,
                }
            )
        forms = self.env["appraisal.form"].create(vals_list)
        return forms, missing

    @in_user_lang
    def action_open_generate_wizard(self):
        """The "Generate Forms" buttons: choose the scope, then see what was
        made and who has no criteria set."""
        self.ensure_one()
        if self.state not in ("draft", "open"):
            raise UserError(
                self.env._(
                    "Forms can only be generated for a draft or open period "
                    "(%(period)s).",
                    period=self.name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_period_generate_action"
        )
        action["context"] = {"default_period_id": self.id}
        return action

    def _generate_forms_logged(self, employees):
        """Create the missing forms of ``employees`` and note the result on
        the period's chatter.

        Returns (created forms, number of employees who already had a form,
        employees for whom no criteria set matches).
        """
        self.ensure_one()
        existing = self.env["appraisal.form"].search_count(
            [("period_id", "=", self.id), ("employee_id", "in", employees.ids)]
        )
        forms, missing = self._generate_forms(employees)
        body = self.env._(
            "%(created)s form(s) created, %(existing)s already existed.",
            created=len(forms),
            existing=existing,
        )
        if missing:
            body = " ".join([
                body,
                self.env._(
                    "No criteria set matches: %(names)s",
                    names=", ".join(missing.mapped("name")),
                ),
            ])
        self._message_log(body=body)
        return forms, existing, missing

    def _generate_forms_or_queue(self, employees):
        """Generate the missing forms of ``employees`` now, or, from the
        background threshold on, in the background (after the same gate,
        in this request).  Returns (created forms, number existing,
        unmatched employees, queued)."""
        self.ensure_one()
        existing_employees = self.env["appraisal.form"].sudo().with_context(
            active_test=False
        ).search([("period_id", "=", self.id)]).employee_id
        todo = employees - existing_employees
        if len(todo) < self._get_background_threshold():
            forms, existing, missing = self._generate_forms_logged(employees)
            return forms, existing, missing, False
        self._check_generation_allowed()
        self._queue_job(
            "generate", employees=todo, existing=len(employees) - len(todo)
        )
        return self.env["appraisal.form"], len(employees) - len(todo), employees.browse(), True

    @api.model
    def _cron_create_periods(self):
        """Daily: make sure each company with automatic periods has the
        period of today (its own date), opened and with its forms.

        On the first day of a month (or quarter) this creates the new period;
        a missed run is caught up on the next day.  A company that already
        has a period overlapping that month (or quarter) is left alone,
        whatever the period's state, so the action may run any number of
        times.
        """
        companies = self.env["res.company"].sudo().search(
            [("appraisal_auto_period", "=", True)]
        )
        periods = self.browse()
        for company in companies:
            try:
                with self.env.cr.savepoint():
                    periods |= self._auto_create_period(company)
            except Exception:  # pylint: disable=broad-except
                # One company's problem (e.g. a deadline rule) must not stop
                # the others; the error is in the server log.
                _logger.exception(
                    "Automatic appraisal period failed for company %s", company.name
                )
        return periods

    def _auto_create_period(self, company):
        lang = company.partner_id.lang or self.env.lang
        Period = self.sudo().with_company(company).with_context(lang=lang)
        today = company._get_appraisal_today()
        date_start = company._get_appraisal_period_start(today)
        period_type = company.appraisal_period_type or "month"
        months = 3 if period_type == "quarter" else 1
        date_end = date_start + relativedelta(months=months, days=-1)
        if Period.search_count([
            ("company_id", "=", company.id),
            ("date_start", "<=", date_end),
            ("date_end", ">=", date_start),
        ]):
            return self.browse()
        period = Period.create({
            "company_id": company.id,
            "period_type": period_type,
            "date_start": date_start,
        })
        period.action_open()
        employees = self.env["hr.employee"].sudo().search(
            [("company_id", "=", company.id)]
        )
        period._generate_forms_or_queue(employees)
        return period.with_env(self.env)

    # ------------------------------------------------------------------
    # Excellent quota
    # ------------------------------------------------------------------
    def _compute_quota(self, states=("approved",), extra_forms=None, good_states=None):
        """Check the Excellent quota of the period.

        Counts the forms of the period in ``states`` (read as superuser: the
        quota concerns the whole company, whatever the user may read), plus
        ``extra_forms`` (e.g. the forms being approved), with the company's
        percentage and grouping and the period's exceptions.  The Good
        ratings are counted in ``good_states`` when given (approval counts
        every Good with a level, as the quota check and the dashboard do, and
        only the Excellent already approved or being approved).

        :return: dict with percent, group_field, groups (list of
            quota.QuotaLine), company (quota.QuotaLine) and counts.
        """
        self.ensure_one()
        percent, group_field = self.company_id._get_appraisal_quota_settings()
        Form = self.env["appraisal.form"].sudo()
        good_states = tuple(good_states or states)
        domain = [
            ("period_id", "=", self.id),
            ("state", "in", list(set(states) | set(good_states))),
            ("rating", "in", ("excellent", "good")),
        ]
        if extra_forms:
            domain.append(("id", "not in", extra_forms.ids))
        groupby = [group_field, "rating", "state"] if group_field else ["rating", "state"]
        counts = {}
        for row in Form._read_group(domain, groupby, ["__count"]):
            key = (row[0].id or quota.NO_GROUP) if group_field else quota.NO_GROUP
            rating, state, count = row[-3], row[-2], row[-1]
            excellent, good = counts.get(key, (0, 0))
            if rating == "excellent" and state in states:
                excellent += count
            elif rating == "good" and state in good_states:
                good += count
            counts[key] = (excellent, good)
        for form in (extra_forms or Form).sudo():
            if form.rating not in ("excellent", "good"):
                continue
            key = (form[group_field].id or quota.NO_GROUP) if group_field else quota.NO_GROUP
            excellent, good = counts.get(key, (0, 0))
            if form.rating == "excellent":
                excellent += 1
            else:
                good += 1
            counts[key] = (excellent, good)
        exceptions = self.env["appraisal.quota.exception"]._get_extra_places(self, group_field)
        groups, company = quota.check(counts, percent, exceptions)
        return {
            "percent": percent,
            "group_field": group_field,
            "groups": groups,
            "company": company,
            "counts": counts,
        }

    def _quota_scope_label(self, group_field, key):
        """Readable name of a quota scope (a group or the company)."""
        if key == quota.COMPANY:
            return self.env._("Whole company")
        if key is quota.NO_GROUP:
            return self.env._("No group")
        comodel = self.env["appraisal.form"]._fields[group_field].comodel_name
        return self.env[comodel].sudo().browse(key).display_name

    def _quota_describe(self, result, lines):
        """One sentence per exceeded scope, with its counts."""
        texts = []
        for line in lines:
            values = {
                "scope": self._quota_scope_label(result["group_field"], line.key),
                "excellent": line.excellent,
                "good": line.good,
                "allowed": line.allowed,
                "extra": line.extra,
            }
            if line.extra:
                texts.append(self.env._(
                    "%(scope)s: %(excellent)s Excellent for %(good)s Good, "
                    "%(allowed)s allowed + %(extra)s by exception", **values
                ))
            else:
                texts.append(self.env._(
                    "%(scope)s: %(excellent)s Excellent for %(good)s Good, "
                    "%(allowed)s allowed", **values
                ))
        return "; ".join(texts)

    def _may_see_quota(self):
        """Quota figures (counts of every level, company-wide) are for HR
        and for the heads who approve forms of the period: before
        publication, nobody else reads others' levels."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or user.has_group("appraisal_monthly.group_appraisal_officer"):
            return True
        return bool(self.env["appraisal.form"].sudo().search_count([
            ("period_id", "=", self.id),
            ("approver_user_id", "=", user.id),
            ("state", "!=", "cancelled"),
        ], limit=1))

    def _check_quota_access(self):
        for period in self:
            if not period._may_see_quota():
                raise AccessError(
                    self.env._(
                        "The Excellent quota of %(period)s is for HR officers and the "
                        "heads who approve its forms.",
                        period=period.name,
                    )
                )

    @in_user_lang
    def action_check_quota(self):
        """Open the quota check: counts and Excellent candidates per group."""
        self.ensure_one()
        self._check_quota_access()
        check = self.env["appraisal.quota.check"].create({"period_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Excellent Quota of %(period)s", period=self.name),
            "res_model": "appraisal.quota.check",
            "res_id": check.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            # Nine counts side by side: their headers whole.
            "context": {"dialog_size": "extra-large"},
        }

    def _raise_quota_exceeded(self, message):
        """Refuse with ``message`` and a button opening the quota check.

        The refusal rolls the transaction back, so the check is opened by a
        server action, which builds it anew.
        """
        self.ensure_one()
        refusal = RedirectWarning(
            message,
            self.env.ref("appraisal_monthly.appraisal_period_action_check_quota").id,
            self.env._("Check Quota"),
            {"active_model": self._name, "active_id": self.id, "active_ids": self.ids},
        )
        # A user's mistake, not a server error: Odoo's HTTP layer logs an
        # exception with a ``loglevel`` at that level, without a traceback
        # (a RedirectWarning is no UserError, so it would log an ERROR).
        refusal.loglevel = logging.WARNING
        raise refusal

    @in_user_lang
    def action_view_quota_exceptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_quota_exception_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Navigation
    # ------------------------------------------------------------------
    @in_user_lang
    def action_view_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action

    @in_user_lang
    def action_view_late_forms(self):
        """The forms of the period late at one step (``late_step`` in the
        context: self, review or approval)."""
        self.ensure_one()
        step = self.env.context.get("late_step", "self")
        action = self.action_view_forms()
        action["domain"] = [("period_id", "=", self.id), ("late_step", "=", step)]
        labels = dict(
            self.env["appraisal.form"]._fields["late_step"]._description_selection(self.env)
        )
        action["name"] = self.env._(
            "%(period)s: %(step)s", period=self.name, step=labels.get(step, step)
        )
        action["context"] = {"create": False}
        return action

    @in_user_lang
    def action_open_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_meeting_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
