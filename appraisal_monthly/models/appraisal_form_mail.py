import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression

from .appraisal_form import (
    LATE_STEPS,
    STATE_BY_STEP,
    STEP_BY_STATE,
    TEMPLATE_OVERDUE,
    TEMPLATE_PERIOD_OPEN,
    TEMPLATE_SELF_REMINDER,
)

_logger = logging.getLogger(__name__)

class AppraisalForm(models.Model):
    """Who waits, who is late, and the e-mails that tell them: the "open"
    notice, reminders before the deadline, overdue reminders, and the
    e-mails of the workflow (sent by appraisal_form.py's actions)."""

    _name = "appraisal.form"  # an aspect file: the same model, extended
    _inherit = "appraisal.form"

    open_notice_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="The employee is yet to be told by e-mail that their "
        "self-assessment is open; the reminders' scheduled action sends it "
        "shortly.",
    )
    reminder_date = fields.Date(
        string="Last Reminder",
        readonly=True,
        copy=False,
        help="Day of the last reminder about this form; a form gets at most "
        "one reminder a day.",
    )
    late_step = fields.Selection(
        LATE_STEPS,
        string="Late",
        compute="_compute_late_step",
        search="_search_late_step",
        help="The step at which the form of an open period is past its "
        "deadline: self-assessment after the self-assessment deadline, review "
        "and approval after the review deadline.",
    )
    waiting_partner_id = fields.Many2one(
        "res.partner",
        string="Waiting For",
        compute="_compute_waiting_partner_id",
        help="Who must act at the form's current step: the employee, the "
        "direct superior or the head of unit.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "state",
        "period_id.state",
        "period_id.date_self_deadline",
        "period_id.date_review_deadline",
    )
    def _compute_late_step(self):
        today = fields.Date.context_today(self)
        for form in self:
            form.late_step = form._get_late_step(today)

    def _get_late_step(self, today):
        self.ensure_one()
        step = STEP_BY_STATE.get(self.state)
        if not step or self.period_id.state != "open":
            return "none"
        period = self.period_id
        deadline = (
            period.date_self_deadline if step == "self" else period.date_review_deadline
        )
        return step if deadline and today > deadline else "none"

    @api.model
    def _get_late_step_domain(self, step, today):
        deadline_field = (
            "period_id.date_self_deadline"
            if step == "self"
            else "period_id.date_review_deadline"
        )
        return [
            ("state", "=", STATE_BY_STEP[step]),
            ("period_id.state", "=", "open"),
            (deadline_field, "<", today),
        ]

    def _search_late_step(self, operator, value):
        if operator in ("=", "!="):
            values = {value}
        elif operator in ("in", "not in"):
            values = set(value)
        else:
            raise NotImplementedError(
                self.env._("Unsupported search on the late step: %(operator)s", operator=operator)
            )
        today = fields.Date.context_today(self)
        late = expression.OR(
            [self._get_late_step_domain(step, today) for step in STATE_BY_STEP]
        )
        domains = [
            self._get_late_step_domain(step, today)
            for step in STATE_BY_STEP
            if step in values
        ]
        if values & {"none", False}:
            domains.append(["!", *expression.normalize_domain(late)])
        domain = expression.OR(domains) if domains else expression.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            domain = ["!", *expression.normalize_domain(domain)]
        return domain

    @api.depends(
        "state",
        "employee_id.work_contact_id",
        "reviewer_user_id.partner_id",
        "approver_user_id.partner_id",
    )
    def _compute_waiting_partner_id(self):
        for form in self:
            if form.state == "draft":
                employee = form.employee_id.sudo()
                partner = employee.work_contact_id or employee.user_id.partner_id
            elif form.state == "submitted":
                partner = form.reviewer_user_id.sudo().partner_id
            elif form.state == "reviewed":
                partner = form.approver_user_id.sudo().partner_id
            else:
                partner = False
            form.waiting_partner_id = partner and partner.id

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------
    def _queue_open_notices(self):
        """Have the employees of these forms told that their self-assessment
        is open.

        The e-mails are rendered by the reminders' scheduled action, started
        at once, so that generating a thousand forms does not wait for a
        thousand e-mails.
        """
        forms = self.filtered(lambda f: f.state == "draft" and f.period_id.state == "open")
        if not forms:
            return
        forms.sudo().write({"open_notice_pending": True})
        cron = self.env.ref(
            "appraisal_monthly.ir_cron_appraisal_reminders", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()

    def _send_appraisal_mail(self, template_xmlid):
        """E-mail whoever each form waits for (see ``waiting_partner_id``),
        rendered in their language, in one batch.

        Nobody to write to, or no e-mail address: a note on the form's
        chatter instead.  A reminder never stops the workflow.  Returns the
        forms whose person was e-mailed.
        """
        if not self:
            return self
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return self.browse()
        forms = self.sudo()
        reachable = forms.filtered(lambda f: f.waiting_partner_id.email)
        unreachable = forms - reachable
        if reachable:
            template.sudo().send_mail_batch(
                reachable.ids, email_layout_xmlid="mail.mail_notification_light"
            )
        if unreachable:
            bodies = {}
            for form in unreachable:
                if form.waiting_partner_id:
                    bodies[form.id] = self.env._(
                        "Not e-mailed (%(template)s): %(name)s has no e-mail address.",
                        template=template.name,
                        name=form.waiting_partner_id.name,
                    )
                else:
                    bodies[form.id] = self.env._(
                        "Not e-mailed (%(template)s): nobody is set for this step.",
                        template=template.name,
                    )
            unreachable._message_log_batch(bodies=bodies)
        return reachable.with_env(self.env)

    @api.model
    def _cron_send_reminders(self):
        """Daily, and at once when forms are made or a period opens: tell the
        people whose step is open, due or overdue.

        - employees whose self-assessment has just opened (see
          ``_queue_open_notices``);
        - before the self-assessment deadline (the company's number of days),
          once, employees whose form is still in self-assessment;
        - after it, every day, those employees;
        - after the review deadline, every day, the superior of a submitted
          form and the head of a reviewed one.

        ``reminder_date`` keeps a form to one reminder a day, however often
        the action runs.
        """
        open_periods = self.env["appraisal.period"].sudo().search([("state", "=", "open")])
        for company in open_periods.company_id:
            try:
                with self.env.cr.savepoint():
                    self._send_company_reminders(company)
            except Exception:  # pylint: disable=broad-except
                # One company's problem must not keep the others' reminders.
                _logger.exception("Appraisal reminders failed for company %s", company.name)

    def _send_company_reminders(self, company):
        Form = self.sudo()
        today = company._get_appraisal_today()
        lang = company.partner_id.lang or self.env.lang
        told = Form.with_context(lang=lang)._send_open_notices(company)
        if told:
            # The notice gives the deadline: it counts as today's reminder.
            told.write({"reminder_date": today})
        forms = Form.search([
            ("company_id", "=", company.id),
            ("period_id.state", "=", "open"),
            ("state", "in", list(STEP_BY_STATE)),
            "|", ("reminder_date", "=", False), ("reminder_date", "<", today),
        ])
        if not forms:
            return
        forms = forms.with_context(lang=lang)
        batches = forms._group_for_reminders(today, company.appraisal_reminder_days)
        reminded = Form.browse()
        for template_xmlid, batch in batches.items():
            batch._send_appraisal_mail(template_xmlid)
            reminded |= batch
        if reminded:
            reminded.write({"reminder_date": today})

    @api.model
    def _send_open_notices(self, company):
        """Send the queued "your self-assessment is open" e-mails of the
        company; returns the forms whose employee was told."""
        told = self.search([
            ("company_id", "=", company.id),
            ("open_notice_pending", "=", True),
            ("state", "=", "draft"),
            ("period_id.state", "=", "open"),
        ])
        if told:
            told.write({"open_notice_pending": False})
            told._send_appraisal_mail(TEMPLATE_PERIOD_OPEN)
        return told

    def _group_for_reminders(self, today, days_before):
        """{template xml id: forms to remind today}."""
        batches = {}
        for form in self:
            period = form.period_id
            step = form._get_late_step(today)
            if step != "none":
                template_xmlid = TEMPLATE_OVERDUE[step]
            elif (
                form.state == "draft"
                and days_before > 0
                and period.date_self_deadline
                and period.date_self_deadline - relativedelta(days=days_before)
                <= today
                <= period.date_self_deadline
                and not (
                    form.reminder_date
                    and form.reminder_date
                    >= period.date_self_deadline - relativedelta(days=days_before)
                )
            ):
                template_xmlid = TEMPLATE_SELF_REMINDER
            else:
                continue
            batches.setdefault(template_xmlid, self.browse())
            batches[template_xmlid] |= form
        return batches
