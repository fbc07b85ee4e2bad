from . import appraisal_task
from . import appraisal_form
