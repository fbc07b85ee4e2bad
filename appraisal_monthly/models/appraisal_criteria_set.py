import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import compat
from ..user_lang import in_user_lang


@compat.sql_constraints(
    (
        "code_company_uniq",
        "unique(code, company_id)",
        "The code of a criteria set must be unique per company.",
    ),
)
class AppraisalCriteriaSet(models.Model):
    _name = "appraisal.criteria.set"
    _description = "Appraisal Criteria Set"
    _inherit = ["mail.thread", "appraisal.input.mixin"]
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

    # ------------------------------------------------------------------
    # CRUD: shared sets, codes
    # ------------------------------------------------------------------
    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                company_id = vals.get("company_id", self.env.company.id)
                if not company_id:
                    self._raise_shared()
        self._check_code_unique(
            [(vals.get("code"), vals.get("company_id", self.env.company.id)) for vals in vals_list]
        )
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        if not self.env.su:
            self._check_not_shared()
            if "company_id" in vals and not vals["company_id"]:
                self._raise_shared()
        if "code" in vals or "company_id" in vals:
            self._check_code_unique(
                [(vals.get("code", s.code), vals.get("company_id", s.company_id.id)) for s in self],
                exclude=self,
            )
        return super().write(vals)

    def _check_not_shared(self):
        """The shared sets (no company, e.g. Decree 335's) serve every
        company: no company's HR changes them; each copies a set to adapt it."""
        if self.filtered(lambda s: not s.company_id):
            self._raise_shared()

    def _raise_shared(self):
        raise AccessError(
            self.env._(
                "Shared criteria sets (without a company, such as Decree 335's) serve "
                "every company and come with the module: they cannot be created, changed, "
                "archived or deleted here. Duplicate the set for your company and adapt "
                "the copy."
            )
        )

    def _check_code_unique(self, pairs, exclude=None):
        """One code per company: said in words before the database's
        unique constraint would answer with an error."""
        pairs = [(code, company_id or False) for code, company_id in pairs if code]
        if not pairs:
            return
        duplicates = {pair for pair in pairs if pairs.count(pair) > 1}
        domain = [("code", "in", [code for code, _company in pairs])]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        for criteria_set in self.sudo().with_context(active_test=False).search(domain):
            if (criteria_set.code, criteria_set.company_id.id or False) in pairs:
                duplicates.add((criteria_set.code, criteria_set.company_id.id or False))
        if duplicates:
            raise UserError(
                self.env._(
                    "A criteria set with the code %(codes)s already exists in this company "
                    "(archived sets included). Choose another code.",
                    codes=", ".join(sorted({code for code, _company in duplicates})),
                )
            )

    def _check_can_make_forms(self):
        """A form needs points to score: a set without scored criteria (empty,
        only sections, notes or vetoes) could never be approved."""
        for criteria_set in self:
            if not (math.isfinite(criteria_set.max_score) and criteria_set.max_score > 0):
                raise UserError(
                    self.env._(
                        "Criteria set %(set)s has no scored criterion with maximum points: "
                        "no form can be made from it. Add its criteria first.",
                        set=criteria_set.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shared(self):
        if not self.env.su:
            self._check_not_shared()

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

    @in_user_lang
    def action_view_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_action"
        )
        action["domain"] = [("criteria_set_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _find_for_employees(self, employees):
        """Pick the criteria set of each employee, in one search.

        A set matches an employee of its company (or any company when the
        set has none) and of its target (staff or managers).  Among those,
        a set that names the employee's job position wins over a generic
        one, then the lowest sequence.  Returns {employee: set or empty}.
        """
        sets = self.search(
            [("company_id", "in", employees.company_id.ids + [False]), ("max_score", ">", 0)]
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
