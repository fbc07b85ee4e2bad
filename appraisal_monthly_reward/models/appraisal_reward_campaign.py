import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.addons.appraisal_monthly import compat

from ..rules import amounts, eligibility, quota, votes

COMMITTEE_GROUP = "appraisal_monthly.group_appraisal_committee"
COUNCIL_GROUP = "appraisal_monthly_reward.group_reward_council"
OPEN_NOMINATION_STATES = ("draft", "submitted", "checked")


@compat.sql_constraints(
    (
        "name_company_uniq",
        "unique(name, company_id)",
        "A campaign's name is unique.",
    ),
)
class AppraisalRewardCampaign(models.Model):
    """A yearly emulation review (đợt xét thi đua) of a company.

    Preparation: Find Candidates proposes every title from the annual
    results; units add, justify and submit their lists; the emulation
    officer forwards them.  Council: each member votes on each forwarded
    nomination.  Closed: the votes are counted, and decisions are drafted
    after the quota check.
    """

    _name = "appraisal.reward.campaign"
    _description = "Emulation Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.reward.guard.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(
        required=True, default=lambda self: self._default_year(), tracking=True,
        aggregator=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True)
    date_review = fields.Date(
        string="Review Date", help="Months since recruitment are counted to this date; "
        "15 December of the year when empty.")
    state = fields.Selection(
        [("draft", "Preparation"), ("voting", "Council Voting"), ("closed", "Closed"),
         ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, copy=False)
    council_user_ids = fields.Many2many(
        "res.users", string="Council Members",
        default=lambda self: self._default_council(),
        help="The Emulation and Commendation Council: each votes on every forwarded "
        "nomination.")
    nomination_ids = fields.One2many("appraisal.reward.nomination", "campaign_id")
    unit_proposal_ids = fields.One2many("appraisal.reward.unit.proposal", "campaign_id")
    decision_ids = fields.One2many("appraisal.reward.decision", "campaign_id")
    nomination_count = fields.Integer(compute="_compute_counts")
    eligible_count = fields.Integer(compute="_compute_counts")
    passed_count = fields.Integer(compute="_compute_counts")
    decision_count = fields.Integer(compute="_compute_counts")
    quota_summary = fields.Text(compute="_compute_quota_summary")
    note = fields.Html()

    @api.model
    def _default_year(self):
        return fields.Date.context_today(self).year

    @api.model
    def _default_council(self):
        group = self.env.ref(COUNCIL_GROUP, raise_if_not_found=False)
        if not group:
            return self.env["res.users"]
        return group.users.filtered(lambda user: self.env.company in user.company_ids)

    def _compute_counts(self):
        for campaign in self:
            nominations = campaign.nomination_ids
            campaign.nomination_count = len(nominations)
            campaign.eligible_count = len(nominations.filtered("eligible"))
            campaign.passed_count = len(nominations.filtered(lambda n: n.state in ("passed", "awarded")))
            campaign.decision_count = len(campaign.decision_ids)

    def _compute_quota_summary(self):
        for campaign in self:
            campaign.quota_summary = "\n".join(
                line for line, _holds in campaign._get_quota_lines()) or False

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _get_review_date(self):
        self.ensure_one()
        return self.date_review or amounts.review_date(self.year)

    def _check_manager(self):
        if not self.env.user.has_group(COMMITTEE_GROUP):
            raise AccessError(self.env._(
                "Only the reward committee and the emulation officer manage campaigns."))

    def _check_state(self, *states):
        for campaign in self:
            if campaign.state not in states:
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(self.env._(
                    "Campaign %(campaign)s is %(state)s: this step is not possible now.",
                    campaign=campaign.name, state=labels[campaign.state]))

    def write(self, vals):
        self._reward_check_write(vals)
        return super().write(vals)

    def _reward_check_lock(self, vals):
        if {"year", "company_id"} & set(vals) and self.nomination_ids:
            raise UserError(self.env._(
                "The year of a campaign with nominations cannot change."))

    @api.model_create_multi
    def create(self, vals_list):
        self._reward_check_create(vals_list)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if self.decision_ids or self.filtered(lambda c: c.state != "draft" and c.state != "cancelled"):
            raise UserError(self.env._("A campaign that went to the council cannot be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_find_candidates(self):
        """Propose every title from the annual results; refresh the reasons
        of the nominations already there (running it again adds nothing)."""
        self._check_manager()
        self._check_state("draft")
        created = self.env["appraisal.reward.nomination"]
        for campaign in self:
            created |= campaign._evaluate(create_missing=True)
            campaign._message_log(body=self.env._(
                "Find Candidates: %(created)s nominations added, %(total)s in all, "
                "%(eligible)s eligible.",
                created=len(created), total=len(campaign.nomination_ids),
                eligible=len(campaign.nomination_ids.filtered("eligible"))))
        return True

    def action_forward_eligible(self):
        """The officer forwards every eligible (or justified) nomination not
        yet forwarded, whatever unit proposed it."""
        self._check_manager()
        self._check_state("draft")
        nominations = self.nomination_ids.filtered(
            lambda n: n.state in ("draft", "submitted")
            and (n.eligible or (n.justification or "").strip()))
        nominations._reward_write({"state": "checked"})
        return True

    def action_open_voting(self):
        """Send the forwarded nominations to the council: one ballot per
        member and nomination, and a to-do for each member."""
        self._check_manager()
        self._check_state("draft")
        Vote = self.env["appraisal.reward.vote"].sudo()
        for campaign in self:
            nominations = campaign.nomination_ids.filtered(lambda n: n.state == "checked")
            if not nominations:
                raise UserError(self.env._(
                    "Forward the nominations to the council first (none is checked)."))
            if not campaign.council_user_ids:
                raise UserError(self.env._("Name the members of the council first."))
            existing = {(v.nomination_id.id, v.user_id.id) for v in Vote.search(
                [("nomination_id", "in", nominations.ids)])}
            Vote.create([
                {"nomination_id": nomination.id, "user_id": user.id}
                for nomination in nominations for user in campaign.council_user_ids
                if (nomination.id, user.id) not in existing
            ])
            campaign._reward_write({"state": "voting"})
            activity_type = self.env.ref("appraisal_monthly_reward.mail_activity_reward_vote")
            self.env["mail.activity"].sudo().create([{
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": campaign.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": self.env._("Vote on the nominations of %(campaign)s",
                                      campaign=campaign.name),
            } for user in campaign.council_user_ids])
        return True

    def action_close_voting(self):
        """Count the ballots: each nomination passes or not by its title's
        threshold."""
        self._check_manager()
        self._check_state("voting")
        for campaign in self:
            members = len(campaign.council_user_ids)
            nominations = campaign.nomination_ids.filtered(lambda n: n.state == "checked")
            ballots = defaultdict(list)
            for vote in self.env["appraisal.reward.vote"].sudo().search(
                    [("nomination_id", "in", nominations.ids)]):
                ballots[vote.nomination_id.id].append(vote.vote or None)
            passed = nominations.browse()
            for nomination in nominations:
                title = nomination.title_id
                ok, _count, _total = votes.vote_passes(
                    ballots[nomination.id], members, title.vote_percent, title.vote_base,
                    title.vote_compare)
                if ok:
                    passed |= nomination
            passed._reward_write({"state": "passed", "passed": True})
            (nominations - passed)._reward_write({"state": "rejected", "passed": False})
            campaign._reward_write({"state": "closed"})
            campaign.activity_feedback(["appraisal_monthly_reward.mail_activity_reward_vote"])
            campaign._message_log(body=self.env._(
                "Council vote closed: %(passed)s of %(total)s nominations passed.",
                passed=len(passed), total=len(nominations)))
        return True

    def action_reopen_voting(self):
        self._check_manager()
        self._check_state("closed")
        for campaign in self:
            if campaign.decision_ids.filtered(lambda d: d.state != "cancelled"):
                raise UserError(self.env._("Cancel the draft decisions first."))
            nominations = campaign.nomination_ids.filtered(
                lambda n: n.state in ("passed", "rejected", "withdrawn"))
            nominations._reward_write({"state": "checked", "passed": False})
            campaign._reward_write({"state": "voting"})
        return True

    def action_cancel(self):
        self._check_manager()
        self._check_state("draft", "voting", "closed")
        if self.decision_ids.filtered(lambda d: d.state == "issued"):
            raise UserError(self.env._("A campaign with an issued decision cannot be cancelled."))
        self._reward_write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        self._check_manager()
        self._check_state("cancelled", "voting")
        self.env["appraisal.reward.vote"].sudo().search(
            [("campaign_id", "in", self.ids)]).unlink()
        self.nomination_ids.filtered(lambda n: n.state in ("checked", "passed", "rejected")) \
            ._reward_write({"state": "submitted", "passed": False})
        self._reward_write({"state": "draft"})
        return True

    def action_check_quota(self):
        self.ensure_one()
        lines = self._get_quota_lines()
        message = "\n".join(line for line, _holds in lines) or self.env._("No quota applies.")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Quotas"),
                "message": message,
                "type": "success" if all(holds for _l, holds in lines) else "warning",
                "sticky": True,
            },
        }

    def action_create_decision(self):
        """Open the dialog that drafts a decision from the passed nominations."""
        self.ensure_one()
        self._check_manager()
        self._check_state("closed")
        self._check_quotas()
        return {
            "type": "ir.actions.act_window",
            "res_model": "appraisal.reward.decision.create",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
            "name": self.env._("Draft a Decision"),
        }

    def action_open_nominations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly_reward.appraisal_reward_nomination_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id, "search_default_group_title": 1}
        return action

    def action_open_decisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly_reward.appraisal_reward_decision_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Quotas
    # ------------------------------------------------------------------
    def _get_quota_lines(self):
        """[(text, holds)] for each title with a quota, counting the
        nominations passed (or awarded) in this campaign."""
        self.ensure_one()
        result = []
        retained = self.nomination_ids.filtered(lambda n: n.state in ("passed", "awarded"))
        titles = self.env["appraisal.reward.title"].search(
            [("quota_enabled", "=", True), ("company_id", "in", [self.company_id.id, False])])
        for title in titles:
            count = len(retained.filtered(lambda n, t=title: n.title_id == t))
            base = len(retained.filtered(lambda n, t=title: n.title_id == t.quota_title_id))
            holds, allowed = quota.check(count, base, title.quota_percent)
            result.append((self.env._(
                "%(title)s: %(count)s retained; quota %(percent)s%% of %(base)s %(base_title)s "
                "allows %(allowed)s%(verdict)s",
                title=title.name, count=count, percent=round(title.quota_percent, 2),
                base=base, base_title=title.quota_title_id.name, allowed=allowed,
                verdict="" if holds else self.env._(": exceeded")), holds))
        return result

    def _check_quotas(self):
        for campaign in self:
            broken = [line for line, holds in campaign._get_quota_lines() if not holds]
            if broken:
                raise UserError(self.env._(
                    "The quota is exceeded; withdraw nominations before drafting a decision.\n"
                    "%(lines)s", lines="\n".join(broken)))

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _create_decision(self, authority, titles=None, number=False, date=False,
                         signer_name=False):
        """Draft a decision of ``authority`` awarding the passed nominations
        (of ``titles``, when given) not yet in a decision."""
        self.ensure_one()
        self._check_manager()
        self._check_state("closed")
        self._check_quotas()
        nominations = self.nomination_ids.filtered(
            lambda n: n.state == "passed" and not n.award_ids.filtered(
                lambda a: a.decision_id.state != "cancelled"))
        if titles is not None:
            nominations = nominations.filtered(lambda n: n.title_id in titles)
        if not nominations:
            raise UserError(self.env._("No passed nomination is left to decide."))
        refused = nominations.title_id.filtered(lambda t: authority not in t.authority_ids)
        if refused:
            raise ValidationError(self.env._(
                "%(authority)s may not grant %(titles)s: draft their decision for %(who)s.",
                authority=authority.name, titles=", ".join(refused.mapped("name")),
                who=", ".join(refused.authority_ids.mapped("name"))
                or self.env._("the competent authority")))
        decision = self.env["appraisal.reward.decision"].create({
            "name": number or False,
            "date": date or fields.Date.context_today(self),
            "campaign_id": self.id,
            "company_id": self.company_id.id,
            "authority_id": authority.id,
            "signer_name": signer_name or False,
            "award_ids": [fields.Command.create(n._prepare_award_vals()) for n in nominations],
        })
        return decision

    # ------------------------------------------------------------------
    # Eligibility
    # ------------------------------------------------------------------
    def _evaluate(self, nominations=None, create_missing=False):
        """Gather the facts once for the whole campaign (a constant number
        of queries), evaluate every title, then refresh the condition lines
        of ``nominations`` (default: the open ones of the campaign) and,
        with ``create_missing``, add the nominations Find Candidates
        proposes.  Returns the nominations created."""
        self.ensure_one()
        Nomination = self.env["appraisal.reward.nomination"].sudo()
        year, company = self.year, self.company_id
        titles = self.env["appraisal.reward.title"].sudo().search(
            [("company_id", "in", [company.id, False])])
        by_code = {title.code: title for title in titles}
        window = titles._window_years()
        first_year = year - window + 1
        Summary = self.env["appraisal.summary"].sudo()
        Employee = self.env["hr.employee"].sudo()
        # Bring the year's results up to date (they are recomputed, never edited).
        Summary._refresh_company_year(company, year)
        employees = Employee.search([("company_id", "=", company.id)])
        summaries = Summary.search_read(
            [("employee_id", "in", employees.ids), ("period_type", "=", "year"),
             ("year", ">=", first_year), ("year", "<=", year)],
            ["employee_id", "year", "rating", "average_score"])
        levels = defaultdict(dict)
        summary_ids = {}
        for row in summaries:
            levels[row["employee_id"][0]][row["year"]] = (row["rating"], round(row["average_score"], 2))
            if row["year"] == year:
                summary_ids[row["employee_id"][0]] = row["id"]
        first_forms = dict(self.env["appraisal.form"].sudo()._read_group(
            [("employee_id", "in", employees.ids), ("state", "=", "approved")],
            ["employee_id"], ["date_start:min"]))
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        measures = defaultdict(list)
        for row in self.env["appraisal.discipline"].sudo().search_read(
                [("employee_id", "in", employees.ids), ("date", ">=", start), ("date", "<=", end)],
                ["employee_id", "kind", "decision_number", "date"]):
            measures[row["employee_id"][0]].append(
                (row["kind"], row["decision_number"] or fields.Date.to_string(row["date"])))
        initiatives = defaultdict(list)
        for initiative in self.env["appraisal.reward.initiative"].sudo().search(
                [("employee_ids", "in", employees.ids), ("company_id", "=", company.id),
                 ("year", ">=", first_year), ("year", "<=", year)]):
            for employee in initiative.employee_ids:
                initiatives[employee.id].append((initiative.year, initiative.scope, initiative.name))
        held = defaultdict(lambda: defaultdict(set))
        for award in self.env["appraisal.reward.award"].sudo().search(
                [("employee_id", "in", employees.ids), ("state", "=", "awarded"),
                 ("decided", "=", True), ("year", ">=", first_year), ("year", "<=", year)]):
            held[award.employee_id.id][award.title_id.code].add(award.year)
        review = self._get_review_date()
        persons = {}
        for employee in employees:
            recruited = employee.reward_date_recruited or (
                first_forms.get(employee) or None)
            persons[employee.id] = eligibility.PersonFacts(
                name=employee.name,
                levels=levels.get(employee.id, {}),
                months_recruited=amounts.months_between(recruited, review) if recruited else None,
                measures=measures.get(employee.id, []),
                initiatives=initiatives.get(employee.id, []),
                titles=held.get(employee.id, {}),
            )
        members = defaultdict(list)
        for employee in employees:
            if employee.department_id:
                members[employee.department_id].append(employee.id)
        units = {
            department.id: eligibility.UnitFacts(
                name=department.name, head_key=department.manager_id.id or None,
                member_keys=keys)
            for department, keys in members.items()
        }
        results = eligibility.evaluate_campaign(
            [title._to_rule() for title in titles], year, persons, units)

        def eligible(code, kind, key):
            return eligibility.is_eligible(results.get((code, kind, key), []))

        existing = {nomination._get_candidate_key(): nomination
                    for nomination in self.with_context(active_test=False).sudo().nomination_ids}
        to_create = []
        if create_missing:
            for (code, kind, key), conditions in results.items():
                title = by_code[code]
                if not title.auto_propose or (title.id, kind, key) in existing:
                    continue
                if kind == "person":
                    if key not in summary_ids:
                        continue  # no annual result: not a candidate
                    prereq = title.prereq_title_id
                    if not (eligibility.is_eligible(conditions) or not prereq
                            or eligible(prereq.code, "person", key)):
                        continue
                    to_create.append({
                        "campaign_id": self.id, "title_id": title.id, "employee_id": key,
                        "summary_id": summary_ids[key], "origin": "auto",
                    })
                else:
                    to_create.append({
                        "campaign_id": self.id, "title_id": title.id, "department_id": key,
                        "origin": "auto",
                    })
        created = Nomination.create(to_create) if to_create else Nomination
        if nominations is None:
            nominations = self.sudo().nomination_ids.filtered(
                lambda n: n.state in OPEN_NOMINATION_STATES)
        targets = nominations.sudo() | created
        targets.condition_ids.unlink()
        line_vals = []
        for nomination in targets:
            _title, kind, key = nomination._get_candidate_key()
            conditions = results.get((nomination.title_id.code, kind, key), [])
            line_vals.extend({
                "nomination_id": nomination.id, "sequence": sequence,
                "code": condition.code, "met": condition.met, "params": condition.params,
            } for sequence, condition in enumerate(conditions))
        self.env["appraisal.reward.nomination.condition"].sudo().create(line_vals)
        # The annual result behind each individual nomination (found once
        # the result exists; a nomination keeps its result).
        for nomination in targets.filtered(lambda n: n.employee_id and not n.summary_id):
            if summary_ids.get(nomination.employee_id.id):
                nomination._reward_write({"summary_id": summary_ids[nomination.employee_id.id]})
        return created
