from odoo import api, models

from .. import task_scoring


class AppraisalForm(models.Model):
    _inherit = "appraisal.form"

    @api.model_create_multi
    def create(self, vals_list):
        forms = super().create(vals_list)
        # New people to rate in the period: their managers' figures change.
        forms._trigger_unit_results(exclude=forms)
        return forms

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals:
            # A level counts once approved; a reopening or a cancellation
            # takes it back.
            self._trigger_unit_results(exclude=self)
        return result

    def unlink(self):
        periods = self.period_id
        result = super().unlink()
        self.browse()._trigger_unit_results(periods=periods)
        return result

    def _trigger_unit_results(self, periods=None, exclude=None):
        """Recompute the unit results of the managers' forms still in
        progress in the periods of these forms."""
        periods = periods if periods is not None else self.period_id
        if not periods:
            return
        domain = [("form_id.period_id", "in", periods.ids), ("auto_source", "=", "unit_result")]
        if exclude:
            domain.append(("form_id", "not in", exclude.ids))
        self.env["appraisal.form.line"]._recompute_computed_scores(domain)

    def _refresh_unit_results(self):
        """Bring the unit results of these forms up to date (the hierarchy
        may have changed since they were computed) before they are used."""
        lines = self.line_ids.filtered(lambda l: l.auto_source == "unit_result")
        self.env["appraisal.form.line"]._recompute_computed_scores([("id", "in", lines.ids)])

    def _get_unit_results(self):
        """{form id: (task_scoring.UnitResult, failed subordinates)}.

        The subordinates of a manager for a period are the people below them
        (see hr.employee._get_appraisal_subordinates) who have a form in the
        period, or who are active and have none yet.  A subordinate counts
        as rated once their form is approved; cancelled forms do not count.
        """
        forms = self.sudo()
        subordinates = forms.employee_id._get_appraisal_subordinates()
        everyone = set().union(*subordinates.values()) if subordinates else set()
        status = {}  # (period id, employee id) -> (state, rating)
        for period, employee, state, rating in self.env["appraisal.form"].sudo()._read_group(
            [("period_id", "in", forms.period_id.ids), ("employee_id", "in", list(everyone))],
            ["period_id", "employee_id", "state", "rating"],
        ):
            status[period.id, employee.id] = (state, rating)
        Employee = self.env["hr.employee"].sudo().with_context(active_test=True)
        active = set(Employee.search([("id", "in", list(everyone))]).ids)
        results = {}
        for form in forms:
            ratings, failed_ids, pending = [], [], 0
            for employee_id in subordinates.get(form.employee_id.id, ()):
                state, rating = status.get((form.period_id.id, employee_id), (None, None))
                if state == "cancelled" or (state is None and employee_id not in active):
                    continue  # not appraised this period
                if state == "approved":
                    ratings.append(rating)
                    if rating == task_scoring.FAILED:
                        failed_ids.append(employee_id)
                else:
                    pending += 1
            results[form.id] = (
                task_scoring.unit_result(ratings, pending),
                Employee.browse(sorted(failed_ids)),
            )
        return results
