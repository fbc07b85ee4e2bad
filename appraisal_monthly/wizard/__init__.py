from . import appraisal_form_return
