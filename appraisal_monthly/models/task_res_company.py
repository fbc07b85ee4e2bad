from odoo import fields, models

from .. import task_scoring

COMBINATION_SELECTION = [
    (task_scoring.MEAN, "Mean of the three parts"),
    (task_scoring.MIN, "Lowest of the three parts"),
    (task_scoring.PRODUCT, "Product of the three parts"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    appraisal_task_combination = fields.Selection(
        COMBINATION_SELECTION,
        string="Task Results Combination",
        default=task_scoring.MEAN,
        required=True,
        help="How quantity, quality and progress of the work plan make the "
        "task-result percentage, before it is scaled to the criterion's "
        "points (Decree 335/2025 does not fix it: the mean by default).",
    )

    def write(self, vals):
        result = super().write(vals)
        if "appraisal_task_combination" in vals:
            # Forms still open follow the new rule; approved ones keep theirs.
            self.env["appraisal.form.line"]._recompute_computed_scores([
                ("company_id", "in", self.ids),
                ("auto_source", "=", "task_result"),
            ])
        return result
