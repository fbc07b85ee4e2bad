from odoo import api, fields, models

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from . import reward_gate


class AppraisalRewardAuthority(models.Model):
    """Who signs a commendation decision (Law 06/2022, art. 80): each title
    lists the authorities that may grant it.  The shipped authorities serve
    every company (read-only); a company adds or duplicates its own."""

    _name = "appraisal.reward.authority"
    _description = "Commendation Authority"
    _inherit = ["appraisal.reward.shared.mixin",
                "appraisal.input.mixin"]
    _order = "sequence, id"
    _reward_unique_fields = ("code",)

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty for an authority of every company (shipped ones).")
    signer_title = fields.Char(
        help="How the signer signs, e.g. CHỦ TỊCH; printed above the signature.")
    issuer_name = fields.Char(
        string="Issuing Body",
        help="Printed at the top of the decision, e.g. ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT; "
        "the company's name when empty.")
    number_suffix = fields.Char(
        default="/QĐ-UBND", help="Appended to the number of new decisions, e.g. /QĐ-UBND.")

    _sql_constraints = [
        ("code_uniq", "unique(code, company_id)",
         "The code of an authority must be unique."),
    ]

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        return super().write(vals)
