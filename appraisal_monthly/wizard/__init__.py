from . import appraisal_form_return
from . import appraisal_period_generate
from . import quota_check
from . import appraisal_period_export
from . import appraisal_summary_export
