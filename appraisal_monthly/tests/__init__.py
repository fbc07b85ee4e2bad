from . import test_scoring_rules
from . import test_criteria_set
from . import test_appraisal_flow
from . import test_access_rights
