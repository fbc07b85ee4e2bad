from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..user_lang import in_user_lang


class AppraisalPeriodGenerate(models.TransientModel):
    _name = "appraisal.period.generate"
    _inherit = ["appraisal.input.mixin"]
    _description = "Generate Appraisal Forms"

    period_id = fields.Many2one(
        "appraisal.period", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="period_id.company_id")
    scope = fields.Selection(
        [
            ("company", "Whole Company"),
            ("department", "Departments"),
            ("job", "Job Positions"),
        ],
        required=True,
        default="company",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Employees of these departments and of their sub-departments.",
    )
    job_ids = fields.Many2many("hr.job", string="Job Positions")
    step = fields.Selection(
        [("choose", "Choose"), ("done", "Done")], default="choose", required=True
    )
    created_count = fields.Integer(string="Forms Created", readonly=True)
    existing_count = fields.Integer(
        string="Already Existing",
        readonly=True,
        help="Employees in scope who already had a form for this period: "
        "left unchanged.",
    )
    unmatched_employee_ids = fields.Many2many(
        "hr.employee",
        "appraisal_period_generate_unmatched_rel",
        "wizard_id",
        "employee_id",
        string="No Matching Criteria Set",
        readonly=True,
        help="Employees in scope for whom no active criteria set fits (target "
        "and job position): no form was made for them.",
    )

    def _get_employee_domain(self):
        self.ensure_one()
        domain = [("company_id", "=", self.period_id.company_id.id)]
        if self.scope == "department":
            if not self.department_ids:
                raise UserError(self.env._("Choose at least one department."))
            domain.append(("department_id", "child_of", self.department_ids.ids))
        elif self.scope == "job":
            if not self.job_ids:
                raise UserError(self.env._("Choose at least one job position."))
            domain.append(("job_id", "in", self.job_ids.ids))
        return domain

    @in_user_lang
    def action_generate(self):
        self.ensure_one()
        if not self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            raise AccessError(self.env._("Only HR officers may generate appraisal forms."))
        period = self.period_id
        if period.state not in ("draft", "open"):
            raise UserError(
                self.env._(
                    "Forms can only be generated for a draft or open period "
                    "(%(period)s).",
                    period=period.name,
                )
            )
        period._check_no_job()
        employees = self.env["hr.employee"].search(self._get_employee_domain())
        forms, existing, missing, queued = period._generate_forms_or_queue(employees)
        if queued:
            # Thousands of forms: made in the background, the period shows
            # the progress and the requester is notified at the end.
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._(
                        "%(count)s form(s) are being generated in the background. The "
                        "period shows the progress; you will be notified when it is done.",
                        count=period.job_total,
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        self.write({
            "step": "done",
            "created_count": len(forms),
            "existing_count": existing,
            "unmatched_employee_ids": [fields.Command.set(missing.ids)],
        })
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Forms"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @in_user_lang
    def action_view_forms(self):
        self.ensure_one()
        return self.period_id.action_view_forms()
