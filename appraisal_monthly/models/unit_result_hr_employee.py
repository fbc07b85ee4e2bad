from collections import defaultdict

from odoo import models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def _get_appraisal_subordinates(self):
        """{employee id: set of subordinate ids} for many managers at once.

        The employee-based twin of ``_get_appraisal_managed_by(user)``:
        everyone below the employee in the manager chain or in a department
        they head (sub-departments included), archived people included,
        themselves excluded.  The hierarchy of the companies concerned is
        read in two queries and walked in memory, whatever the number of
        managers.
        """
        if not self:
            return {}
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        people = Employee.search_fetch(
            [("company_id", "in", self.sudo().company_id.ids)], ["parent_id", "department_id"]
        )
        departments = Department.search_fetch([], ["parent_id", "manager_id"])
        reports = defaultdict(list)  # manager id -> direct reports
        members = defaultdict(list)  # department id -> employees
        for person in people:
            reports[person.parent_id.id].append(person.id)
            members[person.department_id.id].append(person.id)
        sub_departments = defaultdict(list)
        headed = defaultdict(list)
        for department in departments:
            sub_departments[department.parent_id.id].append(department.id)
            if department.manager_id:
                headed[department.manager_id.id].append(department.id)

        def walk(roots, children):
            seen = set()
            stack = list(roots)
            while stack:
                node = stack.pop()
                if node in seen:
                    continue
                seen.add(node)
                stack.extend(children.get(node, ()))
            return seen

        result = {}
        for employee in self:
            below = walk([employee.id], reports)
            for department_id in walk(headed.get(employee.id, ()), sub_departments):
                below.update(members.get(department_id, ()))
            below.discard(employee.id)
            result[employee.id] = below
        return result
