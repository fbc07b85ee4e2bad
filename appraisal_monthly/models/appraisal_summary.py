import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL

from .. import compat
from ..rules import results as summary_rules
from ..rules import workflow
from ..user_lang import in_user_lang
from ..workflow_write import in_workflow, workflow_writing

# Written by the Lock and Unlock actions only, whoever calls.
SUMMARY_STATUS_FIELDS = {"state", "date_locked", "locked_user_id"}
# Computed from the approved forms by the roll-up (_refresh) only.
SUMMARY_FIGURE_FIELDS = {"form_ids", "month_count", "average_score", "rating", "veto"}
# What HR writes by hand: the reason to unlock.
SUMMARY_USER_FIELDS = {"unlock_reason"}

SUMMARY_RATING_SELECTION = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("completed", "Completed"),
    ("failed", "Failed"),
    ("not_classified", "Not Classified"),
]


@compat.sql_constraints(
    (
        "employee_span_uniq",
        "unique(employee_id, period_type, year, quarter)",
        "An employee has one result per quarter and per year.",
    ),
    (
        "quarter_range",
        "CHECK((period_type = 'year' AND quarter = 0) "
        "OR (period_type = 'quarter' AND quarter BETWEEN 1 AND 4))",
        "A quarter is numbered 1 to 4; a year has no quarter.",
    ),
)
class AppraisalSummary(models.Model):
    """A person's quarterly or annual result, rolled up from their forms.

    The average of the approved monthly (or quarterly) results on the
    100-point scale, then the company's thresholds (Decree 335/2025); see
    ``summary_rules`` for leave, the six-month rule and the discipline
    veto.  Kept up to date while forms are approved or reopened, until HR
    locks it once the annual review is decided.

    "The same person": the forms of the employee record, plus those of the
    other employee records (archived ones included) of the same user, so
    that the results of a body the person left (another company of the
    database) follow them.  A transfer between departments keeps the
    employee record, so its forms are the person's anyway.
    """

    _name = "appraisal.summary"
    _description = "Quarterly and Annual Appraisal Result"
    _inherit = ["mail.thread", "appraisal.managed.mixin", "appraisal.workflow.mixin"]
    _order = "year desc, period_type desc, quarter, department_id, employee_id"
    _check_company_auto = True
    # The gate (appraisal_workflow_mixin.py): HR locks and unlocks; the
    # status and the figures are the workflow's and the roll-up's only.
    _workflow_transitions = workflow.SUMMARY_TRANSITIONS
    _workflow_role_first = True
    _workflow_protected_fields = frozenset(SUMMARY_STATUS_FIELDS | SUMMARY_FIGURE_FIELDS)

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        related="employee_id.department_id",
        store=True,
        index=True,
        string="Current Department",
    )
    span_department_id = fields.Many2one(
        "hr.department",
        string="Unit at the Time",
        compute="_compute_span_department_id",
        store=True,
        index=True,
        help="The unit the person was in during the span: the department of "
        "their latest approved form of it (the unit that rates the year, "
        "Decree 335/2025); the department at creation when there is none. "
        "It does not follow later transfers.",
    )
    job_id = fields.Many2one(
        "hr.job", related="employee_id.job_id", string="Job Position"
    )
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")],
        required=True,
        readonly=True,
        index=True,
    )
    year = fields.Integer(required=True, readonly=True, index=True, aggregator=False)
    quarter = fields.Integer(
        readonly=True, aggregator=False, help="1 to 4; empty for a year."
    )
    form_ids = fields.Many2many(
        "appraisal.form",
        "appraisal_summary_form_rel",
        "summary_id",
        "form_id",
        string="Approved Results",
        readonly=True,
        help="The approved monthly (or quarterly) forms averaged, those of a "
        "previous unit or body included.",
    )
    month_count = fields.Integer(
        string="Months Covered",
        readonly=True,
        aggregator="avg",
        help="Months with an approved result: months of leave have none and "
        "are left out of the average.",
    )
    average_score = fields.Float(
        string="Average Score (%)",
        readonly=True,
        aggregator="avg",
        help="Mean of the results on the 100-point scale, each weighted by "
        "the months it covers.",
    )
    rating = fields.Selection(
        SUMMARY_RATING_SELECTION, string="Level", readonly=True, index=True
    )
    veto = fields.Boolean(
        string="Disciplinary Measure",
        readonly=True,
        help="A measure of reprimand or worse in the span: rated Failed.",
    )
    state = fields.Selection(
        [("draft", "Up to Date"), ("locked", "Locked")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_locked = fields.Datetime(readonly=True, copy=False)
    locked_user_id = fields.Many2one("res.users", string="Locked By", readonly=True, copy=False)
    unlock_reason = fields.Text(
        copy=False, help="Why the decided result is reopened (required to unlock)."
    )

    @api.depends("employee_id.name", "period_type", "year", "quarter")
    def _compute_name(self):
        for summary in self:
            if summary.period_type == "quarter":
                span = self.env._("Q%(quarter)s %(year)s", quarter=summary.quarter, year=summary.year)
            else:
                span = str(summary.year)
            summary.name = "%s - %s" % (summary.employee_id.name or "", span)

    @api.depends("form_ids.department_id", "form_ids.date_start")
    def _compute_span_department_id(self):
        for summary in self:
            forms = summary.form_ids.filtered("department_id").sorted(
                lambda form: (form.date_start, form.id)
            )
            summary.span_department_id = (
                forms[-1:].department_id
                or summary.span_department_id
                or summary.employee_id.department_id
            )

    # ------------------------------------------------------------------
    # CRUD: results are computed from approved forms, locked by actions
    # ------------------------------------------------------------------
    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Quarterly and annual results are computed from the approved forms: "
                    "they cannot be entered by hand. Use Recompute on a result instead."
                )
            )
        self._workflow_check_create_values(vals_list)
        return super().create(vals_list)

    @api.model
    def _workflow_create_refusal(self, fnames):
        if fnames & SUMMARY_STATUS_FIELDS:
            return self.env._("A result is locked with its Lock button only.")
        return self.env._(
            "Quarterly and annual results are computed from the approved forms: "
            "they cannot be entered by hand. Use Recompute on a result instead."
        )

    def _workflow_write_refusal(self, fnames):
        if fnames & SUMMARY_STATUS_FIELDS:
            return self.env._("A result is locked and unlocked with its buttons only "
                              "(Lock, Unlock with a reason).")
        return self.env._(
            "Quarterly and annual results are computed from the approved "
            "forms: they cannot be changed by hand. Reopen and correct a form, "
            "then Recompute."
        )

    @in_user_lang
    def write(self, vals):
        changed = {fname for fname in vals if not fname.startswith(("message_", "activity_"))}
        if changed and not in_workflow(self):
            if changed & SUMMARY_STATUS_FIELDS:
                self._workflow_check_write(changed)
            if not self.env.su and changed - SUMMARY_USER_FIELDS:
                raise AccessError(
                    self.env._(
                        "Quarterly and annual results are computed from the approved "
                        "forms: they cannot be changed by hand. Reopen and correct a form, "
                        "then Recompute."
                    )
                )
            locked = self.filtered(lambda s: s.state == "locked")
            if locked and changed - SUMMARY_USER_FIELDS:
                raise UserError(
                    self.env._(
                        "Result %(results)s is locked: unlock it, with a reason, first.",
                        results=", ".join(locked.mapped("name")),
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_officer(self):
        if not self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            raise AccessError(self.env._("Only HR officers may lock or unlock results."))

    def _check_role(self, action):
        self._check_officer()

    @in_user_lang
    def action_lock(self):
        """HR fixes the result once the annual review is decided (results
        already locked are left as they are)."""
        self._check_officer()
        self.filtered(lambda s: s.state != "locked")._run_step("lock", {
            "date_locked": fields.Datetime.now(),
            "locked_user_id": self.env.uid,
            "unlock_reason": False,
        })
        return True

    @in_user_lang
    def action_unlock(self, reason=None):
        """HR reopens a locked result, with a reason; it is recomputed."""
        self._check_officer()
        locked = self.filtered(lambda s: s.state == "locked")
        reasons = {}
        for summary in locked:
            text = self._workflow_reason(reason) or (summary.unlock_reason or "").strip()
            if not text:
                raise UserError(
                    self.env._(
                        "Write the reason for unlocking %(summary)s first.",
                        summary=summary.name,
                    )
                )
            reasons[summary.id] = text
        locked._run_step("unlock", {"date_locked": False, "locked_user_id": False},
                         reasons=reasons)
        self.action_recompute()
        return True

    def _after_transition(self, action, previous_states=None, reasons=None):
        if action == "unlock":
            for summary in self:
                summary._message_log(
                    body=self.env._("Unlocked by HR. Reason: %(reason)s",
                                    reason=(reasons or {}).get(summary.id, ""))
                )

    @in_user_lang
    def action_recompute(self):
        """Refresh these results from the approved forms (locked ones stay)."""
        self.env["appraisal.summary"]._refresh(
            {(summary.employee_id.id, summary.year) for summary in self}
        )
        return True

    @in_user_lang
    def action_open_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_form_action"
        )
        action["domain"] = [("id", "in", self.form_ids.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Roll-up
    # ------------------------------------------------------------------
    @api.model
    def _get_person_employees(self, employees):
        """{employee: all employee records of the same person}.

        The same person: the same employee record, or records linked to the
        same user (a move to another company of the database).
        """
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        employees = employees.sudo().with_context(active_test=False)
        users = employees.user_id
        linked = Employee.search([("user_id", "in", users.ids)]) if users else Employee
        by_user = defaultdict(lambda: Employee)
        for employee in linked:
            by_user[employee.user_id.id] |= employee
        return {
            employee: (by_user[employee.user_id.id] if employee.user_id else employee) | employee
            for employee in employees
        }

    @api.model
    def _refresh(self, keys):
        """Recompute (creating missing ones) the quarter and year results of
        the given (employee id, year) pairs, and of the same person's other
        active employee records; locked results are left alone.
        """
        keys = {(emp_id, year) for emp_id, year in keys if emp_id and year}
        if not keys:
            return self.browse()
        Summary = self.sudo()
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        persons = self._get_person_employees(Employee.browse({emp for emp, _y in keys}))
        # Whose results: the person's active records (the record itself
        # when all are archived, e.g. a person who left).
        targets = set()
        for emp_id, year in keys:
            group = persons[Employee.browse(emp_id)]
            owners = group.filtered("active") or Employee.browse(emp_id)
            targets.update((owner, group, year) for owner in owners)
        all_employees = Employee.browse(
            {e.id for _o, group, _y in targets for e in group}
        )
        years = {year for _o, _g, year in targets}
        start = datetime.date(min(years), 1, 1)
        end = datetime.date(max(years), 12, 31)
        forms = self.env["appraisal.form"].sudo().search([
            ("employee_id", "in", all_employees.ids),
            ("state", "=", "approved"),
            ("date_start", ">=", start),
            ("date_start", "<=", end),
        ])
        measures = self.env["appraisal.discipline"].sudo().search([
            ("employee_id", "in", all_employees.ids),
            ("is_veto", "=", True),
            ("date", ">=", start),
            ("date", "<=", end),
        ])
        forms_by_emp = defaultdict(list)
        for form in forms:
            forms_by_emp[form.employee_id.id].append(form)
        vetoes_by_emp = defaultdict(list)
        for measure in measures:
            vetoes_by_emp[measure.employee_id.id].append(measure.date)
        existing = {
            (s.employee_id.id, s.period_type, s.year, s.quarter): s
            for s in Summary.search([
                ("employee_id", "in", list({o.id for o, _g, _y in targets})),
                ("year", "in", list(years)),
            ])
        }
        to_create = []
        to_update = []  # (result, values)
        for owner, group, year in targets:
            spans = self._compute_spans(owner, group, year, forms_by_emp, vetoes_by_emp)
            for (period_type, quarter), vals in spans.items():
                summary = existing.get((owner.id, period_type, year, quarter))
                if summary:
                    if summary.state != "locked":
                        to_update.append((summary, vals))
                elif vals["form_ids"][0][2] or vals["veto"] or period_type == "year":
                    to_create.append(dict(
                        vals, employee_id=owner.id, period_type=period_type,
                        year=year, quarter=quarter,
                    ))
        self._update_results(to_update)
        if not to_create:
            return Summary.browse()
        # No "created" note nor follower on each result: they are computed
        # figures, made by the thousand.
        with Summary._workflow_creating():
            return Summary.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True
            ).create(to_create)

    def _update_results(self, updates):
        """Write the recomputed values of many results, ``[(result,
        values)]``, in a few queries: one write per set of identical
        figures, and the forms of all of them in one batch of the
        relation (a write of each result would update its forms on its
        own).  Results whose values did not change are left alone."""
        if not updates:
            return
        form_field = self._fields["form_ids"]
        by_values = {}
        forms_changed = []
        for summary, vals in updates:
            form_ids = vals["form_ids"][0][2]
            if set(form_ids) != set(summary.form_ids.ids):
                forms_changed.append((summary, [Command.set(form_ids)]))
            figures = {fname: value for fname, value in vals.items() if fname != "form_ids"}
            if any(summary[fname] != value for fname, value in figures.items()):
                by_values.setdefault(tuple(sorted(figures.items())), []).append(summary.id)
        results = self.sudo()
        for figures, ids in by_values.items():
            with workflow_writing(results.browse(ids)) as writable:
                writable.write(dict(figures))
        if forms_changed:
            form_field.write_batch(forms_changed)
            # write_batch skips the ORM's dependency tracking: the unit of
            # the span follows the forms.
            results.browse([summary.id for summary, _c in forms_changed]).modified(
                ["form_ids"]
            )

    @api.model
    def _refresh_company_year(self, company, year):
        """Refresh the results of everyone with an approved form of the
        company in the year (e.g. forms approved before this feature)."""
        groups = self.env["appraisal.form"].sudo()._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "approved"),
                ("date_start", ">=", datetime.date(year, 1, 1)),
                ("date_start", "<=", datetime.date(year, 12, 31)),
            ],
            ["employee_id"],
        )
        return self._refresh({(employee.id, year) for (employee,) in groups})

    @api.model
    def _stale_employee_ids(self, company, year):
        """Ids of the people of ``company`` whose stored results of
        ``year`` are not up to date: an approved form of the year that no
        year result counts (approved since, or before results existed), or
        a year result counting a form no longer approved (reopened,
        cancelled).  Locked results are left as they are.  Two queries,
        whatever the size of the company."""
        Form = self.env["appraisal.form"]
        Form.flush_model(["company_id", "state", "date_start", "employee_id"])
        self.flush_model(["employee_id", "company_id", "year", "period_type", "state", "form_ids"])
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        self.env.cr.execute(SQL(
            """SELECT DISTINCT form.employee_id
                 FROM appraisal_form form
                WHERE form.company_id = %(company)s AND form.state = 'approved'
                  AND form.date_start BETWEEN %(start)s AND %(end)s
                  AND NOT EXISTS (
                        SELECT 1 FROM appraisal_summary_form_rel rel
                          JOIN appraisal_summary result ON result.id = rel.summary_id
                         WHERE rel.form_id = form.id AND result.period_type = 'year'
                           AND result.year = %(year)s)
                  AND NOT EXISTS (
                        SELECT 1 FROM appraisal_summary locked
                         WHERE locked.employee_id = form.employee_id
                           AND locked.period_type = 'year' AND locked.year = %(year)s
                           AND locked.state = 'locked')""",
            company=company.id, start=start, end=end, year=year,
        ))
        stale = {row[0] for row in self.env.cr.fetchall()}
        self.env.cr.execute(SQL(
            """SELECT DISTINCT result.employee_id
                 FROM appraisal_summary result
                 JOIN appraisal_summary_form_rel rel ON rel.summary_id = result.id
                 JOIN appraisal_form form ON form.id = rel.form_id
                WHERE result.company_id = %(company)s AND result.year = %(year)s
                  AND result.period_type = 'year' AND result.state != 'locked'
                  AND form.state != 'approved'""",
            company=company.id, year=year,
        ))
        stale.update(row[0] for row in self.env.cr.fetchall())
        return stale

    @api.model
    def _compute_spans(self, owner, group, year, forms_by_emp, vetoes_by_emp):
        """{(period_type, quarter): values} of one person's year."""
        company = owner.company_id or self.env.company
        thresholds = company._get_appraisal_thresholds()
        min_months = company.appraisal_min_months_classified
        results = []  # (form, covered months)
        vetoes = []
        for employee in group:
            for form in forms_by_emp.get(employee.id, ()):
                if form.date_start.year != year:
                    continue
                length = 3 if form.period_id.period_type == "quarter" else 1
                results.append(
                    (form, summary_rules.covered_months(form.date_start.month, length))
                )
            vetoes += [day for day in vetoes_by_emp.get(employee.id, ()) if day.year == year]

        def values(selected, veto, minimum):
            average, month_count, rating = summary_rules.summarize(
                [(form.score_percent, months) for form, months in selected],
                thresholds,
                veto=veto,
                min_months=minimum,
            )
            return {
                "form_ids": [fields.Command.set([form.id for form, _m in selected])],
                "month_count": month_count,
                "average_score": average,
                "rating": rating,
                "veto": veto,
            }

        spans = {("year", 0): values(results, bool(vetoes), min_months)}
        for quarter in range(1, 5):
            selected = [
                (form, months) for form, months in results
                if summary_rules.quarter_of(form.date_start.month) == quarter
            ]
            veto = any(summary_rules.quarter_of(day.month) == quarter for day in vetoes)
            spans[("quarter", quarter)] = values(selected, veto, 0)
        return spans
