from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    appraisal_target = fields.Selection(
        [("auto", "Automatic"), ("staff", "Staff"), ("manager", "Manager")],
        string="Appraised As",
        default="auto",
        groups="hr.group_hr_user",
        help="Which criteria sets apply. Automatic: managers' sets for "
        "people who head a department or have subordinates, staff sets "
        "for everyone else.",
    )
    appraisal_form_ids = fields.One2many(
        "appraisal.form", "employee_id", string="Appraisal Forms",
        groups="hr.group_hr_user",
    )
    appraisal_form_count = fields.Integer(compute="_compute_appraisal_form_count")

    @api.depends_context("uid")
    def _compute_appraisal_form_count(self):
        counts = self.env["appraisal.form"]._count_by_employee(self.ids)
        for employee in self:
            employee.appraisal_form_count = counts.get(employee.id, 0)

    def _get_appraisal_target(self):
        """'manager' or 'staff': which kind of criteria set applies."""
        self.ensure_one()
        return self._get_appraisal_targets()[self.id]

    def _get_appraisal_targets(self):
        """{employee id: 'manager' or 'staff'} for many employees at once.

        Managers are those set so on their HR tab, or, automatically, those
        who head a department or have subordinates.
        """
        employees = self.sudo()
        heads = {
            manager.id
            for [manager] in self.env["hr.department"].sudo()._read_group(
                [("manager_id", "in", employees.ids)], ["manager_id"]
            )
        }
        with_subordinates = {
            parent.id
            for [parent] in employees._read_group(
                [("parent_id", "in", employees.ids)], ["parent_id"]
            )
        }
        targets = {}
        for employee in employees:
            if employee.appraisal_target in ("staff", "manager"):
                targets[employee.id] = employee.appraisal_target
            elif employee.id in heads or employee.id in with_subordinates:
                targets[employee.id] = "manager"
            else:
                targets[employee.id] = "staff"
        return targets

    def _get_appraisal_superior(self):
        """The direct superior: the employee's manager, else the head of
        their department (when that is not themselves)."""
        self.ensure_one()
        if self.parent_id and self.parent_id != self:
            return self.parent_id
        department = self.department_id
        while department:
            if department.manager_id and department.manager_id != self:
                return department.manager_id
            department = department.parent_id
        return self.browse()

    def _get_appraisal_head(self, reviewer_user=None):
        """The head who approves: the first department manager up the
        department tree who is neither the employee nor the reviewer.
        When the reviewer heads the top unit, they approve too."""
        self.ensure_one()
        department = self.department_id
        fallback = self.browse()
        while department:
            manager = department.manager_id
            if manager and manager != self:
                if not reviewer_user or manager.user_id != reviewer_user:
                    return manager
                fallback = manager
            department = department.parent_id
        return fallback

    @api.model
    def _get_appraisal_managed_by(self, user):
        """Employees whose forms ``user`` may see as a superior: everyone
        below them in the manager chain or in a department they head
        (sub-departments included), themselves excluded."""
        employees = self.sudo().with_context(active_test=False)
        mine = employees.search([("user_id", "=", user.id)])
        if not mine:
            return self.browse()
        headed = self.env["hr.department"].sudo().with_context(active_test=False).search(
            [("manager_id", "in", mine.ids)]
        )
        domain = [("parent_id", "child_of", mine.ids)]
        if headed:
            domain = ["|", ("department_id", "child_of", headed.ids)] + domain
        return (employees.search(domain) - mine).with_env(self.env)

    def action_open_appraisal_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["name"] = self.env._("Appraisals of %(employee)s", employee=self.name)
        action["context"] = {"create": False}
        action["view_mode"] = "list,form,graph,pivot"
        action["views"] = [(False, "list"), (False, "form"), (False, "graph"), (False, "pivot")]
        return action
