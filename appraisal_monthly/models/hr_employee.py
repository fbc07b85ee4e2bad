from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .. import compat
from ..user_lang import in_user_lang

# Fields of hr.employee and hr.department that shape the hierarchy of
# superiors: a change of one of them forgets the hierarchy computed in the
# transaction (see _get_appraisal_managed_by).
HIERARCHY_FIELDS = {"user_id", "parent_id", "department_id", "manager_id", "active", "company_id"}
MANAGED_BY_CACHE = "appraisal_monthly.managed_by"


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
    appraisal_discipline_count = fields.Integer(
        string="Disciplinary Measures",
        compute="_compute_appraisal_discipline_count",
    )

    @api.depends_context("uid")
    def _compute_appraisal_form_count(self):
        counts = self.env["appraisal.form"]._count_by_employee(self.ids)
        for employee in self:
            employee.appraisal_form_count = counts.get(employee.id, 0)

    @api.depends_context("uid")
    def _compute_appraisal_discipline_count(self):
        counts = {
            employee.id: count
            for employee, count in self.env["appraisal.discipline"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        }
        for employee in self:
            employee.appraisal_discipline_count = counts.get(employee.id, 0)

    # ------------------------------------------------------------------
    # CRUD: a change of the hierarchy forgets the one computed so far
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self.env["hr.employee"]._forget_appraisal_hierarchy()
        vals_list = [
            dict(vals, parent_id=manager.id) if manager else vals
            for vals in vals_list
            for manager in [compat.manager_following_department(self.env, vals)]
        ]
        return super().create(vals_list)

    def write(self, vals):
        if HIERARCHY_FIELDS & set(vals):
            self._forget_appraisal_hierarchy()
        # The manager follows the department, as hr does it on 18.0.
        manager = compat.manager_following_department(self.env, vals)
        if manager and self - manager:
            super(HrEmployee, self - manager).write(dict(vals, parent_id=manager.id))
            return super(HrEmployee, self & manager).write(vals) if self & manager else True
        return super().write(vals)

    def unlink(self):
        self._forget_appraisal_hierarchy()
        return super().unlink()

    # ------------------------------------------------------------------
    # Hierarchy
    # ------------------------------------------------------------------

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
        (sub-departments included), themselves excluded.

        Computed once per transaction and user, then reused by every access
        check of the request (record rules, buttons, guards).  The memo
        lives in the cursor's pre-commit data, which Odoo empties at commit,
        rollback and savepoint rollback; any change of an employee's or a
        department's place in the hierarchy empties it too.
        """
        memo = self.env.cr.precommit.data.setdefault(MANAGED_BY_CACHE, {})
        if user.id not in memo:
            memo[user.id] = self._read_appraisal_managed_by(user).ids
        return self.browse(memo[user.id])

    @api.model
    def _read_appraisal_managed_by(self, user):
        """One query, whatever the reader's rank: the manager chain below
        the user's employee records (archived people included), walked by a
        recursive query, and the members of the departments they head with
        their sub-departments (the departments' parent path)."""
        compat.flush_employees(self.env, ["user_id", "parent_id", "department_id"])
        self.env["hr.department"].flush_model(["manager_id", "parent_path"])
        self.env.cr.execute(SQL(
            """
            WITH RECURSIVE mine AS (
                SELECT id FROM hr_employee WHERE user_id = %(user)s
            ), chain(id) AS (
                SELECT e.id FROM hr_employee e JOIN mine ON e.parent_id = mine.id
                UNION
                SELECT e.id FROM hr_employee e JOIN chain ON e.parent_id = chain.id
            )
            SELECT id FROM chain
            UNION
            SELECT e.id
              FROM hr_employee e
              %(version_join)s
              JOIN hr_department d ON d.id = %(department)s
              JOIN hr_department h ON starts_with(d.parent_path, h.parent_path)
              JOIN mine ON h.manager_id = mine.id
            EXCEPT
            SELECT id FROM mine
            """,
            user=user.id,
            version_join=compat.employee_version_join("e"),
            department=compat.employee_column("e", "department_id"),
        ))
        return self.browse(sorted(row[0] for row in self.env.cr.fetchall()))

    @api.model
    def _forget_appraisal_hierarchy(self):
        self.env.cr.precommit.data.pop(MANAGED_BY_CACHE, None)

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

    def _get_appraisal_superiors(self):
        """Ids of everyone these employees are a subordinate of (see
        ``_get_appraisal_subordinates``, read upwards): their managers up
        the chain, and the heads of their departments and of the
        departments above.  A few queries (one a level of the chain, one
        for the departments), whatever the size of the company: the unit
        results a change of these people's forms touches."""
        if not self:
            return set()
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        departments = {
            department.id: (department.parent_id.id, department.manager_id.id)
            for department in Department.search_fetch([], ["parent_id", "manager_id"])
        }
        people = Employee.browse(self.ids)
        people.fetch(["parent_id", "department_id"])
        result = set()
        for department_id in set(people.department_id.ids):
            walked = set()
            while department_id and department_id not in walked:
                walked.add(department_id)
                department_id, manager_id = departments.get(department_id, (False, False))
                if manager_id:
                    result.add(manager_id)
        # The managers up the chain (not the heads of their departments:
        # they are not above the people below those managers).
        seen = set(self.ids)
        chain = set(people.parent_id.ids)
        todo = chain - seen
        while todo:
            seen |= todo
            parents = set(Employee.browse(todo).parent_id.ids)
            chain |= parents
            todo = parents - seen
        return result | chain

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @in_user_lang
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

    @in_user_lang
    def action_open_appraisal_disciplines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_discipline_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["name"] = self.env._(
            "Disciplinary Measures of %(employee)s", employee=self.name
        )
        action["context"] = {"default_employee_id": self.id}
        return action

    @in_user_lang
    def action_open_appraisal_trend(self):
        """The employee's score month by month, as a line graph."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_report_action_trend"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["name"] = self.env._("Trend of %(employee)s", employee=self.name)
        return action

    def _check_not_oneself_discipline(self):
        """Nobody records, changes or annuls a disciplinary measure about
        themselves (it decides their own level)."""
        if self.env.user in self.sudo().user_id:
            raise AccessError(
                self.env._(
                    "Nobody records, changes or removes a disciplinary measure about "
                    "themselves: ask another HR officer."
                )
            )
