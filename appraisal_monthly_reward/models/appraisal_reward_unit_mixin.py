from odoo import api, fields, models


class AppraisalRewardUnitMixin(models.AbstractModel):
    """Records of a unit (``unit_id``) that its head handles: the head of
    a department proposes for it and its sub-departments."""

    _name = "appraisal.reward.unit.mixin"
    _description = "Commendation Record of a Unit"

    is_my_unit = fields.Boolean(
        compute="_compute_is_my_unit",
        search="_search_is_my_unit",
        help="Of a unit I head (sub-units included).",
    )

    @api.model
    def _get_headed_units(self, user=None):
        user = user or self.env.user
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        employees = self.env["hr.employee"].sudo().with_context(active_test=False).search(
            [("user_id", "=", user.id)])
        if not employees:
            return Department
        headed = Department.search([("manager_id", "in", employees.ids)])
        return Department.search([("id", "child_of", headed.ids)]) if headed else Department

    @api.depends_context("uid")
    @api.depends("unit_id")
    def _compute_is_my_unit(self):
        units = self._get_headed_units()
        for record in self:
            record.is_my_unit = bool(record.unit_id) and record.unit_id in units

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on 'my unit'."))
        units = self._get_headed_units()
        if (operator == "=") == value:
            return [("unit_id", "in", units.ids)]
        return ["|", ("unit_id", "=", False), ("unit_id", "not in", units.ids)]
