from . import appraisal_task_project_import
