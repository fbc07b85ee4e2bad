from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..rules import scoring
from ..user_lang import in_user_lang

# The only fields anyone may write by hand (allow-lists: a field added later
# is protected by default).  The rest is copied from the criterion when the
# form is made, or computed.
SELF_FIELDS = {"self_score", "self_veto", "note", "attachment_ids"}
MANAGER_FIELDS = {"manager_score", "manager_veto", "manager_note"}
# Lines whose figure is computed (see appraisal_form_line_work_plan.py).
AUTO_SOURCES = ("task_result", "unit_result")


class AppraisalFormLine(models.Model):
    _name = "appraisal.form.line"
    _description = "Appraisal Form Line"
    _order = "form_id, sequence, id"

    form_id = fields.Many2one(
        "appraisal.form", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="form_id.company_id", store=True)
    state = fields.Selection(related="form_id.state")
    criterion_id = fields.Many2one(
        "appraisal.criterion",
        string="Source Criterion",
        ondelete="set null",
        readonly=True,
    )
    sequence = fields.Integer(default=10)
    display_type = fields.Selection(
        [("line_section", "Section"), ("line_note", "Note")], readonly=True
    )
    name = fields.Char(string="Criterion", required=True, readonly=True, translate=True)
    description = fields.Text(string="Guidance", readonly=True, translate=True)
    max_score = fields.Float(string="Max", readonly=True)
    kind = fields.Selection(
        [("score", "Score"), ("bonus", "Bonus"), ("penalty", "Penalty")],
        required=True,
        default="score",
        readonly=True,
    )
    veto = fields.Boolean(readonly=True)
    auto_source = fields.Selection(
        [
            ("task_result", "Task results from the work plan"),
            ("unit_result", "Result of the unit led"),
            ("discipline", "Disciplinary measures"),
        ],
        string="Filled From",
        readonly=True,
    )
    self_score = fields.Float()
    self_veto = fields.Boolean(string="Self: Applies")
    self_scored = fields.Boolean(
        readonly=True, help="The employee has entered this line."
    )
    manager_score = fields.Float(string="Superior's Score")
    manager_veto = fields.Boolean(string="Superior: Applies")
    manager_scored = fields.Boolean(
        readonly=True, help="The superior has entered this line."
    )
    discipline_auto = fields.Boolean(
        string="Set from Discipline",
        readonly=True,
        copy=False,
        help="This veto was set from a disciplinary measure recorded by HR; "
        "it follows the measure and cannot be unchecked by hand.",
    )
    final_score = fields.Float(compute="_compute_final", store=True)
    final_veto = fields.Boolean(compute="_compute_final", store=True)
    note = fields.Text(string="Employee's Note")
    manager_note = fields.Text(string="Superior's Note")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "appraisal_form_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
    )

    _sql_constraints = [
        (
            "self_score_range",
            "CHECK(self_score IS NULL OR (self_score >= 0 AND self_score <= max_score))",
            "A self score must lie between 0 and the criterion's maximum.",
        ),
        (
            "manager_score_range",
            "CHECK(manager_score IS NULL OR (manager_score >= 0 AND manager_score <= max_score))",
            "A superior's score must lie between 0 and the criterion's maximum.",
        ),
    ]

    @api.depends("self_score", "manager_score", "manager_scored", "self_veto", "manager_veto")
    def _compute_final(self):
        # The superior's figure wins once entered; until then the
        # employee's own figure is the running result.
        for line in self:
            if line.manager_scored:
                line.final_score = line.manager_score
                line.final_veto = line.veto and line.manager_veto
            else:
                line.final_score = line.self_score
                line.final_veto = line.veto and line.self_veto

    @api.constrains("self_score", "manager_score", "max_score")
    def _check_score_range(self):
        for line in self:
            for fname in ("self_score", "manager_score"):
                if not scoring.is_valid_line_score(line[fname], line.max_score):
                    raise ValidationError(
                        self.env._(
                            "The score of '%(criterion)s' must be between 0 and "
                            "%(max)s (got %(score)s).",
                            criterion=line.name,
                            max=line.max_score,
                            score=line[fname],
                        )
                    )

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        self.env["appraisal.form"].browse(
            [vals["form_id"] for vals in vals_list if vals.get("form_id")]
        )._check_period_not_closed()
        # Lines are made with their form, from its criteria set; HR may add
        # one by hand (e.g. a criterion missing from the set).
        if not self.env.su and not self.env.user.has_group(
            "appraisal_monthly.group_appraisal_officer"
        ):
            forms = self.env["appraisal.form"].browse(
                [vals.get("form_id") for vals in vals_list if vals.get("form_id")]
            )
            if forms.exists():
                raise AccessError(self.env._("Only HR officers may add criteria to a form."))
        return super().create(vals_list)

    def _copy_criterion_texts(self):
        """Copy the criterion's name and guidance in every language at once.

        Creating lines through the ORM would keep only the creator's
        language; one UPDATE copies the stored translations of all lines.
        """
        if not self:
            return
        self.flush_recordset(["name", "description", "criterion_id"])
        self.env["appraisal.criterion"].flush_model(["name", "description"])
        self.env.cr.execute(SQL(
            """
            UPDATE appraisal_form_line AS line
               SET name = criterion.name, description = criterion.description
              FROM appraisal_criterion AS criterion
             WHERE line.criterion_id = criterion.id AND line.id IN %s
            """,
            tuple(self.ids),
        ))
        self.invalidate_recordset(["name", "description"])

    @in_user_lang
    def write(self, vals):
        self.form_id._check_period_not_closed()
        if not self.env.su:
            self._check_line_write(vals)
        vals = dict(vals)
        if {"self_score", "self_veto"} & set(vals):
            vals["self_scored"] = True
        if {"manager_score", "manager_veto"} & set(vals):
            vals["manager_scored"] = True
        tracked = self._track_manager_changes(vals)
        result = super().write(vals)
        self._post_manager_changes(tracked)
        return result

    def _check_line_write(self, vals):
        changed = set(vals)
        if changed - SELF_FIELDS - MANAGER_FIELDS:
            raise AccessError(
                self.env._("The criteria of a form are copied from its criteria "
                           "set and its totals are computed: only scores, notes "
                           "and evidence can be entered.")
            )
        self.form_id._check_not_locked()
        if not self.env.user.has_group("appraisal_monthly.group_appraisal_officer"):
            self._check_line_scorer(changed)
        self._check_discipline_veto_kept(vals)

    def _check_line_scorer(self, changed):
        """Self scores by the employee while drafting, the superior's once
        submitted."""
        for form in self.form_id:
            if changed & SELF_FIELDS and not (form.is_own_form and form.state == "draft"):
                raise AccessError(
                    self.env._("Only %(employee)s may enter the self scores, before "
                      "submitting the form.", employee=form.employee_id.name)
                )
            if changed & MANAGER_FIELDS and not (
                (form.state == "submitted" and form.can_review)
                or (form.state == "reviewed" and form.can_approve)
            ):
                raise AccessError(
                    self.env._("Only the superior may enter scores on %(form)s once it "
                      "has been submitted.", form=form.name)
                )

    def _check_discipline_veto_kept(self, vals):
        unchecks = [fname for fname in ("self_veto", "manager_veto")
                    if fname in vals and not vals[fname]]
        if unchecks and self.filtered("discipline_auto"):
            raise UserError(
                self.env._(
                    "This veto follows from a disciplinary measure recorded by HR. "
                    "To lift it, an HR officer must correct or archive the measure."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_period(self):
        self.form_id._check_period_not_closed()

    def _track_manager_changes(self, vals):
        """Remember the superior's scores that a write changes.

        A first entry shows on the form itself; a change of a figure already
        entered is logged in the form's chatter so that it can be traced.
        """
        if "manager_score" not in vals:
            return []
        return [
            (line, line.manager_score)
            for line in self
            if line.manager_scored and line.form_id.state in ("submitted", "reviewed")
        ]

    def _post_manager_changes(self, tracked):
        by_form = {}
        for line, old in tracked:
            if old == line.manager_score:
                continue
            by_form.setdefault(line.form_id, []).append(
                self.env._(
                    "%(criterion)s: %(old)s → %(new)s",
                    criterion=line.name,
                    old=old,
                    new=line.manager_score,
                )
            )
        for form, changes in by_form.items():
            form._message_log(
                body=self.env._("Superior's scores changed: %(changes)s",
                                changes="; ".join(changes)),
            )
