from . import appraisal_form_report
from . import appraisal_period_summary
from . import appraisal_period_xlsx
from . import appraisal_summary_xlsx
