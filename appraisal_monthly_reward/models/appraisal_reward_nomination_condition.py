from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang
from odoo.addons.appraisal_monthly.workflow_write import is_creating

from odoo.addons.appraisal_monthly.number_format import format_score

from ..rules import eligibility

CONDITION_CODES = [
    ("level", "Annual level"),
    ("recruitment", "Months since recruitment"),
    ("discipline", "Discipline"),
    ("prerequisite", "Title in consecutive years"),
    ("route", "Consecutive titles, or Excellent with initiatives"),
    ("initiative", "Excellent / initiative"),
    ("unit_level", "Unit's level"),
    ("member_share", "Share of members with a title"),
    ("member_level", "Every member's level"),
    ("member_title", "Members with a title"),
    ("member_discipline", "Members' discipline"),
]


class AppraisalRewardNominationCondition(models.Model):
    """One condition of a title for a candidate: met or not, with the
    figures behind it; the sentence is written in the reader's language."""

    _name = "appraisal.reward.nomination.condition"
    _description = "Commendation Nomination Condition"
    _order = "nomination_id, sequence, id"

    nomination_id = fields.Many2one(
        "appraisal.reward.nomination", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="nomination_id.company_id", store=True)
    sequence = fields.Integer()
    code = fields.Selection(CONDITION_CODES, string="Condition", required=True)
    met = fields.Boolean()
    params = fields.Json(string="Figures")
    reason = fields.Char(compute="_compute_reason")

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        if not self._is_evaluating():
            self._raise_evaluation_only()
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        if not self._is_evaluating():
            self._raise_evaluation_only()
        return super().write(vals)

    @in_user_lang
    def unlink(self):
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_by_evaluation_only(self):
        if not self._is_evaluating():
            self._raise_evaluation_only()

    def _is_evaluating(self):
        """The campaign's evaluation writes the lines (a mark on the cursor
        that no client can send: ``workflow_write.creating``)."""
        return is_creating(self.env, self._name)

    def _raise_evaluation_only(self):
        raise UserError(self.env._(
            "The conditions of a nomination are written by the evaluation of its title "
            "(Find Candidates, Refresh Conditions) from the annual results, never by hand."))

    @api.depends_context("lang")
    @api.depends("code", "met", "params")
    def _compute_reason(self):
        titles = {title.code: title.name for title in self.env["appraisal.reward.title"].sudo()
                  .with_context(active_test=False).search([])}
        for line in self:
            line.reason = line._format_reason(titles)

    def _format_reason(self, titles):
        p = dict(self.params or {})
        Title = self.env["appraisal.reward.title"]
        level_labels = dict(
            self.env["appraisal.summary"]._fields["rating"]._description_selection(self.env))
        measures = dict(Title._fields["excluded_measure"]._description_selection(self.env))
        scopes = dict(Title._fields["initiative_scope"]._description_selection(self.env))
        result = self.env._("met") if self.met else self.env._("not met")
        none = self.env._("none")

        def years(values):
            values = list(values or [])
            if not values:
                return none
            if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
                return "%s–%s" % (values[0], values[-1])
            return ", ".join(str(v) for v in values)

        def level(value, score):
            if not value:
                return self.env._("no annual result")
            label = level_labels.get(value, value)
            if score in (None, False):
                return label
            return "%s (%s)" % (label, format_score(self.env, score))

        def names(values):
            return ", ".join(values) if values else none

        code = self.code
        if code == "level":
            return self.env._("annual level %(year)s: %(level)s ≥ %(minimum)s: %(result)s",
                     year=p.get("year"), level=level(p.get("level"), p.get("score")),
                     minimum=level_labels.get(p.get("minimum")), result=result)
        if code == "recruitment":
            months = p.get("months")
            return self.env._("months since recruitment: %(months)s ≥ %(minimum)s: %(result)s",
                     months=self.env._("unknown") if months is None else months,
                     minimum=p.get("minimum"), result=result)
        if code == "discipline":
            found = ", ".join("%s %s" % (measures.get(kind, kind), ref) for kind, ref in
                              p.get("measures") or [])
            return self.env._("disciplinary measure of %(measure)s or worse in %(year)s: %(found)s: "
                     "%(result)s", measure=measures.get(p.get("minimum")), year=p.get("year"),
                     found=found or none, result=result)
        if code in ("prerequisite", "route"):
            text = self.env._("%(title)s in %(years)s: held in %(held)s",
                     title=titles.get(p.get("title"), p.get("title")), years=years(p.get("years")),
                     held=years(p.get("held")))
            if code == "route":
                text = self.env._("%(first)s; or Excellent in %(years)s (Excellent in %(excellent)s) "
                         "with %(minimum)s initiatives (%(found)s)",
                         first=text, years=years(p.get("alt_years")),
                         excellent=years(p.get("excellent_years")),
                         minimum=p.get("initiative_minimum"),
                         found=names(p.get("initiatives")))
            return "%s: %s" % (text, result)
        if code == "initiative":
            found = names(p.get("initiatives"))
            scope = p.get("scope") or "grassroots"
            where = years(p.get("years"))
            if scope != "grassroots":
                where = self.env._("%(years)s, %(scope)s scope or wider", years=where,
                          scope=scopes.get(scope, scope))
            if p.get("rule") in (eligibility.INIT_EITHER, eligibility.INIT_BOTH):
                return self.env._("initiative in %(years)s: %(found)s; Excellent: %(excellent)s%(both)s: "
                         "%(result)s", years=where, found=found,
                         excellent=self.env._("yes") if p.get("excellent") else self.env._("no"),
                         both=self.env._(" (both required)") if p.get("rule") == eligibility.INIT_BOTH
                         else "", result=result)
            return self.env._("initiatives in %(years)s: %(found)s (at least %(minimum)s): %(result)s",
                     years=where, found=found, minimum=p.get("minimum"), result=result)
        if code == "unit_level":
            hint = level_labels.get(p.get("head_level")) or self.env._("no annual result")
            if not p.get("recorded", "level" in p and p.get("level")):
                return self.env._(
                    "unit's level %(year)s: not recorded (record it in the campaign's Unit "
                    "Levels; its head %(head)s: %(hint)s, a hint only): %(result)s",
                    year=p.get("year"), head=p.get("head") or none, hint=hint, result=result)
            return self.env._(
                "unit's level %(year)s, rated by %(rated_by)s: %(level)s ≥ %(minimum)s "
                "(its head %(head)s: %(hint)s): %(result)s",
                year=p.get("year"), rated_by=p.get("rated_by") or none,
                level=level_labels.get(p.get("level"), p.get("level")),
                minimum=level_labels.get(p.get("minimum")), head=p.get("head") or none,
                hint=hint, result=result)
        if code == "member_share":
            total = p.get("total") or 0
            share = round(100.0 * (p.get("count") or 0) / total, 2) if total else 0
            compare = self.env._("more than") if p.get("compare") == "gt" else self.env._("at least")
            return self.env._("members holding %(title)s: %(count)s of %(total)s (%(share)s%%), "
                     "%(compare)s %(percent)s%%: %(result)s",
                     title=titles.get(p.get("title"), p.get("title")), count=p.get("count"),
                     total=total, share=share, compare=compare,
                     percent=round(p.get("percent") or 0, 2), result=result)
        if code == "member_level":
            return self.env._("every member %(minimum)s or better: below: %(below)s (not classified, "
                     "not counted: %(skipped)s): %(result)s",
                     minimum=level_labels.get(p.get("minimum")), below=names(p.get("below")),
                     skipped=p.get("not_classified") or 0, result=result)
        if code == "member_title":
            return self.env._("members holding %(title)s: %(count)s (%(names)s), at least %(minimum)s: "
                     "%(result)s", title=titles.get(p.get("title"), p.get("title")),
                     count=p.get("count"), names=names(p.get("names")),
                     minimum=p.get("minimum"), result=result)
        if code == "member_discipline":
            return self.env._("members disciplined with %(measure)s or worse in %(year)s: %(names)s: "
                     "%(result)s", measure=measures.get(p.get("minimum")), year=p.get("year"),
                     names=names(p.get("names")), result=result)
        return "%s: %s" % (code, result)
