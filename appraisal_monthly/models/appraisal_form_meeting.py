from odoo import api, fields, models


class AppraisalForm(models.Model):
    """The collective's comments from unit meetings, shown on each form."""

    _inherit = "appraisal.form"

    meeting_comment_ids = fields.One2many(
        "appraisal.meeting.comment",
        "form_id",
        string="Collective Comments",
        readonly=True,
    )
    meeting_comment_count = fields.Integer(compute="_compute_meeting_comment_count")

    @api.depends_context("uid")
    @api.depends("meeting_comment_ids")
    def _compute_meeting_comment_count(self):
        for form in self:
            form.meeting_comment_count = len(form.meeting_comment_ids)
