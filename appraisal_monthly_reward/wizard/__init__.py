from . import appraisal_reward_decision_create
from . import appraisal_reward_award_revoke
