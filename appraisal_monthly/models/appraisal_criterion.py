import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..user_lang import in_user_lang


class AppraisalCriterion(models.Model):
    _name = "appraisal.criterion"
    _inherit = ["appraisal.input.mixin"]
    _description = "Appraisal Criterion"
    _order = "set_id, sequence, id"

    set_id = fields.Many2one(
        "appraisal.criteria.set",
        string="Criteria Set",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="set_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    display_type = fields.Selection(
        [("line_section", "Section"), ("line_note", "Note")],
        help="Sections group the criteria on the form; notes only show text.",
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        string="Guidance",
        translate=True,
        help="How to score this criterion: shown to the employee and the "
        "superior next to the line.",
    )
    max_score = fields.Float(string="Maximum Points")
    kind = fields.Selection(
        [("score", "Score"), ("bonus", "Bonus"), ("penalty", "Penalty")],
        required=True,
        default="score",
        help="Score points add up to the set's maximum. Bonus points add "
        "and penalty points subtract, but the total stays within 0 and "
        "the maximum.",
    )
    auto_source = fields.Selection(
        [
            ("task_result", "Task results from the work plan"),
            ("unit_result", "Result of the unit led"),
            ("discipline", "Disciplinary measures"),
        ],
        string="Filled From",
        help="Where the addon takes this line's figure from: the employee's "
        "work plan (Decree 335 task results), the levels of the manager's "
        "subordinates, or the disciplinary measures recorded on the employee "
        "(for a veto criterion).",
    )
    veto = fields.Boolean(
        help="A checkbox without points: when checked on a form, the "
        "employee is rated 'Failed' whatever the score (e.g. a disciplinary "
        "measure of reprimand or worse).",
    )

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        if not self.env.su:
            self.env["appraisal.criteria.set"].browse(
                [vals["set_id"] for vals in vals_list if vals.get("set_id")]
            )._check_not_shared()
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        if not self.env.su:
            self.set_id._check_not_shared()
            if vals.get("set_id"):
                self.set_id.browse(vals["set_id"])._check_not_shared()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shared(self):
        if not self.env.su:
            self.set_id._check_not_shared()

    @api.constrains("max_score", "display_type", "veto")
    def _check_max_score(self):
        for criterion in self:
            if criterion.display_type:
                continue
            if not math.isfinite(criterion.max_score or 0.0):
                raise ValidationError(
                    self.env._(
                        "The maximum points of criterion '%(name)s' must be a number "
                        "(not infinite or undefined).",
                        name=criterion.name,
                    )
                )
            if criterion.max_score < 0:
                raise ValidationError(
                    self.env._(
                        "The maximum points of criterion '%(name)s' cannot be "
                        "negative.",
                        name=criterion.name,
                    )
                )
            if criterion.veto:
                continue
            if criterion.max_score == 0:
                raise ValidationError(
                    self.env._(
                        "Criterion '%(name)s' needs maximum points above zero, "
                        "unless it is a veto criterion.",
                        name=criterion.name,
                    )
                )
