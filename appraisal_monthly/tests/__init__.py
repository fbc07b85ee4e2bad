from . import test_scoring_rules
from . import test_criteria_set
from . import test_appraisal_flow
from . import test_access_rights
from . import test_generation_reminders
from . import test_work_plan
from . import test_quota_publication
from . import test_discipline_remediation
