from odoo import api, fields, models
from odoo.exceptions import UserError


class AppraisalCriteriaSet(models.Model):
    _name = "appraisal.criteria.set"
    _description = "Appraisal Criteria Set"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    target = fields.Selection(
        [("staff", "Staff"), ("manager", "Managers")],
        required=True,
        default="staff",
        tracking=True,
        help="Whom the set applies to: employees holding a managerial post "
        "are scored on a managers' set, everyone else on a staff set.",
    )
    job_ids = fields.Many2many(
        "hr.job",
        string="Job Positions",
        help="Leave empty for every job position. When filled, the set is "
        "preferred for employees in these positions.",
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Leave empty to share the set between companies.",
    )
    description = fields.Html(translate=True)
    criterion_ids = fields.One2many(
        "appraisal.criterion", "set_id", string="Criteria", copy=True
    )
    max_score = fields.Float(
        string="Maximum Score",
        compute="_compute_max_score",
        store=True,
        help="Sum of the maximum points of the scored criteria; bonus and "
        "penalty criteria do not raise the maximum.",
    )
    bonus_max = fields.Float(
        string="Maximum Bonus", compute="_compute_max_score", store=True
    )
    penalty_max = fields.Float(
        string="Maximum Penalty", compute="_compute_max_score", store=True
    )
    form_count = fields.Integer(compute="_compute_form_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a criteria set must be unique per company.",
        ),
    ]

    @api.depends(
        "criterion_ids.max_score",
        "criterion_ids.kind",
        "criterion_ids.display_type",
        "criterion_ids.veto",
    )
    def _compute_max_score(self):
        for criteria_set in self:
            totals = {"score": 0.0, "bonus": 0.0, "penalty": 0.0}
            for criterion in criteria_set.criterion_ids:
                # Veto criteria are checkboxes: they carry no points.
                if not criterion.display_type and not criterion.veto:
                    totals[criterion.kind] += criterion.max_score
            criteria_set.max_score = totals["score"]
            criteria_set.bonus_max = totals["bonus"]
            criteria_set.penalty_max = totals["penalty"]

    @api.depends_context("uid")
    def _compute_form_count(self):
        counts = dict(
            self.env["appraisal.form"]._read_group(
                [("criteria_set_id", "in", self.ids)],
                ["criteria_set_id"],
                ["__count"],
            )
        )
        for criteria_set in self:
            criteria_set.form_count = counts.get(criteria_set, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.env["appraisal.form"].sudo().search_count(
            [("criteria_set_id", "in", self.ids)], limit=1
        ):
            raise UserError(
                self.env._(
                    "This criteria set was used by appraisal forms and cannot "
                    "be deleted. Archive it instead."
                )
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for criteria_set, vals in zip(self, vals_list):
            if "code" not in (default or {}):
                vals["code"] = self.env._("%(code)s (copy)", code=criteria_set.code)
            if "name" not in (default or {}):
                vals["name"] = self.env._("%(name)s (copy)", name=criteria_set.name)
        return vals_list

    def action_view_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_action"
        )
        action["domain"] = [("criteria_set_id", "=", self.id)]
        action["context"] = {}
        return action

    def _get_line_values(self):
        """Values of the form lines copied from this set's criteria.

        Forms keep their own copy so that editing a set never rewrites the
        forms already made from it.
        """
        self.ensure_one()
        return [
            {
                "criterion_id": criterion.id,
                "sequence": criterion.sequence,
                "display_type": criterion.display_type,
                "name": criterion.name,
                "description": criterion.description,
                "max_score": 0.0
                if criterion.display_type or criterion.veto
                else criterion.max_score,
                "kind": criterion.kind,
                "veto": criterion.veto and not criterion.display_type,
                "auto_source": criterion.auto_source,
            }
            for criterion in self.criterion_ids
        ]

    @api.model
    def _find_for_employees(self, employees):
        """Pick the criteria set of each employee, in one search.

        A set matches an employee of its company (or any company when the
        set has none) and of its target (staff or managers).  Among those,
        a set that names the employee's job position wins over a generic
        one, then the lowest sequence.  Returns {employee: set or empty}.
        """
        sets = self.search(
            [("company_id", "in", employees.company_id.ids + [False])]
        )
        targets = employees._get_appraisal_targets()
        result = {}
        for employee in employees:
            target = targets[employee.id]
            candidates = sets.filtered(
                lambda s, e=employee, t=target: s.target == t
                and (not s.company_id or s.company_id == e.company_id)
                and (not s.job_ids or e.job_id in s.job_ids)
            )
            specific = candidates.filtered("job_ids")
            result[employee] = (specific or candidates)[:1]
        return result
