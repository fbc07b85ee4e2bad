"""The reward addon's state tables (rules/workflow.py), no Odoo."""
from conftest import load_reward_rules

wf = load_reward_rules("workflow")
validation = load_reward_rules("validation")

TABLES = {
    "appraisal.reward.campaign": wf.CAMPAIGN_TRANSITIONS,
    "appraisal.reward.nomination": wf.NOMINATION_TRANSITIONS,
    "appraisal.reward.unit.proposal": wf.UNIT_PROPOSAL_TRANSITIONS,
    "appraisal.reward.decision": wf.DECISION_TRANSITIONS,
    "appraisal.reward.award": wf.AWARD_TRANSITIONS,
    "appraisal.reward.vote": wf.BALLOT_TRANSITIONS,
}


def test_every_step_has_a_role():
    for model, table in TABLES.items():
        assert set(wf.ROLES[model]) == set(table), model
        assert set(wf.ROLES[model].values()) <= {"committee", "unit_head", "member"}


def test_the_council_counts_only_what_it_was_given():
    assert wf.target(wf.NOMINATION_TRANSITIONS, "pass", "checked") == "passed"
    for state in ("draft", "submitted", "rejected", "withdrawn", "awarded"):
        assert wf.target(wf.NOMINATION_TRANSITIONS, "pass", state) is None
    # Only a passed nomination is awarded.
    assert [s for s, _t in wf.NOMINATION_TRANSITIONS["award"].items()] == ["passed"]
    # Back to preparation from the vote, never from a closed count.
    assert wf.target(wf.CAMPAIGN_TRANSITIONS, "reset_to_draft", "closed") is None
    assert "close_voting" in wf.CAMPAIGN_SERIALISED


def test_signed_decisions_and_ballots():
    assert wf.target(wf.DECISION_TRANSITIONS, "cancel", "issued") is None
    assert wf.target(wf.DECISION_TRANSITIONS, "reset_to_draft", "issued") is None
    assert wf.target(wf.AWARD_TRANSITIONS, "revoke", "revoked") is None
    assert wf.target(wf.BALLOT_TRANSITIONS, "cast_for", False) == "for"
    assert wf.target(wf.BALLOT_TRANSITIONS, "cast_yes", False) is None


def test_sane_years_and_amounts():
    assert validation.year_in_range(2026)
    for year in (0, 99999, 1944, 2101, "2026", True, 2026.0):
        assert not validation.year_in_range(year)
    assert validation.positive_amount(2340000)
    for amount in (0, -1, float("nan"), float("inf"), "1", True):
        assert not validation.positive_amount(amount)
