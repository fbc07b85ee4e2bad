from odoo import fields, models
from odoo.addons.appraisal_monthly import compat


@compat.sql_constraints(
    (
        "code_uniq",
        "unique(code)",
        "The code of an authority must be unique.",
    ),
)
class AppraisalRewardAuthority(models.Model):
    """Who signs a commendation decision (Law 06/2022, art. 80): each title
    lists the authorities that may grant it."""

    _name = "appraisal.reward.authority"
    _description = "Commendation Authority"
    _order = "sequence, id"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    signer_title = fields.Char(
        help="How the signer signs, e.g. CHỦ TỊCH; printed above the signature.")
    issuer_name = fields.Char(
        string="Issuing Body",
        help="Printed at the top of the decision, e.g. ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT; "
        "the company's name when empty.")
    number_suffix = fields.Char(
        default="/QĐ-UBND", help="Appended to the number of new decisions, e.g. /QĐ-UBND.")
