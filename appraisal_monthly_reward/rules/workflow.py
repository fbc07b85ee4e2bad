"""The workflows of the commendation records, in plain Python: which step
may start from which status, where it leads, and whose step it is.

Nothing here imports Odoo: each model declares its table as
``_workflow_transitions`` of ``appraisal.workflow.mixin`` (the core's one
gate: state table, role, row lock, named guards, the write under the cursor
mark, named follow-ups); the top-level ``tests/`` read them without a
database.  A step that changes no status (Find Candidates) maps its states
onto themselves: the gate checks it all the same.

Campaign::

    draft --open_voting--> voting --close_voting--> closed
      ^                      |  ^------reopen_voting----+
      +----reset_to_draft----+  (no ballot cast)
    draft/voting/closed --cancel--> cancelled --reset_to_draft--> draft

Nomination (the unit proposes, the officer forwards, the count decides)::

    draft --submit--> submitted --forward--> checked --pass--> passed --award--> awarded
      ^                  |                      +----reject--> rejected
      +----return--------+    draft/submitted/checked/passed --withdraw--> withdrawn

Decision::  draft --issue--> issued;  draft --cancel--> cancelled --reset_to_draft--> draft
Award::     awarded --revoke--> revoked;  awarded --confirm_rating--> awarded
Unit list:: draft --submit--> submitted --forward--> forwarded;  submitted --return--> draft
Ballot::    (not cast) --cast--> for / against / abstain (again while the council votes)
"""

CAMPAIGN_TRANSITIONS = {
    "find_candidates": {"draft": "draft"},
    "confirm_rules": {"draft": "draft"},
    "forward_eligible": {"draft": "draft"},
    "open_voting": {"draft": "voting"},
    "close_voting": {"voting": "closed"},
    "reopen_voting": {"closed": "voting"},
    "create_decision": {"closed": "closed"},
    "cancel": {"draft": "cancelled", "voting": "cancelled", "closed": "cancelled"},
    "reset_to_draft": {"cancelled": "draft", "voting": "draft"},
}
NOMINATION_TRANSITIONS = {
    "submit": {"draft": "submitted"},
    "forward": {"draft": "checked", "submitted": "checked"},
    "return": {"submitted": "draft"},
    "pass": {"checked": "passed"},
    "reject": {"checked": "rejected"},
    "reopen_vote": {"passed": "checked", "rejected": "checked", "withdrawn": "checked"},
    "back_to_unit": {"checked": "submitted", "passed": "submitted", "rejected": "submitted"},
    "withdraw": {"draft": "withdrawn", "submitted": "withdrawn", "checked": "withdrawn",
                 "passed": "withdrawn"},
    "award": {"passed": "awarded"},
}
UNIT_PROPOSAL_TRANSITIONS = {
    "submit": {"draft": "submitted"},
    "forward": {"submitted": "forwarded"},
    "return": {"submitted": "draft"},
}
DECISION_TRANSITIONS = {
    "issue": {"draft": "issued"},
    "cancel": {"draft": "cancelled"},
    "reset_to_draft": {"cancelled": "draft"},
}
AWARD_TRANSITIONS = {
    "revoke": {"awarded": "revoked"},
    "confirm_rating": {"awarded": "awarded"},
}
BALLOT_VALUES = ("for", "against", "abstain")
BALLOT_TRANSITIONS = {
    "cast_" + value: {state: value for state in (False,) + BALLOT_VALUES}
    for value in BALLOT_VALUES
}

# Whose step it is: "committee" (the reward committee and the emulation
# officer), "unit_head" (the committee, or the head of each record's unit),
# "member" (the council member whose ballot it is).
ROLES = {
    "appraisal.reward.campaign": {action: "committee" for action in CAMPAIGN_TRANSITIONS},
    "appraisal.reward.nomination": dict(
        {action: "committee" for action in NOMINATION_TRANSITIONS}, submit="unit_head"),
    "appraisal.reward.unit.proposal": {
        "submit": "unit_head", "forward": "committee", "return": "committee"},
    "appraisal.reward.decision": {action: "committee" for action in DECISION_TRANSITIONS},
    "appraisal.reward.award": {action: "committee" for action in AWARD_TRANSITIONS},
    "appraisal.reward.vote": {action: "member" for action in BALLOT_TRANSITIONS},
}
# The steps that must see each other, serialised on the campaign's row: a
# ballot cast while the vote is being closed waits, then is refused (or
# counted); the council's composition is read once the vote opens.
CAMPAIGN_SERIALISED = ("open_voting", "close_voting", "reopen_voting", "reset_to_draft",
                       "cancel")


def target(transitions, action, state):
    """The status reached from ``state`` by ``action`` (None: not possible)."""
    return transitions.get(action, {}).get(state)
