from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.appraisal_monthly import compat
from odoo.addons.appraisal_monthly.models.appraisal_form import RATING_SELECTION

from .reward_gate import COMMITTEE_GROUP


@compat.sql_constraints(
    (
        "unit_year_uniq",
        "unique(company_id, year, department_id)",
        "A unit has one recorded level per year.",
    ),
)
class AppraisalRewardUnitLevel(models.Model):
    """The annual level of a unit (department) as the body above it rated
    it: the basis of the collective titles (Tập thể LĐTT, Tập thể LĐXS).

    Recorded by the committee, with who rated the unit and on what basis;
    the annual level of the unit's head is shown beside it as a hint only.
    A unit without a recorded level is not eligible for a collective title.
    """

    _name = "appraisal.reward.unit.level"
    _description = "Annual Level of a Unit"
    _inherit = ["mail.thread"]
    _order = "year desc, department_id"
    _check_company_auto = True
    _rec_name = "department_id"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True)
    year = fields.Integer(
        required=True, index=True, aggregator=False, tracking=True,
        default=lambda self: fields.Date.context_today(self).year - 1)
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, check_company=True,
        tracking=True)
    level = fields.Selection(
        RATING_SELECTION, string="Unit's Level", tracking=True,
        help="The unit's own annual level, as the body above it rated it. Empty: not "
        "recorded, and the unit is not eligible for a collective title.")
    rated_by = fields.Char(
        tracking=True,
        help="The body that rated the unit, e.g. UBND xã, Đảng ủy xã.")
    basis = fields.Char(
        tracking=True,
        help="The assessment the level comes from, e.g. the number and date of the "
        "rating decision or of the minutes.")
    document = fields.Binary(string="Assessment", attachment=True)
    document_name = fields.Char()
    recorded_user_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, copy=False)
    date_recorded = fields.Datetime(readonly=True, copy=False)
    head_id = fields.Many2one(
        "hr.employee", compute="_compute_head_level", compute_sudo=True)
    head_level = fields.Selection(
        RATING_SELECTION + [("not_classified", "Not Classified")],
        string="Head's Level (hint)", compute="_compute_head_level", compute_sudo=True,
        help="The head's personal annual level of the year: a hint, never the unit's level.")
    member_count = fields.Integer(
        string="Members That Year", compute="_compute_head_level", compute_sudo=True,
        help="People with an annual result of the year in this unit.")

    @api.depends("department_id", "year")
    def _compute_head_level(self):
        Summary = self.env["appraisal.summary"]
        heads = self.department_id.manager_id
        rows = Summary.search_read(
            [("period_type", "=", "year"), ("year", "in", list(set(self.mapped("year")))),
             "|", ("employee_id", "in", heads.ids),
             ("span_department_id", "in", self.department_id.ids)],
            ["employee_id", "year", "rating", "span_department_id"]) if self else []
        levels = {(row["employee_id"][0], row["year"]): row["rating"] for row in rows}
        members = {}
        for row in rows:
            if row["span_department_id"]:
                key = (row["span_department_id"][0], row["year"])
                members[key] = members.get(key, 0) + 1
        for record in self:
            head = record.department_id.manager_id
            record.head_id = head
            record.head_level = levels.get((head.id, record.year)) or False
            record.member_count = members.get((record.department_id.id, record.year), 0)

    def _check_committee(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._("Only the reward committee records the units' levels."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_committee()
        for vals in vals_list:
            if vals.get("level"):
                vals.update(self._recorded_vals())
        records = super().create(vals_list)
        records._after_level_change()
        return records

    def write(self, vals):
        self._check_committee()
        if "level" in vals:
            vals = dict(vals, **self._recorded_vals())
        result = super().write(vals)
        if {"level", "year", "department_id", "rated_by"} & set(vals):
            self._after_level_change()
        return result

    def _recorded_vals(self):
        return {"recorded_user_id": self.env.uid, "date_recorded": fields.Datetime.now()}

    def _after_level_change(self):
        """Refresh the collective nominations of the units and years
        concerned in the campaigns still in preparation."""
        if not self:
            return
        campaigns = self.env["appraisal.reward.campaign"].sudo().search([
            ("company_id", "in", self.company_id.ids), ("year", "in", list(set(self.mapped("year")))),
            ("state", "=", "draft")])
        for campaign in campaigns:
            mine = self.filtered(lambda r, c=campaign: r.year == c.year
                                 and r.company_id == c.company_id)
            nominations = campaign.nomination_ids.filtered(
                lambda n, units=mine.department_id: n.department_id in units
                and n.state in ("draft", "submitted", "checked"))
            if nominations:
                campaign._evaluate(nominations=nominations)

    @api.model
    def _prepare_year(self, company, year):
        """One line (level empty) for every unit of ``company`` with members
        in ``year`` that has none yet; returns the year's lines."""
        existing = self.sudo().search([("company_id", "=", company.id), ("year", "=", year)])
        groups = self.env["appraisal.summary"].sudo()._read_group(
            [("company_id", "=", company.id), ("period_type", "=", "year"), ("year", "=", year),
             ("span_department_id", "!=", False)],
            ["span_department_id"])
        missing = [department for (department,) in groups
                   if department not in existing.department_id]
        if missing:
            existing |= self.create([
                {"company_id": company.id, "year": year, "department_id": department.id}
                for department in missing])
        return existing
