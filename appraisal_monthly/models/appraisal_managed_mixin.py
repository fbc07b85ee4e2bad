from odoo import api, fields, models


class AppraisalManagedMixin(models.AbstractModel):
    """Records about one employee that their superiors may see.

    "Managed by me" means: the employee is below me in the manager chain, or
    in a department (or sub-department) I head.  Record rules and "My Team"
    filters of forms, tasks, measures and action plans all search on it.
    """

    _name = "appraisal.managed.mixin"
    _description = "Appraisal Record Seen by Superiors"

    is_managed_by_me = fields.Boolean(
        compute="_compute_is_managed_by_me",
        search="_search_is_managed_by_me",
        help="About someone below me in the manager chain or in a department "
        "I head.",
    )

    @api.depends_context("uid")
    @api.depends("employee_id")
    def _compute_is_managed_by_me(self):
        managed = self.env["hr.employee"]._get_appraisal_managed_by(self.env.user)
        for record in self:
            record.is_managed_by_me = record.employee_id in managed

    def _search_is_managed_by_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on 'managed by me'."))
        managed = self.env["hr.employee"]._get_appraisal_managed_by(self.env.user)
        positive = (operator == "=") == value
        return [("employee_id", "in" if positive else "not in", managed.ids)]
