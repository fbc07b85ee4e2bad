{
    "name": "Monthly Appraisal - Project Tasks",
    "summary": "Fill the appraisal work plans from the Project app's tasks",
    "version": "1.0.0",
    "category": "Human Resources/Appraisal",
    "website": "https://github.com/appraisal-monthly/appraisal_monthly",
    "author": "appraisal_monthly developers",
    "maintainers": ["appraisal-monthly"],
    "license": "LGPL-3",
    "depends": ["appraisal_monthly", "project"],
    "data": [
        "security/ir.model.access.csv",
        "wizard/appraisal_task_project_import_views.xml",
        "views/appraisal_task_views.xml",
    ],
    "auto_install": True,
}
