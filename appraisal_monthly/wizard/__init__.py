from . import appraisal_form_return
from . import appraisal_period_generate
from . import quota_check
