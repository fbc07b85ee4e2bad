from odoo import api, fields, models

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from . import reward_gate
from odoo.addons.appraisal_monthly import compat


@compat.sql_constraints(
    (
        "code_uniq",
        "unique(code, company_id)",
        "The code of an authority must be unique.",
    ),
)
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
    parent_body = fields.Char(
        string="Body Above",
        help="Printed above the issuing body when there is one, e.g. UBND HUYỆN HẠ LONG.")
    place = fields.Char(
        help="The place of the date line, e.g. Thống Nhất (a commune) or Quảng Ninh "
        "(a province); the company's city when empty.")
    office_title = fields.Char(
        string="Deciding Office",
        help="The line above the legal bases, e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THỐNG NHẤT; "
        "the signer's title and the issuing body when empty.")
    legal_basis = fields.Text(
        string="Basis of Its Power",
        help="The 'Căn cứ' lines of the authority's own power, printed first, e.g. the Law "
        "on the Organisation of Local Government.")
    executors = fields.Text(
        string="Carried Out By",
        help="Article 3 of its decisions: who carries them out.")
    recipients = fields.Text(
        help="The 'Nơi nhận' lines at the bottom left, one per line.")
    fund = fields.Char(
        string="Funded By", help="The fund the amounts are paid from.")
    title_ids = fields.Many2many(
        "appraisal.reward.title", "appraisal_reward_authority_appraisal_reward_title_rel",
        "appraisal_reward_authority_id", "appraisal_reward_title_id",
        string="Titles It Grants",
        help="The titles and forms this authority may grant (the other side of each title's "
        "Deciding Authorities).")
    number_suffix = fields.Char(
        default="/QĐ-UBND", help="Appended to the number of new decisions, e.g. /QĐ-UBND.")

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        return super().write(vals)
