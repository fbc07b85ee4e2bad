import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

# Scores (% of the maximum) of each person's approved quarterly forms, by
# year: two quarters a year (6 months worked, enough to be classified).
# The office has three units; see test_eligibility for what each person
# and unit is then eligible for.
SCORES = {
    "a_head": {2025: 90, 2026: 95},
    "a1": {2025: 85, 2026: 85},
    "a2": {2025: 70, 2026: 60},
    "a3": {2026: 65},
    "b_head": {2025: 88, 2026: 92},
    "b1": {2025: 80, 2026: 80},
    "b2": {2026: 91},
    "b3": {2026: 80},
    "c_head": {2025: 95, 2026: 96},
    "c1": {2025: 85, 2026: 93},
    "c2": {2026: 75},
}
UNITS = {"A": ["a_head", "a1", "a2", "a3"], "B": ["b_head", "b1", "b2", "b3", "b4"],
         "C": ["c_head", "c1", "c2"]}


class RewardCommon(TransactionCase):
    """An office of a commune (its own company, apart from the demo data):
    three units, two years of approved ratings through the core's workflow,
    initiatives, past awards and a reprimand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True,
                                       mail_create_nolog=True, mail_notrack=True))
        cls.env["res.lang"]._activate_lang("en_US")
        cls.company = cls.env["res.company"].create({"name": "UBND xã Kiểm Thử"})
        cls.company.appraisal_quota_enabled = False
        companies = [Command.set(cls.company.ids)]

        def user(login, groups):
            return new_test_user(cls.env, login=login, name=login, lang="en_US",
                                 groups="base.group_user," + groups if groups else "base.group_user",
                                 company_id=cls.company.id, company_ids=companies)

        cls.user_admin = user("rw_admin", "appraisal_monthly.group_appraisal_manager")
        cls.user_hr = user("rw_hr", "appraisal_monthly.group_appraisal_officer")
        cls.user_officer = user("rw_officer", "appraisal_monthly_reward.group_reward_officer")
        cls.user_committee = user("rw_committee", "appraisal_monthly.group_appraisal_committee")
        cls.members = [user("rw_member%s" % i, "appraisal_monthly_reward.group_reward_council")
                       for i in (1, 2, 3)]
        Employee = cls.env["hr.employee"].with_company(cls.company)
        Department = cls.env["hr.department"].with_company(cls.company)
        cls.units, cls.emp, cls.users = {}, {}, {}
        for unit, people in UNITS.items():
            department = Department.create({"name": "Unit %s" % unit, "company_id": cls.company.id})
            cls.units[unit] = department
            for key in people:
                login_user = user("rw_%s" % key, "") if key in ("a_head", "a1", "b3") else False
                cls.users[key] = login_user
                cls.emp[key] = Employee.create({
                    "name": key, "department_id": department.id, "company_id": cls.company.id,
                    "user_id": login_user.id if login_user else False,
                })
            department.manager_id = cls.emp[people[0]]
        cls.set = cls.env["appraisal.criteria.set"].create({
            "name": "Reward test set", "code": "RWT", "target": "staff",
            "company_id": cls.company.id,
            "criterion_ids": [Command.create({"name": "Results", "max_score": 100, "kind": "score"})],
        })
        cls.periods = {}
        # A reprimand of b3 in 2026: its year is Failed.
        cls.env["appraisal.discipline"].create({
            "employee_id": cls.emp["b3"].id, "kind": "reprimand", "date": "2026-05-10",
            "decision_number": "21/QĐ-UBND",
        })
        for key, years in SCORES.items():
            for year, score in years.items():
                for month in (1, 4):
                    cls.approve(cls.emp[key], year, month, score)
        # b4 was recruited in the autumn: one quarter rated.
        cls.approve(cls.emp["b4"], 2026, 10, 88)
        Initiative = cls.env["appraisal.reward.initiative"]
        Initiative.create([
            {"name": "Một cửa điện tử", "employee_ids": [Command.set(cls.emp["b1"].ids)],
             "scope": "grassroots", "date": "2026-09-01", "reference": "3/QĐ-HĐSK",
             "company_id": cls.company.id},
            {"name": "GIS đất công", "employee_ids": [Command.set(cls.emp["c_head"].ids)],
             "scope": "province", "date": "2025-06-01", "reference": "1520/QĐ-UBND",
             "company_id": cls.company.id},
            {"name": "Bản đồ số", "employee_ids": [Command.set(cls.emp["c1"].ids)],
             "scope": "province", "date": "2026-06-01", "reference": "1600/QĐ-UBND",
             "company_id": cls.company.id},
        ])
        cls.title = {code: cls.env["appraisal.reward.title"].search([("code", "=", code)])
                     for code in ("LDTT", "CSTDCS", "CSTD_TINH", "GIAY_KHEN", "BANG_KHEN_TINH",
                                  "TT_LDTT", "TT_LDXS")}
        Award = cls.env["appraisal.reward.award"]
        # Past awards: c_head CSTĐCS in 2024 and 2025; c1 in 2024 only (a gap).
        Award.create([
            {"title_id": cls.title["CSTDCS"].id, "employee_id": cls.emp[key].id, "year": year,
             "external_reference": "%s/QĐ-UBND" % (year - 2000)}
            for key, year in (("c_head", 2024), ("c_head", 2025), ("c1", 2024))
        ])
        # The units' own levels, as the committee records them (here equal
        # to their heads' levels; tests of the difference change them).
        cls.unit_levels = cls.env["appraisal.reward.unit.level"].with_user(cls.user_committee) \
            .create([{"company_id": cls.company.id, "year": 2026, "department_id": dep.id,
                      "level": "excellent", "rated_by": "UBND huyện Kiểm Thử",
                      "basis": "QĐ 9/QĐ-UBND ngày 20/12/2026"} for dep in cls.units.values()])
        cls.authority = {
            code: cls.env.ref("appraisal_monthly_reward.authority_%s" % code)
            for code in ("commune_chair", "agency_head", "province_chair")}
        cls.campaign = cls.env["appraisal.reward.campaign"].create({
            "name": "Thi đua 2026", "year": 2026, "company_id": cls.company.id,
            "council_user_ids": [Command.set([u.id for u in cls.members])],
        })

    @classmethod
    def approve(cls, employee, year, month, score):
        key = (year, month)
        if key not in cls.periods:
            period = cls.env["appraisal.period"].create({
                "date_start": datetime.date(year, month, 1), "period_type": "quarter",
                "company_id": cls.company.id,
            })
            period.action_open()
            cls.periods[key] = period
        form = cls.env["appraisal.form"].create({
            "employee_id": employee.id, "period_id": cls.periods[key].id,
            "criteria_set_id": cls.set.id,
        })
        admin = cls.user_admin
        line = form.line_ids.filtered(lambda l: l.kind == "score" and not l.display_type)
        line.with_user(admin).self_score = score
        form.with_user(admin).action_submit()
        line.with_user(admin).manager_score = score
        form.with_user(admin).action_review()
        if form.sudo()._get_discipline_measures(veto_only=True)[form.id]:
            # A reprimand in the period: the head sets Failed, as the core requires.
            form.with_user(admin).write({"rating": "failed",
                                         "rating_change_reason": "Kỷ luật khiển trách trong kỳ"})
        form.with_user(admin).action_approve()
        return form

    # helpers ---------------------------------------------------------------
    def nominations(self, code, eligible=None):
        noms = self.campaign.nomination_ids.filtered(lambda n: n.title_id.code == code)
        if eligible is not None:
            noms = noms.filtered(lambda n: n.eligible == eligible)
        return noms

    def people(self, nominations):
        names = {emp.id: key for key, emp in self.emp.items()}
        units = {dep.id: key for key, dep in self.units.items()}
        return {names.get(n.employee_id.id) or units.get(n.department_id.id) for n in nominations}

    def nomination(self, code, key):
        target = self.emp.get(key) or self.units.get(key)
        field = "employee_id" if key in self.emp else "department_id"
        return self.campaign.nomination_ids.filtered(
            lambda n: n.title_id.code == code and n[field] == target)

    def run_to_vote(self):
        self.campaign.with_user(self.user_officer).action_find_candidates()
        self.campaign.with_user(self.user_officer).action_forward_eligible()
        self.campaign.with_user(self.user_officer).action_open_voting()

    def cast_all(self, value="for", except_codes=()):
        for member in self.members:
            ballots = self.env["appraisal.reward.vote"].with_user(member).search(
                [("campaign_id", "=", self.campaign.id)])
            for ballot in ballots:
                if ballot.title_id.code not in except_codes:
                    getattr(ballot, "action_vote_%s" % value)()
