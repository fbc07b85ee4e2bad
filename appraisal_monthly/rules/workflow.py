"""The appraisal form's workflow, in plain Python: which action may start
from which state, and where it leads.

Nothing here imports Odoo: ``appraisal.form`` checks each step with
:func:`can_transition` (``_check_transition``) before its guards and its
writes, and the top-level ``tests/`` read the table without a database.

    draft --submit--> submitted --review--> reviewed --approve--> approved
      ^                  |                     |                     |
      +------return------+---------return------+                     |
      +<-----------------------reset_to_draft (HR)-------------------+
    draft/submitted/reviewed --cancel (HR)--> cancelled --reset_to_draft--> draft
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


def can_transition(state, action):
    """True when ``action`` may be applied to a form in ``state``."""
    return state in TRANSITIONS.get(action, ())
