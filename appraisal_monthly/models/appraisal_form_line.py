import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

from .. import compat
from ..number_format import format_score
from ..rules import scoring
from ..user_lang import in_user_lang
from ..workflow_write import is_creating

# The only fields anyone may write by hand (allow-lists: a field added later
# is protected by default).  The rest is copied from the criterion when the
# form is made, or computed.
SELF_FIELDS = {"self_score", "self_veto", "note", "attachment_ids"}
MANAGER_FIELDS = {"manager_score", "manager_veto", "manager_note"}
# Lines whose figure is computed (see appraisal_form_line_work_plan.py).
AUTO_SOURCES = ("task_result", "unit_result")

# A line copied from its criterion when its form is made
# (``_create_from_criteria``): each stored column and what it starts with,
# as creating the line with the ORM would store it.  Columns not named here
# stay empty (NULL), as the ORM leaves a field nobody gave; a test fails
# when a stored field is added to the line without being placed here or
# in COLUMNS_LEFT_EMPTY.
COPIED_COLUMNS = {
    "form_id": SQL("form.id"),
    "company_id": SQL("form.company_id"),
    "criterion_id": SQL("criterion.id"),
    "sequence": SQL("COALESCE(criterion.sequence, 0)"),
    "display_type": SQL("criterion.display_type"),
    "name": SQL("criterion.name"),  # every language at once
    "description": SQL("criterion.description"),
    # A section or a veto carries no points.
    "max_score": SQL(
        "CASE WHEN criterion.display_type IS NOT NULL OR criterion.veto"
        " THEN 0.0 ELSE COALESCE(criterion.max_score, 0.0) END"
    ),
    "kind": SQL("criterion.kind"),
    "veto": SQL("COALESCE(criterion.veto, FALSE) AND criterion.display_type IS NULL"),
    "auto_source": SQL("criterion.auto_source"),
    # Unscored: what _compute_final and _compute_computed_score give a new
    # line (the lines filled from the work plan or the unit are recomputed).
    "final_score": SQL("0.0"),
    "final_veto": SQL("FALSE"),
    "computed_score": SQL("0.0"),
    "has_computed_score": SQL("FALSE"),
    "computed_provisional": SQL("FALSE"),
    "unit_rated_count": SQL("0"),
    "unit_pending_count": SQL("0"),
}
COLUMNS_LEFT_EMPTY = {
    "self_score", "self_veto", "self_scored", "manager_score", "manager_veto",
    "manager_scored", "discipline_auto", "note", "manager_note", "computed_method",
}


