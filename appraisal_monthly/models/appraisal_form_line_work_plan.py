from odoo import api, fields, models
from odoo.tools import float_compare

from ..number_format import format_number
from ..rules import task_scoring
from .appraisal_form_line import AUTO_SOURCES
from .res_company import COMBINATION_SELECTION


class AppraisalFormLine(models.Model):
    """The figure computed for a line filled from the work plan (task
    results) or from the unit led (unit result), and its working."""

    _name = "appraisal.form.line"  # an aspect file: the same model, extended
    _inherit = "appraisal.form.line"

    computed_score = fields.Float(
        string="Computed",
        compute="_compute_computed_score",
        store=True,
        help="The figure the addon computes for this line: from the work plan "
        "of the period (task results) or from the levels of the manager's "
        "subordinates (unit result). The superior may score otherwise, with a "
        "reason in the superior's note.",
    )
    has_computed_score = fields.Boolean(
        compute="_compute_computed_score",
        store=True,
        help="A figure could be computed (there are tasks, or subordinates).",
    )
    computed_method = fields.Selection(
        COMBINATION_SELECTION,
        string="Combination Used",
        compute="_compute_computed_score",
        store=True,
    )
    computed_provisional = fields.Boolean(
        string="Provisional",
        compute="_compute_computed_score",
        store=True,
        help="Some subordinates are not rated yet: the figure comes from those "
        "already rated and may still change; until it is final, the superior "
        "may score otherwise without giving a reason.",
    )
    unit_rated_count = fields.Integer(
        string="Subordinates Rated", compute="_compute_computed_score", store=True
    )
    unit_pending_count = fields.Integer(
        string="Subordinates Not Yet Rated",
        compute="_compute_computed_score",
        store=True,
    )
    unit_failed_employee_ids = fields.Many2many(
        "hr.employee",
        "appraisal_form_line_unit_failed_rel",
        "line_id",
        "employee_id",
        string="Failed Subordinates",
        compute="_compute_computed_score",
        store=True,
    )
    computed_explanation = fields.Text(
        string="Working",
        compute="_compute_computed_explanation",
        help="How the computed figure was reached.",
    )
    computed_differs = fields.Boolean(
        compute="_compute_computed_explanation",
        help="The superior's score differs from the computed figure.",
    )

    @api.depends(
        "auto_source",
        "max_score",
        "display_type",
        "form_id.task_ids.weight",
        "form_id.task_ids.date_done",
        "form_id.task_ids.date_deadline",
        "form_id.task_ids.major_error_count",
        "form_id.task_ids.delay_count",
        "form_id.task_ids.exempt",
    )
    def _compute_computed_score(self):
        # Unit results depend on other people's forms, which no @depends can
        # follow: appraisal.form triggers their recomputation (see
        # appraisal_form_work_plan.py) when forms of the period change status.
        unit_lines = self.filtered(
            lambda l: l.auto_source == "unit_result" and not l.display_type and l.form_id
        )
        unit_results = unit_lines.form_id._get_unit_results() if unit_lines else {}
        no_employee = self.env["hr.employee"]
        auto_lines = self.filtered(
            lambda l: l.auto_source in AUTO_SOURCES and not l.display_type and l.form_id
        )
        # Most lines have no computed figure: set them all at once.
        others = self - auto_lines
        others.computed_score = 0.0
        others.has_computed_score = False
        others.computed_method = False
        others.computed_provisional = False
        others.unit_rated_count = 0
        others.unit_pending_count = 0
        others.unit_failed_employee_ids = no_employee
        # The figures are assigned by groups of lines with the same values
        # (most lines of new forms have none yet): a few assignments in
        # all, and one read of the failed subordinates' current values (a
        # line at a time, each assignment would read its own).
        groups = {}
        for line in auto_lines:
            score, available, method, provisional = 0.0, False, False, False
            rated = pending = 0
            failed = no_employee
            if line.auto_source == "task_result":
                method = line.form_id.company_id.appraisal_task_combination or task_scoring.MEAN
                result = task_scoring.task_result(
                    line.form_id.task_ids._get_scoring_values(), method
                )
                if result:
                    score = task_scoring.scale(result.percent, line.max_score)
                    available = True
            else:
                result, failed = unit_results[line.form_id.id]
                if result.percent is not None:
                    score = task_scoring.scale(result.percent, line.max_score)
                    available = True
                provisional = result.provisional
                rated, pending = result.rated_count, result.pending_count
            key = (score, available, method, provisional, rated, pending, tuple(failed.ids))
            groups.setdefault(key, []).append(line.id)
        for key, line_ids in groups.items():
            score, available, method, provisional, rated, pending, failed_ids = key
            lines = self.browse(line_ids)
            lines.computed_score = score
            lines.has_computed_score = available
            lines.computed_method = method
            lines.computed_provisional = provisional
            lines.unit_rated_count = rated
            lines.unit_pending_count = pending
            lines.unit_failed_employee_ids = no_employee.browse(failed_ids)

    @api.depends_context("lang")
    @api.depends(
        "computed_score",
        "has_computed_score",
        "computed_method",
        "computed_provisional",
        "unit_rated_count",
        "unit_pending_count",
        "unit_failed_employee_ids",
        "manager_score",
        "manager_scored",
        "form_id.task_ids",
    )
    def _compute_computed_explanation(self):
        for line in self:
            line.computed_differs = bool(
                line.has_computed_score
                and line.manager_scored
                and float_compare(line.manager_score, line.computed_score, precision_digits=2)
            )
            if line.auto_source == "task_result" and not line.display_type:
                line.computed_explanation = line._explain_task_result()
            elif line.auto_source == "unit_result" and not line.display_type:
                line.computed_explanation = line._explain_unit_result()
            else:
                line.computed_explanation = False

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _recompute_computed_scores(self, domain):
        """Mark the computed figures of the matching lines of forms still in
        progress for recomputation; approved and cancelled forms keep the
        figures they were decided on."""
        lines = self.sudo().search(
            domain
            + [
                ("auto_source", "in", AUTO_SOURCES),
                ("form_id.state", "not in", ("approved", "cancelled")),
            ]
        )
        if lines:
            computed = self.pool.field_computed[self._fields["computed_score"]]
            for field in computed:
                self.env.add_to_compute(field, lines)
            # What depends on the figures (their working, the form's
            # summary) must not keep showing the old ones.
            lines.modified([field.name for field in computed])
        return lines

    def _explain_task_result(self):
        self.ensure_one()
        def fmt(value):
            return format_number(self.env, value)

        method = self.computed_method or task_scoring.MEAN
        result = task_scoring.task_result(
            self.form_id.sudo().task_ids._get_scoring_values(), method
        )
        if not result:
            return self.env._(
                "No task in the work plan of this period: nothing to compute. "
                "Score this line by hand."
            )
        method_labels = {
            task_scoring.MEAN: self.env._("mean"),
            task_scoring.MIN: self.env._("lowest"),
            task_scoring.PRODUCT: self.env._("product"),
        }
        text = self.env._(
            "Quantity %(done)s/%(assigned)s = %(quantity)s%%; quality "
            "%(quality_points)s/%(done)s = %(quality)s%%; progress "
            "%(progress_points)s/%(done)s = %(progress)s%%; %(method)s "
            "%(percent)s%% × %(max)s = %(score)s",
            done=fmt(result.done_weight),
            assigned=fmt(result.assigned_weight),
            quantity=fmt(result.quantity),
            quality_points=fmt(result.quality_points),
            quality=fmt(result.quality),
            progress_points=fmt(result.progress_points),
            progress=fmt(result.progress),
            method=method_labels.get(method, method),
            percent=fmt(result.percent),
            max=fmt(self.max_score),
            score=fmt(task_scoring.scale(result.percent, self.max_score)),
        )
        if result.exempt_count:
            text += self.env._(
                " (%(count)s task(s) with a confirmed objective cause: their "
                "errors and delays are not counted)",
                count=result.exempt_count,
            )
        return text

    def _explain_unit_result(self):
        self.ensure_one()
        def fmt(value):
            return format_number(self.env, value)

        if not self.has_computed_score:
            return self.env._(
                "No subordinate in this period: nothing to compute. Score this "
                "line by hand."
            )
        percent = self.computed_score * 100.0 / self.max_score if self.max_score else 0.0
        total = self.unit_rated_count + self.unit_pending_count
        failed = self.sudo().unit_failed_employee_ids
        if failed:
            text = self.env._(
                "%(rated)s of %(total)s subordinate(s) rated; rated Failed: "
                "%(names)s → %(percent)s%% × %(max)s = %(score)s",
                rated=self.unit_rated_count,
                total=total,
                names=", ".join(failed.mapped("name")),
                percent=fmt(percent),
                max=fmt(self.max_score),
                score=fmt(self.computed_score),
            )
        elif not self.unit_rated_count:
            text = self.env._(
                "None of the %(total)s subordinate(s) rated yet → %(percent)s%% × "
                "%(max)s = %(score)s",
                total=total,
                percent=fmt(percent),
                max=fmt(self.max_score),
                score=fmt(self.computed_score),
            )
        else:
            text = self.env._(
                "%(rated)s of %(total)s subordinate(s) rated, all Completed or "
                "better → %(percent)s%% × %(max)s = %(score)s",
                rated=self.unit_rated_count,
                total=total,
                percent=fmt(percent),
                max=fmt(self.max_score),
                score=fmt(self.computed_score),
            )
        if self.computed_provisional:
            text += self.env._(
                ". Provisional: %(count)s subordinate(s) not yet rated (a level "
                "counts once their form is approved).",
                count=self.unit_pending_count,
            )
        return text
