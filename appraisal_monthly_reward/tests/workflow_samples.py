"""A valid creation of each model of this addon that inherits the workflow
mixin, for the core's ``test_security_create_defaults`` (which finds the
models and tries every protected field on them as every role).

``SAMPLES = {model: function(case, user) -> vals}``: ``case`` is the
running ``SecurityCommon`` test of the core (its people in the main
company), ``user`` the role about to create (None: the server's own code).
What a record needs is made here with ``sudo()``, inside the rolled-back
savepoint of the attempt.
"""
import uuid


def _campaign_record(case):
    """A campaign in preparation of the main company: the same one for every
    attempt when there is one (the stored related fields then compare)."""
    Campaign = case.env["appraisal.reward.campaign"].sudo()
    company = case.env.ref("base.main_company")
    return Campaign.search([("company_id", "=", company.id), ("state", "=", "draft")],
                           order="id", limit=1) or Campaign.create({
        "name": "Sample %s" % uuid.uuid4().hex[:8], "year": 2031, "company_id": company.id})


def _title(case, code):
    return case.env["appraisal.reward.title"].sudo().search([("code", "=", code)], limit=1)


def _campaign(case, user):
    return {"name": "Sample %s" % uuid.uuid4().hex[:8], "year": 2031}


def _nomination(case, user):
    return {"campaign_id": _campaign_record(case).id, "title_id": _title(case, "GIAY_KHEN").id,
            "employee_id": case.emp_staff.id}


def _unit_proposal(case, user):
    return {"campaign_id": _campaign_record(case).id,
            "unit_id": case.emp_staff.department_id.id}


def _vote(case, user):
    nomination = case.env["appraisal.reward.nomination"].sudo().create(_nomination(case, None))
    return {"nomination_id": nomination.id, "user_id": case.user_committee.id}


def _decision(case, user):
    return {"date": "2027-01-15",
            "authority_id": case.env.ref("appraisal_monthly_reward.authority_commune_chair").id,
            "company_id": case.env.ref("base.main_company").id}


def _award(case, user):
    # A past award (titles held before the system), of an employee who is
    # not the creating user.
    return {"title_id": _title(case, "LDTT").id, "employee_id": case.emp_outsider.id
            if user != case.user_outsider else case.emp_staff.id,
            "year": 2024, "external_reference": "1/QĐ-UBND"}


SAMPLES = {
    "appraisal.reward.campaign": _campaign,
    "appraisal.reward.nomination": _nomination,
    "appraisal.reward.unit.proposal": _unit_proposal,
    "appraisal.reward.vote": _vote,
    "appraisal.reward.decision": _decision,
    "appraisal.reward.award": _award,
}
