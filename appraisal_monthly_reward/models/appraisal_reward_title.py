from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from odoo.addons.appraisal_monthly.models.appraisal_discipline import KIND_SELECTION
from odoo.addons.appraisal_monthly.models.appraisal_form import RATING_SELECTION
from odoo.addons.appraisal_monthly import compat

from ..rules import eligibility
from . import reward_gate

# One vocabulary: the levels and the disciplinary measures are the base
# addon's (a minimum level of "Failed" would mean no condition).
LEVEL_SELECTION = [(key, label) for key, label in RATING_SELECTION if key != "failed"]
MEASURE_SELECTION = KIND_SELECTION
SCOPE_SELECTION = [
    ("grassroots", "Grassroots"),
    ("province", "Provincial"),
    ("national", "National"),
]
COMPARE_SELECTION = [("gt", "More than"), ("ge", "At least")]


@compat.sql_constraints(
    (
        "code_company_uniq",
        "unique(code, company_id)",
        "A title code is unique per company.",
    ),
    (
        "coefficient_positive",
        "CHECK(coefficient >= 0)",
        "The coefficient cannot be negative.",
    ),
    (
        "percent_range",
        "CHECK(share_percent BETWEEN 0 AND 100 AND vote_percent BETWEEN 0 AND 100 "
        "AND quota_percent BETWEEN 0 AND 100)",
        "Percentages lie between 0 and 100.",
    ),
)
class AppraisalRewardTitle(models.Model):
    """A title or form of commendation (danh hiệu, hình thức khen thưởng)
    with its conditions as parameters: the shipped data carry the defaults
    of Law 06/2022/QH15 and Decree 152/2025/NĐ-CP; each body adjusts them."""

    _name = "appraisal.reward.title"
    _description = "Commendation Title"
    _inherit = ["mail.thread", "appraisal.reward.shared.mixin",
                "appraisal.input.mixin"]
    _order = "sequence, id"
    _reward_unique_fields = ("code",)

    name = fields.Char(string="Title Name", required=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty for a title used by every company.")
    scope = fields.Selection(
        [("individual", "Individual"), ("collective", "Collective")],
        required=True, default="individual", tracking=True)
    coefficient = fields.Float(
        digits=(6, 2), tracking=True,
        help="Amount of the award = coefficient × the base salary in force on the decision "
        "date, rounded up to the next 10,000 đ.")
    authority_ids = fields.Many2many(
        "appraisal.reward.authority", string="Deciding Authorities", tracking=True,
        help="Who may grant the title: a decision of another authority that includes it "
        "is refused.")
    auto_propose = fields.Boolean(
        string="Find Candidates", default=True,
        help="Find Candidates proposes this title from the ratings; otherwise units "
        "propose it by hand (its conditions are still checked).")
    description = fields.Text(string="Legal Basis and Notes")

    # individual conditions
    min_level = fields.Selection(
        LEVEL_SELECTION, string="Minimum Annual Level", tracking=True)
    min_months = fields.Integer(
        string="Minimum Months Since Recruitment", tracking=True,
        help="Whole months from the recruitment date to the review date of the campaign.")
    excluded_measure = fields.Selection(
        MEASURE_SELECTION, string="Excluded by a Measure of", tracking=True,
        help="A disciplinary measure of this severity or worse in the year excludes.")
    prereq_title_id = fields.Many2one(
        "appraisal.reward.title", string="Title Held Before", tracking=True,
        help="Another title the person must hold in each of the consecutive years ending "
        "with the campaign's year (held in this campaign counts for its year).")
    prereq_years = fields.Integer(string="Consecutive Years", default=1, tracking=True)
    alt_excellent_years = fields.Integer(
        string="Or: Consecutive Excellent Years", tracking=True,
        help="Another route: Excellent in that many consecutive years ending with the "
        "campaign's year, with the initiatives below. 0: no other route.")
    alt_initiative_count = fields.Integer(
        string="Initiatives in Those Years", tracking=True)
    initiative_rule = fields.Selection(
        [
            (eligibility.INIT_NONE, "No condition"),
            (eligibility.INIT_EITHER, "Excellent or an initiative"),
            (eligibility.INIT_BOTH, "Excellent and an initiative"),
            (eligibility.INIT_REQUIRED, "An initiative"),
        ],
        string="Excellent / Initiative", default=eligibility.INIT_NONE, required=True,
        tracking=True)
    initiative_count = fields.Integer(string="Initiatives Required", default=1, tracking=True)
    initiative_scope = fields.Selection(
        SCOPE_SELECTION, string="Initiative Scope at Least", default="grassroots",
        tracking=True)
    initiative_years = fields.Integer(
        string="Initiative Window (Years)", default=1, tracking=True,
        help="Initiatives recognised in that many years ending with the campaign's year.")

    # collective conditions
    unit_min_level = fields.Selection(
        LEVEL_SELECTION, string="Unit's Minimum Level", tracking=True,
        help="The unit's own annual level, as the body above it rated it and the committee "
        "recorded it (Unit Levels); never its head's personal level.")
    share_title_id = fields.Many2one(
        "appraisal.reward.title", string="Members Holding", tracking=True)
    share_compare = fields.Selection(
        COMPARE_SELECTION, string="Share Comparison", default="gt", tracking=True)
    share_percent = fields.Float(string="Share of Members (%)", tracking=True)
    member_min_level = fields.Selection(
        LEVEL_SELECTION, string="Every Member at Least", tracking=True,
        help="Members not classified (under 6 months worked) are not counted.")
    member_title_id = fields.Many2one(
        "appraisal.reward.title", string="Members with Title", tracking=True)
    member_title_count = fields.Integer(string="At Least (Members)", default=1, tracking=True)
    member_excluded_measure = fields.Selection(
        MEASURE_SELECTION, string="No Member Disciplined with", tracking=True,
        help="A member with a measure of this severity or worse in the year excludes the unit.")

    # quota
    quota_enabled = fields.Boolean(string="Quota", tracking=True)
    quota_title_id = fields.Many2one(
        "appraisal.reward.title", string="Relative to Title", tracking=True)
    quota_percent = fields.Float(string="Quota (%)", default=15.0, tracking=True)

    # council vote
    vote_base = fields.Selection(
        [("all", "All members"), ("voting", "Members voting")],
        string="Vote Share Of", default="voting", required=True, tracking=True)
    vote_compare = fields.Selection(
        COMPARE_SELECTION, string="Vote Comparison", default="gt", required=True, tracking=True)
    vote_percent = fields.Float(string="Votes For (%)", default=50.0, tracking=True)

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        self._check_numbers(vals_list)
        return super(AppraisalRewardTitle, reward_gate.tracked(self)).create(vals_list)

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        self._check_numbers([vals])
        # Who may grant a title, its coefficient, its archiving: logged
        # whatever the client sends.
        return super(AppraisalRewardTitle, reward_gate.tracked(self)).write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for title, vals in zip(self, vals_list):
            if "code" not in (default or {}):
                vals["code"] = self.env._("%(code)s (copy)", code=title.code)
            if "name" not in (default or {}):
                vals["name"] = self.env._("%(name)s (copy)", name=title.name)
        return vals_list

    def _check_numbers(self, vals_list):
        """The database's checks, said in words first."""
        for vals in vals_list:
            if (vals.get("coefficient") or 0) < 0:
                raise UserError(self.env._("The coefficient cannot be negative."))
            for name in ("share_percent", "vote_percent", "quota_percent"):
                if name in vals and not 0 <= (vals[name] or 0) <= 100:
                    raise UserError(self.env._("Percentages lie between 0 and 100."))

    @api.constrains("prereq_title_id", "share_title_id", "member_title_id")
    def _check_dependencies(self):
        for title in self:
            try:
                eligibility.order_rules([t._to_rule() for t in self.search([])])
            except ValueError as error:
                raise ValidationError(self.env._(
                    "The conditions of %(title)s go round in a circle.", title=title.name)
                ) from error

    def _to_rule(self):
        self.ensure_one()
        return eligibility.TitleRule(
            code=self.code,
            scope=self.scope,
            min_level=self.min_level or None,
            min_months=self.min_months,
            excluded_measure=self.excluded_measure or None,
            prereq_code=self.prereq_title_id.code or None,
            prereq_years=self.prereq_years,
            alt_excellent_years=self.alt_excellent_years,
            alt_initiative_count=self.alt_initiative_count,
            initiative_rule=self.initiative_rule,
            initiative_count=self.initiative_count,
            initiative_scope=self.initiative_scope,
            initiative_years=self.initiative_years,
            unit_min_level=self.unit_min_level or None,
            share_code=self.share_title_id.code or None,
            share_percent=self.share_percent,
            share_compare=self.share_compare or "gt",
            member_min_level=self.member_min_level or None,
            member_title_code=self.member_title_id.code or None,
            member_title_count=self.member_title_count,
            member_excluded_measure=self.member_excluded_measure or None,
        )

    def _window_years(self):
        """How many years of history the conditions of these titles read."""
        return max([1] + [max(t.prereq_years, t.alt_excellent_years, t.initiative_years)
                          for t in self])
