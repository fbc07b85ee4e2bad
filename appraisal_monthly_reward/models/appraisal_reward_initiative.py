from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from . import reward_gate
from .appraisal_reward_title import SCOPE_SELECTION


class AppraisalRewardInitiative(models.Model):
    """A recognised initiative (sáng kiến): counts for the titles that ask
    for one, for each of its authors, in the year of its recognition."""

    _name = "appraisal.reward.initiative"
    _description = "Recognised Initiative"
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.input.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Initiative Name", required=True, tracking=True)
    employee_ids = fields.Many2many(
        "hr.employee", string="Authors", required=True, tracking=True,
        check_company=True)
    scope = fields.Selection(
        SCOPE_SELECTION, required=True, default="grassroots", tracking=True,
        help="Scope of its effect as recognised: grassroots, provincial or national.")
    date = fields.Date(
        string="Recognition Date", required=True, tracking=True,
        help="Counts in the year of this date.")
    year = fields.Integer(compute="_compute_year", store=True, aggregator=False)
    reference = fields.Char(
        string="Decision Reference", tracking=True, help="E.g. 45/QĐ-HĐSK.")
    recognised_by = fields.Char(
        help="The body (initiative council) that recognised it.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company)
    document = fields.Binary(string="Recognising Document", attachment=True)
    document_name = fields.Char()
    description = fields.Text()

    @api.depends("date")
    def _compute_year(self):
        for initiative in self:
            initiative.year = initiative.date.year if initiative.date else 0

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        initiatives = super().create(vals_list)
        initiatives._check_not_for_oneself()
        return initiatives

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        result = super(AppraisalRewardInitiative, reward_gate.tracked(self)).write(vals)
        if "employee_ids" in vals:
            self._check_not_for_oneself()
        return result

    @in_user_lang
    def unlink(self):
        return super().unlink()

    def _check_not_for_oneself(self):
        """Nobody records an initiative of their own: it counts for their titles."""
        if self.sudo().employee_ids.filtered(lambda e: e.user_id == self.env.user):
            raise AccessError(self.env._(
                "Nobody records an initiative of their own: it counts for their titles. Ask "
                "another emulation officer."))
