from . import appraisal_reward_council_minutes
