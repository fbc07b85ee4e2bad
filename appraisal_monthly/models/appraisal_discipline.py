from odoo import api, fields, models
from odoo.tools import format_date

from ..rules import discipline as discipline_rules
from ..user_lang import in_user_lang

KIND_SELECTION = [
    (discipline_rules.OTHER, "Other (below reprimand)"),
    (discipline_rules.REPRIMAND, "Reprimand"),
    (discipline_rules.WARNING, "Warning"),
    (discipline_rules.DEMOTION, "Salary Demotion"),
    (discipline_rules.REMOVAL_FROM_OFFICE, "Removal from Office / Downgrading"),
    (discipline_rules.FORCED_DISMISSAL, "Forced Dismissal"),
]
# A change of these fields can change which appraisal forms are vetoed.
VETO_FIELDS = {"employee_id", "kind", "date", "active"}


class AppraisalDiscipline(models.Model):
    """A disciplinary measure (kỷ luật) recorded on an employee.

    A measure of reprimand or worse dated within an appraisal period makes
    the employee's form of that period "Failed" through its discipline veto
    line (Decree 335/2025), whichever is recorded first.
    """

    _name = "appraisal.discipline"
    _description = "Disciplinary Measure"
    _inherit = [
        "mail.thread.main.attachment", "appraisal.managed.mixin", "appraisal.input.mixin",
    ]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="Archive a measure that was annulled: it no longer vetoes any form.",
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department", related="employee_id.department_id", string="Department"
    )
    kind = fields.Selection(
        KIND_SELECTION,
        string="Measure",
        required=True,
        default=discipline_rules.REPRIMAND,
        tracking=True,
    )
    is_veto = fields.Boolean(
        string="Reprimand or Worse",
        compute="_compute_is_veto",
        store=True,
        help="Rates the employee 'Failed' for the appraisal period that "
        "contains the decision date.",
    )
    date = fields.Date(
        string="Decision Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
        help="The measure counts in the appraisal period that contains this "
        "date.",
    )
    decision_number = fields.Char(tracking=True, help="E.g. 215/QĐ-UBND.")
    description = fields.Text(
        string="Violation and Grounds",
        help="What the measure was taken for, and on what grounds.",
    )

    @api.depends("kind", "decision_number", "employee_id.name")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for measure in self:
            measure.name = self.env._(
                "%(measure)s %(number)s - %(employee)s",
                measure=labels.get(measure.kind, ""),
                number=measure.decision_number or "",
                employee=measure.employee_id.name or "",
            )

    @api.depends("kind")
    def _compute_is_veto(self):
        for measure in self:
            measure.is_veto = discipline_rules.is_veto_kind(measure.kind)



    # ------------------------------------------------------------------
    # CRUD: every change that may move a veto re-evaluates the forms
    # concerned, before and after the change.
    # ------------------------------------------------------------------
    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        if not self.env.su:
            self.env["hr.employee"].browse(
                [vals["employee_id"] for vals in vals_list if vals.get("employee_id")]
            )._check_not_oneself_discipline()
        measures = super().create(vals_list)
        measures._reevaluate_forms(measures._veto_scope())
        return measures

    @in_user_lang
    def write(self, vals):
        if not self.env.su:
            employees = self.sudo().employee_id
            if vals.get("employee_id"):
                employees |= employees.browse(vals["employee_id"])
            employees._check_not_oneself_discipline()
        if not VETO_FIELDS & set(vals):
            return super().write(vals)
        before = self._veto_scope()
        result = super().write(vals)
        self._reevaluate_forms(before + self._veto_scope())
        return result

    @in_user_lang
    def unlink(self):
        if not self.env.su:
            self.sudo().employee_id._check_not_oneself_discipline()
        before = self._veto_scope()
        result = super().unlink()
        self._reevaluate_forms(before)
        return result

    def _veto_scope(self):
        """[(employee id, date)] of these measures, whatever their state."""
        return [
            (measure.employee_id.id, measure.date)
            for measure in self.sudo().with_context(active_test=False)
            if measure.employee_id and measure.date
        ]

    def _reevaluate_forms(self, scope):
        """A measure recorded, moved or annulled changes the forms of its
        month, and the year (and quarter) that contains it."""
        forms = self.env["appraisal.form"]._get_forms_at_dates(scope)
        forms._apply_discipline_veto()
        self.env["appraisal.summary"]._refresh(
            {(employee_id, day.year) for employee_id, day in scope}
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _get_reference(self):
        """The measures as a readable reference, for notes and messages."""
        labels = dict(self._fields["kind"]._description_selection(self.env))
        return "; ".join(
            self.env._(
                "%(measure)s, decision %(number)s of %(date)s",
                measure=labels.get(measure.kind, measure.kind),
                number=measure.decision_number or self.env._("(no number)"),
                date=format_date(self.env, measure.date),
            )
            for measure in self
        )
