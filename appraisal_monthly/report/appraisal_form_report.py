from odoo import api, fields, models
from odoo.tools import SQL

from .. import compat
from ..models.appraisal_form import RATING_SELECTION, sort_groups_by_rating


@compat.groups_reordered
class AppraisalFormReport(models.Model):
    """Appraisal results for analysis: one row per form not cancelled.

    Read-only SQL view over the forms, for the pivot and graph of levels by
    department and month and an employee's trend over the year.  Who reads
    which rows follows the forms: employees their own, superiors their
    people's, the committee approved results, HR officers all.
    """

    _name = "appraisal.form.report"
    _description = "Appraisal Analysis"
    _inherit = ["appraisal.managed.mixin"]
    _auto = False
    _order = "date_start desc, department_id, employee_id"
    _rec_name = "form_id"

    form_id = fields.Many2one("appraisal.form", readonly=True)
    period_id = fields.Many2one("appraisal.period", readonly=True)
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")], readonly=True
    )
    date_start = fields.Date(string="Month", readonly=True)
    year = fields.Integer(readonly=True, aggregator=None)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    user_id = fields.Many2one("res.users", string="Employee's User", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    reviewer_user_id = fields.Many2one("res.users", string="Direct Superior", readonly=True)
    approver_user_id = fields.Many2one("res.users", string="Head of Unit", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Self-Assessment"),
            ("submitted", "Submitted"),
            ("reviewed", "Reviewed"),
            ("approved", "Approved"),
        ],
        string="Status",
        readonly=True,
    )
    rating = fields.Selection(RATING_SELECTION, string="Level", readonly=True)
    score_percent = fields.Float(string="Score (%)", readonly=True, aggregator="avg")
    final_score = fields.Float(readonly=True, aggregator="avg")
    self_score = fields.Float(readonly=True, aggregator="avg")
    manager_score = fields.Float(string="Superior's Score", readonly=True, aggregator="avg")
    is_late = fields.Boolean(string="Submitted Late", readonly=True)

    @api.model
    def _web_groups_reorder(self, groups, groupby, order):
        # The web client's groups (compat.groups_reordered): levels by rank.
        return sort_groups_by_rating(groups, groupby, order, lazy=False)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT form.id AS id,
                   form.id AS form_id,
                   form.period_id,
                   period.period_type,
                   form.date_start,
                   EXTRACT(YEAR FROM form.date_start)::integer AS year,
                   form.employee_id,
                   employee.user_id,
                   form.department_id,
                   form.job_id,
                   form.company_id,
                   form.reviewer_user_id,
                   form.approver_user_id,
                   form.state,
                   form.rating,
                   form.score_percent,
                   form.final_score,
                   form.self_score,
                   form.manager_score,
                   COALESCE(form.is_late, FALSE) AS is_late
              FROM appraisal_form form
              JOIN appraisal_period period ON period.id = form.period_id
              JOIN hr_employee employee ON employee.id = form.employee_id
             WHERE form.state != 'cancelled'
            """
        )
