import logging
import time

from psycopg2 import OperationalError

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL

from .. import compat
from ..workflow_write import workflow_writing

_logger = logging.getLogger(__name__)

JOB_KINDS = [
    ("generate", "Generating forms"),
    ("notify", "Telling employees their self-assessment is open"),
    ("publish", "Publishing results"),
    ("annual", "Recomputing annual results"),
]
CRON_XMLID = "appraisal_monthly.ir_cron_appraisal_jobs"
# System parameters (Settings › Technical › System Parameters).
THRESHOLD_PARAM = "appraisal_monthly.background_threshold"
BATCH_PARAM = "appraisal_monthly.background_batch_size"
DEFAULT_THRESHOLD = 500
DEFAULT_BATCH = 500
# One run of the scheduled action (Odoo calls it up to ten times in a row)
# stops taking batches after this much real and CPU time, well within the
# cron worker's limits (limit_time_real_cron, limit_time_cpu: 120 s and 60 s
# by default), and has itself started again at once.
RUN_BUDGET_REAL = 60.0
RUN_BUDGET_CPU = 30.0
RUN_MARK = "appraisal_monthly.job_run_started"


class AppraisalPeriod(models.Model):
    """Large work of a period in the background: generating the forms of a
    whole province, telling everyone their self-assessment is open,
    publishing its results (a notice to everyone), recomputing the year's
    results.

    The request checks, as the requesting HR officer, what the step
    requires (the same gate as the immediate path), then queues the work on
    the period (what remains to do, who asked) and starts Odoo's scheduler
    at once.  The scheduled action takes one batch at a time, as the
    requester, through the same code as the immediate path (so the same
    gates and locks apply), and removes what it did from what remains in
    the same transaction: Odoo commits after each batch and reports the
    progress; after a crash the job resumes where the last commit left
    it, without doing anything twice.  The requester is notified at the
    end.  A period has at most one job at a time.
    """

    _name = "appraisal.period"  # an aspect file: the same model, extended
    _inherit = "appraisal.period"

    job_kind = fields.Selection(
        JOB_KINDS, string="Background Job", readonly=True, copy=False,
        help="Work of this period running in the background.",
    )
    job_user_id = fields.Many2one(
        "res.users", string="Job Requested By", readonly=True, copy=False
    )
    job_date = fields.Datetime(string="Job Requested On", readonly=True, copy=False)
    job_done = fields.Integer(string="Done", readonly=True, copy=False)
    job_total = fields.Integer(string="To Do", readonly=True, copy=False)
    job_progress = fields.Float(compute="_compute_job_progress", string="Progress")
    job_employee_ids = fields.Many2many(
        "hr.employee",
        "appraisal_period_job_employee_rel",
        "period_id",
        "employee_id",
        string="Employees Left",
        readonly=True,
        copy=False,
    )
    job_form_ids = fields.Many2many(
        "appraisal.form",
        "appraisal_period_job_form_rel",
        "period_id",
        "form_id",
        string="Employees Left to Notify",
        readonly=True,
        copy=False,
    )
    job_unmatched_ids = fields.Many2many(
        "hr.employee",
        "appraisal_period_job_unmatched_rel",
        "period_id",
        "employee_id",
        string="No Matching Criteria Set (Job)",
        readonly=True,
        copy=False,
    )
    job_created_count = fields.Integer(readonly=True, copy=False)
    job_existing_count = fields.Integer(readonly=True, copy=False)

    @api.depends("job_done", "job_total")
    def _compute_job_progress(self):
        for period in self:
            period.job_progress = (
                100.0 * period.job_done / period.job_total if period.job_total else 0.0
            )

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _get_background_threshold(self):
        """From this many people, generation, publication and the annual
        recompute run in the background."""
        value = self.env["ir.config_parameter"].sudo().get_param(THRESHOLD_PARAM)
        try:
            return int(value) if value else DEFAULT_THRESHOLD
        except ValueError:
            return DEFAULT_THRESHOLD

    @api.model
    def _get_background_batch_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(BATCH_PARAM)
        try:
            return max(1, int(value)) if value else DEFAULT_BATCH
        except ValueError:
            return DEFAULT_BATCH

    # ------------------------------------------------------------------
    # Queueing (in the request, after the step's own checks)
    # ------------------------------------------------------------------
    def _check_no_job(self):
        """One job at a time on a period, and no step of the period while
        one runs (a publication while forms are still being made...)."""
        labels = dict(self._fields["job_kind"]._description_selection(self.env))
        for period in self:
            if period.job_kind:
                raise UserError(
                    self.env._(
                        "%(period)s: %(job)s in the background (%(done)s / %(total)s). "
                        "Wait until it is done.",
                        period=period.name,
                        job=labels.get(period.job_kind, period.job_kind),
                        done=period.job_done,
                        total=period.job_total,
                    )
                )

    def _queue_job(self, kind, employees=None, forms=None, existing=0, user=None):
        """Queue ``kind`` on this period, for ``employees`` (generation,
        annual results) or ``forms`` (open notices, publication), on behalf
        of ``user`` (the current user by default).  The caller has run the
        step's checks and locked the period's row."""
        self.ensure_one()
        self._lock_rows()
        self._check_no_job()
        user = user or self.env.user
        todo = employees if employees is not None else forms
        vals = {
            "job_kind": kind,
            "job_user_id": user.id,
            "job_date": fields.Datetime.now(),
            "job_done": 0,
            "job_total": len(todo),
            "job_created_count": 0,
            "job_existing_count": existing,
            "job_unmatched_ids": [Command.clear()],
            "job_employee_ids": [Command.set(employees.ids if employees is not None else [])],
            "job_form_ids": [Command.set(forms.ids if forms is not None else [])],
        }
        with workflow_writing(self) as period:
            period.write(vals)
        labels = dict(self._fields["job_kind"]._description_selection(self.env))
        self._message_log(
            body=self.env._(
                "%(job)s in the background: %(total)s to do. %(user)s will be notified "
                "when it is done.",
                job=labels[kind],
                total=len(todo),
                user=user.name,
            )
        )
        cron = self.env.ref(CRON_XMLID, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()
        return True

    # ------------------------------------------------------------------
    # The scheduled action: one batch a call
    # ------------------------------------------------------------------
    @api.model
    def _cron_run_jobs(self, batch_size=None):
        """Run one batch of the oldest job; Odoo's scheduler commits after
        each call and calls again while ``_notify_progress`` reports work
        left (then reschedules itself at once)."""
        Period = self.sudo()
        period = Period.search([("job_kind", "!=", False)], order="job_date, id", limit=1)
        if not period:
            return
        if self.env.context.get("ir_cron_progress_id"):
            # The scheduler's calls share their cursor: the run's start.
            started = self.env.cr.cache.setdefault(
                RUN_MARK, (time.monotonic(), time.process_time()))
            if (time.monotonic() - started[0] > RUN_BUDGET_REAL
                    or time.process_time() - started[1] > RUN_BUDGET_CPU):
                # Reporting nothing done ends this run; the trigger starts
                # the next one at once.
                self.env.ref(CRON_XMLID).sudo()._trigger()
                compat.cron_notify_progress(self.env, 0, period._job_remaining())
                return
        batch_size = batch_size or self._get_background_batch_size()
        done = period._run_job_batch(batch_size)
        compat.cron_notify_progress(self.env, max(done, 1), self._job_remaining())
        return done

    @api.model
    def _job_remaining(self):
        """What is left to do in every job (for the scheduler's progress)."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "SELECT (SELECT count(*) FROM appraisal_period_job_employee_rel)"
            " + (SELECT count(*) FROM appraisal_period_job_form_rel)"
            " + (SELECT count(*) FROM appraisal_period WHERE job_kind IS NOT NULL)"
        ))
        return self.env.cr.fetchone()[0]

    def _job_env_period(self):
        """The period in the requester's environment: the batch runs with
        their rights, company and language, as their request would.  Only
        the jobs the server queued itself (requested by OdooBot, e.g. the
        automatic periods) run as superuser; a requester who was archived,
        is no longer an HR officer or no longer belongs to the period's
        company stops the job (``_check_job_requester``)."""
        self.ensure_one()
        user = self.sudo().job_user_id
        if user.id == SUPERUSER_ID:
            return self.sudo()
        self._check_job_requester()
        return self.with_user(user).with_context(
            allowed_company_ids=(self.company_id | user.company_ids).ids,
            lang=user.lang or self.env.lang,
        ).with_company(self.company_id)

    def _check_job_requester(self):
        """The requester may still do what they asked."""
        self.ensure_one()
        user = self.sudo().job_user_id.with_context(active_test=False)
        # Said on the period in the requester's language.
        env = self.with_context(lang=user.lang or self.env.lang).env
        if not user:
            raise UserError(env._(
                "Nobody is recorded as having requested this job: it stops. An HR "
                "officer may start it again."))
        if (
            not user.active
            or not user.has_group("appraisal_monthly.group_appraisal_officer")
            or self.company_id not in user.company_ids
        ):
            raise UserError(env._(
                "%(user)s, who requested this job, is archived, no longer an HR officer "
                "or no longer in %(company)s: the job stops. An HR officer may start it "
                "again.",
                user=user.name,
                company=self.company_id.name,
            ))

    def _run_job_batch(self, batch_size):
        """One batch of this period's job; returns how many were done.  A
        refused batch (the requester lost their rights, the period moved
        on) ends the job and tells the requester.  The job ends in a call
        of its own, once nothing is left: the last batch costs what the
        others cost, and the end (the requester's notice, the next job)
        is one more small transaction."""
        self.ensure_one()
        if not (self.job_employee_ids or self.job_form_ids):
            self._finish_job()
            return 0
        try:
            with self.env.cr.savepoint():
                period = self._job_env_period()
                if self.job_kind == "generate":
                    done = period._job_generate_batch(batch_size)
                elif self.job_kind == "notify":
                    done = period._job_notify_batch(batch_size)
                elif self.job_kind == "publish":
                    done = period._job_publish_batch(batch_size)
                else:
                    done = period._job_annual_batch(batch_size)
        except OperationalError as error:
            # A concurrent step on the period (its row is locked and touched
            # by both): the batch is undone; the next run takes it again.
            _logger.info("Appraisal job of period %s: batch postponed (%s)", self.id, error)
            self.env.ref(CRON_XMLID).sudo()._trigger()
            return 0
        except UserError as error:  # access errors and validation errors included
            _logger.warning("Appraisal job %s of period %s stopped: %s",
                            self.job_kind, self.id, error)
            self._finish_job(error=str(error))
            return 0
        with workflow_writing(self) as writable:
            writable.write({"job_done": self.job_done + done})
        return done

    def _job_generate_batch(self, batch_size):
        employees = self.sudo().job_employee_ids[:batch_size]
        forms, missing = self._generate_forms(employees.with_env(self.env))
        with workflow_writing(self.sudo()) as period:
            period.write({
                "job_employee_ids": [Command.unlink(employee.id) for employee in employees],
                "job_unmatched_ids": [Command.link(employee.id) for employee in missing],
                "job_created_count": period.job_created_count + len(forms),
            })
        return len(employees)

    def _job_notify_batch(self, batch_size):
        """One batch of "your self-assessment is open" notices.  The forms
        are taken off the job and their mark cleared in the transaction
        that sends them: after a crash, the job resumes with the next
        batch, and nobody is told twice."""
        forms = self.sudo().job_form_ids[:batch_size]
        # A period opened with its forms already made: their to-dos come
        # with the notices (forms made in an open period have theirs).
        forms.with_env(self.env)._schedule_self_assessments()
        forms.with_env(self.env)._send_open_notices_now()
        with workflow_writing(self.sudo()) as period:
            period.write({"job_form_ids": [Command.unlink(form.id) for form in forms]})
        return len(forms)

    def _add_to_notify_job(self, forms):
        """Forms made while the period's notices are being sent: the job
        tells their employees too."""
        self.ensure_one()
        with workflow_writing(self.sudo()) as period:
            period.write({
                "job_form_ids": [Command.link(form.id) for form in forms],
                "job_total": period.job_total + len(forms),
            })

    def _queue_open_notices_job(self, requester):
        """After a generation in the background: the notices of the forms
        it made, sent by the next job of the period, for the same
        requester."""
        self.ensure_one()
        pending = self.env["appraisal.form"].sudo().search([
            ("period_id", "=", self.id),
            ("open_notice_pending", "=", True),
            ("state", "=", "draft"),
        ])
        if pending and self.state == "open":
            self.sudo()._queue_job("notify", forms=pending, user=requester)

    def _job_publish_batch(self, batch_size):
        forms = self.sudo().job_form_ids[:batch_size]
        if self.state != "published":
            raise UserError(
                self.env._("%(period)s is no longer published: its notices are not sent.",
                           period=self.name)
            )
        forms.with_env(self.env)._notify_published_result()
        with workflow_writing(self.sudo()) as period:
            period.write({"job_form_ids": [Command.unlink(form.id) for form in forms]})
        return len(forms)

    def _job_annual_batch(self, batch_size):
        employees = self.sudo().job_employee_ids[:batch_size]
        self._check_appraisal_officer()
        self.env["appraisal.summary"]._refresh(
            {(employee.id, self.date_start.year) for employee in employees}
        )
        with workflow_writing(self.sudo()) as period:
            period.write({
                "job_employee_ids": [Command.unlink(employee.id) for employee in employees],
            })
        return len(employees)

    def _finish_job(self, error=None):
        """End the job: a note in the period's chatter, addressed to the
        requester (Inbox or e-mail, as they chose)."""
        self.ensure_one()
        period = self.sudo()
        kind, requester = period.job_kind, period.job_user_id
        lang = requester.lang or self.env.lang
        period_lang = period.with_context(lang=lang)
        if error:
            body = period_lang.env._(
                "The background job stopped after %(done)s of %(total)s: %(error)s",
                done=period.job_done, total=period.job_total, error=error,
            )
        elif kind == "generate":
            body = period_lang.env._(
                "%(created)s form(s) created, %(existing)s already existed.",
                created=period.job_created_count,
                existing=period.job_existing_count,
            )
            if period.job_unmatched_ids:
                body = " ".join([
                    body,
                    period_lang.env._(
                        "No criteria set matches: %(names)s",
                        names=", ".join(period.job_unmatched_ids.mapped("name")),
                    ),
                ])
        elif kind == "notify":
            body = period_lang.env._(
                "Self-assessment open: %(count)s employee(s) notified.", count=period.job_total
            )
        elif kind == "publish":
            body = period_lang.env._(
                "Results published: %(count)s employee(s) notified.", count=period.job_total
            )
        else:
            body = period_lang.env._(
                "Annual results recomputed: %(count)s employee(s).", count=period.job_total
            )
        with workflow_writing(period) as writable:
            writable.write({
                "job_kind": False,
                "job_employee_ids": [Command.clear()],
                "job_form_ids": [Command.clear()],
            })
        partner = requester.partner_id
        if partner and requester.id != SUPERUSER_ID:
            period.with_user(SUPERUSER_ID).message_post(
                body=body, partner_ids=partner.ids, subtype_xmlid="mail.mt_comment",
            )
        else:
            period._message_log(body=body)
        if kind == "generate" and not error:
            period._queue_open_notices_job(requester)
