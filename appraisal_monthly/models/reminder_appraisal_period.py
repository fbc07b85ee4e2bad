from odoo import api, fields, models

from ..user_lang import in_user_lang
from .reminder_appraisal_form import STEP_BY_STATE


class AppraisalPeriod(models.Model):
    _inherit = "appraisal.period"

    # Who is late at each step: the period's dashboard.
    late_self_count = fields.Integer(
        string="Late at Self-Assessment", compute="_compute_late_counts"
    )
    late_review_count = fields.Integer(
        string="Late at Review", compute="_compute_late_counts"
    )
    late_total_count = fields.Integer(string="Late Forms", compute="_compute_late_counts")
    late_approval_count = fields.Integer(
        string="Late at Approval", compute="_compute_late_counts"
    )

    @api.depends_context("uid")
    def _compute_late_counts(self):
        counts = {}
        for period, state, count in self.env["appraisal.form"]._read_group(
            [("period_id", "in", self.ids), ("late_step", "!=", "none")],
            ["period_id", "state"],
            ["__count"],
        ):
            counts[period.id, STEP_BY_STATE.get(state)] = count
        for period in self:
            period.late_self_count = counts.get((period.id, "self"), 0)
            period.late_review_count = counts.get((period.id, "review"), 0)
            period.late_approval_count = counts.get((period.id, "approval"), 0)
            period.late_total_count = (
                period.late_self_count + period.late_review_count + period.late_approval_count
            )

    @in_user_lang
    def action_open(self):
        result = super().action_open()
        # Forms made before the period opened: their employees are told now
        # (forms made later are told when they are created).
        self.form_ids._queue_open_notices()
        return result

    def action_view_late_forms(self):
        """The forms of the period late at one step (``late_step`` in the
        context: self, review or approval)."""
        self.ensure_one()
        step = self.env.context.get("late_step", "self")
        action = self.action_view_forms()
        action["domain"] = [("period_id", "=", self.id), ("late_step", "=", step)]
        labels = dict(
            self.env["appraisal.form"]._fields["late_step"]._description_selection(self.env)
        )
        action["name"] = self.env._(
            "%(period)s: %(step)s", period=self.name, step=labels.get(step, step)
        )
        action["context"] = {"create": False}
        return action
