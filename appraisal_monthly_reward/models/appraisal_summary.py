from odoo import api, fields, models

WATCHED = ("rating", "average_score")


class AppraisalSummary(models.Model):
    """Annual results: the awards decided on them, and a flag on those
    awards when the result changes after the decision."""

    _inherit = "appraisal.summary"

    reward_award_ids = fields.Many2many(
        "appraisal.reward.award", compute="_compute_reward_award_ids", string="Commendations")
    reward_titles = fields.Char(string="Titles Awarded", compute="_compute_reward_award_ids")

    @api.depends_context("uid")
    @api.depends("employee_id", "year", "period_type")
    def _compute_reward_award_ids(self):
        yearly = self.filtered(lambda s: s.period_type == "year" and s.employee_id)
        awards = self.env["appraisal.reward.award"]
        if yearly:
            awards = awards.search([
                ("employee_id", "in", yearly.employee_id.ids),
                ("year", "in", list(set(yearly.mapped("year")))),
                ("decided", "=", True),
            ])
        for summary in self:
            mine = awards.filtered(
                lambda a, s=summary: a.employee_id == s.employee_id and a.year == s.year
            ) if summary in yearly else awards.browse()
            summary.reward_award_ids = mine
            summary.reward_titles = ", ".join(
                "%s%s" % (a.title_id.name, "" if a.state == "awarded" else " (-)")
                for a in mine) or False

    def write(self, vals):
        """A yearly result that changes after an award was decided on it
        flags the award (recomputed when a form is reopened or approved)."""
        if not set(WATCHED) & set(vals):
            return super().write(vals)
        yearly = self.filtered(lambda s: s.period_type == "year")
        before = {s.id: (s.rating, round(s.average_score or 0.0, 2)) for s in yearly}
        result = super().write(vals)
        changes = []
        for summary in yearly:
            after = (summary.rating, round(summary.average_score or 0.0, 2))
            if after != before[summary.id]:
                changes.append((summary, before[summary.id], after))
        if changes:
            self.env["appraisal.reward.award"]._flag_rating_changes(changes)
        return result

    def action_open_reward_awards(self):
        self.ensure_one()
        action = self.env["appraisal.reward.award"]._action_employee_history(
            self.employee_id.id, self.employee_id.name)
        action["domain"] = [("id", "in", self.reward_award_ids.ids)]
        return action
