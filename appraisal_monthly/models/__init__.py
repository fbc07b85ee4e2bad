from . import res_company
from . import res_config_settings
from . import appraisal_criteria_set
from . import appraisal_criterion
from . import appraisal_period
from . import appraisal_form
from . import appraisal_form_line
from . import hr_employee
