import datetime

from odoo import api, fields, models

# The demo commune's past year (appraisal_monthly's demo people): the share
# of the maximum each one scores every quarter (0.9 and more: Excellent;
# 0.7: Good; 0.5: Completed), and the quarters rated when not all four.
DEMO_SCORES = {
    "hung": 0.95, "ha": 0.85, "tuan": 0.84, "lan": 0.86, "anh": 0.83, "nam": 0.82,
    "trang": 0.80, "thang": 0.87, "huong": 0.81, "vinh": 0.65, "duc": 0.92, "manh": 0.86,
    "mai": 0.84, "long": 0.83, "nhung": 0.85, "phuc": 0.84, "huyen": 0.80, "bao": 0.62,
    "thao": 0.94, "tung": 0.85, "yen": 0.83, "nguyet": 0.82,
}
DEMO_QUARTERS = {"nguyet": (3, 4)}  # recruited in August
DEMO_RECRUITED = {"nguyet": (8, 1)}  # month, day of the past year; the others years before
DEMO_UNIT_LEVELS = {
    "leadership": "excellent", "office": "good", "finance": "good", "land": "excellent",
    "culture": "completed", "justice": "excellent",
}


class AppraisalRewardCampaign(models.Model):
    """Demo only: the Thống Nhất commune's past year, rated quarter by
    quarter through the appraisal workflow, so that its campaign rewards."""

    _name = "appraisal.reward.campaign"
    _inherit = "appraisal.reward.campaign"

    @api.model
    def _demo_rate_past_year(self):
        """Recruitment dates, four approved quarters of the past year for
        everyone of the demo commune, and the units' own levels."""
        ref = self.env.ref
        admin = ref("base.user_admin")
        if not ref("appraisal_monthly.employee_hung_demo", raise_if_not_found=False):
            return False
        year = fields.Date.context_today(self).year - 1
        company = ref("base.main_company")
        employees = {key: ref("appraisal_monthly.employee_%s_demo" % key) for key in DEMO_SCORES}
        for key, employee in employees.items():
            month, day = DEMO_RECRUITED.get(key, (3, 1))
            employee.reward_date_recruited = datetime.date(
                year if key in DEMO_RECRUITED else year - 6 - len(key) % 5, month, day)
        Period = self.env["appraisal.period"].with_context(lang="vi_VN")
        Form = self.env["appraisal.form"].with_context(
            lang="vi_VN", tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        for quarter in (1, 2, 3, 4):
            period = Period.create({
                "name": "Quý %s/%s" % (quarter, year), "period_type": "quarter",
                "date_start": datetime.date(year, 3 * quarter - 2, 1),
                "company_id": company.id,
            })
            period.action_open()
            forms = Form.create([
                {"employee_id": employee.id, "period_id": period.id}
                for key, employee in employees.items()
                if quarter in DEMO_QUARTERS.get(key, (1, 2, 3, 4))])
            for form in forms:
                ratio = DEMO_SCORES[next(k for k, e in employees.items() if e == form.employee_id)]
                for line in form.line_ids.filtered(
                        lambda l: l.kind == "score" and not l.display_type and l.max_score):
                    line.self_score = round(line.max_score * ratio, 2)
            forms.with_user(admin).action_submit()
            for form in forms:
                for line in form.line_ids.filtered(
                        lambda l: l.kind == "score" and not l.display_type and l.max_score):
                    line.manager_score = line.self_score
            forms.with_user(admin).action_review()
            forms.with_user(admin).action_approve()
        self.env["appraisal.summary"]._refresh_company_year(company, year)
        self.env["appraisal.reward.unit.level"].with_user(admin).create([{
            "company_id": company.id, "year": year,
            "department_id": ref("appraisal_monthly.dep_%s_demo" % key).id, "level": level,
            "rated_by": "Đảng ủy - UBND xã Thống Nhất",
            "basis": "Quyết định số 03/QĐ-UBND ngày 08/01/%s về xếp loại tập thể" % (year + 1),
        } for key, level in DEMO_UNIT_LEVELS.items()])
        return True

    def _demo_run_committee_year(self):
        """The committee's year on the demo campaign: rules confirmed,
        candidates found, a unit head's hand-made Giấy khen, the council's
        vote, and the commune chair's decision on LĐTT issued."""
        ref = self.env.ref
        officer = ref("appraisal_monthly.user_hoidongtdkt_demo")
        head = ref("appraisal_monthly.user_truongvp_demo")
        for campaign in self:
            mine = campaign.with_user(officer)
            mine.action_confirm_rules()
            mine.action_find_candidates()
            proposal = self.env["appraisal.reward.unit.proposal"].with_user(head).create({
                "campaign_id": campaign.id, "unit_id": ref("appraisal_monthly.dep_office_demo").id,
                "date_meeting": datetime.date(campaign.year, 12, 20),
                "note": "Họp bình xét ngày 20/12: thống nhất danh sách đề nghị của bộ phận.",
            })
            proposal.write({"nomination_ids": [fields.Command.create({
                "campaign_id": campaign.id, "title_id": ref("appraisal_monthly_reward.title_giay_khen").id,
                "employee_id": ref("appraisal_monthly.employee_nam_demo").id,
                "justification": "Hoàn thành xuất sắc việc chuyển đổi Bộ phận Một cửa sang "
                                 "dịch vụ công trực tuyến toàn trình.",
            })]})
            proposal.write({"minutes": "UEsDBA==", "minutes_name": "bien_ban_binh_xet.pdf"})
            proposal.action_submit()
            proposal.with_user(officer).action_forward()
            mine.action_forward_eligible()
            mine.action_open_voting()
            for member in campaign.council_user_ids:
                ballots = self.env["appraisal.reward.vote"].with_user(member).search(
                    [("campaign_id", "=", campaign.id), ("vote", "=", False)])
                for ballot in ballots:
                    ballot.action_vote_for()
            mine.action_close_voting()
            decision = mine._create_decision(
                ref("appraisal_monthly_reward.authority_commune_chair"),
                titles=ref("appraisal_monthly_reward.title_ldtt")
                | ref("appraisal_monthly_reward.title_giay_khen"),
                number="05/QĐ-UBND", date=datetime.date(campaign.year + 1, 1, 15),
                signer_name="Nguyễn Văn Hùng")
            decision.with_user(officer).action_issue()
            # The agency head's titles wait in a draft decision.
            agency = ref("appraisal_monthly_reward.authority_agency_head")
            mine._create_decision(
                agency, titles=agency.title_ids, date=datetime.date(campaign.year + 1, 1, 20))
        return True
