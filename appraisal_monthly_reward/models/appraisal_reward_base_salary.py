from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.addons.appraisal_monthly import compat

from odoo.addons.appraisal_monthly.number_format import format_amount
from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from ..rules import amounts, validation
from . import reward_gate


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
    the one in force on the decision date.  The national rows (no company)
    come with the module and are read-only; HR adds a row of its company
    when the Government changes it (a company's row wins on the same
    date)."""

    _name = "appraisal.reward.base.salary"
    _description = "Base Salary"
    _inherit = ["mail.thread", "appraisal.reward.shared.mixin",
                "appraisal.input.mixin"]
    _order = "date_from desc, id desc"
    _reward_unique_fields = ("date_from",)

    date_from = fields.Date(string="In Force From", required=True, tracking=True)
    amount = fields.Float(string="Amount (đ)", digits=(16, 0), required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", tracking=True,
        help="Empty for the national amount; a company's own row wins on the same date.")
    reference = fields.Char(string="Legal Basis", help="E.g. Nghị định 73/2024/NĐ-CP.")

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        self._check_amounts(vals_list)
        return super(AppraisalRewardBaseSalary, reward_gate.tracked(self)).create(vals_list)

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        self._check_amounts([vals])
        return super(AppraisalRewardBaseSalary, reward_gate.tracked(self)).write(vals)

    def _check_amounts(self, vals_list):
        for vals in vals_list:
            if "amount" in vals and not validation.positive_amount(vals["amount"]):
                raise UserError(self.env._(
                    "The base salary must be a positive amount: %(value)s is not.",
                    value=repr(vals["amount"])))

    @api.depends_context("lang")
    @api.depends("date_from", "amount")
    def _compute_display_name(self):
        for row in self:
            row.display_name = "%s: %s" % (
                fields.Date.to_string(row.date_from) if row.date_from else "",
                format_amount(self.env, row.amount))

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
