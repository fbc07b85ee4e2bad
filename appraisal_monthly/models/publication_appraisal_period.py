from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..user_lang import in_user_lang


class AppraisalPeriod(models.Model):
    _inherit = "appraisal.period"

    # Open -> Published (results announced, visible to the units) -> Closed
    # (locked).  Removing the addon's state sets published periods back to open.
    state = fields.Selection(
        selection_add=[("published", "Published"), ("closed",)],
        ondelete={"published": lambda periods: periods.write({"state": "open"})},
    )
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

    @api.depends("quota_exception_ids")
    def _compute_quota_exception_count(self):
        counts = dict(
            self.env["appraisal.quota.exception"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.quota_exception_count = counts.get(period, 0)

    def _check_appraisal_officer(self):
        if not self.env.su and not self.env.user.has_group(
            "appraisal_monthly.group_appraisal_officer"
        ):
            raise AccessError(self.env._("Only HR officers may publish, close or reopen a period."))

    @in_user_lang
    def action_publish(self):
        """Announce the results: every form approved, the quota held."""
        self._check_appraisal_officer()
        for period in self:
            if period.state != "open":
                raise UserError(
                    self.env._("Only an open period can be published (%(period)s).",
                               period=period.name)
                )
            period._check_all_approved()
            period._check_quota_for_publication()
        self.write({
            "state": "published",
            "date_published": fields.Datetime.now(),
            "published_user_id": self.env.uid,
        })
        forms = self.env["appraisal.form"].search(
            [("period_id", "in", self.ids), ("state", "=", "approved")]
        )
        forms._notify_published_result()
        for period in self:
            period._message_log(
                body=self.env._(
                    "Results published: %(count)s employee(s) notified.",
                    count=len(forms.filtered(lambda f, p=period: f.period_id == p)),
                )
            )
        return True

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
                    f"{labels.get(state, state)}: {count}" for state, count in pending
                ),
            )
        )

    def _check_quota_for_publication(self):
        self.ensure_one()
        if not self.company_id.appraisal_quota_enabled:
            return
        result = self._compute_quota(states=("approved",))
        exceeded = [line for line in result["groups"] if line.exceeded]
        if result["company"].exceeded:
            exceeded.append(result["company"])
        if exceeded:
            self._raise_quota_exceeded(
                self.env._(
                    "The results of %(period)s exceed the Excellent quota "
                    "(%(percent)s%% of the Good ratings): %(details)s.\n"
                    "Reopen and lower a level, or record an authorised exception.",
                    period=self.name,
                    percent=f"{result['percent']:g}",
                    details=self._quota_describe(result, exceeded),
                )
            )

    @in_user_lang
    def action_close(self):
        """Closing locks the period: only published results can be closed.

        Replaces the former open -> closed step, so super() is not called.
        """
        self._check_appraisal_officer()
        for period in self:
            if period.state != "published":
                raise UserError(
                    self.env._(
                        "Publish the results of %(period)s before closing it.",
                        period=period.name,
                    )
                )
        self.write({"state": "closed"})
        return True

    @in_user_lang
    def action_reopen(self):
        """Closed -> published, published -> open (to correct a result)."""
        self._check_appraisal_officer()
        for period in self:
            if period.state not in ("published", "closed"):
                raise UserError(
                    self.env._("Only a published or closed period can be reopened (%(period)s).",
                               period=period.name)
                )
        closed = self.filtered(lambda p: p.state == "closed")
        published = self - closed
        closed.write({"state": "published"})
        published.write({"state": "open", "date_published": False, "published_user_id": False})
        return True

    def action_print_summary(self):
        return self.env.ref("appraisal_monthly.action_report_period_summary").report_action(self)
