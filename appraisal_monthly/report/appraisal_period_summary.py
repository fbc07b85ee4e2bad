from odoo import api, fields, models
from odoo.tools import SQL

from ..number_format import format_percent


class AppraisalPeriodSummary(models.Model):
    """Results of a period by department, for the monthly meeting.

    One row per period and department (the department of each form, as
    copied when it was made), counting the approved forms per level, with
    the names of the people rated Excellent and Failed.  Once the period is
    published, members of a unit read their unit's row; the forms
    themselves (criteria, notes, evidence) stay private.
    """

    _name = "appraisal.period.summary"
    _description = "Appraisal Period Summary"
    _auto = False
    _order = "date_start desc, department_id"

    period_id = fields.Many2one("appraisal.period", readonly=True)
    date_start = fields.Date(readonly=True)
    period_state = fields.Selection(related="period_id.state", string="Period Status")
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    total_count = fields.Integer(string="Approved Forms", readonly=True)
    excellent_count = fields.Integer(string="Excellent", readonly=True)
    good_count = fields.Integer(string="Good", readonly=True)
    completed_count = fields.Integer(string="Completed", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    average_percent = fields.Float(string="Average Score (%)", readonly=True, aggregator="avg")
    # [[name, percent], ...]: the names are written in the reader's way.
    excellent_people = fields.Json(readonly=True)
    failed_people = fields.Json(readonly=True)
    excellent_names = fields.Text(string="Rated Excellent", compute="_compute_names")
    failed_names = fields.Text(string="Rated Failed", compute="_compute_names")
    is_my_unit = fields.Boolean(
        compute="_compute_is_my_unit",
        search="_search_is_my_unit",
        help="A department I belong to, or one I head (sub-departments included).",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(form.id) AS id,
                   form.period_id,
                   period.date_start,
                   form.company_id,
                   form.department_id,
                   COUNT(*) AS total_count,
                   COUNT(*) FILTER (WHERE form.rating = 'excellent') AS excellent_count,
                   COUNT(*) FILTER (WHERE form.rating = 'good') AS good_count,
                   COUNT(*) FILTER (WHERE form.rating = 'completed') AS completed_count,
                   COUNT(*) FILTER (WHERE form.rating = 'failed') AS failed_count,
                   ROUND(AVG(form.score_percent)::numeric, 2) AS average_percent,
                   JSONB_AGG(JSONB_BUILD_ARRAY(employee.name, form.score_percent)
                             ORDER BY employee.name)
                       FILTER (WHERE form.rating = 'excellent') AS excellent_people,
                   JSONB_AGG(JSONB_BUILD_ARRAY(employee.name, form.score_percent)
                             ORDER BY employee.name)
                       FILTER (WHERE form.rating = 'failed') AS failed_people
              FROM appraisal_form form
              JOIN appraisal_period period ON period.id = form.period_id
              JOIN hr_employee employee ON employee.id = form.employee_id
             WHERE form.state = 'approved'
             GROUP BY form.period_id, period.date_start, form.company_id, form.department_id
            """
        )

    @api.depends_context("lang")
    @api.depends("excellent_people", "failed_people")
    def _compute_names(self):
        """Each person with the percentage, as the reader writes it: 91,00%."""
        for row in self:
            for fname, people in (("excellent_names", row.excellent_people),
                                  ("failed_names", row.failed_people)):
                row[fname] = ", ".join(
                    "%s (%s)" % (name, format_percent(self.env, percent))
                    for name, percent in people or []
                ) or False

    def _get_my_unit_departments(self):
        user = self.env.user
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        employees = self.env["hr.employee"].sudo().with_context(active_test=False).search(
            [("user_id", "=", user.id)]
        )
        headed = Department.search([("manager_id", "in", employees.ids)])
        if headed:
            headed = Department.search([("id", "child_of", headed.ids)])
        return employees.department_id | headed

    def _compute_is_my_unit(self):
        departments = self._get_my_unit_departments()
        for row in self:
            row.is_my_unit = bool(row.department_id) and row.department_id in departments

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on 'my unit'."))
        departments = self._get_my_unit_departments()
        positive = (operator == "=") == value
        if positive:
            return [("department_id", "in", departments.ids)]
        return ["|", ("department_id", "=", False), ("department_id", "not in", departments.ids)]

    def _get_people(self, rating):
        """Approved forms rated ``rating`` in these rows' period and
        departments, read as superuser for their name, unit and score only
        (the rows themselves are filtered by the user's access)."""
        pairs = {(row.period_id.id, row.department_id.id) for row in self}
        if not pairs:
            return self.env["appraisal.form"]
        forms = self.env["appraisal.form"].sudo().search([
            ("period_id", "in", list({period for period, _department in pairs})),
            ("state", "=", "approved"),
            ("rating", "=", rating),
        ])
        forms = forms.filtered(lambda f: (f.period_id.id, f.department_id.id) in pairs)
        return forms.sorted(lambda f: (f.department_id.name or "", f.employee_id.name or ""))
