"""The workflows of the appraisal form and of the period, in plain Python:
which action may start from which state, and where it leads.

Nothing here imports Odoo: the gate of ``appraisal.workflow.mixin``
(``_check_action_allowed``) reads these tables (``FORM_TRANSITIONS``,
``PERIOD_TRANSITIONS``, ``ACTION_PLAN_TRANSITIONS``,
``SUMMARY_TRANSITIONS``: ``{action: {from state: to state}}``) with the
user's role, before the features' guards; the top-level ``tests/`` read
them without a database.

Form::

    draft --submit--> submitted --review--> reviewed --approve--> approved
      ^                  |                     |                     |
      +------return------+---------return------+                     |
      +<-----------------------reset_to_draft (HR)-------------------+
    draft/submitted/reviewed --cancel (HR)--> cancelled --reset_to_draft--> draft

Period::

    draft --open--> open --publish--> published --close--> closed
                     ^                    |                   |
                     +------reopen--------+<------reopen------+
"""

# Which workflow actions may start from which states.
TRANSITIONS = {
    "submit": ("draft",),
    "review": ("submitted",),
    "approve": ("reviewed",),
    "return": ("submitted", "reviewed"),
    "reset_to_draft": ("approved", "cancelled"),
    "cancel": ("draft", "submitted", "reviewed"),
}
TARGET_STATE = {
    "submit": "submitted",
    "review": "reviewed",
    "approve": "approved",
    "return": "draft",
    "reset_to_draft": "draft",
    "cancel": "cancelled",
}
# Who may take each step of a form, besides the state: "employee" (the
# form's own employee, or an HR officer on their behalf), "reviewer" (a
# superior allowed to review), "approver" (the head who approves), "hr"
# (an HR officer).  Nobody but the employee ever acts on their own form.
ROLES = {
    "submit": "employee",
    "review": "reviewer",
    "approve": "approver",
    "return": "reviewer_or_approver",
    "reset_to_draft": "hr",
    "cancel": "hr",
}

# The form's table as the workflow mixin reads it: {action: {from: to}}.
FORM_TRANSITIONS = {
    action: {state: TARGET_STATE[action] for state in states}
    for action, states in TRANSITIONS.items()
}

# The period: {action: {from state: to state}}.
PERIOD_TRANSITIONS = {
    "open": {"draft": "open"},
    "publish": {"open": "published"},
    "close": {"published": "closed"},
    "reopen": {"closed": "published", "published": "open"},
}
# The action plan (a programme of remedies after a Failed level):
# draft --start--> in_progress --done--> done --start--> in_progress;
# draft/in_progress --cancel--> cancelled --draft--> draft.
ACTION_PLAN_TRANSITIONS = {
    "start": {"draft": "in_progress", "done": "in_progress"},
    "done": {"in_progress": "done"},
    "cancel": {"draft": "cancelled", "in_progress": "cancelled"},
    "draft": {"cancelled": "draft"},
}

# A quarterly or annual result: kept up to date until HR locks it.
SUMMARY_TRANSITIONS = {
    "lock": {"draft": "locked"},
    "unlock": {"locked": "draft"},
}

# Period states in which forms may still be made (generation, late joiners).
PERIOD_ACCEPTS_FORMS = ("draft", "open")

# Forms that carry a level (the self-assessed one from submission on).
RATED_STATES = ("submitted", "reviewed", "approved")
# Forms whose level the superior has given: the quota check, the dashboard's
# quota and the approval all count these, and nothing else, as Good.
QUOTA_STATES = ("reviewed", "approved")


def can_transition(state, action):
    """True when ``action`` may be applied to a form in ``state``."""
    return state in TRANSITIONS.get(action, ())


def period_target(state, action):
    """The state a period in ``state`` reaches by ``action``, or None when
    the action is not possible from that state."""
    return PERIOD_TRANSITIONS.get(action, {}).get(state)
