from odoo import api, fields, models
from odoo.exceptions import UserError

from ..user_lang import in_user_lang


class AppraisalForm(models.Model):
    """Remediation: action plans made on a form, and the open actions of
    earlier plans shown on the employee's next forms."""

    _name = "appraisal.form"  # an aspect file: the same model, extended
    _inherit = "appraisal.form"

    action_plan_ids = fields.One2many(
        "appraisal.action.plan", "form_id", string="Action Plans", readonly=True
    )
    action_plan_count = fields.Integer(compute="_compute_action_plan_count")
    can_manage_action_plan = fields.Boolean(compute="_compute_can_manage_action_plan")
    previous_open_action_item_ids = fields.Many2many(
        "appraisal.action.plan.item",
        string="Open Actions from Earlier Plans",
        compute="_compute_previous_open_action_item_ids",
        help="Actions of the employee's plans made on earlier forms that are "
        "not done yet: to be followed up this period.",
    )

    @api.depends_context("uid")
    @api.depends("action_plan_ids")
    def _compute_action_plan_count(self):
        counts = {
            form.id: count
            for form, count in self.env["appraisal.action.plan"]._read_group(
                [("form_id", "in", self.ids)], ["form_id"], ["__count"]
            )
        }
        for form in self:
            form.action_plan_count = counts.get(form.id, 0)

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "reviewer_user_id", "approver_user_id")
    def _compute_can_manage_action_plan(self):
        user = self.env.user
        managed = self.env["hr.employee"]._get_appraisal_managed_by(user)
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
        for form in self:
            form.can_manage_action_plan = form.state in (
                "submitted", "reviewed", "approved"
            ) and form.employee_id.user_id != user and (
                is_officer or form._user_may_supervise_plan(user, managed)
            )

    @api.depends_context("uid")
    @api.depends("employee_id", "date_start")
    def _compute_previous_open_action_item_ids(self):
        Item = self.env["appraisal.action.plan.item"]
        forms = self.filtered(lambda f: f.employee_id and f.date_start)
        items = Item
        if forms:
            items = Item.search([
                ("employee_id", "in", forms.employee_id.ids),
                ("status", "=", "open"),
                ("plan_id.state", "in", ("draft", "in_progress")),
                ("date_start", "<", max(forms.mapped("date_start"))),
            ])
        for form in self:
            form.previous_open_action_item_ids = items.filtered(
                lambda i, f=form: i.employee_id == f.employee_id
                and f.date_start and i.date_start < f.date_start
            )

    @in_user_lang
    def action_open_action_plan(self):
        """Open the form's action plan, or a new one for the superior."""
        self.ensure_one()
        plans = self.action_plan_ids
        if not plans and not self.can_manage_action_plan:
            raise UserError(
                self.env._("Form %(form)s has no action plan.", form=self.name)
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_action_plan_action"
        )
        action["domain"] = [("form_id", "=", self.id)]
        action["context"] = {"default_form_id": self.id}
        if len(plans) <= 1:
            action["view_mode"] = "form"
            action["views"] = [(False, "form")]
            action["res_id"] = plans.id
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _user_may_supervise_plan(self, user, managed):
        """A superior of the employee: the form's reviewer or approver, or
        someone above them in the manager chain or department tree."""
        self.ensure_one()
        if self.employee_id.user_id == user:
            return False
        return (
            self.reviewer_user_id == user
            or self.approver_user_id == user
            or self.employee_id in managed
        )

    def _create_failed_action_plans(self):
        """A form approved as Failed gets a draft action plan, and its
        supervisor a to-do to draw it up with the employee."""
        forms = self.sudo().filtered(
            lambda f: f.state == "approved" and f.rating == "failed" and not f.action_plan_ids
        )
        if not forms:
            return
        Plan = self.env["appraisal.action.plan"].sudo()
        with Plan._workflow_creating():
            plans = Plan.create([{"form_id": form.id, "auto_created": True} for form in forms])
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for plan in plans:
            form = plan.form_id
            form._message_log(
                body=self.env._(
                    "Rated Failed: a draft action plan was created, to be agreed "
                    "between the employee and %(supervisor)s.",
                    supervisor=plan.supervisor_user_id.name or self.env._("their superior"),
                )
            )
            user = plan.supervisor_user_id
            if todo and user:
                summary = plan.with_context(lang=user.lang).env._(
                    "Draw up the action plan of %(employee)s",
                    employee=plan.employee_id.name,
                )
                plan.with_context(mail_activity_quick_update=True).activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=summary,
                    user_id=user.id,
                    date_deadline=fields.Date.context_today(self),
                )
