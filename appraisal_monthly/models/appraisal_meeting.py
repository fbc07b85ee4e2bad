from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..user_lang import in_user_lang


class AppraisalMeeting(models.Model):
    """The unit's appraisal meeting (họp đánh giá, nhận xét của tập thể).

    Its minutes and files are kept on the period; the collective's comments
    on each person are attached to their forms, where the head reads them
    before deciding (Decree 90/2020: self-assessment, comments at a unit
    meeting, decision by the competent head).
    """

    _name = "appraisal.meeting"
    _description = "Unit Appraisal Meeting"
    _inherit = [
        "mail.thread.main.attachment", "mail.activity.mixin", "appraisal.input.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    def _default_department_id(self):
        # A head records the meeting of the unit they head.
        if self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            return False
        return self.env["hr.department"].sudo().search(
            [("manager_id.user_id", "=", self.env.uid)], limit=1
        ).id

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    period_id = fields.Many2one(
        "appraisal.period",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, string="Company"
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        default=lambda self: self._default_department_id(),
        index=True,
        check_company=True,
        tracking=True,
        help="The unit that met; empty for a meeting of the whole body.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    chair_user_id = fields.Many2one(
        "res.users",
        string="Chaired By",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    attendees = fields.Text(help="Who attended, and who was excused.")
    minutes = fields.Html(sanitize_style=True)
    comment_ids = fields.One2many(
        "appraisal.meeting.comment", "meeting_id", string="Comments", copy=False
    )
    comment_count = fields.Integer(compute="_compute_comment_count")
    is_my_unit = fields.Boolean(
        compute="_compute_is_my_unit",
        search="_search_is_my_unit",
        help="A meeting of a unit I head (or of one of its sub-units).",
    )

    @api.depends("period_id.name", "department_id.name")
    def _compute_name(self):
        for meeting in self:
            meeting.name = self.env._(
                "Appraisal meeting %(unit)s - %(period)s",
                unit=meeting.department_id.name or meeting.company_id.name or "",
                period=meeting.period_id.name or "",
            )

    @api.depends("comment_ids")
    def _compute_comment_count(self):
        for meeting in self:
            meeting.comment_count = len(meeting.comment_ids)

    @api.depends_context("uid")
    @api.depends("department_id")
    def _compute_is_my_unit(self):
        units = self._get_my_units()
        for meeting in self:
            meeting.is_my_unit = bool(meeting.department_id & units)

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on 'my unit'."))
        units = self._get_my_units()
        positive = (operator == "=") == value
        if positive:
            return [("department_id", "in", units.ids)]
        return ["|", ("department_id", "=", False), ("department_id", "not in", units.ids)]

    @api.model
    def _get_my_units(self):
        """The departments the current user heads, with their sub-units."""
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        headed = Department.search([("manager_id.user_id", "=", self.env.uid)])
        if not headed:
            return Department.browse()
        return Department.search([("id", "child_of", headed.ids)])

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        meetings = super().create(vals_list)
        meetings._check_may_hold()
        return meetings

    @in_user_lang
    def write(self, vals):
        result = super().write(vals)
        if {"department_id", "period_id"} & set(vals):
            self._check_may_hold()
        return result

    def _check_may_hold(self):
        """HR officers record any meeting; a head records their unit's."""
        if self.env.su or self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            return
        units = self._get_my_units()
        for meeting in self:
            if not meeting.department_id or meeting.department_id not in units:
                raise AccessError(
                    self.env._(
                        "Only HR officers and the head of the unit may record its "
                        "appraisal meeting. Choose a unit you head."
                    )
                )


class AppraisalMeetingComment(models.Model):
    _name = "appraisal.meeting.comment"
    _inherit = ["appraisal.input.mixin"]
    _description = "Collective Comment on an Appraisal"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one(
        "appraisal.meeting", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    form_id = fields.Many2one(
        "appraisal.form",
        string="Appraisal Form",
        required=True,
        ondelete="cascade",
        index=True,
    )
    employee_id = fields.Many2one(
        related="form_id.employee_id", store=True, index=True, string="Employee"
    )
    comment = fields.Text(required=True)
    date = fields.Date(related="meeting_id.date", store=True, string="Meeting Date")
    period_id = fields.Many2one(related="meeting_id.period_id", store=True, string="Period")
    department_id = fields.Many2one(
        related="meeting_id.department_id", store=True, string="Unit"
    )
    company_id = fields.Many2one(
        related="meeting_id.company_id", store=True, index=True, string="Company"
    )

    @api.constrains("form_id", "meeting_id")
    def _check_form_of_meeting(self):
        for comment in self.sudo():
            meeting, form = comment.meeting_id, comment.form_id
            if form.period_id != meeting.period_id:
                raise ValidationError(
                    self.env._(
                        "The comment on %(form)s belongs to another period than the "
                        "meeting (%(period)s).",
                        form=form.name,
                        period=meeting.period_id.name,
                    )
                )
            unit = meeting.department_id
            if unit and not (
                form.department_id
                and (form.department_id.parent_path or "").startswith(unit.parent_path or "/")
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not in %(unit)s, the unit that met.",
                        employee=form.employee_id.name,
                        unit=unit.name,
                    )
                )
