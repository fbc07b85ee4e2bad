from odoo import fields, models

from ..summary_rules import DEFAULT_MIN_MONTHS


class ResCompany(models.Model):
    _inherit = "res.company"

    appraisal_min_months_classified = fields.Integer(
        string="Months Worked to Be Classified",
        default=DEFAULT_MIN_MONTHS,
        help="A person with approved results for fewer months in the year is "
        "reviewed but not classified (Decree 90/2020: 6). 0 disables the rule.",
    )
