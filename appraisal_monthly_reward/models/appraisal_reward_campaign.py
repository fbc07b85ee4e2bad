import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.addons.appraisal_monthly import compat

from odoo.addons.appraisal_monthly.user_lang import in_user_lang
from odoo.addons.appraisal_monthly.workflow_write import creating, in_workflow, workflow_writing

from ..rules import amounts, eligibility, quota, votes, workflow
from . import reward_gate

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
    after the quota check.  Every step goes through the one gate of
    ``appraisal.workflow.mixin`` (``rules/workflow.py``).
    """

    _name = "appraisal.reward.campaign"
    _description = "Emulation Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "appraisal.workflow.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True
    _workflow_transitions = workflow.CAMPAIGN_TRANSITIONS
    _workflow_serialised_actions = workflow.CAMPAIGN_SERIALISED
    # Who confirmed the campaign's rules, and when: set by Confirm Rules only.
    _workflow_protected_fields = frozenset({
        "rules_confirmed", "rules_confirmed_user_id", "rules_confirmed_date"})

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
        # Read as the server: a user's other companies are not every reader's
        # to see (19.0 checks them).
        members = compat.group_users(group.sudo()).filtered(
            lambda user: self.env.company in user.company_ids)
        return self.env["res.users"].browse(members.ids)

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
    # CRUD
    # ------------------------------------------------------------------
    def _get_review_date(self):
        self.ensure_one()
        return self.date_review or amounts.review_date(self.year)

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        reward_gate.check_values(self, vals_list)
        self._workflow_check_create_values(vals_list)
        self._check_name_unique(
            [(vals.get("name"), vals.get("company_id") or self.env.company.id)
             for vals in vals_list])
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        reward_gate.check_values(self, [vals])
        self._workflow_check_write(vals)
        if not in_workflow(self):
            self._check_campaign_lock(vals)
        result = super(AppraisalRewardCampaign, reward_gate.tracked(self)).write(vals)
        self._reward_rules_changed(vals)
        return result

    def _check_campaign_lock(self, vals):
        if {"year", "company_id"} & set(vals) and self.nomination_ids:
            raise UserError(self.env._(
                "The year of a campaign with nominations cannot change."))
        if "council_user_ids" in vals and self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._(
                "The council is frozen once the vote opens: its members change only while "
                "the campaign is in preparation."))
        if "name" in vals:
            self._check_name_unique([(vals["name"], c.company_id.id) for c in self], exclude=self)

    def _check_name_unique(self, pairs, exclude=None):
        """A campaign's name is unique in its company: said in words before
        the database's constraint would answer."""
        pairs = [(name, company) for name, company in pairs if name]
        if not pairs:
            return
        clash = len(set(pairs)) < len(pairs)
        domain = [("name", "in", [name for name, _c in pairs])]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        clash = clash or any((c.name, c.company_id.id) in pairs
                             for c in self.sudo().with_context(active_test=False).search(domain))
        if clash:
            raise UserError(self.env._(
                "A campaign with this name already exists in the company: choose another name."))

    @in_user_lang
    def unlink(self):
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if self.decision_ids or self.filtered(lambda c: c.state != "draft" and c.state != "cancelled"):
            raise UserError(self.env._("A campaign that went to the council cannot be deleted."))
        self._check_no_cast_ballot()

    # ------------------------------------------------------------------
    # The gate: role, guards and follow-ups, by name
    # ------------------------------------------------------------------
    def _check_role(self, action):
        reward_gate.check_role(self, action)

    def _workflow_guards(self, action):
        return {
            "open_voting": ["_check_nominations_forwarded", "_check_council_named"],
            "reopen_voting": ["_check_no_live_decision"],
            "cancel": ["_check_no_issued_decision"],
            "reset_to_draft": ["_check_no_cast_ballot"],
            "create_decision": ["_check_quotas"],
        }.get(action, [])

    def _workflow_follow_ups(self, action):
        return {
            "open_voting": ["_make_ballots", "_schedule_votes"],
            "close_voting": ["_count_ballots"],
            "reopen_voting": ["_reopen_nominations"],
            "reset_to_draft": ["_drop_uncast_ballots", "_nominations_back_to_units"],
        }.get(action, [])

    def _workflow_transition_refusal(self, action, record):
        return self.env._(
            "Campaign %(campaign)s is %(state)s: this step is not possible now.",
            campaign=record.name, state=self._workflow_state_label(record.state))

    def _check_nominations_forwarded(self):
        for campaign in self:
            if not campaign.nomination_ids.filtered(lambda n: n.state == "checked"):
                raise UserError(self.env._(
                    "Forward the nominations to the council first (none is checked)."))

    def _check_council_named(self):
        if self.filtered(lambda c: not c.council_user_ids):
            raise UserError(self.env._("Name the members of the council first."))

    def _check_no_live_decision(self):
        if self.decision_ids.filtered(lambda d: d.state != "cancelled"):
            raise UserError(self.env._("Cancel the draft decisions first."))

    def _check_no_issued_decision(self):
        if self.decision_ids.filtered(lambda d: d.state == "issued"):
            raise UserError(self.env._("A campaign with an issued decision cannot be cancelled."))

    def _check_no_cast_ballot(self):
        """A cast ballot is never deleted: the council's record stays."""
        if self.env["appraisal.reward.vote"].sudo().search_count(
                [("campaign_id", "in", self.ids), ("vote", "!=", False)], limit=1):
            raise UserError(self.env._(
                "The council has cast ballots: they are never deleted, so the campaign cannot "
                "go back to preparation. Close the vote, or cancel the campaign and start a "
                "new one."))

    def _make_ballots(self):
        """One ballot per member frozen in the council and nomination; none
        on a member's own nomination."""
        Vote = self.env["appraisal.reward.vote"].sudo()
        for campaign in self:
            nominations = campaign.nomination_ids.filtered(lambda n: n.state == "checked")
            existing = {(v.nomination_id.id, v.user_id.id) for v in Vote.search(
                [("nomination_id", "in", nominations.ids)])}
            with Vote._workflow_creating():
                Vote.create([
                    {"nomination_id": nomination.id, "user_id": user.id}
                    for nomination in nominations for user in campaign.council_user_ids
                    if (nomination.id, user.id) not in existing
                    and nomination.sudo().employee_id.user_id != user
                ])

    def _schedule_votes(self):
        activity_type = self.env.ref("appraisal_monthly_reward.mail_activity_reward_vote")
        self.env["mail.activity"].sudo().create([{
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": campaign.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            # Automated: closed by the vote (activity_feedback), not by hand.
            "automated": True,
            "summary": self.env._("Vote on the nominations of %(campaign)s",
                                  campaign=campaign.name),
        } for campaign in self for user in campaign.council_user_ids])

    def _count_ballots(self):
        """Each nomination passes or not by its title's threshold; "all
        members" are the members frozen when the vote opened who may vote on
        it (one ballot each, none on their own nomination)."""
        for campaign in self:
            nominations = campaign.nomination_ids.filtered(lambda n: n.state == "checked")
            ballots = defaultdict(list)
            for vote in self.env["appraisal.reward.vote"].sudo().search(
                    [("nomination_id", "in", nominations.ids)]):
                ballots[vote.nomination_id.id].append(vote.vote or None)
            passed = nominations.browse()
            for nomination in nominations:
                title = nomination.title_id
                ok, _count, _total = votes.vote_passes(
                    ballots[nomination.id], len(ballots[nomination.id]), title.vote_percent,
                    title.vote_base, title.vote_compare)
                if ok:
                    passed |= nomination
            passed._run_step("pass")
            (nominations - passed)._run_step("reject")
            campaign.activity_feedback(["appraisal_monthly_reward.mail_activity_reward_vote"])
            campaign._message_log(body=self.env._(
                "Council vote closed: %(passed)s of %(total)s nominations passed.",
                passed=len(passed), total=len(nominations)))

    def _reopen_nominations(self):
        self.nomination_ids.filtered(
            lambda n: n.state in ("passed", "rejected", "withdrawn"))._run_step("reopen_vote")

    def _drop_uncast_ballots(self):
        ballots = self.env["appraisal.reward.vote"].sudo().search(
            [("campaign_id", "in", self.ids), ("vote", "=", False)])
        with workflow_writing(ballots):
            ballots.unlink()

    def _nominations_back_to_units(self):
        self.nomination_ids.filtered(
            lambda n: n.state in ("checked", "passed", "rejected"))._run_step("back_to_unit")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @in_user_lang
    def action_find_candidates(self):
        """Propose every title from the annual results; refresh the reasons
        of the nominations already there (running it again adds nothing).
        Opens the candidates, grouped by title and by the first condition
        not met, with the counts in a notification."""
        self._check_action_allowed("find_candidates")
        created = self.env["appraisal.reward.nomination"]
        for campaign in self:
            created |= campaign._evaluate(create_missing=True)
            campaign._message_log(body=self.env._(
                "Find Candidates: %(created)s nominations added, %(total)s in all, "
                "%(eligible)s eligible.",
                created=len(created), total=len(campaign.nomination_ids),
                eligible=len(campaign.nomination_ids.filtered("eligible"))))
        if len(self) != 1:
            return True
        return self._notify_then(
            self.env._("Find Candidates: %(created)s added", created=len(created)),
            self._get_candidate_counts_text(),
            self._action_candidates())

    def _get_candidate_counts_text(self):
        """One line per title: eligible, and not eligible by first unmet
        condition (the figures Find Candidates reports)."""
        self.ensure_one()
        Nomination = self.env["appraisal.reward.nomination"]
        reasons = dict(Nomination._fields["unmet_code"]._description_selection(self.env))
        lines = []
        nominations = self.sudo().nomination_ids
        for title in nominations.title_id.sorted(lambda t: (t.sequence, t.id)):
            mine = nominations.filtered(lambda n, t=title: n.title_id == t)
            unmet = defaultdict(int)
            for nomination in mine.filtered(lambda n: not n.eligible):
                unmet[nomination.unmet_code] += 1
            details = ", ".join("%s: %s" % (reasons.get(code, code or "-"), count)
                                for code, count in sorted(unmet.items(), key=lambda i: -i[1]))
            line = self.env._(
                "%(title)s: %(eligible)s eligible of %(total)s",
                title=title.name, eligible=len(mine.filtered("eligible")), total=len(mine))
            if details:
                line = self.env._("%(line)s; not met: %(details)s", line=line, details=details)
            lines.append(line)
        return "\n".join(lines) or self.env._("No candidate.")

    def _action_candidates(self):
        action = self.action_open_nominations()
        action["context"] = dict(action["context"], search_default_group_title=1,
                                 search_default_group_unmet=1)
        return action

    @api.model
    def _notify_then(self, title, message, action):
        """A sticky notification, then ``action`` (what the button did,
        without reading the chatter)."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": title, "message": message, "sticky": True, "type": "info",
                       "next": action},
        }

    def action_open_unit_levels(self):
        """The units' own levels of the campaign's year: a line for every
        unit with members that year (prepared while the campaign is in
        preparation), the head's level beside as a hint."""
        self.ensure_one()
        if self.state == "draft" and reward_gate.is_committee(self.env):
            self.env["appraisal.reward.unit.level"]._prepare_year(self.company_id, self.year)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly_reward.appraisal_reward_unit_level_action")
        action["domain"] = [("company_id", "=", self.company_id.id), ("year", "=", self.year)]
        action["context"] = {"default_year": self.year, "default_company_id": self.company_id.id}
        action["name"] = self.env._("Unit Levels %(year)s", year=self.year)
        return action

    @in_user_lang
    def action_forward_eligible(self):
        """The officer forwards every eligible (or justified) nomination not
        yet forwarded, whatever unit proposed it."""
        self._check_action_allowed("forward_eligible")
        self.nomination_ids.filtered(
            lambda n: n.state in ("draft", "submitted")
            and (n.eligible or (n.justification or "").strip()))._run_step("forward")
        return True

    @in_user_lang
    def action_open_voting(self):
        """Send the forwarded nominations to the council: one ballot per
        member and nomination, and a to-do for each member."""
        self._run_step("open_voting")
        if len(self) != 1:
            return True
        ballots = self.env["appraisal.reward.vote"].sudo().search_count(
            [("campaign_id", "=", self.id)])
        return self._notify_then(
            self.env._("Council vote opened"),
            self.env._("%(ballots)s ballots opened: %(nominations)s nominations for "
                       "%(members)s members.",
                       ballots=ballots, members=len(self.council_user_ids),
                       nominations=len(self.nomination_ids.filtered(
                           lambda n: n.state == "checked"))),
            self._action_ballots())

    def _action_ballots(self):
        """The nominations put to the vote, with the ballots opened and not
        yet cast on each (how each member votes stays with the member)."""
        self.ensure_one()
        action = self.action_open_nominations()
        action["domain"] = [("campaign_id", "=", self.id), ("state", "=", "checked")]
        action["views"] = [(self.env.ref(
            "appraisal_monthly_reward.appraisal_reward_nomination_view_list_ballots").id, "list"),
            (False, "form")]
        action["name"] = self.env._("Ballots of %(campaign)s", campaign=self.name)
        return action

    @in_user_lang
    def action_close_voting(self):
        """Count the ballots: each nomination passes or not by its title's
        threshold.  A ballot being cast waits for the count, or the count
        for it (the campaign's row lock)."""
        return self._run_step("close_voting")

    @in_user_lang
    def action_reopen_voting(self):
        return self._run_step("reopen_voting")

    @in_user_lang
    def action_cancel(self):
        return self._run_step("cancel")

    @in_user_lang
    def action_reset_to_draft(self):
        return self._run_step("reset_to_draft")

    @in_user_lang
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

    @in_user_lang
    def action_create_decision(self):
        """Open the dialog that drafts a decision from the passed nominations."""
        self.ensure_one()
        self._check_action_allowed("create_decision")
        return {
            "type": "ir.actions.act_window",
            "res_model": "appraisal.reward.decision.create",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
            "name": self.env._("Draft a Decision"),
        }

    @in_user_lang
    def action_open_nominations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly_reward.appraisal_reward_nomination_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id, "search_default_group_title": 1}
        return action

    @in_user_lang
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
    def _get_undecided_nominations(self):
        """The passed nominations not yet in a decision (cancelled ones aside)."""
        self.ensure_one()
        return self.nomination_ids.filtered(
            lambda n: n.state == "passed" and not n.award_ids.filtered(
                lambda a: a.decision_id.state != "cancelled"))

    def _get_decision_date_warning(self, date):
        """A warning (never a refusal) for a decision dated before the end
        of the campaign's year: the titles of a year are decided after it."""
        self.ensure_one()
        if date and self.year and fields.Date.to_date(date) <= datetime.date(self.year, 12, 31):
            return self.env._(
                "The decision is dated %(date)s, before the end of %(year)s whose titles it "
                "grants: check the date (the base salary in force on it sets the amounts).",
                date=fields.Date.to_date(date).strftime("%d/%m/%Y"), year=self.year)
        return False

    def _create_decision(self, authority, titles=None, number=False, date=False,
                         signer_name=False, nominations=None):
        """Draft a decision of ``authority`` awarding the passed nominations
        not yet in a decision: ``nominations`` when given (the committee's
        pick), else those of ``titles`` (every title when None)."""
        self.ensure_one()
        self._check_action_allowed("create_decision")
        undecided = self._get_undecided_nominations()
        if nominations is not None:
            stray = nominations - undecided
            if stray:
                raise UserError(self.env._(
                    "%(nominations)s cannot be decided here: only passed nominations of this "
                    "campaign not yet in a decision.",
                    nominations=", ".join(stray.mapped("display_name"))))
            if not nominations:
                raise UserError(self.env._("Pick the nominations the decision awards."))
        else:
            nominations = undecided
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
    def _get_year_units(self, year_rows):
        """{department id: UnitFacts} of the campaign's year: the members
        are the people whose annual result of the year was in the unit
        (``year_rows``: the year's results, with their unit at the time),
        the level is the one the committee recorded for the unit."""
        self.ensure_one()
        members = defaultdict(list)
        for row in year_rows:
            if row["span_department_id"]:
                members[row["span_department_id"][0]].append(row["employee_id"][0])
        recorded = self.env["appraisal.reward.unit.level"].sudo().search(
            [("company_id", "=", self.company_id.id), ("year", "=", self.year)])
        levels = {line.department_id.id: line for line in recorded}
        departments = self.env["hr.department"].sudo().with_context(active_test=False).browse(
            set(members) | {line.department_id.id for line in recorded if line.level})
        return {
            department.id: eligibility.UnitFacts(
                name=department.name, head_key=department.manager_id.id or None,
                member_keys=members.get(department.id, []),
                level=levels[department.id].level or None if department.id in levels else None,
                rated_by=levels[department.id].rated_by or None
                if department.id in levels else None)
            for department in departments
        }

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
        # The people of the year: whoever has an annual result of the year
        # (archived since, or moved: they count where they were then).
        year_rows = Summary.search_read(
            [("company_id", "=", company.id), ("period_type", "=", "year"), ("year", "=", year)],
            ["employee_id", "span_department_id"])
        active_ids = set(employees.ids)
        employees |= Employee.with_context(active_test=False).browse(
            {row["employee_id"][0] for row in year_rows})
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
        units = self._get_year_units(year_rows)
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
                    if key not in summary_ids or key not in active_ids:
                        continue  # no annual result, or gone: not a candidate
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
        with Nomination._workflow_creating():
            created = Nomination.create(to_create) if to_create else Nomination
        if nominations is None:
            nominations = self.sudo().nomination_ids.filtered(
                lambda n: n.state in OPEN_NOMINATION_STATES)
        targets = nominations.sudo() | created
        Condition = self.env["appraisal.reward.nomination.condition"].sudo()
        with creating(self.env, Condition._name):
            targets.condition_ids.unlink()
        line_vals = []
        for nomination in targets:
            _title, kind, key = nomination._get_candidate_key()
            conditions = results.get((nomination.title_id.code, kind, key), [])
            line_vals.extend({
                "nomination_id": nomination.id, "sequence": sequence,
                "code": condition.code, "met": condition.met, "params": condition.params,
            } for sequence, condition in enumerate(conditions))
        with creating(self.env, Condition._name):
            Condition.create(line_vals)
        # The annual result behind each individual nomination (found once
        # the result exists; a nomination keeps its result).
        for nomination in targets.filtered(lambda n: n.employee_id and not n.summary_id):
            if summary_ids.get(nomination.employee_id.id):
                nomination._workflow_write({"summary_id": summary_ids[nomination.employee_id.id]})
        return created
