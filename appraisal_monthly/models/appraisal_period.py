from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..user_lang import in_user_lang


class AppraisalPeriod(models.Model):
    _name = "appraisal.period"
    _description = "Appraisal Period"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

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
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
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

    _sql_constraints = [
        (
            "date_check",
            "CHECK(date_start <= date_end)",
            "The period must end after it starts.",
        ),
        (
            "period_uniq",
            "unique(company_id, period_type, date_start)",
            "This company already has an appraisal period starting on that "
            "date.",
        ),
    ]

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
                    quarter=(period.date_start.month - 1) // 3 + 1,
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

    @in_user_lang
    def action_open(self):
        for period in self:
            if period.state != "draft":
                raise UserError(
                    self.env._("Only a draft period can be opened (%(period)s).", period=period.name)
                )
        self.write({"state": "open"})
        self.form_ids._schedule_self_assessments()

    @in_user_lang
    def action_close(self):
        for period in self:
            if period.state != "open":
                raise UserError(
                    self.env._("Only an open period can be closed (%(period)s).", period=period.name)
                )
        self.write({"state": "closed"})

    @in_user_lang
    def action_reopen(self):
        for period in self:
            if period.state != "closed":
                raise UserError(
                    self.env._("Only a closed period can be reopened (%(period)s).", period=period.name)
                )
        self.write({"state": "open"})

    @in_user_lang
    def action_generate_forms(self):
        """Create the missing forms of the period for the company's employees.

        Employees who already have a form are left alone, so the button may
        be pressed again after new people join.  Employees for whom no
        criteria set matches are reported, not silently skipped.
        """
        self.ensure_one()
        if self.state == "closed":
            raise UserError(self.env._("Forms cannot be generated for a closed period."))
        employees = self.env["hr.employee"].search(
            [("company_id", "=", self.company_id.id)]
        )
        forms, missing = self._generate_forms(employees)
        if missing:
            message = self.env._(
                "%(count)s form(s) created. No criteria set matches: %(names)s",
                count=len(forms),
                names=", ".join(missing.mapped("name")),
            )
            notification_type = "warning"
        else:
            message = self.env._("%(count)s form(s) created.", count=len(forms))
            notification_type = "success"
        self._message_log(body=message)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Appraisal forms"),
                "message": message,
                "type": notification_type,
                "sticky": bool(missing),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _generate_forms(self, employees):
        """Batch-create forms for ``employees``; returns (forms, unmatched)."""
        self.ensure_one()
        existing = set(
            self.env["appraisal.form"]
            .with_context(active_test=False)
            .search([("period_id", "=", self.id)])
            .employee_id.ids
        )
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

    def action_view_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