@compat.sql_constraints(
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
)
class AppraisalFormLine(models.Model):
    _name = "appraisal.form.line"
    _inherit = ["appraisal.input.mixin"]
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
                            max=format_score(self.env, line.max_score),
                            score=format_score(self.env, line[fname]),
                        )
                    )

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        forms = self.env["appraisal.form"].browse(
            [vals["form_id"] for vals in vals_list if vals.get("form_id")]
        )
        forms._check_period_not_closed()
        with_form = is_creating(self.env, self._name)
        if not with_form:
            # Lines are made with their form, from its criteria set; HR may
            # add one by hand (e.g. a criterion missing from the set), while
            # the form is a draft only: once submitted, its criteria are
            # those the employee and the superiors scored.
            forms._check_lines_editable()
            if not self.env.su and not self.env.user.has_group(
                "appraisal_monthly.group_appraisal_officer"
            ):
                raise AccessError(self.env._("Only HR officers may add criteria to a form."))
            if not self.env.su:
                forms._check_not_own_form()
                self._check_new_line_values(vals_list)
        lines = super().create(vals_list)
        if not with_form:
            lines._log_added()
        return lines

    def _check_new_line_values(self, vals_list):
        """A criterion added by hand starts unscored, with finite points."""
        for vals in vals_list:
            if any(vals.get(fname) for fname in (
                "self_score", "manager_score", "self_scored", "manager_scored",
                "discipline_auto", "self_veto", "manager_veto",
            )):
                raise AccessError(
                    self.env._("A criterion is added unscored: the employee and the "
                               "superiors score it at their steps.")
                )
            max_score = vals.get("max_score") or 0.0
            if not math.isfinite(max_score) or max_score < 0:
                raise UserError(
                    self.env._("The maximum points of a criterion must be a positive number.")
                )

    def _log_added(self):
        """One note per form, by the acting user, naming the added lines."""
        for form in self.form_id:
            lines = self.filtered(lambda l, f=form: l.form_id == f)
            form._message_log(body=self.env._(
                "Criterion added: %(criteria)s",
                criteria="; ".join("%s (%s)" % (line.name, line.max_score) for line in lines),
            ))

    @api.model
    def _create_from_criteria(self, forms):
        """Copy the criteria of each form's set into new lines of the form,
        in one INSERT, and return the lines.

        Forms are made by the thousand (generation), some fifteen lines
        each, and nothing in a new line is chosen by anyone: building,
        defaulting and checking each one in Python cost more than the
        forms themselves.  The lines start as the ORM makes them (the
        criterion's texts in every language, unscored, no computed figure:
        see ``COPIED_COLUMNS``); the figures of the lines filled from the
        work plan or the unit led are then computed by the ORM, and the
        forms' scores read the new lines.
        """
        if not forms:
            return self.browse()
        self.env["appraisal.form"].flush_model(["criteria_set_id", "company_id"])
        self.env["appraisal.criterion"].flush_model()
        columns = dict(
            COPIED_COLUMNS,
            create_uid=SQL("%s", self.env.uid),
            write_uid=SQL("%s", self.env.uid),
            create_date=SQL("%s", self.env.cr.now()),
            write_date=SQL("%s", self.env.cr.now()),
        )
        self.env.cr.execute(SQL(
            """
            INSERT INTO appraisal_form_line (%s)
            SELECT %s
              FROM appraisal_form AS form
              JOIN appraisal_criterion AS criterion ON criterion.set_id = form.criteria_set_id
             WHERE form.id IN %s
             ORDER BY form.id, criterion.sequence, criterion.id
            RETURNING id, auto_source IN %s AND display_type IS NULL
            """,
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(columns.values()),
            tuple(forms.ids),
            AUTO_SOURCES,
        ))
        rows = self.env.cr.fetchall()
        lines = self.browse([line_id for line_id, __ in rows])
        # The forms were made with no line in the cache: read them anew, and
        # recompute what follows from them (the ORM's own notification).
        forms.invalidate_recordset(["line_ids"])
        forms.modified(["line_ids"])
        lines.browse([line_id for line_id, auto in rows if auto]).modified(["auto_source"])
        return lines

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
        # Locks, whoever calls (sudo() included): an approved or cancelled
        # form's lines change only once HR has reopened the form.
        self.form_id._check_not_locked()
        if not self.env.su:
            self._check_line_write(vals)
        vals = dict(vals)
        if {"self_score", "self_veto"} & set(vals):
            vals["self_scored"] = True
        if {"manager_score", "manager_veto"} & set(vals):
            vals["manager_scored"] = True
        tracked = self._track_score_changes(vals)
        result = super().write(vals)
        self._post_score_changes(tracked)
        return result

    def _check_line_write(self, vals):
        changed = set(vals)
        if changed - SELF_FIELDS - MANAGER_FIELDS:
            raise AccessError(
                self.env._("The criteria of a form are copied from its criteria "
                           "set and its totals are computed: only scores, notes "
                           "and evidence can be entered.")
            )
        self._check_line_scorer(changed)
        self._check_discipline_veto_kept(vals)
        if "attachment_ids" in vals:
            self._check_evidence(vals["attachment_ids"])

    def _check_line_scorer(self, changed):
        """Self scores by the employee (or HR for them) while drafting, the
        superior's once submitted; nobody scores their own form as a superior."""
        user = self.env.user
        is_officer = user.has_group("appraisal_monthly.group_appraisal_officer")
        for form in self.form_id:
            own = form.employee_id.user_id == user
            if changed & SELF_FIELDS and not ((own or is_officer) and form.state == "draft"):
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
                      "has been submitted; nobody scores their own form.", form=form.name)
                )

    def _check_evidence(self, commands):
        """Evidence is one's own file, or one already on this line: never
        another person's attachment, linked by its id."""
        ids = set()
        for command in commands or ():
            if not isinstance(command, (list, tuple)) or not command:
                continue
            if command[0] == Command.SET:
                ids.update(command[2] or ())
            elif command[0] == Command.LINK:
                ids.add(command[1])
        if not ids:
            return
        attachments = self.env["ir.attachment"].browse(sorted(ids))
        for attachment in attachments.sudo():
            on_line = attachment.res_model == self._name and attachment.res_id in self.ids
            if attachment.create_uid != self.env.user and not on_line:
                raise AccessError(
                    self.env._("Attach your own files as evidence: %(name)s is not yours.",
                               name=attachment.name)
                )
        attachments.check_access("read")

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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        self.form_id._check_lines_editable()
        if not self.env.su:
            self.form_id._check_not_own_form()

    def unlink(self):
        by_form = [(line.form_id, line.name, line.max_score) for line in self]
        result = super().unlink()
        forms = {}
        for form, name, max_score in by_form:
            if form.exists():
                forms.setdefault(form, []).append("%s (%s)" % (name, max_score))
        for form, names in forms.items():
            form._message_log(
                body=self.env._("Criterion removed: %(criteria)s", criteria="; ".join(names))
            )
        return result

    def _track_score_changes(self, vals):
        """Remember the scores a write changes, to log each change with its
        author.  A first entry shows on the form itself; a change of a figure
        already entered is logged in the form's chatter."""
        tracked = []
        for fname, scored in (("self_score", "self_scored"), ("self_veto", "self_scored"),
                              ("manager_score", "manager_scored"),
                              ("manager_veto", "manager_scored")):
            if fname not in vals:
                continue
            tracked += [(line, fname, line[fname]) for line in self if line[scored]]
        return tracked

    def _post_score_changes(self, tracked):
        by_form = {}
        for line, fname, old in tracked:
            if old == line[fname]:
                continue
            side = "manager" if fname.startswith("manager") else "self"
            if fname.endswith("veto"):
                text = self.env._("%(criterion)s: %(old)s → %(new)s", criterion=line.name,
                                  old=self.env._("applies") if old else self.env._("does not apply"),
                                  new=self.env._("applies") if line[fname] else self.env._("does not apply"))
            else:
                text = self.env._("%(criterion)s: %(old)s → %(new)s", criterion=line.name,
                                  old=old, new=line[fname])
            by_form.setdefault((line.form_id, side), []).append(text)
        for (form, side), changes in by_form.items():
            if side == "manager":
                body = self.env._("Superior's scores changed: %(changes)s",
                                  changes="; ".join(changes))
            else:
                body = self.env._("Self-assessment scores changed: %(changes)s",
                                  changes="; ".join(changes))
            form._message_log(body=body)
