import logging
from contextlib import contextmanager

from dateutil.relativedelta import relativedelta

from markupsafe import Markup, escape

from odoo import api, fields, models, tools
from odoo.exceptions import MissingError
from odoo.fields import Command
from odoo.tools.mail import generate_tracking_message_id

from .. import compat
from .appraisal_form import (
    LATE_STEPS,
    STATE_BY_STEP,
    STEP_BY_STATE,
    TEMPLATE_OVERDUE,
    TEMPLATE_SELF_REMINDER,
    TEMPLATE_SUBMITTED,
)

_logger = logging.getLogger(__name__)

# (form id, partner id) pairs made followers by _subscribe_batch during the
# block that creates their to-dos: a mark on the cursor, which no client
# can send (see workflow_write.py).
FOLLOWED_MARK = "appraisal_monthly.followed"

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
        late = compat.domain_or(
            [self._get_late_step_domain(step, today) for step in STATE_BY_STEP]
        )
        domains = [
            self._get_late_step_domain(step, today)
            for step in STATE_BY_STEP
            if step in values
        ]
        if values & {"none", False}:
            domains.append(compat.domain_not(late))
        domain = compat.domain_or(domains) if domains else compat.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            domain = compat.domain_not(domain)
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
    def _subscribe_batch(self, partners_by_form):
        """Make partners followers of forms, ``{form id: partner ids}``, in a
        few queries whatever the number of forms: one read of the existing
        followers, one create of the missing ones (with the default
        subtypes, as ``message_subscribe`` gives).  Returns the (form id,
        partner id) pairs that follow their form.

        No access check: called by the addon's own follow-ups, after the
        gate of the step (the to-dos' assignees follow their forms)."""
        pairs = {
            (form_id, partner_id)
            for form_id, partner_ids in partners_by_form.items()
            for partner_id in partner_ids
            if form_id and partner_id
        }
        if not pairs:
            return set()
        Partner = self.env["res.partner"].sudo()
        partner_ids = list({partner_id for _form_id, partner_id in pairs})
        partners = Partner.search_fetch(
            [("id", "in", partner_ids), ("active", "=", True)], ["partner_share"]
        )
        active = set(partners.ids)
        shared = set(partners.filtered("partner_share").ids)
        pairs = {pair for pair in pairs if pair[1] in active}
        if not pairs:
            return set()
        Followers = self.env["mail.followers"].sudo()
        existing = {
            (res_id, partner_id)
            for _fid, res_id, partner_id, _subtypes in Followers._get_subscription_data(
                [(self._name, list({form_id for form_id, _p in pairs}))], list(active)
            )
        }
        new = sorted(pairs - existing)
        if new:
            default, _internal, external = self.env[
                "mail.message.subtype"
            ].default_subtypes(self._name)
            Followers.with_context(default_partner_id=False).create([
                {
                    "res_model": self._name,
                    "res_id": form_id,
                    "partner_id": partner_id,
                    "subtype_ids": [
                        Command.set((external if partner_id in shared else default).ids)
                    ],
                }
                for form_id, partner_id in new
            ])
        return pairs

    @contextmanager
    def _followers_known(self, pairs):
        """Within the block, ``message_subscribe`` of these (form id,
        partner id) pairs (as ``mail.activity`` does for each assignee) is
        known to be done already and costs nothing."""
        marks = self.env.cr.cache.setdefault(FOLLOWED_MARK, set())
        added = set(pairs) - marks
        marks.update(added)
        try:
            yield
        finally:
            marks.difference_update(added)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        marks = self.env.cr.cache.get(FOLLOWED_MARK)
        if marks and partner_ids and not subtype_ids and all(
            (form_id, partner_id) in marks for form_id in self.ids for partner_id in partner_ids
        ):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _message_track(self, fields_iter, initial_values_dict):
        """Odoo's tracking, with the notes of many forms logged at once.

        Odoo logs the tracking of each record on its own (a message and its
        values, a few queries a form): a step applied to ten thousand
        forms, or their scores written in batch, would log ten thousand
        times.  The same tracking values and notes (status, scores, level,
        superiors: the chatter keeps every change, the superior's scores
        after their first entry included) are created here in one create
        of messages; a change with a subtype is posted as Odoo does.
        """
        if not fields_iter:
            return {}
        tracked_fields = self.fields_get(
            fields_iter, attributes=("string", "type", "selection", "currency_field")
        )
        tracking = {}
        for record in self:
            try:
                tracking[record.id] = record._mail_track(
                    tracked_fields, initial_values_dict[record.id]
                )
            except MissingError:
                continue
        precommit = self.env.cr.precommit.data
        bodies = precommit.pop(f"mail.tracking.message.{self._name}", {})
        authors = precommit.pop(f"mail.tracking.author.{self._name}", {})
        logs = {}  # author id -> list of message values
        for record in self:
            changes, tracking_value_ids = tracking.get(record.id, (None, None))
            if not changes:
                continue
            subtype = record._track_subtype(
                {fname: initial_values_dict[record.id][fname] for fname in changes}
            )
            author_id = authors[record.id].id if record.id in authors else None
            body = (
                bodies[record.id]
                if record.id in bodies
                else record._track_get_default_log_message(changes)
            )
            if subtype:
                if subtype.exists():
                    record.message_post(
                        body=body,
                        author_id=author_id,
                        subtype_id=subtype.id,
                        tracking_value_ids=tracking_value_ids,
                    )
            elif tracking_value_ids:
                logs.setdefault(author_id, []).append(
                    {"res_id": record.id, "body": escape(body or ""),
                     "tracking_value_ids": tracking_value_ids}
                )
        for author_id, values_list in logs.items():
            self._message_log_values(values_list, author_id=author_id)
        return tracking

    def _message_log_values(self, values_list, author_id=None, subtype_xmlid="mail.mt_note",
                            message_type="notification", internal=True):
        """Log notes on many forms in one create of messages, as
        ``_message_log_batch`` does, each with its own values (body,
        tracking values, partners)."""
        if not values_list:
            return self.env["mail.message"]
        author_id, email_from = compat.message_compute_author(self, author_id, None)
        base = {
            "author_id": author_id,
            "email_from": email_from,
            "model": self._name,
            "record_alias_domain_id": False,
            "record_company_id": False,
            "record_name": False,
            "message_type": message_type,
            "is_internal": internal,
            "subject": False,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(subtype_xmlid),
            "email_add_signature": False,
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(default=email_from)[False],
        }
        # Odoo creates the tracking values of each message on its own: they
        # are created here for all the messages at once.
        trackings = [values.get("tracking_value_ids") or [] for values in values_list]
        messages = self.sudo()._message_create([
            compat.message_create_values(dict(
                base,
                message_id=generate_tracking_message_id("message-notify"),
                **{key: value for key, value in values.items() if key != "tracking_value_ids"},
            ))
            for values in values_list
        ])
        tracking_vals = [
            dict(command[2], mail_message_id=message.id)
            for message, commands in zip(messages, trackings)
            for command in commands
        ]
        if tracking_vals:
            self.env["mail.tracking.value"].sudo().create(tracking_vals)
        return messages

    def _post_notices(self, bodies, subjects=None):
        """Tell the employees of many forms, ``{form id: body}``, in a few
        queries whatever their number.

        As ``message_post(partner_ids=employee)`` did form by form: a
        message in each form's chatter addressed to its employee, in their
        Inbox or by e-mail as they chose (the e-mails are queued, sent by
        Odoo's mail queue, started at once).  The notice goes to the person
        it is about, not to every follower of the form.  Without a
        reachable employee, or when the acting user has no e-mail address
        to send from, the text is only logged on the form: the workflow
        never stops on mail settings.  ``subjects``, ``{form id: subject}``,
        gives an e-mail its own subject (the form's name otherwise).
        """
        subjects = subjects or {}
        if not bodies:
            return
        forms = self.browse(list(bodies)).sudo()
        author = self.env.user.partner_id
        sender_has_email = bool(self.env.user.email)
        partner_of = {}
        for form in forms:
            partner = form.employee_id.work_contact_id
            if (sender_has_email and partner and partner != author
                    and (partner.email or partner.user_ids)):
                partner_of[form.id] = partner
        logged = {form_id: body for form_id, body in bodies.items() if form_id not in partner_of}
        if logged:
            self.browse(list(logged))._message_log_batch(bodies=logged)
        if not partner_of:
            return
        posted = forms.filtered(lambda f: f.id in partner_of)
        messages = posted._message_log_values(
            [
                {
                    "res_id": form.id,
                    "body": escape(bodies[form.id]),
                    "partner_ids": partner_of[form.id].ids,
                    "record_name": form.display_name,
                    "subject": subjects.get(form.id) or form.display_name,
                }
                for form in posted
            ],
            author_id=author.id,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            internal=False,
        )
        notifications = []
        mail_values = []
        mail_forms = []
        for form, message in zip(posted, messages):
            partner = partner_of[form.id]
            user = partner.user_ids[:1]
            if user and not user.share and user.notification_type == "inbox":
                notifications.append({
                    "author_id": author.id,
                    "mail_message_id": message.id,
                    "notification_status": "sent",
                    "notification_type": "inbox",
                    "res_partner_id": partner.id,
                })
            elif partner.email:
                mail_forms.append((form, message, partner))
        if mail_forms:
            Render = self.env["mail.render.mixin"]
            for form, message, partner in mail_forms:
                lang = partner.lang or form.company_id.partner_id.lang or self.env.lang
                mail_values.append({
                    "mail_message_id": message.id,
                    "body_html": Render.with_context(lang=lang)._render_encapsulate(
                        "mail.mail_notification_light",
                        message.body,
                        add_context={"message": message, "lang": lang},
                        context_record=form,
                    ),
                    "references": message.message_id,
                    "recipient_ids": [Command.link(partner.id)],
                    "auto_delete": True,
                    "is_notification": True,
                })
            mails = self.env["mail.mail"].sudo().create(mail_values)
            notifications += [
                {
                    "author_id": author.id,
                    "is_read": True,
                    "mail_mail_id": mail.id,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": partner.id,
                }
                for mail, (_form, message, partner) in zip(mails, mail_forms)
            ]
            cron = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()
        if notifications:
            self.env["mail.notification"].sudo().create(notifications)

    def _create_activities(self, vals_list):
        """Create to-dos on forms in one ``mail.activity`` create, their
        assignees made followers in one go beforehand (Odoo would subscribe
        them one by one).  No "assigned to you" e-mail, as for every to-do
        of the workflow (``mail_activity_quick_update``)."""
        vals_list = [vals for vals in vals_list if vals.get("res_id")]
        if not vals_list:
            return self.env["mail.activity"]
        users = self.env["res.users"].sudo().browse({vals["user_id"] for vals in vals_list})
        partner_of = {user.id: user.partner_id.id for user in users}
        partners_by_form = {}
        for vals in vals_list:
            partners_by_form.setdefault(vals["res_id"], set()).add(partner_of.get(vals["user_id"]))
        followed = self._subscribe_batch(partners_by_form)
        # The activity's record name is read from the forms' cache.
        self.browse(list(partners_by_form)).sudo().fetch(["name"])
        with self._followers_known(followed):
            return self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(vals_list)

    def _queue_open_notices(self):
        """Have the employees of these forms told that their self-assessment
        is open.

        The forms are marked; the notices are sent after the request, so
        that generating a thousand forms does not wait for a thousand
        e-mails: by the period's background job, batch by batch, from the
        background threshold on (or when the period's generation runs in
        the background: the job queues them when it ends); otherwise by the
        reminders' scheduled action, started at once.
        """
        forms = self.filtered(lambda f: f.state == "draft" and f.period_id.state == "open")
        if not forms:
            return
        forms.sudo().write({"open_notice_pending": True})
        threshold = self.env["appraisal.period"]._get_background_threshold()
        small = False
        for period in forms.period_id:
            period_forms = forms.filtered(lambda f, p=period: f.period_id == p)
            if period.job_kind == "generate":
                continue  # the job queues the notices when the forms are made
            if period.job_kind == "notify":
                period._add_to_notify_job(period_forms)
            elif len(period_forms) >= threshold:
                period._queue_job("notify", forms=period_forms)
            else:
                small = True
        if small:
            cron = self.env.ref(
                "appraisal_monthly.ir_cron_appraisal_reminders", raise_if_not_found=False
            )
            if cron:
                cron.sudo()._trigger()

    def _send_open_notices_now(self):
        """Tell the employees of these forms that their self-assessment is
        open, the forms still waiting for it: one message on each form
        addressed to its employee, in their language, e-mailed through the
        light layout, as the published results are (see ``_post_notices``):
        no template rendered form by form.  The forms' mark is cleared in
        the same transaction: a batch committed is never sent again.
        Returns the forms whose employee was told."""
        forms = self.sudo().search([
            ("id", "in", self.ids),
            ("open_notice_pending", "=", True),
            ("state", "=", "draft"),
            ("period_id.state", "=", "open"),
        ])
        if not forms:
            return forms.with_env(self.env)
        forms.write({"open_notice_pending": False})
        base_url = forms[:1].get_base_url()
        bodies, subjects = {}, {}
        for form_lang in forms._with_employee_lang():
            env = form_lang.env
            label = env._("Open my appraisal form")
            for form in form_lang:
                period = form.period_id
                name = form.employee_id.work_contact_id.name or form.employee_id.name or ""
                subjects[form.id] = env._(
                    "Appraisal %(period)s: your self-assessment is open", period=period.name)
                bodies[form.id] = Markup(
                    '<p>%s</p><p>%s</p><p><a href="%s/mail/view?model=appraisal.form&amp;'
                    'res_id=%s">%s</a></p>'
                ) % (
                    env._("Dear %(name)s,", name=name),
                    env._(
                        "The appraisal period %(period)s is open. Please score each "
                        "criterion of your form, attach your evidence and submit your "
                        "self-assessment by %(deadline)s.",
                        period=period.name,
                        deadline=tools.format_date(env, period.date_self_deadline) or "",
                    ),
                    base_url, form.id, label,
                )
        forms.with_env(self.env)._post_notices(bodies, subjects=subjects)
        return forms.with_env(self.env)

    def _send_appraisal_mail(self, template_xmlid, digest=False):
        """E-mail whoever each form waits for (see ``waiting_partner_id``),
        rendered in their language, in one batch.  With ``digest``, a
        person waited for by several of these forms gets one e-mail listing
        them (see ``_send_digests``) rather than one per form.

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
        singles = reachable
        if digest:
            # A superior given many forms at once (HR submitting a unit, a
            # head reviewing theirs) gets one e-mail listing them.
            by_partner = {}
            for form in reachable:
                by_partner.setdefault(
                    (form.waiting_partner_id, form.period_id), forms.browse()
                )
                by_partner[form.waiting_partner_id, form.period_id] |= form
            many = {key: group for key, group in by_partner.items() if len(group) > 1}
            for group in many.values():
                singles -= group
            self._send_digests(template_xmlid, many)
        if singles:
            template.sudo().send_mail_batch(
                singles.ids, email_layout_xmlid="mail.mail_notification_light"
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

    def _send_digests(self, template_xmlid, groups):
        """One e-mail per person listing their forms, ``{(partner, period):
        forms}``, in the person's language: the step's e-mail (submitted:
        to review; reviewed: to approve) for many forms at once, each
        employee's name linking to their form."""
        if not groups:
            return
        Render = self.env["mail.render.mixin"]
        mail_values = []
        for (partner, period), forms in groups.items():
            lang = partner.lang or period.company_id.partner_id.lang or self.env.lang
            env = self.with_context(lang=lang).env
            deadline = tools.format_date(env, period.date_review_deadline) or ""
            if template_xmlid == TEMPLATE_SUBMITTED:
                subject = env._("%(count)s self-assessments for %(period)s await your review",
                                count=len(forms), period=period.name)
                intro = env._(
                    "%(count)s employees submitted their self-assessment for %(period)s. "
                    "Please score each criterion and review their forms by %(deadline)s:",
                    count=len(forms), period=period.name, deadline=deadline)
            else:
                subject = env._("%(count)s appraisals for %(period)s await your approval",
                                count=len(forms), period=period.name)
                intro = env._(
                    "The appraisals of %(count)s employees for %(period)s were reviewed "
                    "and await your approval by %(deadline)s:",
                    count=len(forms), period=period.name, deadline=deadline)
            base_url = forms[:1].get_base_url()
            items = Markup("").join(
                Markup('<li><a href="%s/mail/view?model=appraisal.form&amp;res_id=%s">%s</a></li>')
                % (base_url, form.id, form.employee_id.name or "")
                for form in forms.sorted(lambda f: f.employee_id.name or "")
            )
            body = Markup(
                '<div style="margin: 0px; padding: 0px; font-size: 13px;">'
                '<p style="margin: 0px; padding: 0px;">%s<br/><br/>%s</p><ul>%s</ul>'
                '<p style="margin: 0px; padding: 0px;">%s</p></div>'
            ) % (env._("Dear %(name)s,", name=partner.name), intro, items,
                 period.company_id.name or "")
            company = period.company_id
            mail_values.append({
                "subject": subject,
                "body_html": Render.with_context(lang=lang)._render_encapsulate(
                    "mail.mail_notification_light",
                    body,
                    add_context={
                        "message": self.env["mail.message"].sudo().new(
                            {"body": body, "record_name": subject}),
                        "lang": lang,
                    },
                    context_record=period,
                ),
                "email_from": company.email_formatted or self.env.user.email_formatted,
                "recipient_ids": [Command.link(partner.id)],
                "auto_delete": True,
            })
        self.env["mail.mail"].sudo().create(mail_values)
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

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
        # A batch of e-mails a run (the background job's batch size), so
        # that no run of the scheduled action outlasts the cron worker's
        # limits at a province's size: the next run, started at once,
        # takes the people not reminded today yet.
        budget = self.env["appraisal.period"]._get_background_batch_size() - len(told)
        more = False
        for template_xmlid, batch in batches.items():
            if len(batch) > budget:
                more = True
                batch = batch[:max(budget, 0)]
            if batch:
                batch._send_appraisal_mail(template_xmlid)
                reminded |= batch
                budget -= len(batch)
        if more:
            self.env.ref("appraisal_monthly.ir_cron_appraisal_reminders").sudo()._trigger()
        if reminded:
            reminded.write({"reminder_date": today})

    @api.model
    def _send_open_notices(self, company):
        """Send the queued "your self-assessment is open" notices of the
        company, a batch a run (the background job's batch size): those of
        a period with a background job are the job's.  Returns the forms
        whose employee was told."""
        limit = self.env["appraisal.period"]._get_background_batch_size()
        pending = self.search([
            ("company_id", "=", company.id),
            ("open_notice_pending", "=", True),
            ("state", "=", "draft"),
            ("period_id.state", "=", "open"),
            ("period_id.job_kind", "=", False),
        ], limit=limit + 1, order="id")
        if len(pending) > limit:
            # More than a batch: the next run (started at once) goes on.
            self.env.ref("appraisal_monthly.ir_cron_appraisal_reminders").sudo()._trigger()
        return pending[:limit]._send_open_notices_now()

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
