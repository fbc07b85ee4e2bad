from . import appraisal_reward_council_minutes
from . import decision_docx
from . import decision_xlsx
