from odoo import api, fields, models
from odoo.addons.appraisal_monthly import compat

from ..rules import amounts


@compat.sql_constraints(
    (
        "amount_positive",
        "CHECK(amount > 0)",
        "The base salary must be positive.",
    ),
    (
        "date_company_uniq",
        "unique(date_from, company_id)",
        "One base salary per date (and company).",
    ),
)
class AppraisalRewardBaseSalary(models.Model):
    """The base salary (mức lương cơ sở) by date: awards are multiples of
    the one in force on the decision date.  HR adds a row when the
    Government changes it."""

    _name = "appraisal.reward.base.salary"
    _description = "Base Salary"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    date_from = fields.Date(string="In Force From", required=True, tracking=True)
    amount = fields.Float(string="Amount (đ)", digits=(16, 0), required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", tracking=True,
        help="Leave empty for the national amount; a company's own row wins on the same date.")
    reference = fields.Char(string="Legal Basis", help="E.g. Nghị định 73/2024/NĐ-CP.")

    @api.depends("date_from", "amount")
    def _compute_display_name(self):
        for row in self:
            row.display_name = "%s: %s đ" % (
                fields.Date.to_string(row.date_from) if row.date_from else "",
                "{:,.0f}".format(row.amount or 0))

    @api.model
    def _get_amount_on(self, day, company):
        """The base salary in force on ``day`` for ``company`` (0 when none)."""
        rows = self.sudo().search_read(
            [("company_id", "in", [company.id, False]), ("date_from", "<=", day)],
            ["date_from", "amount", "company_id"])
        return amounts.base_salary_on(
            [(row["date_from"], row["amount"], row["company_id"] and row["company_id"][0])
             for row in rows],
            day, company.id)
